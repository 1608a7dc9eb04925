"""Closing and opening Tunewatch again: the same tasks, with what was known about them, and the
same layout (filter, sort, splitter)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from gui.fake_provider import MusicResult, Phase, TaskScript
from gui.ui.task_filter import StateGroup
from gui.ui.task_table_model import Column
from tests.ui_helpers import OFFSCREEN_NOISE, Windows, windows_fixture

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[Windows]:
    yield from windows_fixture(qtbot, qt_loop)


def test_a_restart_restores_the_tasks_and_the_layout(windows: Windows) -> None:
    windows.server.add_task(
        "sunor",
        "done-before",
        # Long enough running that the first check, after the window has opened, sees it.
        TaskScript([Phase("running", 2.0), Phase("succeeded")], MusicResult(titles=["Kept"])),
    )
    windows.server.add_task("crun", "still-running", TaskScript([Phase("running")]))
    first = windows.open()
    first.controller.add_from_text("done-before", "sunor")
    first.controller.add_from_text("still-running", "crun")
    first.wait_for_state("done-before", "Finished")
    first.wait_for_state("still-running", "Generating")
    window = first.window
    window.input_bar.set_provider_choice("crun")
    first.qtbot.mouseClick(window.group_buttons[StateGroup.ACTIVE], Qt.MouseButton.LeftButton)
    window.table.sortByColumn(Column.TITLE, Qt.SortOrder.AscendingOrder)
    window.resize(760, 540)  # within the offscreen screen (800 x 600): Qt clamps bigger ones
    first.qtbot.waitUntil(lambda: window.width() == 760)
    window.splitter.setSizes([420, 320])  # both above their minimum widths
    window.provider_filter.setCurrentIndex(window.provider_filter.findData("crun"))
    assert first.visible_ids() == ["still-running"]
    layout = window.layout_state()
    sizes = window.splitter.sizes()
    first.close()

    second = windows.open()
    assert sorted(t.task_id for t in second.model_tasks) == ["done-before", "still-running"]
    # What was known before the restart shows at once, before any new answer.
    assert second.text("done-before", Column.STATE) == "Finished"
    assert second.text("done-before", Column.TITLE) == "Kept"
    assert second.text("done-before", Column.CLIPS) == "2"
    assert second.text("still-running", Column.STATE) == "Generating"
    done = second.task("done-before")
    assert done.snapshot is not None and len(done.history) == 2

    restored = second.window
    # The offscreen platform places a restored window below its fake title bar, so the saved
    # geometry differs in position only; its size is checked below.
    assert {k: v for k, v in restored.layout_state().items() if k != "geometry"} == {
        k: v for k, v in layout.items() if k != "geometry"
    }
    assert restored.splitter.sizes() == sizes
    assert (restored.width(), restored.height()) == (760, 540)
    assert restored.group_buttons[StateGroup.ACTIVE].isChecked()
    assert restored.proxy.group is StateGroup.ACTIVE
    assert restored.provider_filter.currentData() == "crun"
    header = restored.table.horizontalHeader()
    assert header.sortIndicatorSection() == Column.TITLE
    assert header.sortIndicatorOrder() is Qt.SortOrder.AscendingOrder
    assert restored.input_bar.provider_choice() == "crun"
    assert second.visible_ids() == ["still-running"]
    # The unfinished task is polled again after the restart.
    polls = second.task("still-running").poll_count
    second.qtbot.waitUntil(lambda: second.task("still-running").poll_count > polls)
