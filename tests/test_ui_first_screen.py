"""The first screen: an empty task list says what to paste and where and leads to the demo; Add
is usable only with something in the box and is not the default button; the player's disabled
buttons say why they are disabled."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from gui.ui.task_filter import StateGroup
from tests.ui_helpers import OFFSCREEN_NOISE, Windows, WindowUnderTest, windows_fixture

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[Windows]:
    yield from windows_fixture(qtbot, qt_loop)


@pytest.fixture
def shown(windows: Windows) -> WindowUnderTest:
    return windows.open()


def test_an_empty_task_list_says_what_to_paste_and_offers_the_demo(
    shown: WindowUnderTest,
) -> None:
    empty = shown.window.empty_state
    assert empty.isVisible()
    assert "No tasks yet" in empty.heading.text()
    assert "Paste a task ID into the box above" in empty.text.text()
    assert "Ctrl+V" in empty.text.text()
    assert empty.geometry() == shown.window.table.viewport().rect()
    assert empty.demo_button.isVisible()
    with shown.qtbot.waitSignal(shown.window.demo_requested, timeout=1000):
        shown.qtbot.mouseClick(empty.demo_button, Qt.MouseButton.LeftButton)

    shown.controller.add_from_text("f47ac10b-58cc-4372-a567-0e02b2c3d479", "sunor")
    assert not empty.isVisible()


def test_a_filter_that_hides_everything_says_so_and_can_be_cleared(
    shown: WindowUnderTest,
) -> None:
    shown.controller.add_from_text("f47ac10b-58cc-4372-a567-0e02b2c3d479", "sunor")
    window = shown.window
    shown.qtbot.mouseClick(window.group_buttons[StateGroup.FAILED], Qt.MouseButton.LeftButton)
    empty = window.empty_state
    assert empty.isVisible()
    assert empty.heading.text() == "No task matches these filters"
    assert not empty.demo_button.isVisible()
    shown.qtbot.mouseClick(empty.clear_button, Qt.MouseButton.LeftButton)
    assert window.proxy.group is StateGroup.ALL
    assert window.group_buttons[StateGroup.ALL].isChecked()
    assert shown.visible_ids() == ["f47ac10b-58cc-4372-a567-0e02b2c3d479"]
    assert not empty.isVisible()


def test_add_is_not_the_default_and_waits_for_text(shown: WindowUnderTest) -> None:
    bar = shown.window.input_bar
    assert not bar.add_button.isDefault() and not bar.add_button.autoDefault()
    assert not bar.add_button.isEnabled()
    assert "first" in bar.add_button.toolTip()
    shown.qtbot.keyClicks(bar.field, "f47ac10b-58cc-4372-a567-0e02b2c3d479")
    assert bar.add_button.isEnabled()
    bar.field.setText("   ")
    assert not bar.add_button.isEnabled()


def test_disabled_keeper_and_compare_say_why(shown: WindowUnderTest) -> None:
    bar = shown.window.player_bar
    assert not bar.star_button.isEnabled() and not bar.compare_button.isEnabled()
    assert bar.star_button.toolTip() == "Play a variation first, then star it as the keeper"
    assert "Play a song first" in bar.compare_button.toolTip()
