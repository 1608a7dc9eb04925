"""Light and dark: every state colour, the progress bar and the window follow the palette, with
WCAG contrast (3:1 for non-text, 4.5:1 for the percentage), and Settings → Appearance applies at
once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QComboBox

from gui.domain.states import TaskState
from gui.fake_provider import Phase, TaskScript
from gui.storage.settings import Settings, load_settings
from gui.ui.appearance import TONES, apply_appearance, dark_palette, is_dark, light_palette
from gui.ui.progress_delegate import DARK_BAR, LIGHT_BAR, bar_colours
from gui.ui.state_icons import state_icon
from gui.ui.task_table_model import Column
from gui.ui.task_text import state_colour
from tests.ui_helpers import OFFSCREEN_NOISE, Windows, WindowUnderTest, windows_fixture

pytestmark = OFFSCREEN_NOISE
STATES: list[TaskState | None] = [None, *TaskState]
Role = QPalette.ColorRole


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor | str, b: QColor | str) -> float:
    """WCAG 2 contrast ratio."""
    la, lb = sorted((luminance(QColor(a)), luminance(QColor(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_the_contrast_formula_matches_wcag() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.fixture(autouse=True)
def _back_to_light(qapp: QApplication) -> Iterator[None]:
    yield
    apply_appearance("system")  # the session's QApplication as other tests expect it
    qapp.setStyleSheet("")


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("state", STATES, ids=lambda s: str(s))
def test_each_state_colour_stands_out_from_the_table_in_both_palettes(
    qapp: QApplication, state: TaskState | None, dark: bool
) -> None:
    palette = dark_palette() if dark else light_palette()
    assert is_dark(palette) is dark
    colour = state_colour(state, dark)
    for role in (Role.Base, Role.AlternateBase):  # plain and alternate rows
        ratio = contrast(colour, palette.color(role))
        assert ratio >= 3.0, f"{state} {colour} on {palette.color(role).name()}: {ratio:.2f}"


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_progress_bar_is_legible_in_both_palettes(qapp: QApplication, dark: bool) -> None:
    palette = dark_palette() if dark else light_palette()
    bar = bar_colours(palette)
    assert bar is (DARK_BAR if dark else LIGHT_BAR)
    assert contrast(bar.chunk, bar.groove) >= 3.0
    assert contrast(bar.border, palette.color(Role.Base)) >= 1.5  # the groove's edge shows
    assert contrast(bar.text_on_groove, bar.groove) >= 4.5
    assert contrast(bar.text_on_chunk, bar.chunk) >= 4.5
    # The window's own text and selection keep their contrast in our dark palette too.
    assert contrast(palette.color(Role.Text), palette.color(Role.Base)) >= 4.5
    assert contrast(palette.color(Role.HighlightedText), palette.color(Role.Highlight)) >= 4.5


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[Windows]:
    yield from windows_fixture(qtbot, qt_loop)


@pytest.fixture
def shown(windows: Windows) -> WindowUnderTest:
    return windows.open()


def _foreground(shown: WindowUnderTest, task_id: str) -> QColor:
    row = shown.row(task_id)
    assert row is not None
    value = shown.window.model.index(row, Column.STATE).data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(value, QColor)
    return value


def test_switching_to_dark_and_back_recolours_the_window_at_once(
    windows: Windows, shown: WindowUnderTest
) -> None:
    windows.server.add_task("sunor", "done", TaskScript([Phase("succeeded")]))
    shown.controller.add_from_text("done", "sunor")
    shown.wait_for_state("done", "Finished")
    shown.select("done")
    light_icon = state_icon(TaskState.SUCCEEDED).pixmap(16, 16).toImage()

    assert apply_appearance("dark") == "dark"
    assert is_dark(QGuiApplication.palette())
    shown.qtbot.waitUntil(lambda: is_dark(shown.window.table.palette()))
    assert _foreground(shown, "done").name() == state_colour(TaskState.SUCCEEDED, True)
    assert state_icon(TaskState.SUCCEEDED).pixmap(16, 16).toImage() != light_icon
    # The detail pane's state line follows too (its colour is in a style sheet).
    shown.qtbot.waitUntil(
        lambda: state_colour(TaskState.SUCCEEDED, True) in _detail_state_style(shown)
    )
    shown.window.grab().save(str(shown.services.paths.data / "dark.png"))

    assert apply_appearance("light") == "light"
    assert _foreground(shown, "done").name() == state_colour(TaskState.SUCCEEDED, False)
    assert state_icon(TaskState.SUCCEEDED).pixmap(16, 16).toImage() == light_icon
    apply_appearance("system")  # the platform's own palette again (offscreen: light)
    assert not is_dark(QGuiApplication.palette())


def _detail_state_style(shown: WindowUnderTest) -> str:
    label = shown.detail_label("detailState")
    return label.styleSheet() if label is not None else ""


def test_settings_appearance_is_saved_and_applied_without_a_restart(
    shown: WindowUnderTest,
) -> None:
    shown.controller.open_settings("")
    dialog = shown.controller.settings_flow.dialog
    assert dialog is not None
    combo = dialog.findChild(QComboBox, "appearance")
    assert combo is not None
    assert [combo.itemData(i) for i in range(combo.count())] == ["system", "light", "dark"]
    combo.setCurrentIndex(combo.findData("dark"))
    dialog._save()
    shown.qtbot.waitUntil(lambda: is_dark(QGuiApplication.palette()))
    assert load_settings(shown.services.paths.settings).appearance == "dark"
    assert shown.window.model.rowCount(QModelIndex()) == 0


def test_an_unknown_appearance_in_the_settings_file_falls_back_to_system() -> None:
    assert Settings.from_json({"appearance": "purple"}).appearance == "system"
    assert Settings.from_json({"appearance": "dark"}).appearance == "dark"


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("tone", sorted(TONES))
def test_toned_words_are_readable_in_both_palettes(
    qapp: QApplication, tone: str, dark: bool
) -> None:
    palette = dark_palette() if dark else light_palette()
    colour = TONES[tone][1 if dark else 0]
    for role in (Role.Window, Role.Base):
        assert contrast(colour, palette.color(role)) >= 4.5, (tone, role)


def test_a_message_takes_its_tone_in_the_palette_in_use(shown: WindowUnderTest) -> None:
    message = shown.window.input_bar.message
    for mode, index in (("dark", 1), ("light", 0)):
        apply_appearance(mode)
        shown.window.input_bar.show_message("Nothing to add.", "error")
        shown.qtbot.waitUntil(
            lambda i=index: message.palette().color(Role.WindowText).name() == TONES["error"][i]
        )
