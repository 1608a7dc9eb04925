"""The banner above the task list (no key yet, the demo) and the empty detail pane's words take the
palette's colours: the banner is a dark box with light words in the dark palette (it stayed a
light-blue box that glared out of the dark window); the pane's "Select a task…" is readable (it was
palette(mid), about 2:1)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from gui.ui.appearance import apply_appearance
from tests.test_appearance import contrast
from tests.ui_helpers import OFFSCREEN_NOISE, Windows, windows_fixture

pytestmark = OFFSCREEN_NOISE


@pytest.fixture(autouse=True)
def _back_to_light(qapp: QApplication) -> Iterator[None]:
    yield
    apply_appearance("system")
    qapp.setStyleSheet("")


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[Windows]:
    yield from windows_fixture(qtbot, qt_loop)


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_banner_follows_the_palette(windows: Windows, mode: str) -> None:
    shown = windows.open()
    shown.window.show_banner("No API key is configured yet.")
    assert apply_appearance(mode) == mode
    shown.qtbot.wait(0)
    banner = shown.window.banner
    image = banner.grab().toImage()
    box = image.pixelColor(image.width() - 3, image.height() // 2)  # padding: the background
    window = shown.window.palette().color(shown.window.backgroundRole())
    assert (box.lightness() < 128) == (mode == "dark"), box.name()
    assert (window.lightness() < 128) == (mode == "dark")
    words = QColor(banner.palette().color(banner.foregroundRole()))
    assert contrast(words, box) >= 7.0, (words.name(), box.name())


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_empty_detail_panes_words_are_readable(windows: Windows, mode: str) -> None:
    shown = windows.open()
    assert apply_appearance(mode) == mode
    shown.window.detail.show_task(None)
    shown.qtbot.wait(0)
    label = shown.detail_label("detailEmpty")
    assert label is not None and label.text()
    words = label.palette().color(label.foregroundRole())
    pane = shown.window.detail.viewport()
    background = pane.palette().color(pane.backgroundRole())
    assert contrast(words, background) >= 4.5, (words.name(), background.name())
