"""The demo opens in the window's place: no second process or window, its own profile shown as
such (title "Demo", a banner, "Back to my tasks"), the real tasks untouched and still checked;
going back and opening it again goes on where it was; a finished demo task stays finished
the next time the demo starts; closing the demo's window quits."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QToolTip

from gui.domain.model import TaskSnapshot
from gui.domain.states import TaskState
from gui.domain.tracked_task import HistoryEntry, Watch
from gui.services import demo_task_ids, open_services
from gui.storage.credentials import CredentialStore
from gui.storage.ledger import Ledger
from gui.storage.paths import app_paths
from gui.ui.app import build_window
from gui.ui.demo_session import DemoSession
from gui.ui.task_list_transfer import TaskListTransfer
from tests.ui_helpers import OFFSCREEN_NOISE, Windows, WindowUnderTest, windows_fixture

pytestmark = OFFSCREEN_NOISE
DEMO_IDS = {task_id for _provider, task_id in demo_task_ids()}


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[Windows]:
    yield from windows_fixture(qtbot, qt_loop)


def children() -> set[str]:
    """Child processes of this process (a demo started as a process would show here)."""
    pid = os.getpid()
    found: set[str] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= set((task / "children").read_text().split())
    return found


def with_demo(shown: WindowUnderTest, windows: Windows) -> DemoSession:
    session = DemoSession(
        app_paths(),
        CredentialStore(windows.keyring, env={}),
        shown.window,
        build_window,
        shown.controller.spawn,
    )
    shown.controller.demo_opener = session.open
    return session


def close_demo(shown: WindowUnderTest, session: DemoSession) -> None:
    shown.run(session.close())


def demo_rows(session: DemoSession) -> set[str]:
    assert session.window is not None
    return {task.task_id for task in session.window.model.tasks}


def test_the_demo_opens_in_the_windows_place_and_goes_back(windows: Windows) -> None:
    shown = windows.open()
    shown.controller.add_from_text("my-own-task", "sunor")
    session = with_demo(shown, windows)
    before = children()
    try:
        shown.window.demo_requested.emit()  # File → Open the demo, the banner, the empty list
        demo = session.window
        assert demo is not None
        shown.qtbot.waitUntil(lambda: demo_rows(session) == DEMO_IDS, timeout=10_000)
        assert demo.isVisible() and not shown.window.isVisible()
        assert demo.geometry() == shown.window.geometry()
        assert demo.windowTitle() == "Demo"  # the desktop adds " — Tunewatch"; no repeat
        assert demo.banner.text().startswith("Demo: these tasks come from a fake provider")
        assert demo.banner_button.text() == "Back to my tasks"
        assert session.services is not None and session.services.is_demo
        assert session.services.paths.data == app_paths().data / "demo"
        assert "my-own-task" not in demo_rows(session)
        assert not DEMO_IDS & {t.task_id for t in shown.model_tasks}
        assert children() == before  # no second process

        # The demo moves; going back and opening it again goes on where it was.
        engine = session.services.engine

        def histories() -> dict[tuple[str, str], int]:
            tasks = [engine.get(key) for key in engine_keys(session)]
            return {task.key: len(task.history) for task in tasks if task is not None}

        shown.qtbot.waitUntil(lambda: any(histories().values()), timeout=10_000)
        seen = histories()
        demo.banner_button.click()
        assert shown.window.isVisible() and not demo.isVisible()
        assert shown.row("my-own-task") is not None
        shown.window.demo_requested.emit()
        assert session.window is demo and demo.isVisible()
        for key, count in seen.items():
            task = engine.get(key)
            assert task is not None and len(task.history) >= count  # not restarted
    finally:
        close_demo(shown, session)


def engine_keys(session: DemoSession) -> list[tuple[str, str]]:
    return [(provider, task_id) for provider, task_id in demo_task_ids()]


def test_bringing_the_real_window_back_puts_the_demo_away(windows: Windows) -> None:
    shown = windows.open()
    session = with_demo(shown, windows)
    try:
        shown.window.demo_requested.emit()
        demo = session.window
        assert demo is not None and demo.isVisible()
        shown.window.showNormal()  # what a second launch handing over its IDs does
        assert shown.window.isVisible() and not demo.isVisible()
    finally:
        close_demo(shown, session)


def test_closing_the_demo_window_quits(windows: Windows) -> None:
    shown = windows.open()
    session = with_demo(shown, windows)
    try:
        shown.window.demo_requested.emit()
        demo = session.window
        assert demo is not None
        demo.close()
        assert shown.window.closed.is_set()  # what run_window waits for before it ends
    finally:
        close_demo(shown, session)


def test_a_finished_demo_task_stays_finished_next_time(windows: Windows) -> None:
    paths = app_paths().demo()
    finished_id, running_id = (task_id for _provider, task_id in demo_task_ids()[:2])
    ledger = Ledger(paths.ledger)  # what a previous demo left: one finished, one mid-way
    for provider, task_id in demo_task_ids()[:2]:
        task, _created = ledger.add(provider, task_id)
        if task_id == finished_id:
            snapshot = TaskSnapshot(provider, task_id, TaskState.SUCCEEDED, "success")
            ledger.save(
                replace(task, snapshot=snapshot, watch=Watch.DONE),
                [HistoryEntry(time.time(), TaskState.SUCCEEDED, "success")],
            )
    ledger.close()

    services = open_services(app_paths(), CredentialStore(windows.keyring, env={}), demo=True)
    try:
        kept = {task.task_id: task for task in services.ledger.all()}
        assert kept[finished_id].state is TaskState.SUCCEEDED  # not back to Queued
        assert running_id not in kept  # its server is gone: it starts again on the new one
    finally:
        windows.open().run(services.close())


def save_menu_with_tooltip(menu: QMenu, path: Path) -> None:
    """The open menu with the tooltip shown beside it, as one picture (each is its own window)."""
    tips = [w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel") and w.isVisible()]
    shots = [menu.grab()] + [tip.grab() for tip in tips]
    picture = QPixmap(
        max(s.width() for s in shots) + 8, sum(s.height() for s in shots) + 8 * len(shots)
    )
    picture.fill(QColor("white"))
    painter = QPainter(picture)
    y = 4
    for shot in shots:
        painter.drawPixmap(4, y, shot)
        y += shot.height() + 8
    painter.end()
    picture.save(str(path))


def test_export_in_the_demo_is_greyed_out_and_says_why(windows: Windows, tmp_path: Path) -> None:
    shot_dir = Path(os.environ.get("TUNEWATCH_SHOT_DIR", tmp_path))
    shown = windows.open()
    session = with_demo(shown, windows)
    try:
        shown.window.demo_requested.emit()
        demo = session.window
        assert demo is not None
        shown.qtbot.waitUntil(lambda: demo_rows(session) == DEMO_IDS, timeout=10_000)
        transfer = demo.findChild(TaskListTransfer)
        assert transfer is not None
        menu = demo.file_menu
        menu.popup(demo.mapToGlobal(demo.rect().center()))
        shown.qtbot.waitUntil(menu.isVisible)
        why = "The demo's tasks are not yours to export; go back to your tasks first."
        for action in (transfer.export_all_action, transfer.export_selected_action):
            assert not action.isEnabled()
            assert action.statusTip() == why  # the status bar, while pointed at
            # Pointing at it long enough shows the same sentence beside the menu.
            centre = menu.actionGeometry(action).center()
            QApplication.sendEvent(
                menu, QHelpEvent(QEvent.Type.ToolTip, centre, menu.mapToGlobal(centre))
            )
            assert QToolTip.text() == why
        assert transfer.import_action.isEnabled()
        save_menu_with_tooltip(menu, shot_dir / "demo-export-greyed.png")
        menu.hide()
        transfer.choose_file_and_export(False)  # even if reached some other way: no dialog
        assert not demo.findChildren(QFileDialog)
    finally:
        close_demo(shown, session)
