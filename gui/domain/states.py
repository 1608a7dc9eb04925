"""The one state vocabulary every provider's status words are mapped onto."""

from enum import StrEnum

from gui.domain.wording import QT_TRANSLATE_NOOP


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

# English; the window and the terminal translate them when shown (gui.domain.wording).
_LABELS = {
    TaskState.QUEUED: QT_TRANSLATE_NOOP("TaskState", "Queued"),
    TaskState.RUNNING: QT_TRANSLATE_NOOP("TaskState", "Generating"),
    TaskState.STREAMING: QT_TRANSLATE_NOOP("TaskState", "Streaming preview"),
    TaskState.SUCCEEDED: QT_TRANSLATE_NOOP("TaskState", "Finished"),
    TaskState.FAILED: QT_TRANSLATE_NOOP("TaskState", "Failed"),
    TaskState.CANCELLED: QT_TRANSLATE_NOOP("TaskState", "Cancelled"),
    TaskState.TIMED_OUT: QT_TRANSLATE_NOOP("TaskState", "Timed out"),
}
