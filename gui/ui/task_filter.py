"""Filtering and sorting the task table: free text (ID, title, tags), a state group, a provider."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from gui.domain.task_row import TaskRow
from gui.ui.task_groups import StateGroup, count_groups, group_of, in_group
from gui.ui.task_table_model import SORT_ROLE, TaskTableModel


def matches_text(task: TaskRow, needle: str) -> bool:
    """`needle` (casefolded) in the task ID, the title, or a clip's title or tags."""
    if not needle:
        return True
    haystack = (task.task_id, task.title or "", task.search)  # search: already casefolded
    return any(needle in text.casefold() for text in haystack)


__all__ = ["StateGroup", "TaskFilterProxy", "count_groups", "group_of", "in_group", "matches_text"]


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

    @property
    def shows_every_row(self) -> bool:
        """No filter: every row of the model in the model's order (this proxy never sorts), so
        row N here is the model's row N (the table's delegate skips mapToSource then)."""
        return not (self._text or self._provider or self._group is not StateGroup.ALL)

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
        if not (self._text or self._provider or self._group is not StateGroup.ALL):
            return True  # no filter: skip the per-row Python work (10 000 rows per sort)
        source = self.sourceModel()
        task = source.task_at(row) if isinstance(source, TaskTableModel) else None
        if not isinstance(task, TaskRow):
            return False
        if self._provider and task.provider != self._provider:
            return False
        return in_group(task, self._group) and matches_text(task, self._text)
