"""The parts of the window that make it a desktop citizen and carry the library between
machines: task list export/import in the File menu, the Help menu, the error reporter. Added to
a built window in one place (gui/ui/app.py), each a child of the window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject

from gui.services import Services
from gui.ui.controller import Controller
from gui.ui.error_dialog import ErrorReporter
from gui.ui.help_menu import HelpMenu
from gui.ui.main_window import MainWindow
from gui.ui.task_list_transfer import TaskListTransfer


def add_window_extras(services: Services, window: MainWindow, controller: Controller) -> None:
    TaskListTransfer(services, window, controller.spawn)
    HelpMenu(window, services.paths)
    ErrorReporter(window)  # its hooks are installed by run_window: tests install their own
    window.installEventFilter(_PaletteFollower(window))


class _PaletteFollower(QObject):
    """Light ↔ dark while running: the table repaints by itself, but the detail pane's state
    line carries its colour in a style sheet, so it is rebuilt."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        change = event.type() == QEvent.Type.PaletteChange
        if change and watched is self._window and self._window.isVisible():
            self._window.detail.invalidate()
            self._window.refresh_detail()
        return False


def error_reporter(window: MainWindow) -> ErrorReporter:
    found = window.findChild(ErrorReporter)
    assert found is not None, "add_window_extras was not called"
    return found
