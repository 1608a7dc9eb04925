"""The state groups behind the quick filters (All / Active / Finished / Failed) and their
counts. Plain Python: the model keeps the counts up to date without recounting every task."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from functools import cache

from gui.domain.states import TaskState
from gui.domain.task_row import TaskRow
from gui.domain.tracked_task import TrackedTask, Watch
from gui.domain.wording import QT_TRANSLATE_NOOP


class StateGroup(StrEnum):
    # The English label is the value (saved in the layout); the window shows its translation.
    ALL = QT_TRANSLATE_NOOP("StateGroup", "All")
    ACTIVE = QT_TRANSLATE_NOOP("StateGroup", "Active")
    FINISHED = QT_TRANSLATE_NOOP("StateGroup", "Finished")
    FAILED = QT_TRANSLATE_NOOP("StateGroup", "Failed")


def in_group(task: TrackedTask | TaskRow, group: StateGroup) -> bool:
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


def count_groups(tasks: Iterable[TrackedTask | TaskRow]) -> dict[StateGroup, int]:
    """How many tasks each filter button shows, in one pass."""
    counts = dict.fromkeys(StateGroup, 0)
    for task in tasks:
        counts[StateGroup.ALL] += 1
        group = group_of(task)
        if group is not None:
            counts[group] += 1
    return counts


def group_of(task: TrackedTask | TaskRow) -> StateGroup | None:
    """The one group (besides All) a task counts in; None for none of them."""
    return group_of_kind(task.state, task.watch)


@cache  # the group depends on (state, watch) alone: a lookup per row when 100 000 are counted
def group_of_kind(state: TaskState | None, watch: Watch) -> StateGroup | None:
    failed = (state is not None and state.is_failure) or watch in (Watch.NOT_FOUND, Watch.GIVEN_UP)
    if failed:
        return StateGroup.FAILED
    if state is TaskState.SUCCEEDED:
        return StateGroup.FINISHED
    return None if state is not None and state.is_terminal else StateGroup.ACTIVE
