"""The window at common sizes (800×600, the default 1280×760): no column cuts its words, the table
never scrolls sideways, and nothing in the detail pane is cut off at its right edge."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QWidget

from gui.fake_provider import MusicResult, Phase, TaskScript
from gui.ui.table_columns import DROP_ORDER, hidden_columns
from gui.ui.task_table_model import Column
from tests.ui_helpers import OFFSCREEN_NOISE, Windows, WindowUnderTest, windows_fixture

pytestmark = OFFSCREEN_NOISE

SONG = TaskScript(
    [Phase("running", 0.2), Phase("succeeded")],
    MusicResult(titles=["Neon Rain"], clips=2, tags="synthwave, dreamy, female vocal, night drive"),
)


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[Windows]:
    yield from windows_fixture(qtbot, qt_loop)


def settle(shown: WindowUnderTest, width: int, height: int) -> None:
    shown.window.resize(width, height)
    shown.qtbot.waitUntil(lambda: shown.window.size().width() == width)
    for _ in range(3):  # layouts settle over a few event rounds (scrollbars come and go)
        shown.qtbot.wait(0)


def clipped_widgets(pane_page: QWidget, visible_width: int) -> list[str]:
    """Visible widgets of the detail pane whose right edge is beyond what the pane shows."""
    out = []
    for child in pane_page.findChildren(QWidget):
        if not child.isVisibleTo(pane_page) or child.width() == 0:
            continue
        right = child.mapTo(pane_page, QPoint(child.width(), 0)).x()
        if right > visible_width + 1:
            out.append(f"{type(child).__name__} {child.objectName()!r} ends at {right}")
    return out


@pytest.mark.parametrize(("width", "height"), [(800, 600), (1280, 760)])
def test_nothing_is_clipped_at_common_window_sizes(
    windows: Windows, width: int, height: int
) -> None:
    windows.server.add_task("mountsea-suno", "song", SONG)
    shown = windows.open()
    shown.controller.add_from_text("song", "mountsea-suno")
    shown.controller.add_from_text("f47ac10b-58cc-4372-a567-0e02b2c3d479", "sunor")
    waiting = shown.task("f47ac10b-58cc-4372-a567-0e02b2c3d479")
    shown.services.engine.pause(waiting.key)  # stays "Waiting for first check", the widest state
    shown.wait_for_state("song", "Finished")
    shown.select("song")
    shown.qtbot.waitUntil(lambda: len(shown.window.detail.cards) == 2)
    settle(shown, width, height)

    table = shown.window.table
    assert table.horizontalScrollBar().maximum() == 0, "the table scrolls sideways"
    header = table.horizontalHeader()
    shown_columns = [c for c in Column if not header.isSectionHidden(c)]
    assert Column.TITLE in shown_columns and Column.STATE in shown_columns
    for column in shown_columns:
        if column is Column.TITLE:
            continue
        needed = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
        assert table.columnWidth(column) >= needed, f"{column.name} cuts its words"
    if width >= 1280:
        # Every column but the two the detail pane says best ("2 results", "Added: …"): with
        # the ETA beside Elapsed the nine no longer fit beside the pane at 1280.
        expected = [c for c in Column if c not in (Column.CLIPS, Column.ADDED)]
        assert shown_columns == expected, "the default size shows all the needed columns"
        assert table.columnWidth(Column.TITLE) >= table.columnWidth(Column.STATE)

    pane = shown.window.detail
    page = pane.widget()
    assert page is not None
    visible = pane.viewport().width()
    assert page.width() <= visible
    assert clipped_widgets(page, visible) == []
    for card in pane.cards:
        assert card.play_button.isVisibleTo(page) and card.export_button.isVisibleTo(page)


def test_columns_hide_least_needed_first_and_title_and_state_stay() -> None:
    natural: dict[Column, int] = {c: 100 for c in Column if c is not Column.TITLE}
    assert hidden_columns(10_000, natural, 150, DROP_ORDER) == set()
    assert hidden_columns(150 + 700, natural, 150, DROP_ORDER) == {Column.CLIPS}
    assert hidden_columns(0, natural, 150, DROP_ORDER) == set(DROP_ORDER)
    assert Column.STATE not in DROP_ORDER and Column.TITLE not in DROP_ORDER
