"""What the engine tells its followers (the window, `tunewatch watch`). No Qt here."""

from __future__ import annotations

from dataclasses import dataclass

from gui.domain.tracked_task import TrackedTask


@dataclass(frozen=True, slots=True)
class TaskAdded:
    task: TrackedTask


@dataclass(frozen=True, slots=True)
class TaskUpdated:
    task: TrackedTask
    state_changed: bool = False


@dataclass(frozen=True, slots=True)
class TaskRemoved:
    task: TrackedTask


@dataclass(frozen=True, slots=True)
class AccountProblem:
    """Reported once per account when a problem starts (or changes); `message` None = resolved."""

    account: str
    message: str | None
    kind: str = "auth"  # "auth" (key refused or missing) or "rate_limited"


EngineEvent = TaskAdded | TaskUpdated | TaskRemoved | AccountProblem
