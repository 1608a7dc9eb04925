"""Progress bars copied from a cache look exactly like bars drawn in place: same pixels in light
and dark, on plain and alternate rows and on the selected row, at percentages from 0 to 100."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView

from gui.domain.model import TaskSnapshot
from gui.domain.states import TaskState
from gui.domain.tracked_task import TrackedTask
from gui.ui import progress_delegate
from gui.ui.appearance import apply_appearance
from gui.ui.progress_delegate import ProgressDelegate
from gui.ui.task_cell_delegate import TaskCellDelegate
from gui.ui.task_filter import TaskFilterProxy
from gui.ui.task_table_model import Column, TaskTableModel
from tests.ui_helpers import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE


@pytest.fixture(autouse=True)
def _back_to_light(qapp: QApplication) -> Iterator[None]:
    yield
    apply_appearance("system")
    qapp.setStyleSheet("")


def running(count: int) -> list[TrackedTask]:
    now = 1_764_750_000.0
    return [
        TrackedTask(
            provider="sunor",
            task_id=f"task-{i}",
            added_at=now - i * 60,
            tracking_since=now - i * 60,
            snapshot=TaskSnapshot(
                "sunor", f"task-{i}", TaskState.RUNNING, "x", progress=i / (count - 1)
            ),
        )
        for i in range(count)
    ]


def painted(qapp: QApplication, table: QTableView) -> QImage:
    qapp.processEvents()
    return table.viewport().grab().toImage()


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_cached_bars_are_the_pixels_of_bars_drawn_in_place(qapp: QApplication, mode: str) -> None:
    apply_appearance(mode)
    model = TaskTableModel()
    model.set_tasks(running(21))  # 0 %, 5 %, ... 100 %
    proxy = TaskFilterProxy()
    proxy.setSourceModel(model)
    table = QTableView()
    table.setModel(proxy)
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setColumnHidden(Column.ELAPSED, True)  # counts on the wall clock between two grabs
    table.setItemDelegate(TaskCellDelegate(table))
    bars = ProgressDelegate(table)
    table.setItemDelegateForColumn(Column.PROGRESS, bars)
    table.resize(1100, 640)
    table.show()
    table.selectRow(2)
    progress_delegate._BARS.clear()
    bars.cache_bars = False
    in_place = painted(qapp, table)
    assert not progress_delegate._BARS
    bars.cache_bars = True
    cached = painted(qapp, table)
    again = painted(qapp, table)  # now every bar comes from the cache
    assert len(progress_delegate._BARS) >= 20  # the bars did come from pictures
    assert cached == in_place
    assert again == in_place
    table.close()
