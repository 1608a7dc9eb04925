"""Finding tasks: free text over ID, title and tags; state groups with counts; one provider."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from gui.fake_provider import MusicResult, Phase, TaskScript
from gui.ui.task_filter import StateGroup
from tests.ui_helpers import OFFSCREEN_NOISE, Windows, WindowUnderTest, windows_fixture

pytestmark = OFFSCREEN_NOISE

RUNNING = TaskScript([Phase("running")])


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[Windows]:
    yield from windows_fixture(qtbot, qt_loop)


@pytest.fixture
def four_tasks(windows: Windows) -> WindowUnderTest:
    server = windows.server
    server.add_task(
        "sunor",
        "alpha-1",
        TaskScript([Phase("succeeded")], MusicResult(titles=["Neon Rain"], tags="synthwave")),
    )
    server.add_task("crun", "beta-2", RUNNING)
    server.add_task("mountsea-producer", "gamma-3", TaskScript([Phase("failed")]))
    server.add_task("sunor", "delta-4", RUNNING)
    shown = windows.open()
    shown.controller.add_from_text("alpha-1 delta-4", "sunor")
    shown.controller.add_from_text("beta-2", "crun")
    shown.controller.add_from_text("gamma-3", "mountsea-producer")
    shown.wait_for_state("alpha-1", "Finished")
    shown.wait_for_state("gamma-3", "Failed")
    shown.wait_for_state("beta-2", "Generating")
    shown.wait_for_state("delta-4", "Generating")
    return shown


def visible(shown: WindowUnderTest) -> list[str]:
    return sorted(shown.visible_ids())


def type_filter(shown: WindowUnderTest, text: str) -> None:
    shown.window.filter_field.clear()
    shown.qtbot.keyClicks(shown.window.filter_field, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("neon", ["alpha-1"]),  # title, any case
        ("SYNTHWAVE", ["alpha-1"]),  # tags
        ("gamma", ["gamma-3"]),  # ID
        ("-", ["alpha-1", "beta-2", "delta-4", "gamma-3"]),
        ("nothing like it", []),
    ],
)
def test_text_filter_matches_id_title_and_tags(
    four_tasks: WindowUnderTest, text: str, expected: list[str]
) -> None:
    type_filter(four_tasks, text)
    assert visible(four_tasks) == expected
    four_tasks.window.filter_field.clear()
    assert len(visible(four_tasks)) == 4


def test_state_groups_show_counts_and_filter_rows(four_tasks: WindowUnderTest) -> None:
    buttons = four_tasks.window.group_buttons
    four_tasks.qtbot.waitUntil(
        lambda: (
            [buttons[g].text() for g in StateGroup]
            == ["All (4)", "Active (2)", "Finished (1)", "Failed (1)"]
        )
    )
    assert four_tasks.window.counts_label.text() == "2 active · 1 finished · 1 failed"
    expected = {
        StateGroup.ACTIVE: ["beta-2", "delta-4"],
        StateGroup.FINISHED: ["alpha-1"],
        StateGroup.FAILED: ["gamma-3"],
        StateGroup.ALL: ["alpha-1", "beta-2", "delta-4", "gamma-3"],
    }
    for group, ids in expected.items():
        four_tasks.qtbot.mouseClick(buttons[group], Qt.MouseButton.LeftButton)
        assert buttons[group].isChecked()
        assert visible(four_tasks) == ids, group


def test_a_finishing_task_moves_between_groups(windows: Windows) -> None:
    windows.server.add_task("crun", "soon", TaskScript([Phase("running", 0.6), Phase("succeeded")]))
    shown = windows.open()
    shown.controller.add_from_text("soon", "crun")
    buttons = shown.window.group_buttons
    shown.qtbot.mouseClick(buttons[StateGroup.ACTIVE], Qt.MouseButton.LeftButton)
    assert visible(shown) == ["soon"]
    assert buttons[StateGroup.ACTIVE].text() == "Active (1)"
    shown.wait_for_state("soon", "Finished")
    shown.qtbot.waitUntil(lambda: visible(shown) == [])
    assert buttons[StateGroup.FINISHED].text() == "Finished (1)"
    assert buttons[StateGroup.ACTIVE].text() == "Active (0)"


def test_provider_filter_combines_with_the_others(four_tasks: WindowUnderTest) -> None:
    combo = four_tasks.window.provider_filter
    combo.setCurrentIndex(combo.findData("sunor"))
    assert visible(four_tasks) == ["alpha-1", "delta-4"]
    four_tasks.qtbot.mouseClick(
        four_tasks.window.group_buttons[StateGroup.ACTIVE], Qt.MouseButton.LeftButton
    )
    assert visible(four_tasks) == ["delta-4"]
    type_filter(four_tasks, "alpha")
    assert visible(four_tasks) == []
    combo.setCurrentIndex(combo.findData(""))  # "All providers"
    four_tasks.window.filter_field.clear()
    assert visible(four_tasks) == ["beta-2", "delta-4"]
