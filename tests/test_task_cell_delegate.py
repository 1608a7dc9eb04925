"""Painting the task table cheaply without changing it. The table's own delegate paints every cell exactly as Qt's QStyledItemDelegate does (it only
reads the cell's values in one call instead of seven): same pixels in light and dark, with
state icons and colours, right-aligned percentages, alternate rows and a selected row."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractItemView, QApplication, QStyledItemDelegate, QTableView

from gui.domain.events import TaskUpdated
from gui.domain.model import TaskSnapshot
from gui.domain.states import TaskState
from gui.domain.tracked_task import TrackedTask
from gui.ui.appearance import apply_appearance
from gui.ui.task_cell_delegate import TaskCellDelegate
from gui.ui.task_filter import TaskFilterProxy
from gui.ui.task_groups import StateGroup
from gui.ui.task_table_model import Column, TaskTableModel
from tests.ui_helpers import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
STATES: list[TaskState | None] = [None, *TaskState]


@pytest.fixture(autouse=True)
def _back_to_light(qapp: QApplication) -> Iterator[None]:
    yield
    apply_appearance("system")
    qapp.setStyleSheet("")


def tasks() -> list[TrackedTask]:
    now = 1_764_750_000.0
    made = []
    for i, state in enumerate(STATES * 2):
        snapshot = None
        if state is not None:
            snapshot = TaskSnapshot(
                "sunor" if i % 2 else "crun", f"task-{i}", state, "x", progress=0.25, clips=()
            )
        made.append(
            TrackedTask(
                provider="sunor" if i % 2 else "crun",
                task_id=f"task-{i}",
                added_at=now - i * 60,
                tracking_since=now - i * 60,
                snapshot=snapshot,
            )
        )
    return made


def painted(qapp: QApplication, table: QTableView) -> QImage:
    qapp.processEvents()
    return table.viewport().grab().toImage()


@pytest.mark.parametrize("filtered", [False, True], ids=["all rows", "filtered"])
@pytest.mark.parametrize("mode", ["light", "dark"])
def test_cells_are_painted_exactly_as_qt_paints_them(
    qapp: QApplication, mode: str, filtered: bool
) -> None:
    apply_appearance(mode)
    model = TaskTableModel()
    model.set_tasks(tasks())
    proxy = TaskFilterProxy()
    proxy.setSourceModel(model)
    if filtered:  # every other row hidden: the proxy's row N is not the model's row N
        proxy.set_provider("sunor")
        assert 0 < proxy.rowCount() < model.rowCount()
    table = QTableView()
    table.setModel(proxy)
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setColumnHidden(Column.ELAPSED, True)  # counts on the wall clock between two grabs
    table.resize(1100, 500)
    table.show()
    table.selectRow(2)
    qt_delegate = QStyledItemDelegate(table)
    ours = TaskCellDelegate(table)
    table.setItemDelegate(qt_delegate)
    expected = painted(qapp, table)
    table.setItemDelegate(ours)
    actual = painted(qapp, table)
    assert actual.size() == expected.size()
    assert actual == expected
    # The picture is not blank: the state column holds coloured icons and words.
    assert len({expected.pixel(x, 13) for x in range(expected.width())}) > 3
    table.close()


def test_a_palette_switch_repaints_with_the_other_colours(qapp: QApplication) -> None:
    model = TaskTableModel()
    model.set_tasks(tasks())
    table = QTableView()
    table.setModel(model)
    table.setItemDelegate(TaskCellDelegate(table))
    table.resize(800, 300)
    table.show()
    apply_appearance("light")
    light = painted(qapp, table)
    apply_appearance("dark")
    dark = painted(qapp, table)
    table.setItemDelegate(QStyledItemDelegate(table))
    assert dark != light
    assert painted(qapp, table) == dark  # the dark icons and words, as Qt paints them
    table.close()


def test_the_model_makes_indexes_only_inside_its_rows_and_columns() -> None:
    model = TaskTableModel()
    model.set_tasks(tasks())
    rows = model.rowCount()
    assert model.index(rows - 1, len(Column) - 1).isValid()
    assert model.index(0, 0).data() is not None
    for row, column in ((rows, 0), (-1, 0), (0, len(Column)), (0, -1)):
        assert not model.index(row, column).isValid()
    assert not model.index(0, 0, model.index(0, 0)).isValid()  # a table: no children


def test_progress_updates_leave_the_counts_alone_and_a_finish_moves_them() -> None:
    model = TaskTableModel()
    listed = tasks()
    model.set_tasks(listed)
    before = model.counts
    told: list[bool] = []
    model.counts_changed.connect(lambda: told.append(True))
    running = next(t for t in listed if t.snapshot and t.snapshot.state is TaskState.RUNNING)
    assert running.snapshot is not None
    more = dataclasses.replace(running.snapshot, progress=0.75)
    model.on_engine_event(TaskUpdated(running.with_changes(snapshot=more)))
    model.flush()
    assert model.counts == before and told == []
    done = dataclasses.replace(running.snapshot, state=TaskState.SUCCEEDED)
    model.on_engine_event(TaskUpdated(running.with_changes(snapshot=done)))
    model.flush()
    assert told == [True]
    assert model.counts[StateGroup.FINISHED] == before[StateGroup.FINISHED] + 1
    assert model.counts[StateGroup.ACTIVE] == before[StateGroup.ACTIVE] - 1
