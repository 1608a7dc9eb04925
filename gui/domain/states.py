"""The one state vocabulary every provider's status words are mapped onto."""

from enum import StrEnum


class TaskState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    STREAMING = "streaming"  # partial audio can already be played
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"
    TIMED_OUT = "timed_out"

    @property
    def is_terminal(self) -> bool:
        return self in TERMINAL_STATES

    @property
    def is_failure(self) -> bool:
        return self in (TaskState.FAILED, TaskState.CANCELLED, TaskState.TIMED_OUT)

    @property
    def label(self) -> str:
        return _LABELS[self]


TERMINAL_STATES = frozenset(
    {TaskState.SUCCEEDED, TaskState.FAILED, TaskState.CANCELLED, TaskState.TIMED_OUT}
)

_LABELS = {
    TaskState.QUEUED: "Queued",
    TaskState.RUNNING: "Generating",
    TaskState.STREAMING: "Streaming preview",
    TaskState.SUCCEEDED: "Finished",
    TaskState.FAILED: "Failed",
    TaskState.CANCELLED: "Cancelled",
    TaskState.TIMED_OUT: "Timed out",
}
