"""Exit statuses shared by every terminal command; scripts depend on them, so never renumber."""

from __future__ import annotations

from gui.domain.errors import ProviderError
from gui.domain.states import TaskState

SUCCEEDED = 0
FAILED = 1  # failed, cancelled or timed out
USAGE = 2
NOT_FINISHED = 3
KEY_PROBLEM = 4  # refused or missing
NOT_FOUND = 5
UNAVAILABLE = 6  # rate limited, server or network error
INTERRUPTED = 130

# Which outcome is "worse" when several tasks end differently (watch, export).
_SEVERITY = [SUCCEEDED, NOT_FINISHED, FAILED, NOT_FOUND, UNAVAILABLE, KEY_PROBLEM, USAGE]


def for_state(state: TaskState) -> int:
    if state is TaskState.SUCCEEDED:
        return SUCCEEDED
    return FAILED if state.is_terminal else NOT_FINISHED


def for_error(error: ProviderError) -> int:
    return error.exit_code


def worst(codes: list[int]) -> int:
    return max(codes, key=_SEVERITY.index, default=SUCCEEDED)
