"""Auto's probe is the new task's first check, and removing a task names it and moves the
selection to the next row (issue 12, C10)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from gui.domain.events import EngineEvent, TaskAdded
from gui.domain.states import TaskState
from gui.fake_provider import MusicResult, Phase, TaskScript
from gui.ui.task_table_model import Column
from tests.ui_helpers import OFFSCREEN_NOISE, Windows, windows_fixture

pytestmark = OFFSCREEN_NOISE

QUEUED = TaskScript([Phase("queued", 60), Phase("running")], MusicResult(titles=["Slow"]))


def finished(title: str) -> TaskScript:
    return TaskScript([Phase("succeeded")], MusicResult(titles=[title]))


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[Windows]:
    yield from windows_fixture(qtbot, qt_loop)


def test_a_task_found_by_auto_shows_the_probe_answer_at_once(windows: Windows) -> None:
    windows.server.add_task("crun", "found-by-auto-1", QUEUED)
    shown = windows.open()
    added: list[EngineEvent] = []
    shown.services.engine.subscribe(
        lambda event: added.append(event) if isinstance(event, TaskAdded) else None
    )
    bar = shown.window.input_bar
    bar.set_provider_choice("auto")
    bar.field.setText("found-by-auto-1")
    shown.qtbot.mouseClick(bar.add_button, Qt.MouseButton.LeftButton)
    shown.qtbot.waitUntil(lambda: len(added) == 1, timeout=5000)

    first = added[0]
    assert isinstance(first, TaskAdded)
    # The row appears already knowing what the probe heard: never "Waiting for first check".
    assert first.task.snapshot is not None
    assert first.task.state is TaskState.QUEUED
    assert first.task.poll_count == 1
    assert shown.text("found-by-auto-1", Column.STATE) != "Waiting for first check"
    crun_asks = [
        r for r in windows.server.requests if r.task_id == "found-by-auto-1" and r.account == "crun"
    ]
    assert len(crun_asks) == 1  # the probe was the first check; nobody asked again yet


def test_delete_names_the_task_and_selects_the_next_row(windows: Windows) -> None:
    for task_id, song in (("first-1", "Alpha"), ("second-2", "Beta"), ("third-3", "Gamma")):
        windows.server.add_task("sunor", task_id, finished(song))
    shown = windows.open()
    shown.controller.add_from_text("first-1 second-2 third-3", "sunor")
    for task_id in ("first-1", "second-2", "third-3"):
        shown.wait_for_state(task_id, "Finished")
    order = shown.visible_ids()
    middle = order[1]
    title = shown.task(middle).title

    shown.select(middle)
    shown.window.activateWindow()
    shown.window.table.setFocus()
    shown.qtbot.waitUntil(lambda: shown.window.table.hasFocus())
    shown.qtbot.keyClick(shown.window.table, Qt.Key.Key_Delete)

    assert shown.row(middle) is None
    assert shown.window.statusBar().currentMessage() == f"Removed “{title}”."
    assert [t.task_id for t in shown.window.selected_tasks()] == [order[2]]
    shown.qtbot.waitUntil(lambda: shown.window.detail.task is not None)
    detail = shown.window.detail.task
    assert detail is not None and detail.task_id == order[2]  # the pane shows the next task


def test_deleting_the_last_row_selects_the_one_above(windows: Windows) -> None:
    shown = windows.open()
    shown.controller.add_from_text("top-1 bottom-2", "crun")
    order = shown.visible_ids()
    shown.select(order[-1])
    shown.controller.remove(shown.window.selected_tasks())
    assert shown.window.statusBar().currentMessage() == f"Removed {order[-1]}."  # no title yet
    assert [t.task_id for t in shown.window.selected_tasks()] == [order[0]]
