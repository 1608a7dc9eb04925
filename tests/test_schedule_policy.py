"""The estimate-driven schedule, on the pure functions with the providers' real policies:
sparse while a finish is unlikely, dense around the likely finish, progress and Suno's stream
state as "near" signals, and the provider's floor and ceiling always kept."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from gui.domain.model import TaskSnapshot
from gui.domain.states import TaskState
from gui.domain.tracked_task import TrackedTask
from gui.polling.eta import DurationBook, DurationModel, FinishedRun
from gui.polling.schedule import (
    DENSE_GAP,
    Observed,
    delay_after_answer,
    effective_policy,
    finish_distribution,
    next_check_delay,
)
from gui.providers import get_provider

T0 = 1_780_000_000.0


def documented(provider: str) -> DurationModel:
    return DurationBook().model(provider, "music")


def delay(provider: str, seen: Observed, model: DurationModel | None = None) -> float:
    policy = get_provider(provider).poll_policy
    return next_check_delay(policy, model or documented(provider), seen, random.Random(1))


def test_a_task_just_created_is_not_asked_again_while_a_finish_is_unlikely() -> None:
    # Music takes 30-120 s: nothing is likely before ~25 s, so the next check waits that long
    # (the old schedule asked crun every 15 s and MountSea from 3 s on).
    assert 20 <= delay("crun", Observed(age=0)) <= 30
    assert 20 <= delay("mountsea-suno", Observed(age=0)) <= 30


@pytest.mark.parametrize("age", [40.0, 60.0, 90.0, 120.0])
def test_around_the_likely_finish_checks_are_dense(age: float) -> None:
    assert 0.9 * DENSE_GAP <= delay("crun", Observed(age=age)) <= DENSE_GAP + 1.5


def test_learned_durations_move_the_dense_window() -> None:
    quick = DurationBook(FinishedRun("crun", "music", d) for d in [12, 13, 14, 15, 16, 14, 13])
    model = quick.model("crun", "music")
    assert delay("crun", Observed(age=0), model) < 17  # such tasks finish in 12-16 s
    assert delay("crun", Observed(age=0)) >= 20  # ... where the documented range waits
    assert delay("crun", Observed(age=13), model) <= DENSE_GAP


def test_progress_says_when_the_finish_is_near() -> None:
    # sunor at 90% after 54 s: done at ~60 s, so the next check comes just about then,
    # instead of the dense gap from the durations alone.
    near = delay("sunor", Observed(age=54, progress=0.9))
    assert 4 <= near <= 6 + DENSE_GAP
    # At 20% after 12 s the finish is ~a minute away: no need to ask for a while.
    far = delay("sunor", Observed(age=12, progress=0.2))
    assert far >= 15


def test_two_progress_readings_give_the_pace_a_queued_start_does_not_skew() -> None:
    # Queued for 30 s, then 1% a second: 10% at 40 s, 20% at 50 s, done at ~130 s.
    model = documented("sunor")
    one = finish_distribution(model, Observed(age=50, progress=0.2))
    two = finish_distribution(model, Observed(age=50, progress=0.2, earlier=(40, 0.1)))
    assert 110 <= two.median <= 140
    assert one.median > 180  # 50 s for 20% would mean 250 s


def test_a_streaming_preview_ends_the_sparse_wait() -> None:
    # While only the durations speak, the first checks wait for the first few percent of
    # such tasks to finish; a streaming preview says the end is near: that wait is over.
    streaming = delay("mountsea-suno", Observed(age=8, streaming=True))
    running = delay("mountsea-suno", Observed(age=8))
    assert streaming <= running - 5
    assert delay("mountsea-suno", Observed(age=40, streaming=True)) <= DENSE_GAP + 1


def test_a_task_far_past_its_kind_spreads_its_checks_out_again() -> None:
    # crun music takes 30-120 s: at 3 min a task is unusual, at 10 min probably stuck. It is
    # asked less and less often (up to crun's 30 s), not every few seconds until given up.
    assert delay("crun", Observed(age=150)) <= DENSE_GAP + 1
    assert 8 <= delay("crun", Observed(age=220)) < 25
    assert delay("crun", Observed(age=600)) >= 28
    assert delay("sunor", Observed(age=1200, progress=0.99)) >= 28  # a bar stuck at 99%


def test_the_provider_floor_and_ceiling_always_hold() -> None:
    overdue_soon = Observed(age=59.5, progress=0.99)
    assert delay("sunor", overdue_soon) >= get_provider("sunor").poll_policy.min_task_interval
    slow = DurationBook(FinishedRun("crun", "music", d) for d in [900, 950, 1000, 1100, 980])
    assert delay("crun", Observed(age=0), slow.model("crun", "music")) <= 30  # max_interval


def answer(progress: float | None = None) -> TaskSnapshot:
    created = datetime.fromtimestamp(T0, UTC)
    return TaskSnapshot(
        "sunor", "t", TaskState.RUNNING, "running", progress=progress, created_at=created
    )


def test_after_an_answer_the_engine_path_reads_age_and_earlier_progress_from_the_task() -> None:
    policy = get_provider("sunor").poll_policy
    model = documented("sunor")
    before = TrackedTask("sunor", "t", added_at=T0, tracking_since=T0, poll_count=2)
    before = before.with_changes(snapshot=answer(0.1), last_polled_at=T0 + 40)
    wait = delay_after_answer(policy, model, before, answer(0.2), T0 + 50, random.Random(1))
    alone = before.with_changes(snapshot=answer(None))
    unpaced = delay_after_answer(policy, model, alone, answer(0.2), T0 + 50, random.Random(1))
    # The slope (1%/s) puts the finish at ~130 s, one reading at ~250 s: both sparse, but the
    # slope's check comes sooner.
    assert 15 <= wait < unpaced <= policy.max_interval


def test_a_user_interval_is_a_fixed_pace_whatever_the_estimate() -> None:
    policy = effective_policy(get_provider("sunor").poll_policy, 7.0)
    before = TrackedTask("sunor", "t", added_at=T0, tracking_since=T0, poll_count=3)
    waits = {
        round(delay_after_answer(policy, documented("sunor"), before, answer(p), T0 + 50, rng), 2)
        for p, rng in [(0.2, random.Random(1)), (0.95, random.Random(2))]
    }
    assert all(6.3 <= w <= 7.7 for w in waits)


def test_the_same_answers_give_the_same_schedule() -> None:
    seen = Observed(age=33)
    assert delay("crun", seen) == delay("crun", seen)
