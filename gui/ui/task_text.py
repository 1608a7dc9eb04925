"""Words for a tracked task's situation, shared by the table, the detail pane and the menus.
Plain Python (no Qt) so the wording is tested without a display."""

from __future__ import annotations

import time

from gui.domain.states import TaskState
from gui.domain.tracked_task import TrackedTask, Watch

# Shapes differ as well as colours, so the states stay distinct for colour-blind users.
STATE_SYMBOLS: dict[TaskState | None, str] = {
    None: "○",
    TaskState.QUEUED: "◔",
    TaskState.RUNNING: "◑",
    TaskState.STREAMING: "▶",
    TaskState.SUCCEEDED: "✔",
    TaskState.FAILED: "✖",
    TaskState.CANCELLED: "⊘",
    TaskState.TIMED_OUT: "⌛",
}
STATE_COLOURS: dict[TaskState | None, str] = {
    None: "#7a7a7a",
    TaskState.QUEUED: "#7a7a7a",
    TaskState.RUNNING: "#1f6fb2",
    TaskState.STREAMING: "#6a3d9a",
    TaskState.SUCCEEDED: "#1a7f37",
    TaskState.FAILED: "#c0392b",
    TaskState.CANCELLED: "#8a6d3b",
    TaskState.TIMED_OUT: "#b35900",
}


def state_words(task: TrackedTask) -> str:
    if task.state is None:
        return "Waiting for first check"
    return task.state.label


def human_seconds(seconds: float) -> str:
    whole = max(round(seconds), 0)
    if whole < 60:
        return f"{whole} s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s" if minutes < 10 else f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes:02d} min"
    return f"{hours // 24} days"


def elapsed_seconds(task: TrackedTask, now: float | None = None) -> float:
    now = time.time() if now is None else now
    snapshot = task.snapshot
    start = snapshot.created_at.timestamp() if snapshot and snapshot.created_at else task.added_at
    if task.is_finished and snapshot:
        end = (
            snapshot.finished_at.timestamp() if snapshot.finished_at else task.last_polled_at or now
        )
    else:
        end = now
    return max(end - start, 0.0)


def next_check_words(
    task: TrackedTask, account_problem: str | None = None, now: float | None = None
) -> str:
    now = time.time() if now is None else now
    if task.watch is Watch.DONE:
        return "—"
    if task.watch is Watch.PAUSED:
        return "paused"
    if task.watch is Watch.GIVEN_UP:
        return "given up"
    if task.watch is Watch.NOT_FOUND:
        return "not found"
    if account_problem:
        return "paused: key problem"
    if task.next_poll_at is None:
        return "waiting"
    wait = task.next_poll_at - now
    if task.problem and (
        "retrying" in task.problem.lower() or "rate limit" in task.problem.lower()
    ):
        return f"retrying in {human_seconds(wait)}" if wait > 0 else "retrying now"
    return f"in {human_seconds(wait)}" if wait > 0.5 else "checking…"
