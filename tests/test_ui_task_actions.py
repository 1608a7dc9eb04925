"""What a task offers (a pure function of its state, tested without opening a menu), the
context menu built from it, and removing a task with Undo."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from gui.domain.model import Clip, TaskError, TaskSnapshot
from gui.domain.states import TaskState
from gui.domain.tracked_task import TrackedTask, Watch
from gui.fake_provider import Phase, TaskScript
from gui.ui.main_window import MainWindow
from gui.ui.task_actions import SHORTCUTS, MenuEntry, TaskAction, actions_for
from gui.ui.task_table_model import Column, TaskTableModel
from tests.ui_helpers import OFFSCREEN_NOISE, Windows, windows_fixture

pytestmark = OFFSCREEN_NOISE

A = TaskAction
SONG = Clip(id="c1", title="Song", audio_url="http://127.0.0.2/a.mp3")


def tracked(
    watch: Watch, state: TaskState | None = None, *, clips: tuple[Clip, ...] = ()
) -> TrackedTask:
    snapshot = None
    if state is not None:
        error = TaskError("It failed") if state.is_failure else None
        snapshot = TaskSnapshot("sunor", "t-" + watch, state, None, error=error, clips=clips)
    return TrackedTask("sunor", "t-" + watch, 0.0, 0.0, watch=watch, snapshot=snapshot)


def entries(*items: tuple[TaskAction, bool] | None) -> list[MenuEntry | None]:
    return [None if item is None else MenuEntry(item[0], item[1]) for item in items]


CASES = {
    "active, before the first answer": (
        [tracked(Watch.ACTIVE)],
        entries((A.POLL_NOW, True), (A.PAUSE, True), None, (A.COPY_ID, True),
                (A.COPY_JSON, False), (A.EXPORT, False), None, (A.REMOVE, True)),
    ),
    "active, running": (
        [tracked(Watch.ACTIVE, TaskState.RUNNING)],
        entries((A.POLL_NOW, True), (A.PAUSE, True), None, (A.COPY_ID, True),
                (A.COPY_JSON, True), (A.EXPORT, False), None, (A.REMOVE, True)),
    ),
    "paused": (
        [tracked(Watch.PAUSED, TaskState.QUEUED)],
        entries((A.POLL_NOW, True), (A.RESUME, True), None, (A.COPY_ID, True),
                (A.COPY_JSON, True), (A.EXPORT, False), None, (A.REMOVE, True)),
    ),
    "given up": (
        [tracked(Watch.GIVEN_UP, TaskState.RUNNING)],
        entries((A.POLL_NOW, True), (A.RETRY, True), None, (A.COPY_ID, True),
                (A.COPY_JSON, True), (A.EXPORT, False), None, (A.REMOVE, True)),
    ),
    "not found": (
        [tracked(Watch.NOT_FOUND)],
        entries((A.POLL_NOW, True), (A.RETRY, True), None, (A.COPY_ID, True),
                (A.COPY_JSON, False), (A.EXPORT, False), None, (A.REMOVE, True)),
    ),
    "done with clips": (
        [tracked(Watch.DONE, TaskState.SUCCEEDED, clips=(SONG,))],
        entries((A.COPY_ID, True), (A.COPY_JSON, True), (A.EXPORT, True), None,
                (A.REMOVE, True)),
    ),
    "failed": (
        [tracked(Watch.DONE, TaskState.FAILED)],
        entries((A.COPY_ID, True), (A.COPY_JSON, True), (A.EXPORT, False), None,
                (A.REMOVE, True)),
    ),
    "active and paused together": (
        [tracked(Watch.ACTIVE, TaskState.RUNNING), tracked(Watch.PAUSED, TaskState.RUNNING)],
        entries((A.POLL_NOW, True), (A.PAUSE, True), (A.RESUME, True), None, (A.COPY_ID, True),
                (A.COPY_JSON, False), (A.EXPORT, False), None, (A.REMOVE, True)),
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(CASES))
def test_actions_follow_the_watch_state(case: str) -> None:
    tasks, expected = CASES[case]
    assert actions_for(tasks) == expected


def test_nothing_selected_offers_nothing() -> None:
    assert actions_for([]) == []


def menu_entries(menu: QMenu) -> list[tuple[str, bool, str] | None]:
    return [
        None
        if action.isSeparator()
        else (action.text(), action.isEnabled(), action.shortcut().toString())
        for action in menu.actions()
    ]


@pytest.mark.parametrize("case", list(CASES))
def test_the_context_menu_shows_the_same_entries(qtbot, case: str) -> None:
    window = MainWindow(TaskTableModel())
    qtbot.addWidget(window)
    tasks, expected = CASES[case]
    menu = window.build_context_menu(tasks)
    assert menu is not None
    assert menu_entries(menu) == [
        None
        if entry is None
        else (
            entry.action.value,
            entry.enabled,
            QKeySequence(SHORTCUTS[entry.action]).toString() if entry.action in SHORTCUTS else "",
        )
        for entry in expected
    ]
    asked: list[tuple[object, list[TrackedTask]]] = []
    window.action_requested.connect(lambda action, chosen: asked.append((action, chosen)))
    remove = next(a for a in menu.actions() if a.text() == A.REMOVE.value)
    remove.trigger()
    assert asked == [(A.REMOVE, tasks)]


def test_no_selection_opens_no_menu(qtbot) -> None:
    window = MainWindow(TaskTableModel())
    qtbot.addWidget(window)
    assert window.build_context_menu([]) is None


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[Windows]:
    yield from windows_fixture(qtbot, qt_loop)


def test_remove_with_delete_then_undo_brings_the_task_back_with_its_history(
    windows: Windows,
) -> None:
    script = TaskScript([Phase("queued", 0.3), Phase("running", 1.2), Phase("succeeded")])
    windows.server.add_task("sunor", "removable", script)
    windows.server.add_task("sunor", "bystander", script)
    shown = windows.open()
    shown.controller.add_from_text("bystander removable", "sunor")
    shown.wait_for_state("removable", "Generating")
    before = shown.task("removable")
    assert [h.state for h in before.history] == [TaskState.QUEUED, TaskState.RUNNING]

    shown.select("removable")
    shown.window.activateWindow()
    shown.window.table.setFocus()
    shown.qtbot.waitUntil(lambda: shown.window.table.hasFocus())
    shown.qtbot.keyClick(shown.window.table, Qt.Key.Key_Delete)

    assert shown.row("removable") is None
    assert shown.services.ledger.get(("sunor", "removable")) is None
    assert shown.services.engine.get(("sunor", "removable")) is None
    assert shown.window.undo_button.isVisible()
    assert shown.window.statusBar().currentMessage() == f"Removed {before.name}."
    assert shown.row("bystander") is not None

    shown.qtbot.mouseClick(shown.window.undo_button, Qt.MouseButton.LeftButton)
    assert shown.row("removable") is not None
    assert not shown.window.undo_button.isVisible()
    assert [t.task_id for t in shown.window.selected_tasks()] == ["removable"]
    restored = shown.services.ledger.get(("sunor", "removable"))
    assert restored is not None
    assert restored.history[:2] == before.history
    shown.wait_for_state("removable", "Finished")  # polling picked up again
    history = shown.task("removable").history
    assert [h.state for h in history] == [
        TaskState.QUEUED,
        TaskState.RUNNING,
        TaskState.SUCCEEDED,
    ]
    assert shown.text("removable", Column.NEXT_CHECK) == "—"


def test_pause_and_resume_from_the_menu(windows: Windows) -> None:
    windows.server.add_task("crun", "pausable", TaskScript([Phase("running")]))
    shown = windows.open()
    shown.controller.add_from_text("pausable", "crun")
    shown.wait_for_state("pausable", "Generating")
    menu = shown.window.build_context_menu(shown.window.selected_tasks())
    assert menu is not None
    next(a for a in menu.actions() if a.text() == A.PAUSE.value).trigger()
    shown.qtbot.waitUntil(lambda: shown.text("pausable", Column.NEXT_CHECK) == "paused")
    assert "Paused by you" in shown.detail_text("detailProblem")
    assert not shown.window.task_actions[A.PAUSE].isEnabled()
    assert shown.window.task_actions[A.RESUME].isEnabled()
    shown.window.task_actions[A.RESUME].trigger()
    shown.qtbot.waitUntil(lambda: shown.text("pausable", Column.NEXT_CHECK) != "paused")
    engine_task = shown.services.engine.get(("crun", "pausable"))
    assert engine_task is not None and engine_task.watch is Watch.ACTIVE


def test_delete_in_a_text_field_edits_the_text_and_keeps_the_task(windows: Windows) -> None:
    shown = windows.open()
    shown.controller.add_from_text("keep-me", "sunor")
    assert [t.task_id for t in shown.window.selected_tasks()] == ["keep-me"]
    field = shown.window.input_bar.field
    field.setText("abc")
    field.setCursorPosition(0)
    shown.window.activateWindow()
    field.setFocus()
    shown.qtbot.waitUntil(field.hasFocus)
    shown.qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert field.text() == "bc"
    assert shown.row("keep-me") is not None
