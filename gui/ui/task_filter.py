"""Filtering and sorting the task table: free text (ID, title, tags), a state group, a provider."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from gui.core.states import TaskState
from gui.core.tracked_task import TrackedTask, Watch
from gui.ui.task_table_model import SORT_ROLE, TASK_ROLE


class StateGroup(StrEnum):
    ALL = "All"
    ACTIVE = "Active"
    FINISHED = "Finished"
    FAILED = "Failed"


def in_group(task: TrackedTask, group: StateGroup) -> bool:
    if group is StateGroup.ALL:
        return True
    state = task.state
    failed = (state is not None and state.is_failure) or task.watch in (
        Watch.NOT_FOUND,
        Watch.GIVEN_UP,
    )
    if group is StateGroup.FAILED:
        return failed
    if group is StateGroup.FINISHED:
        return state is TaskState.SUCCEEDED
    return not failed and not task.is_finished  # ACTIVE


def count_groups(tasks: Iterable[TrackedTask]) -> dict[StateGroup, int]:
    """How many tasks each filter button would show, in one pass (it runs on every flush)."""
    counts = dict.fromkeys(StateGroup, 0)
    for task in tasks:
        counts[StateGroup.ALL] += 1
        if in_group(task, StateGroup.FAILED):
            counts[StateGroup.FAILED] += 1
        elif task.state is TaskState.SUCCEEDED:
            counts[StateGroup.FINISHED] += 1
        elif not task.is_finished:
            counts[StateGroup.ACTIVE] += 1
    return counts


def matches_text(task: TrackedTask, needle: str) -> bool:
    if not needle:
        return True
    haystack = [task.task_id, task.title or ""]
    if task.snapshot:
        haystack += [clip.tags or "" for clip in task.snapshot.clips]
        haystack += [clip.title or "" for clip in task.snapshot.clips]
    return any(needle in text.casefold() for text in haystack)


class TaskFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self._text = ""
        self._group = StateGroup.ALL
        self._provider: str | None = None

    @property
    def group(self) -> StateGroup:
        return self._group

    @property
    def provider(self) -> str | None:
        return self._provider

    @property
    def text(self) -> str:
        return self._text

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The source model sorts itself (fast, see TaskTableModel.sort); this proxy filters."""
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

    def set_text(self, text: str) -> None:
        self._change(lambda: setattr(self, "_text", text.strip().casefold()))

    def set_group(self, group: StateGroup) -> None:
        self._change(lambda: setattr(self, "_group", group))

    def set_provider(self, provider: str | None) -> None:
        self._change(lambda: setattr(self, "_provider", provider))

    def _change(self, apply: object) -> None:
        self.beginFilterChange()
        apply()  # type: ignore[operator]
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        task = self.sourceModel().index(row, 0, parent).data(TASK_ROLE)
        if not isinstance(task, TrackedTask):
            return False
        if self._provider and task.provider != self._provider:
            return False
        return in_group(task, self._group) and matches_text(task, self._text)
