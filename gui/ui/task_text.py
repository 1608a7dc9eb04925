"""Words for a tracked task's situation, shared by the table, the detail pane and the menus.
No widgets, so the wording is tested without a display; translated by gui.i18n."""

from __future__ import annotations

import time

from gui.domain.model import STEMS_TITLE
from gui.domain.states import TaskState
from gui.domain.task_row import TaskRow
from gui.domain.tracked_task import TrackedTask, Watch
from gui.i18n import translate
from gui.polling.eta import Estimate

# Shapes differ as well as colours, so the states stay distinct for colour-blind users.
STATE_SYMBOLS: dict[TaskState | None, str] = {
    None: "○",
    TaskState.QUEUED: "◔",
    TaskState.RUNNING: "◑",
    TaskState.STREAMING: "▶",
    TaskState.SUCCEEDED: "✔",
    TaskState.FAILED: "✖",
    TaskState.CANCELLED: "⊘",
    TaskState.TIMED_OUT: "",  # drawn (state_icons.py): no common font has ⌛ (DejaVu shows a box)
}
# One colour per state for a light palette and one for a dark one, each at least 3:1 against the
# table's base and alternate-row colours (WCAG non-text contrast; tests/test_appearance.py).
STATE_COLOURS: dict[TaskState | None, str] = {
    None: "#707070",
    TaskState.QUEUED: "#707070",
    TaskState.RUNNING: "#1f6fb2",
    TaskState.STREAMING: "#6a3d9a",
    TaskState.SUCCEEDED: "#1a7f37",
    TaskState.FAILED: "#c0392b",
    TaskState.CANCELLED: "#8a6d3b",
    TaskState.TIMED_OUT: "#b35900",
}
STATE_COLOURS_DARK: dict[TaskState | None, str] = {
    None: "#a8a8a8",
    TaskState.QUEUED: "#a8a8a8",
    TaskState.RUNNING: "#6cb4f0",
    TaskState.STREAMING: "#c09cf0",
    TaskState.SUCCEEDED: "#5cc985",
    TaskState.FAILED: "#ff7a6e",
    TaskState.CANCELLED: "#d9b985",
    TaskState.TIMED_OUT: "#f5a54a",
}


def state_colour(state: TaskState | None, dark: bool = False) -> str:
    return (STATE_COLOURS_DARK if dark else STATE_COLOURS)[state]


QUEUED_AFTER = 3.0  # seconds past due: longer than a check takes, so it waits for the budget


def title_words(title: str | None) -> str | None:
    """A task's title as shown: the one title Tunewatch makes up (stems) in the user's language;
    a provider's title exactly as it came (a song called "Finished" stays "Finished")."""
    prefix = STEMS_TITLE.split("{", 1)[0]
    if title and title.startswith(prefix):
        return translate("Titles", STEMS_TITLE).format(names=title[len(prefix) :])
    return title


def task_type_words(task_type: str) -> str:
    """A provider's task type (`music`, `stems`…) in the reader's language; one this list does
    not know is shown as the provider wrote it."""
    known = {  # literal strings, so pyside6-lupdate extracts each of them
        "music": translate("TaskType", "music"),
        "lyrics": translate("TaskType", "lyrics"),
        "upload": translate("TaskType", "upload"),
        "concat": translate("TaskType", "concat"),
        "stems": translate("TaskType", "stems"),
        "video": translate("TaskType", "video"),
        "image": translate("TaskType", "image"),
        "download": translate("TaskType", "download"),
        "media": translate("TaskType", "media"),
    }
    return known.get(task_type, task_type)


def state_words(task: TrackedTask | TaskRow) -> str:
    if task.state is None:
        if task.watch is Watch.ACTIVE and task.problem is None:
            # Added and due at once; a big paste waits its turn within the rate budget.
            return translate("TaskText", "Queued for check")
        return translate("TaskText", "Waiting for first check")
    return translate("TaskState", task.state.label)


