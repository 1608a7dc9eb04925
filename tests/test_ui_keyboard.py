"""Keyboard reach: Tab visits every control in reading order — each state filter button too —
and through a rebuilt detail pane into the player; arrow keys on the closed provider filter open
it instead of changing the filter unseen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from gui.fake_provider import MusicResult, Phase, TaskScript
from gui.ui.task_filter import StateGroup
from tests.ui_helpers import OFFSCREEN_NOISE, Windows, WindowUnderTest, windows_fixture

pytestmark = OFFSCREEN_NOISE

SONG = TaskScript([Phase("succeeded")], MusicResult(titles=["Neon Rain"], clips=2))


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[Windows]:
    yield from windows_fixture(qtbot, qt_loop)


def tab_stops(shown: WindowUnderTest, start: QWidget, presses: int = 80) -> list[QWidget]:
    """Every widget Tab lands on from `start`, once round the window."""
    shown.window.activateWindow()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    shown.qtbot.waitUntil(start.hasFocus)
    stops: list[QWidget] = []
    for _ in range(presses):
        focused = QApplication.focusWidget()
        assert focused is not None
        shown.qtbot.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None
        if now is start:
            return stops
        stops.append(now)
    raise AssertionError("Tab never came back round: " + ", ".join(map(describe, stops)))


def describe(widget: QWidget) -> str:
    text = getattr(widget, "text", lambda: "")()
    return f"{type(widget).__name__}({widget.objectName() or text})"


def test_tab_reaches_every_control_in_reading_order(windows: Windows) -> None:
    windows.server.add_task("sunor", "song", SONG)
    shown = windows.open()
    shown.services.settings.keep_finished = False
    shown.controller.add_from_text("song", "sunor")
    shown.wait_for_state("song", "Finished")
    shown.select("song")
    shown.qtbot.waitUntil(lambda: len(shown.window.detail.cards) == 2)
    window = shown.window
    shown.qtbot.keyClicks(window.input_bar.field, "x")  # Add is enabled with text in the box
    field = window.input_bar.field

    stops = tab_stops(shown, field)
    bar = window.player_bar
    cards = window.detail.cards
    expected_in_order = [
        window.input_bar.provider,
        window.input_bar.add_button,
        window.filter_field,
        *window.group_buttons.values(),
        window.provider_filter,
        window.table,
        window.detail,
        cards[0].play_button,
        cards[0].export_button,
        cards[1].play_button,
        cards[1].export_button,
        bar.previous_button,
        bar.next_button,
        bar.autoplay_button,  # (the volume is hidden: this machine has no sound output)
    ]
    positions = []
    for widget in expected_in_order:
        assert widget in stops, f"Tab never reaches {describe(widget)}: " + ", ".join(
            map(describe, stops)
        )
        positions.append(stops.index(widget))
    assert positions == sorted(positions), ", ".join(map(describe, stops))
    for group in (StateGroup.ACTIVE, StateGroup.FINISHED, StateGroup.FAILED):
        assert window.group_buttons[group] in stops


def test_a_state_button_reached_by_tab_is_chosen_with_space(windows: Windows) -> None:
    shown = windows.open()
    window = shown.window
    active = window.group_buttons[StateGroup.ACTIVE]
    stops = tab_stops(shown, window.filter_field)
    assert stops[0] is window.group_buttons[StateGroup.ALL] and stops[1] is active
    active.setFocus()
    shown.qtbot.keyClick(active, Qt.Key.Key_Space)
    assert window.proxy.group is StateGroup.ACTIVE
    assert active.isChecked() and not window.group_buttons[StateGroup.ALL].isChecked()


def test_arrows_on_the_closed_provider_filter_open_it_instead_of_changing_it(
    windows: Windows,
) -> None:
    shown = windows.open()
    combo = shown.window.provider_filter
    combo.setFocus()
    shown.qtbot.waitUntil(combo.hasFocus)
    shown.qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentIndex() == 0 and shown.window.proxy.provider is None
    shown.qtbot.waitUntil(combo.view().isVisible)
    combo.hidePopup()
