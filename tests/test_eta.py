"""The ETA: durations learned per provider and task type, the documented ranges before that,
"taking longer than usual" past the 95th percentile — and the ledger's finished durations."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from gui.domain.model import TaskSnapshot
from gui.domain.states import TaskState
from gui.domain.tracked_task import HistoryEntry, TrackedTask, Watch
from gui.polling.eta import (
    MAX_HISTORY,
    MIN_HISTORY,
    DurationBook,
    FinishedRun,
    estimate,
    finished_run,
    task_age,
)
from gui.storage.ledger import Ledger

T0 = 1_780_000_000.0


def at(seconds: float) -> datetime:
    return datetime.fromtimestamp(T0 + seconds, UTC)


def book_of(provider: str, durations: list[float], task_type: str = "music") -> DurationBook:
    return DurationBook(FinishedRun(provider, task_type, d) for d in durations)


@pytest.mark.parametrize(
    ("provider", "usual"),
    [("crun", (30, 120)), ("mountsea-suno", (30, 120)), ("sunor", (30, 300))],
)
def test_before_enough_history_the_documented_range_is_the_answer(
    provider: str, usual: tuple[float, float]
) -> None:
    book = book_of(provider, [40.0] * (MIN_HISTORY - 1))
    model = book.model(provider, "music")
    assert not model.learned and model.usual == usual
    shown = estimate(model, age=20)
    assert shown.remaining is None and not shown.learned and shown.usual == usual
    assert not shown.overdue
    # The documented range is read as 5th-95th percentiles: past its top is overdue.
    assert estimate(model, age=usual[1] + 1).overdue


def test_with_history_the_eta_is_what_is_left_of_a_typical_run() -> None:
    durations = [36.0, 38.0, 39.0, 40.0, 40.0, 41.0, 42.0, 44.0, 45.0, 38.5]
    model = book_of("crun", durations).model("crun", "music")
    assert model.learned and model.samples == len(durations)
    low, high = model.usual
    # Ten runs narrow the documented 30-120 s to the runs (the documented spread still counts as
    # a few runs: ten is not yet certainty).
    assert 27 < low < 38 and 43 < high < 60
    shown = estimate(model, age=10)
    assert shown.learned and shown.remaining is not None
    assert 28 <= shown.remaining <= 32  # a ~40 s task, 10 s in
    later = estimate(model, age=39)
    assert later.remaining is not None and 0 < later.remaining < 10  # a few seconds, not 30
    late = estimate(model, age=60)
    assert late.overdue and late.remaining is None  # "taking longer than usual"


def test_a_few_equal_runs_do_not_make_the_next_one_late_at_once() -> None:
    few = book_of("crun", [40.0] * MIN_HISTORY).model("crun", "music")
    assert few.learned
    assert not estimate(few, age=48).overdue  # +20 % after five runs is not "longer than usual"
    many = book_of("crun", [40.0] * MAX_HISTORY).model("crun", "music")
    assert estimate(many, age=48).overdue  # after hundreds of 40 s runs it is
    assert many.usual[1] - many.usual[0] < few.usual[1] - few.usual[0]


def test_kinds_are_learned_apart_and_only_the_most_recent_count() -> None:
    book = book_of("sunor", [10.0] * 8, task_type="lyrics")
    for seconds in [500.0] * MAX_HISTORY + [90.0] * MAX_HISTORY:
        book.record(FinishedRun("sunor", "music", seconds))
    assert book.model("sunor", "lyrics").distribution.median == pytest.approx(10.0)
    assert book.model("sunor", "music").distribution.median == pytest.approx(90.0)  # not 500
    assert not book.model("crun", "music").learned  # another provider knows nothing yet
    # A task whose type is not said yet (crun while running) learns from all of its provider.
    assert book.samples("sunor", None) == MAX_HISTORY  # (the most recent)


def test_a_provider_progress_bar_gives_the_eta_when_there_is_one() -> None:
    model = book_of("sunor", []).model("sunor", "music")
    shown = estimate(model, age=30, progress=0.5)
    assert shown.remaining == pytest.approx(30)
    # Said 10 s ago: that much less is left now.
    assert estimate(model, age=40, progress=0.5, answered_age=30).remaining == pytest.approx(20)
    # Queued 20 s, then 2% a second: 20% at 30 s means 40 s left, not 120 s.
    paced = estimate(model, age=30, progress=0.2, answered_age=30, pace=0.02)
    assert paced.remaining == pytest.approx(40)


def succeeded(
    state: TaskState = TaskState.SUCCEEDED,
    created_at: datetime | None = None,
    finished_at: datetime | None = None,
) -> TrackedTask:
    snapshot = TaskSnapshot(
        "crun",
        "t",
        state,
        state.value,
        created_at=created_at,
        finished_at=finished_at,
        task_type="music",
    )
    task = TrackedTask("crun", "t", added_at=T0, tracking_since=T0, watch=Watch.DONE)
    return task.with_changes(snapshot=snapshot)


def test_a_duration_comes_from_the_provider_times_else_from_what_was_seen() -> None:
    reported = finished_run(succeeded(created_at=at(0), finished_at=at(75)))
    assert reported == FinishedRun("crun", "music", 75.0)
    seen = succeeded().with_changes(
        history=(
            HistoryEntry(T0 + 5, TaskState.RUNNING, "running"),
            HistoryEntry(T0 + 65, TaskState.SUCCEEDED, "success"),
        )
    )
    assert finished_run(seen) == FinishedRun("crun", "music", 60.0)
    first_seen_finished = succeeded().with_changes(
        history=(HistoryEntry(T0 + 5, TaskState.SUCCEEDED, "success"),)
    )
    assert finished_run(first_seen_finished) is None  # says nothing about its duration
    failed = succeeded(state=TaskState.FAILED, created_at=at(0), finished_at=at(9))
    assert finished_run(failed) is None


def test_age_counts_from_the_provider_creation_time_else_from_first_seen() -> None:
    task = succeeded(state=TaskState.RUNNING, created_at=at(-600))
    assert task_age(task, T0 + 10) == pytest.approx(610)
    assert task_age(task.with_changes(snapshot=None), T0 + 10) == pytest.approx(10)


def test_the_ledger_lists_finished_durations_newest_first(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "tasks.sqlite3")
    try:
        cases = {
            "reported": succeeded(created_at=at(0), finished_at=at(80)),
            "seen": succeeded().with_changes(
                history=(
                    HistoryEntry(T0 + 1, TaskState.QUEUED, "pending"),
                    HistoryEntry(T0 + 46, TaskState.SUCCEEDED, "success"),
                )
            ),
            "pasted-finished": succeeded().with_changes(
                history=(HistoryEntry(T0 + 1, TaskState.SUCCEEDED, "success"),)
            ),
            "failed": succeeded(state=TaskState.FAILED, created_at=at(0), finished_at=at(9)),
        }
        for task_id, task in cases.items():
            ledger.add("crun", task_id, at=T0)
            ledger.save(task.with_changes(task_id=task_id), task.history)
        durations = ledger.finished_durations()
    finally:
        ledger.close()
    assert durations == [("crun", "music", 45.0), ("crun", "music", 80.0)]
