"""Settings: per account the API key (masked, kept in the OS keyring, with a "Test key" button
that shows the balance), base URL and polling interval; download folder; notifications.
Non-modal on purpose: a modal exec() would stall the asyncio loop (style.md)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
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
    QVBoxLayout,
    QWidget,
)

from gui.providers import PROVIDERS
from gui.storage.key_rules import ACCOUNT_LABELS
from gui.storage.settings import (
    ACCOUNT_NAMES,
    DEFAULT_FILENAME_TEMPLATE,
    AccountSettings,
    Settings,
)

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


class SettingsDialog(QDialog):
    """Emits intent; the controller stores keys and settings and answers with set_* calls."""

    save_requested = Signal(object, dict)  # Settings, {account: new key or "" to delete}
    test_key_requested = Signal(str, str, str)  # account, key typed ("" = stored), base URL

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tunewatch settings")
        self.setModal(False)
        self.resize(640, 600)
        self._settings = settings
        self.forms: dict[str, AccountForm] = {}
        self._cleared: set[str] = set()
        layout = QVBoxLayout(self)
        self.keyring_label = QLabel("Checking the system keyring…")
        self.keyring_label.setTextFormat(Qt.TextFormat.PlainText)
        self.keyring_label.setWordWrap(True)
        layout.addWidget(self.keyring_label)
        for account in ACCOUNT_NAMES:
            layout.addWidget(self._account_box(account, settings.account(account)))

        general = QGroupBox("Files and notifications")
        form = QFormLayout(general)
        folder_row = QHBoxLayout()
        self.download_folder = QLineEdit(settings.download_folder or "")
        self.download_folder.setPlaceholderText("Your Music folder")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._choose_folder)
        folder_row.addWidget(self.download_folder, 1)
        folder_row.addWidget(browse)
        form.addRow("Download folder", folder_row)
        self.template = QLineEdit(settings.filename_template)
        self.template.setObjectName("filenameTemplate")
        self.template.setToolTip(
            "Placeholders: {title} {clip_id8} {clip_id} {task_id} {provider} {model} {date} {n}"
        )
        form.addRow("File names", self.template)
        self.artist = QLineEdit(settings.artist or "")
        self.artist.setPlaceholderText("The provider's name")
        form.addRow("Artist tag", self.artist)
        self.album = QLineEdit(settings.album or "")
        self.album.setPlaceholderText("None")
        form.addRow("Album tag", self.album)
        self.notifications = QCheckBox("Notify me when a task finishes or fails")
        self.notifications.setChecked(settings.notifications)
        form.addRow(self.notifications)
        self.keep_finished = QCheckBox(
            "Keep finished tracks: save them locally as soon as they are ready"
        )
        self.keep_finished.setChecked(settings.keep_finished)
        form.addRow(self.keep_finished)
        layout.addWidget(general)

        self.error_label = QLabel()
        self.error_label.setObjectName("settingsError")
        self.error_label.setStyleSheet("color: #a61b0f;")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _account_box(self, account: str, values: AccountSettings) -> QGroupBox:
        providers = ", ".join(p.name for p in PROVIDERS.values() if p.account == account)
        label = ACCOUNT_LABELS.get(account, account)
        box = QGroupBox(label if providers == label else f"{label}  —  {providers}")
        form = QFormLayout(box)
        key = QLineEdit()
        key.setObjectName(f"key_{account}")
        key.setEchoMode(QLineEdit.EchoMode.Password)  # shown masked, never in clear
        key.setPlaceholderText("Paste a new key to replace the stored one")
        key.textEdited.connect(lambda _t, a=account: self._cleared.discard(a))
        clear = QPushButton("Remove key")
        clear.clicked.connect(lambda _c=False, a=account: self._clear_key(a))
        test = QPushButton("Test key")
        test.setObjectName(f"test_{account}")
        row = QHBoxLayout()
        row.addWidget(key, 1)
        row.addWidget(test)
        row.addWidget(clear)
        form.addRow("API key", row)
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
        form.addRow("Base URL", base_url)
        interval = QDoubleSpinBox()
        interval.setRange(0, 3600)
        interval.setDecimals(0)
        interval.setSuffix(" s")
        interval.setSpecialValueText("Provider's advice (with back-off)")
        interval.setValue(values.interval or 0)
        form.addRow("Check every", interval)
        test.clicked.connect(
            lambda _c=False, a=account: self.test_key_requested.emit(
                a, self.forms[a].key.text().strip(), self.forms[a].base_url.text().strip()
            )
        )
        self.forms[account] = AccountForm(key, source, test, result, base_url, interval)
        return box

    # --- answers from the controller ------------------------------------------------------

    def set_keyring_status(self, text: str, usable: bool) -> None:
        self.keyring_label.setText(("Keys are stored in: " if usable else "") + text)
        self.keyring_label.setStyleSheet("" if usable else "color: #a61b0f;")

    def set_key_source(self, account: str, text: str, editable: bool) -> None:
        form = self.forms[account]
        form.key_source.setText(text)
        form.key.setEnabled(editable)

    def set_test_result(self, account: str, text: str, ok: bool) -> None:
        label = self.forms[account].test_result
        label.setText(text)
        label.setStyleSheet("color: #1a6b30;" if ok else "color: #a61b0f;")

    def show_error(self, text: str | None) -> None:
        self.error_label.setText(text or "")

    # --- internals -----------------------------------------------------------------------

    def _clear_key(self, account: str) -> None:
        self._cleared.add(account)
        self.forms[account].key.clear()
        self.forms[account].key_source.setText("The stored key will be removed when you save.")

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Download folder", self.download_folder.text()
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
        return settings, keys

    def _save(self) -> None:
        settings, keys = self.collect()
        self.save_requested.emit(settings, keys)
