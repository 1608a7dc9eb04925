"""The player's icons (previous, play, next, the muted speaker beside "No sound") stand out from
the bar in both palettes, and take the new colours when the palette is switched while running.
Before, Fusion drew them black in the dark palette too: black on dark grey."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication

from gui.ui.appearance import apply_appearance
from tests.test_appearance import contrast
from tests.ui_helpers import OFFSCREEN_NOISE, Windows, WindowUnderTest, windows_fixture

pytestmark = OFFSCREEN_NOISE


@pytest.fixture(autouse=True)
def _back_to_light(qapp: QApplication) -> Iterator[None]:
    yield
    apply_appearance("system")
    qapp.setStyleSheet("")


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[Windows]:
    yield from windows_fixture(qtbot, qt_loop)


def ink_colour(image: QImage) -> QColor:
    """The average colour of an icon's opaque pixels."""
    pixels = [
        image.pixelColor(x, y)
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() > 200
    ]
    assert pixels, "the icon is empty"
    count = len(pixels)
    return QColor(
        round(sum(p.red() for p in pixels) / count),
        round(sum(p.green() for p in pixels) / count),
        round(sum(p.blue() for p in pixels) / count),
    )


def icon_contrasts(shown: WindowUnderTest) -> dict[str, float]:
    bar = shown.window.player_bar
    background = bar.palette().color(QPalette.ColorRole.Window)
    images = {
        "previous": bar.previous_button.icon().pixmap(16, 16).toImage(),
        "next": bar.next_button.icon().pixmap(16, 16).toImage(),
        "muted speaker": bar.volume_icon.pixmap().toImage(),
    }
    return {name: contrast(ink_colour(image), background) for name, image in images.items()}


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_player_icons_stand_out_in_both_palettes(windows: Windows, mode: str) -> None:
    shown = windows.open()
    shown.window.player_bar.set_sound_output(False)  # the muted speaker beside "No sound"
    assert apply_appearance(mode) == mode  # switched while the window runs, nothing else redraws
    shown.qtbot.wait(0)
    low = {name: ratio for name, ratio in icon_contrasts(shown).items() if ratio < 3.0}
    assert not low, low  # WCAG non-text contrast: at least 3:1
