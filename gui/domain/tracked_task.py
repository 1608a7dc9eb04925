"""A task the user tracks: its latest snapshot plus what Tunewatch is doing about it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from gui.domain.model import TaskSnapshot
from gui.domain.states import TaskState

TaskKey = tuple[str, str]  # (provider id, task id): the identity of a tracked task


class Watch(StrEnum):
    """Whether Tunewatch is polling the task, and if not, why."""

    ACTIVE = "active"  # polled until it reaches a terminal state
    PAUSED = "paused"  # the user paused it
    GIVEN_UP = "given_up"  # never finished within the provider's limit; can be resumed
    NOT_FOUND = "not_found"  # the provider kept saying it does not know the ID
    DONE = "done"  # terminal: nothing left to poll


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    at: float  # Unix seconds
    state: TaskState
    provider_status: str | None


@dataclass(frozen=True, slots=True)
class TrackedTask:
    provider: str
    task_id: str
    added_at: float  # Unix seconds
    tracking_since: float  # when polling (re)started; the give-up clock runs from here
    watch: Watch = Watch.ACTIVE
    snapshot: TaskSnapshot | None = None  # the last good answer; None before the first one
    problem: str | None = None  # the last error, in words, while it lasts
    last_polled_at: float | None = None
    next_poll_at: float | None = None  # Unix seconds; None when nothing is scheduled
    poll_count: int = 0
    history: tuple[HistoryEntry, ...] = ()
    # The answer before the first that said `stream` (Unix seconds): the stream began after
    # it, which the schedule and the durations it learns from use. In memory only.
    stream_began_after: float | None = None

    @property
    def key(self) -> TaskKey:
        return (self.provider, self.task_id)

    @property
    def state(self) -> TaskState | None:
        return self.snapshot.state if self.snapshot else None

    @property
    def is_finished(self) -> bool:
        return self.snapshot is not None and self.snapshot.state.is_terminal

    @property
    def title(self) -> str | None:
        return self.snapshot.title if self.snapshot else None

    @property
    def name(self) -> str:
        """The task as a person knows it in a message: “its title” once known, else its full ID."""
        return f"“{self.title}”" if self.title else self.task_id

    def with_changes(self, **changes: object) -> TrackedTask:
        return replace(self, **changes)  # type: ignore[arg-type]
