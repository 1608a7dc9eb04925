"""The detail pane follows the selected task as it changes: a task selected while it waits for its
first answer ("Queued for check") says "Finished" there as soon as the table does; a long task ID
shows its start."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLineEdit

from gui.fake_provider import Fault, MusicResult, Phase, TaskScript
from gui.ui.task_groups import StateGroup
from tests.ui_helpers import OFFSCREEN_NOISE, Windows, windows_fixture

pytestmark = OFFSCREEN_NOISE

TASK_ID = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
DONE = TaskScript([Phase("succeeded")], MusicResult(titles=["Ocean Sunset"], clips=1))


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[Windows]:
    yield from windows_fixture(qtbot, qt_loop)


def test_a_task_selected_while_queued_for_check_shows_finished_in_the_pane(
    windows: Windows,
) -> None:
    windows.server.add_task("sunor", TASK_ID, DONE)
    # The first answer is held a moment: the task is selected while it has none yet.
    windows.server.inject(Fault("timeout", hold=1.0), task_id=TASK_ID, times=1)
    shown = windows.open()
    shown.controller.add_from_text(TASK_ID, "sunor")
    shown.select(TASK_ID)
    shown.qtbot.waitUntil(lambda: shown.detail_text("detailState") == "Queued for check")
    shown.wait_for_state(TASK_ID, "Finished")
    shown.qtbot.waitUntil(lambda: shown.detail_text("detailState").startswith("Finished"))
    assert "Queued for check" not in shown.detail_texts()
    assert shown.detail_text("detailTitle") == "Ocean Sunset"


def test_the_pane_shows_the_start_of_a_long_task_id(windows: Windows) -> None:
    windows.server.add_task("sunor", TASK_ID, DONE)
    shown = windows.open()
    shown.window.resize(800, 600)
    shown.controller.add_from_text(TASK_ID, "sunor")
    shown.wait_for_state(TASK_ID, "Finished")
    shown.select(TASK_ID)
    page = shown.window.detail.widget()
    assert page is not None
    field = page.findChild(QLineEdit, "detailTaskId")
    assert field is not None and field.text() == TASK_ID
    assert field.cursorPosition() == 0  # scrolled to its start, not its end
    assert field.toolTip() == TASK_ID


def test_a_selected_task_that_finishes_under_the_active_filter_leaves_no_stale_pane(
    windows: Windows,
) -> None:
    windows.server.add_task("sunor", TASK_ID, DONE)
    windows.server.inject(Fault("timeout", hold=1.0), task_id=TASK_ID, times=1)
    shown = windows.open()
    shown.window.group_buttons[StateGroup.ACTIVE].click()
    shown.controller.add_from_text(TASK_ID, "sunor")
    shown.select(TASK_ID)
    shown.qtbot.waitUntil(lambda: shown.detail_text("detailState") == "Queued for check")
    shown.wait_for_state(TASK_ID, "Finished")
    shown.qtbot.waitUntil(lambda: shown.visible_ids() == [])
    # The row left the Active list: the pane must not go on saying "Queued for check".
    shown.qtbot.waitUntil(lambda: "Queued for check" not in shown.detail_texts())