def human_seconds(seconds: float) -> str:
    whole = max(round(seconds), 0)
    if whole < 60:
        return translate("TaskText", "{seconds} s").format(seconds=whole)
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        if minutes >= 10:
            return translate("TaskText", "{minutes} min").format(minutes=minutes)
        return translate("TaskText", "{minutes} min {seconds} s").format(
            minutes=minutes, seconds=f"{secs:02d}"
        )
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return translate("TaskText", "{hours} h {minutes} min").format(
            hours=hours, minutes=f"{minutes:02d}"
        )
    return translate("TaskText", "{days} days").format(days=hours // 24)


def elapsed_seconds(task: TaskRow, now: float | None = None) -> float:
    """One definition everywhere: from the provider's start time when it gives one, else from
    when the task was added, to its finish (the provider's time, else when it was seen
    finished) or now. Words for which of these a number is: `elapsed_basis`."""
    now = time.time() if now is None else now
    end = task.ended if task.ended is not None else now
    return max(end - task.started, 0.0)


def elapsed_basis(task: TaskRow) -> str:
    """What the Elapsed number counts, so a jump (the provider's own times arriving) is explained."""
    from_provider = task.started != task.added_at
    if task.ended is None:
        if from_provider:
            return translate("TaskText", "since the provider started it")
        return translate("TaskText", "since added")
    if from_provider:
        return translate("TaskText", "the provider's start to finish")
    return translate("TaskText", "from added to finished")


def elapsed_words(task: TaskRow, now: float | None = None) -> str:
    """`23 s`: the one way Elapsed is written — the table's cell and the detail pane alike, so
    given the same clock reading they agree. Whole seconds gone by, like a stopwatch: rounding
    would show a second that has not passed yet, and flip between two readings 0.1 s apart."""
    return human_seconds(int(elapsed_seconds(task, now)))


def elapsed_line(task: TaskRow, now: float | None = None) -> str:
    """`Elapsed: 23 s (since added)`."""
    return translate("TaskText", "Elapsed: {time} ({basis})").format(
        time=elapsed_words(task, now), basis=elapsed_basis(task)
    )


def next_check_words(
    task: TrackedTask | TaskRow,
    account_problem: str | None = None,
    now: float | None = None,
    *,
    offline: bool = False,
) -> str:
    now = time.time() if now is None else now
    if task.watch is Watch.DONE:
        return "—"
    if task.watch is Watch.PAUSED:
        return translate("TaskText", "paused")
    if task.watch is Watch.GIVEN_UP:
        return translate("TaskText", "given up")
    if task.watch is Watch.NOT_FOUND:
        return translate("TaskText", "not found")
    if account_problem:
        return translate("TaskText", "paused: key problem")
    if task.next_poll_at is None or offline:  # offline: for the account, said once, not "checking…"
        return translate("TaskText", "waiting")
    wait = task.next_poll_at - now
    if task.problem and (
        "retrying" in task.problem.lower() or "rate limit" in task.problem.lower()
    ):
        if wait > 0:
            return translate("TaskText", "retrying in {time}").format(time=human_seconds(wait))
        return translate("TaskText", "retrying now")
    if wait > 0.5:
        return translate("TaskText", "in {time}").format(time=human_seconds(wait))
    if wait < -QUEUED_AFTER:  # due a while ago: waiting its turn within the account's budget
        return translate("TaskText", "queued")
    return translate("TaskText", "checking…")


def eta_words(estimate: Estimate | None) -> str:
    """The ETA in words: "~40 s left", "usually 30 s–2 min" (too little history yet), or,
    past the 95th percentile of its kind, "taking longer than usual"; "" for nothing to say."""
    if estimate is None:
        return ""
    if estimate.overdue:
        return translate("TaskText", "taking longer than usual")
    if estimate.remaining is not None:
        return translate("TaskText", "~{time} left").format(time=_rough(estimate.remaining))
    return translate("TaskText", "usually {range}").format(range=duration_range(*estimate.usual))


def duration_range(low: float, high: float) -> str:
    """30 s–2 min, 1–2 min, 20–45 s: the usual durations, rounded as a person would say them."""
    if high < 60:
        return translate("TaskText", "{low}–{high} s").format(
            low=_step(low, 5), high=max(_step(high, 5), _step(low, 5))
        )
    high_minutes = max(round(high / 60), 1)
    if low < 60:
        return translate("TaskText", "{low} s–{high} min").format(
            low=_step(low, 5), high=high_minutes
        )
    return translate("TaskText", "{low}–{high} min").format(
        low=max(round(low / 60), 1), high=max(high_minutes, round(low / 60), 1)
    )


def _rough(seconds: float) -> str:
    """A remaining time without false precision: 5 s steps, then 30 s, then whole minutes."""
    rounded = max(_step(seconds, 5 if seconds < 60 else 30 if seconds < 600 else 60), 5)
    if rounded % 60 == 0 and rounded < 3600:  # "~2 min left", not "~2 min 00 s left"
        return translate("TaskText", "{minutes} min").format(minutes=rounded // 60)
    return human_seconds(rounded)


def _step(seconds: float, step: int) -> int:
    return int(step * round(seconds / step))
