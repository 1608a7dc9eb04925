"""The Help menu (shortcuts from the real actions, the log folder, About) and the one dialog an
unexpected exception brings up while the window, its polling and its ledger carry on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import qasync
from PySide6.QtCore import QObject, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QTableWidget

from gui import __version__
from gui.fake_provider import Phase, TaskScript
from gui.storage.ledger import Ledger
from gui.storage.log_file import register_secret, setup_logging
from gui.storage.paths import app_paths
from gui.ui.help_menu import HelpMenu, window_shortcuts
from gui.ui.window_extras import error_reporter
from tests.ui_helpers import OFFSCREEN_NOISE, Windows, WindowUnderTest, windows_fixture

pytestmark = OFFSCREEN_NOISE
CANARY = "sk-canary-in-a-traceback-91c2"


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[Windows]:
    yield from windows_fixture(qtbot, qt_loop)


@pytest.fixture
def shown(windows: Windows) -> WindowUnderTest:
    return windows.open()


def _help(shown: WindowUnderTest) -> HelpMenu:
    found = shown.window.findChild(HelpMenu)
    assert found is not None
    return found


class _UrlCatcher(QObject):
    """Stands in for the desktop's file manager: records what Tunewatch asked it to open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url)


def test_the_help_menu_has_shortcuts_log_folder_and_about(shown: WindowUnderTest) -> None:
    menus = [a.text() for a in shown.window.menuBar().actions()]
    assert menus[-1] == "&Help"
    entries = [a.text() for a in _help(shown).menu.actions() if a.text()]
    assert entries == ["Keyboard shortcuts", "Open log folder", "About Tunewatch"]


def test_keyboard_shortcuts_are_read_from_the_real_actions(shown: WindowUnderTest) -> None:
    rows = {(r.keys, r.does) for r in window_shortcuts(shown.window)}
    assert {
        ("F5", "Check now"),
        ("Del", "Remove"),
        ("Ctrl+Shift+C", "Copy task ID"),
        ("Ctrl+V", "Add task IDs from the clipboard"),
        ("Space", "Play / pause"),
        ("F1", "Keyboard shortcuts"),
    } <= rows  # (Quit and Settings use the platform's standard keys, none on offscreen)
    # A shortcut added to the window later shows up too: nothing is a hand-kept list.
    shown.window.task_actions[next(iter(shown.window.task_actions))].setShortcut("Ctrl+K")
    _help(shown).shortcuts_action.trigger()
    dialog = _help(shown).shortcuts_dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    table = dialog.findChild(QTableWidget, "shortcutsTable")
    assert table is not None
    shown_rows = set()
    for r in range(table.rowCount()):
        keys, does = table.item(r, 0), table.item(r, 1)
        assert keys is not None and does is not None
        shown_rows.add((keys.text(), does.text()))
    assert ("Ctrl+K", "Check now") in shown_rows and ("Del", "Remove") in shown_rows
    dialog.grab().save(str(app_paths().data / "shortcuts.png"))


def test_open_log_folder_opens_the_folder_the_log_is_in(shown: WindowUnderTest) -> None:
    log_file = setup_logging(app_paths())
    assert log_file is not None
    catcher = _UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")  # type: ignore[arg-type]  # the stub is wrong: str works, bytes does not
    try:
        _help(shown).log_folder_action.trigger()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [url.toLocalFile() for url in catcher.opened] == [str(log_file.parent)]


def test_about_names_the_versions_and_where_the_data_lives(shown: WindowUnderTest) -> None:
    _help(shown).about_action.trigger()
    dialog = _help(shown).about_dialog
    assert dialog is not None and dialog.isVisible()
    label = dialog.findChild(QLabel, "aboutText")
    assert label is not None
    text = label.text()
    for needle in (f"Tunewatch {__version__}", "Qt 6.", "PySide6 6.", "Python 3."):
        assert needle in text
    paths = shown.services.paths
    assert f"Task list: {paths.ledger}" in text
    assert f"Settings: {paths.settings}" in text
    assert f"Kept tracks: {paths.library}" in text


@pytest.mark.qt_no_exception_capture  # the app's own hook is under test, not pytest-qt's
def test_an_unexpected_exception_shows_one_dialog_and_the_app_keeps_running(
    windows: Windows, shown: WindowUnderTest
) -> None:
    setup_logging(app_paths())
    register_secret(CANARY)
    windows.server.add_task("sunor", "before", TaskScript([Phase("running")]))
    windows.server.add_task("sunor", "after", TaskScript([Phase("succeeded")]))
    shown.controller.add_from_text("before", "sunor")
    reporter = error_reporter(shown.window)
    reporter.install(shown.loop)
    try:

        def broken_slot() -> None:
            raise RuntimeError(f"boom in a slot, key {CANARY}")

        async def broken_task() -> None:
            raise ValueError("boom in a task")

        # 1. A Qt slot (a timer's), 2. a callback on the loop, 3. background work.
        QTimer.singleShot(0, broken_slot)
        shown.qtbot.waitUntil(lambda: reporter.count == 1)
        shown.loop.call_soon(lambda: 1 / 0)
        shown.qtbot.waitUntil(lambda: reporter.count == 2)
        shown.controller.spawn(broken_task())
        shown.qtbot.waitUntil(lambda: reporter.count == 3)

        # 4. A qasync slot: its task's error goes to sys.excepthook (qasync's own handler).
        @qasync.asyncSlot(bool)
        async def broken_async_slot(_checked: bool) -> None:
            raise KeyError("boom in an async slot")

        broken_async_slot(True)  # as a clicked(bool) signal calls it
        shown.qtbot.waitUntil(lambda: reporter.count == 4)

        dialogs = [d for d in shown.window.findChildren(QDialog) if d.objectName() == "errorDialog"]
        assert len(dialogs) == 1, "repeated errors must not stack dialogs"
        dialog = dialogs[0]
        assert dialog.isVisible() and not dialog.isModal()
        details = dialog.findChild(QPlainTextEdit, "errorDetails")
        assert details is not None
        text = details.toPlainText()
        assert "RuntimeError: boom in a slot" in text
        assert "ZeroDivisionError" in text and "ValueError: boom in a task" in text
        assert "KeyError: 'boom in an async slot'" in text
        assert CANARY not in text  # masked, as in the log
        count = dialog.findChild(QLabel, "errorCount")
        assert count is not None and "4 times" in count.text()
        where = dialog.findChild(QLabel, "errorLogPath")
        log_file = app_paths().data / "tunewatch.log"
        assert where is not None and str(log_file) in where.text()
        assert "boom in a slot" in log_file.read_text(encoding="utf-8")
        assert CANARY not in log_file.read_text(encoding="utf-8")
        dialog.grab().save(str(app_paths().data / "error-dialog.png"))

        # The app keeps running: a new task is checked to the end, and the ledger has both.
        shown.controller.add_from_text("after", "sunor")
        shown.wait_for_state("after", "Finished")
        assert shown.row("before") is not None
        ledger = Ledger(shown.services.paths.ledger)
        try:
            assert {t.task_id for t in ledger.all()} == {"before", "after"}
        finally:
            ledger.close()

        # Closed and a new error: the same dialog comes back, with a fresh report.
        dialog.close()
        QTimer.singleShot(0, broken_slot)
        shown.qtbot.waitUntil(lambda: reporter.count == 5 and dialog.isVisible())
        assert "ZeroDivisionError" not in details.toPlainText()
    finally:
        reporter.uninstall(shown.loop)
