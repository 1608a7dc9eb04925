"""The window opens at 1280x760, or at the screen's size when the screen is smaller (an 800x600
screen showed only part of a 1280x760 window: the detail pane and the player's right end were
off-screen)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.ui_helpers import OFFSCREEN_NOISE, Windows, windows_fixture

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[Windows]:
    yield from windows_fixture(qtbot, qt_loop)


def test_the_window_opens_no_larger_than_the_screen(windows: Windows) -> None:
    shown = windows.open()
    room = shown.window.screen().availableGeometry()
    size = shown.window.size()
    assert size.width() == min(1280, room.width())
    assert size.height() == min(760, room.height())
