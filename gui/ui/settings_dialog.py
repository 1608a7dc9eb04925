"""Settings: per account the API key (masked, kept in the OS keyring, with a "Test key" button
that shows the balance), base URL and polling interval; download folder; notifications.
Non-modal on purpose: a modal exec() would stall the asyncio loop (style.md)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gui.domain.wording import localize
from gui.i18n import translate
from gui.providers import PROVIDERS
from gui.storage.key_rules import ACCOUNT_LABELS
from gui.storage.settings import (
    ACCOUNT_NAMES,
    DEFAULT_FILENAME_TEMPLATE,
    AccountSettings,
    Settings,
)
from gui.ui.appearance import set_tone
from gui.ui.key_field_state import KeyFieldState

DEFAULT_URLS = {
    "mountsea": "https://api.mountsea.ai",
    "sunor": "https://sunor.cc",
    "crun": "https://api.crun.ai",
}


@dataclass
class AccountForm:
    key: QLineEdit
    key_source: QLabel
    test_button: QPushButton
    test_result: QLabel
    base_url: QLineEdit
    interval: QDoubleSpinBox
    remove_button: QPushButton | None = None
    state: KeyFieldState | None = None  # what the row may offer (set once the keyring answered)


class SettingsDialog(QDialog):
    """Emits intent; the controller stores keys and settings and answers with set_* calls."""

    save_requested = Signal(object, dict)  # Settings, {account: new key or "" to delete}
    test_key_requested = Signal(str, str, str)  # account, key typed ("" = stored), base URL

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tunewatch settings"))
        self.setModal(False)
        self._settings = settings
        self.forms: dict[str, AccountForm] = {}
        self._cleared: set[str] = set()
        # The sections scroll and Save/Cancel stay put: on a short screen (800x600) the dialog
        # used to squash its Files section and push its buttons off the screen.
        outer = QVBoxLayout(self)
        page = QWidget()
        layout = QVBoxLayout(page)
        self.sections = QScrollArea()
        self.sections.setObjectName("settingsScroll")
        self.sections.setWidgetResizable(True)
        self.sections.setFrameShape(QScrollArea.Shape.NoFrame)
        self.sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sections.setWidget(page)
        outer.addWidget(self.sections, 1)
        self.keyring_label = QLabel(self.tr("Checking the system keyring…"))
        self.keyring_label.setTextFormat(Qt.TextFormat.PlainText)
        self.keyring_label.setWordWrap(True)
        layout.addWidget(self.keyring_label)
        for account in ACCOUNT_NAMES:
            layout.addWidget(self._account_box(account, settings.account(account)))

        general = QGroupBox(self.tr("Files and notifications"))
        form = QFormLayout(general)
        folder_row = QHBoxLayout()
        self.download_folder = QLineEdit(settings.download_folder or "")
        self.download_folder.setPlaceholderText(self.tr("Your Music folder"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_folder)
        folder_row.addWidget(self.download_folder, 1)
        folder_row.addWidget(browse)
        form.addRow(self.tr("Download folder"), folder_row)
        self.template = QLineEdit(settings.filename_template)
        self.template.setObjectName("filenameTemplate")
        self.template.setToolTip(
            self.tr("Placeholders: {placeholders}").format(
                placeholders="{title} {clip_id8} {clip_id} {task_id} {provider} {model} {date} {n}"
            )
        )
        form.addRow(self.tr("File names"), self.template)
        self.artist = QLineEdit(settings.artist or "")
        self.artist.setPlaceholderText(self.tr("The provider's name"))
        form.addRow(self.tr("Artist tag"), self.artist)
        self.album = QLineEdit(settings.album or "")
        self.album.setPlaceholderText(self.tr("None"))
        form.addRow(self.tr("Album tag"), self.album)
        self.notifications = QCheckBox(self.tr("Notify me when a task finishes or fails"))
        self.notifications.setChecked(settings.notifications)
        form.addRow(self.notifications)
        self.keep_finished = QCheckBox(
            self.tr("Keep finished tracks: save them locally as soon as they are ready")
        )
        self.keep_finished.setChecked(settings.keep_finished)
        form.addRow(self.keep_finished)
        form.addRow(self.tr("Language"), self._language_row(settings.language))
        self.appearance = QComboBox()
        self.appearance.setObjectName("appearance")
        for choice, name in (
            ("system", self.tr("System (follow the desktop)")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            self.appearance.addItem(name, choice)
        self.appearance.setCurrentIndex(max(self.appearance.findData(settings.appearance), 0))
        form.addRow(self.tr("Appearance"), self.appearance)
        layout.addWidget(general)

        self.error_label = QLabel()
        self.error_label.setObjectName("settingsError")
        set_tone(self.error_label, "error")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self._fit_to_screen(outer, page, buttons)

    def _fit_to_screen(self, outer: QVBoxLayout, page: QWidget, buttons: QWidget) -> None:
        """As tall as the sections need, but no taller than the screen (the rest scrolls)."""
        margins = outer.contentsMargins()
        chrome = buttons.sizeHint().height() + margins.top() + margins.bottom() + 24
        wanted = page.sizeHint().height() + chrome
        room = self.screen().availableGeometry().height() - 60  # the title bar and a gap
        scrollbar = self.sections.verticalScrollBar().sizeHint().width()
        width = max(640, page.sizeHint().width() + scrollbar + margins.left() + margins.right())
        self.resize(width, max(min(wanted, room), 320))

    def _language_row(self, chosen: str) -> QHBoxLayout:
        self.language = QComboBox()
        self.language.setObjectName("language")
        # Each language is named in itself, so a user who cannot read the current one finds theirs.
        for choice, name in (
            ("system", self.tr("System")),
            ("en", "English"),
            ("zh_CN", "简体中文"),
        ):
            self.language.addItem(name, choice)
        self.language.setCurrentIndex(max(self.language.findData(chosen), 0))
        note = QLabel(self.tr("Takes effect when Tunewatch restarts."))
        note.setObjectName("languageNote")
        set_tone(note, "muted")
        row = QHBoxLayout()
        row.addWidget(self.language)
        row.addWidget(note, 1)
        return row

    def _account_box(self, account: str, values: AccountSettings) -> QGroupBox:
        providers = ", ".join(p.name for p in PROVIDERS.values() if p.account == account)
        label = ACCOUNT_LABELS.get(account, account)
        box = QGroupBox(label if providers == label else f"{label}  —  {providers}")
        form = QFormLayout(box)
        key = QLineEdit()
        key.setObjectName(f"key_{account}")
        key.setEchoMode(QLineEdit.EchoMode.Password)  # shown masked, never in clear
        key.setPlaceholderText(self.tr("Paste a new key to replace the stored one"))
        key.textEdited.connect(lambda _t, a=account: self._cleared.discard(a))
        clear = QPushButton(self.tr("Remove key"))
        clear.clicked.connect(lambda _c=False, a=account: self._clear_key(a))
        test = QPushButton(self.tr("Test key"))
        test.setObjectName(f"test_{account}")
        row = QHBoxLayout()
        row.addWidget(key, 1)
        row.addWidget(test)
        row.addWidget(clear)
        form.addRow(self.tr("API key"), row)
        source = QLabel("…")
        source.setTextFormat(Qt.TextFormat.PlainText)
        source.setWordWrap(True)
        form.addRow("", source)
        result = QLabel()
        result.setObjectName(f"test_result_{account}")
        result.setTextFormat(Qt.TextFormat.PlainText)
        result.setWordWrap(True)
        form.addRow("", result)
        base_url = QLineEdit(values.base_url or "")
        base_url.setPlaceholderText(DEFAULT_URLS.get(account, ""))
        form.addRow(self.tr("Base URL"), base_url)
        interval = QDoubleSpinBox()
        interval.setRange(0, 3600)
        interval.setDecimals(0)
        interval.setSuffix(self.tr(" s"))
        # Empty: the estimate-driven schedule (sparse early, dense near the likely finish).
        interval.setSpecialValueText(self.tr("Automatic (dense near the likely finish)"))
        interval.setValue(values.interval or 0)
        form.addRow(self.tr("Check every"), interval)
        test.clicked.connect(
            lambda _c=False, a=account: self.test_key_requested.emit(
                a, self.forms[a].key.text().strip(), self.forms[a].base_url.text().strip()
            )
        )
        self.forms[account] = AccountForm(key, source, test, result, base_url, interval, clear)
        # Until the keyring answers, nothing can be tested or removed.
        test.setEnabled(False)
        clear.setEnabled(False)
        key.textEdited.connect(lambda _t, a=account: self._key_typed(a))
        return box

    # --- answers from the controller ------------------------------------------------------

    def set_keyring_status(self, text: str, usable: bool) -> None:
        text = localize(text, translate)
        self.keyring_label.setText(
            self.tr("Keys are stored in: {where}").format(where=text) if usable else text
        )
        set_tone(self.keyring_label, None if usable else "error")

    def set_keys_notice(self, text: str) -> None:
        """A plain notice instead of where keys are stored (the demo's keys are built in)."""
        self.keyring_label.setText(text)
        set_tone(self.keyring_label, None)

    def set_key_source(self, account: str, text: str, editable: bool) -> None:
        form = self.forms[account]
        form.key_source.setText(localize(text, translate))
        form.key.setEnabled(editable)
        if not editable:  # no "Paste a new key to replace the stored one" where none can be
            form.key.setPlaceholderText("")

    def apply_key_state(self, account: str, state: KeyFieldState) -> None:
        """Offer only what can act: the controller says where the key is (key_field_state)."""
        form = self.forms[account]
        form.state = state
        form.key_source.setText(state.source_text)
        form.key.setEnabled(state.editable)
        form.key.setPlaceholderText(state.placeholder)
        if form.remove_button is not None:
            form.remove_button.setEnabled(state.removable)
            form.remove_button.setToolTip(state.remove_tip)
        self._key_typed(account)

    def _key_typed(self, account: str) -> None:
        form = self.forms[account]
        typed = bool(form.key.text().strip())
        testable = typed or (form.state is not None and form.state.testable)
        form.test_button.setEnabled(testable)
        if form.state is not None:
            form.test_button.setToolTip(
                self.tr("Ask the provider for the balance with the key you typed")
                if typed
                else form.state.test_tip
            )

    def set_test_result(self, account: str, text: str, ok: bool) -> None:
        label = self.forms[account].test_result
        label.setText(localize(text, translate))
        set_tone(label, "ok" if ok else "error")

    def show_error(self, text: str | None) -> None:
        self.error_label.setText(localize(text, translate) if text else "")

    # --- internals -----------------------------------------------------------------------

    def _clear_key(self, account: str) -> None:
        self._cleared.add(account)
        self.forms[account].key.clear()
        self.forms[account].key_source.setText(
            self.tr("The stored key will be removed when you save.")
        )

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Download folder"), self.download_folder.text()
        )
        if folder:
            self.download_folder.setText(folder)

    def collect(self) -> tuple[Settings, dict[str, str]]:
        settings = Settings.from_json(self._settings.to_json())
        keys: dict[str, str] = {}
        for account, form in self.forms.items():
            values = settings.account(account)
            values.base_url = form.base_url.text().strip() or None
            values.interval = form.interval.value() or None
            typed = form.key.text().strip()
            if typed:
                keys[account] = typed
            elif account in self._cleared:
                keys[account] = ""
        settings.download_folder = self.download_folder.text().strip() or None
        settings.filename_template = self.template.text().strip() or DEFAULT_FILENAME_TEMPLATE
        settings.artist = self.artist.text().strip() or None
        settings.album = self.album.text().strip() or None
        settings.notifications = self.notifications.isChecked()
        settings.keep_finished = self.keep_finished.isChecked()
        settings.language = str(self.language.currentData() or "system")
        settings.appearance = str(self.appearance.currentData() or "system")
        return settings, keys

    def _save(self) -> None:
        settings, keys = self.collect()
        self.save_requested.emit(settings, keys)
