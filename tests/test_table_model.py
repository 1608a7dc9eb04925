"""The task table model on its own: sorting its rows, inserting new ones in place, and keeping
the selection on the same task when the order changes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt

from gui.domain.tracked_task import TrackedTask
from gui.ui.task_filter import StateGroup, TaskFilterProxy, count_groups
from gui.ui.task_table_model import TASK_ROLE, Column, TaskTableModel


def task(task_id: str, added_at: float) -> TrackedTask:
    return TrackedTask(
        provider="sunor", task_id=task_id, added_at=added_at, tracking_since=added_at
    )


def ids(model: Any) -> list[str]:
    return [model.index(row, 0).data(TASK_ROLE).task_id for row in range(model.rowCount())]


def test_sorting_reorders_rows_and_new_tasks_land_in_sorted_place(qapp: Any) -> None:
    model = TaskTableModel()
    proxy = TaskFilterProxy()
    proxy.setSourceModel(model)
    model.set_tasks([task("b", 2.0), task("c", 3.0), task("a", 1.0)])
    proxy.sort(Column.ADDED, Qt.SortOrder.DescendingOrder)
    assert ids(proxy) == ["c", "b", "a"]
    model.add(task("d", 4.0))  # newest first under "Added, descending"
    model.add(task("m", 2.5))
    assert ids(proxy) == ["d", "c", "m", "b", "a"]
    proxy.sort(Column.TITLE, Qt.SortOrder.AscendingOrder)
    assert ids(proxy) == ["a", "b", "c", "d", "m"]


def test_the_selection_follows_its_task_through_a_sort(qapp: Any) -> None:
    model = TaskTableModel()
    proxy = TaskFilterProxy()
    proxy.setSourceModel(model)
    model.set_tasks([task("b", 2.0), task("c", 3.0), task("a", 1.0)])
    selection = QItemSelectionModel(proxy)
    selection.select(
        proxy.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert selection.selectedRows()[0].data(TASK_ROLE).task_id == "b"
    proxy.sort(Column.TITLE, Qt.SortOrder.DescendingOrder)
    assert ids(proxy) == ["c", "b", "a"]
    assert [i.data(TASK_ROLE).task_id for i in selection.selectedRows()] == ["b"]


def test_group_counts_match_the_filter_buttons(qapp: Any) -> None:
    tasks = [task("a", 1.0), task("b", 2.0)]
    counts = count_groups(tasks)
    assert counts[StateGroup.ALL] == 2 and counts[StateGroup.ACTIVE] == 2
    assert counts[StateGroup.FINISHED] == counts[StateGroup.FAILED] == 0


def test_the_model_keeps_its_counts_through_adds_updates_and_removals(qapp: Any) -> None:
    from gui.domain.events import TaskUpdated
    from gui.domain.model import TaskSnapshot
    from gui.domain.states import TaskState
    from gui.domain.tracked_task import Watch

    def ended(t: TrackedTask, state: TaskState) -> TrackedTask:
        snapshot = TaskSnapshot(
            provider="sunor", task_id=t.task_id, state=state, provider_status=None
        )
        return t.with_changes(snapshot=snapshot, watch=Watch.DONE)

    model = TaskTableModel()
    model.set_tasks([task("a", 1.0)])
    model.add(task("b", 2.0))
    model.add(task("c", 3.0))
    model.on_engine_event(TaskUpdated(ended(task("b", 2.0), TaskState.SUCCEEDED), True))
    model.on_engine_event(TaskUpdated(ended(task("c", 3.0), TaskState.FAILED), True))
    model.flush()  # the coalescing timer would do this a moment later
    assert model.counts == count_groups(model.tasks)
    assert model.counts[StateGroup.FAILED] == model.counts[StateGroup.FINISHED] == 1
    model.remove(("sunor", "c"))
    assert model.counts == count_groups(model.tasks)
    assert model.counts[StateGroup.ALL] == 2 and model.counts[StateGroup.FAILED] == 0
