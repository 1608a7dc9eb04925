"""The Help menu: Keyboard shortcuts (read from the window's real actions, so the list cannot go
stale), Open log folder, and About (versions, and where Tunewatch keeps its files)."""

from __future__ import annotations

import platform
from dataclasses import dataclass
from pathlib import Path

import PySide6
from PySide6.QtCore import QObject, Qt, QUrl, qVersion
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui import __version__
from gui.storage.log_file import current_log_file
from gui.storage.paths import AppPaths
from gui.ui.main_window import MainWindow


@dataclass(frozen=True, slots=True)
class ShortcutRow:
    keys: str  # as the platform writes them ("Ctrl+,", "F5")
    does: str


def window_shortcuts(window: QWidget) -> list[ShortcutRow]:
    """Every key the window answers to: its actions' shortcuts and its stand-alone QShortcuts
    (those say what they do in whatsThis)."""
    rows: dict[tuple[str, str], ShortcutRow] = {}
    native = QKeySequence.SequenceFormat.NativeText
    # The primary key of each: a standard key such as Paste also binds Shift+Ins, F18 and the
    # Paste key on X11, which would only crowd the list.
    found: list[tuple[str, list[QKeySequence]]] = []
    for action in window.findChildren(QAction):
        text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        found.append((text, action.shortcuts()))
    for shortcut in window.findChildren(QShortcut):
        found.append((shortcut.whatsThis(), shortcut.keys()))
    for does, sequences in found:
        keys = next((s.toString(native) for s in sequences if not s.isEmpty()), "")
        if keys and does:
            rows[(keys, does)] = ShortcutRow(keys, does)
    return sorted(rows.values(), key=lambda r: (r.does.casefold(), r.keys))


def version_lines() -> list[tuple[str, str]]:
    return [
        ("Tunewatch", __version__),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("Python", f"{platform.python_version()} ({platform.python_implementation()})"),
    ]


def data_lines(paths: AppPaths) -> list[tuple[str, Path | None]]:
    return [
        ("task list", paths.ledger),
        ("kept tracks", paths.library),
        ("settings", paths.settings),
        ("cover cache", paths.cache / "covers"),
        ("log", current_log_file()),
    ]


class HelpMenu(QObject):
    def __init__(self, window: MainWindow, paths: AppPaths) -> None:
        super().__init__(window)
        self.window = window
        self.paths = paths
        self.shortcuts_dialog: QDialog | None = None
        self.about_dialog: QDialog | None = None
        menu = window.menuBar().addMenu(self.tr("&Help"))
        menu.setObjectName("helpMenu")
        self.shortcuts_action = QAction(self.tr("Keyboard shortcuts"), window)
        self.shortcuts_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.log_folder_action = QAction(self.tr("Open log folder"), window)
        self.log_folder_action.triggered.connect(self.open_log_folder)
        self.about_action = QAction(self.tr("About Tunewatch"), window)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        for action in (self.shortcuts_action, self.log_folder_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.about_action)
        self.menu = menu

    # --- keyboard shortcuts ---------------------------------------------------------------

    def show_shortcuts(self) -> None:
        if self.shortcuts_dialog is None:
            dialog = QDialog(self.window)
            dialog.setObjectName("shortcutsDialog")
            dialog.setWindowTitle(self.tr("Keyboard shortcuts"))
            layout = QVBoxLayout(dialog)
            keys_table = QTableWidget(0, 2)
            keys_table.setObjectName("shortcutsTable")
            keys_table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Does")])
            keys_table.verticalHeader().setVisible(False)
            keys_table.horizontalHeader().setStretchLastSection(True)
            keys_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            layout.addWidget(keys_table)
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            buttons.rejected.connect(dialog.close)
            layout.addWidget(buttons)
            dialog.resize(460, 420)
            self.shortcuts_dialog = dialog
        table = self.shortcuts_dialog.findChild(QTableWidget, "shortcutsTable")
        assert table is not None
        rows = window_shortcuts(self.window)
        table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            table.setItem(number, 0, QTableWidgetItem(row.keys))
            table.setItem(number, 1, QTableWidgetItem(row.does))
        table.resizeColumnToContents(0)
        self.shortcuts_dialog.show()  # non-modal: no nested event loop under qasync
        self.shortcuts_dialog.raise_()

    # --- log folder -----------------------------------------------------------------------

    def open_log_folder(self) -> None:
        log_file = current_log_file()
        folder = log_file.parent if log_file else self.paths.logs
        folder.mkdir(parents=True, exist_ok=True)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self.window.statusBar().showMessage(
                self.tr("Could not open {folder}").format(folder=folder), 10_000
            )

    # --- about ----------------------------------------------------------------------------

    def about_text(self) -> str:
        versions = "\n".join(f"{name} {version}" for name, version in version_lines())
        names = {
            "task list": self.tr("Task list"),
            "kept tracks": self.tr("Kept tracks"),
            "settings": self.tr("Settings"),
            "cover cache": self.tr("Cover cache"),
            "log": self.tr("Log"),
        }
        places = "\n".join(
            f"{names[name]}: {path if path is not None else self.tr('(not written)')}"
            for name, path in data_lines(self.paths)
        )
        return "{intro}\n\n{versions}\n\n{where}\n{places}".format(
            intro=self.tr("Tunewatch follows AI-music generation tasks live."),
            versions=versions,
            where=self.tr("Where your data lives:"),
            places=places,
        )

    def show_about(self) -> None:
        if self.about_dialog is None:
            dialog = QDialog(self.window)
            dialog.setObjectName("aboutDialog")
            dialog.setWindowTitle(self.tr("About Tunewatch"))
            layout = QVBoxLayout(dialog)
            icon = QLabel()
            icon.setPixmap(self.window.windowIcon().pixmap(64, 64))
            layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignHCenter)
            text = QLabel()
            text.setObjectName("aboutText")
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setWordWrap(True)
            layout.addWidget(text)
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            copy = QPushButton(self.tr("Copy"))
            buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
            copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(text.text()))
            buttons.rejected.connect(dialog.close)
            layout.addWidget(buttons)
            dialog.resize(560, 0)
            self.about_dialog = dialog
        label = self.about_dialog.findChild(QLabel, "aboutText")
        assert label is not None
        label.setText(self.about_text())
        self.about_dialog.show()
        self.about_dialog.raise_()
