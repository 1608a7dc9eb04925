"""How the ETA is said: rounded as a person would say it, the usual range when nothing is
learned yet, and "taking longer than usual" past the 95th percentile."""

from __future__ import annotations

import pytest

from gui.domain.tracked_task import TrackedTask
from gui.polling.eta import Estimate
from gui.ui.task_text import duration_range, eta_words, next_check_words


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (0, "~5 s left"),
        (37, "~35 s left"),
        (59, "~1 min left"),
        (89, "~1 min 30 s left"),
        (120, "~2 min left"),
        (400, "~6 min 30 s left"),
        (4000, "~1 h 07 min left"),
    ],
)
def test_time_left_is_rounded_without_false_precision(seconds: float, said: str) -> None:
    assert eta_words(Estimate(seconds, (30, 120), learned=True, overdue=False)) == said


@pytest.mark.parametrize(
    ("low", "high", "said"),
    [(30, 120, "30 s–2 min"), (30, 300, "30 s–5 min"), (61, 130, "1–2 min"), (10, 55, "10–55 s")],
)
def test_the_usual_range_reads_naturally(low: float, high: float, said: str) -> None:
    assert duration_range(low, high) == said
    assert eta_words(Estimate(None, (low, high), learned=False, overdue=False)) == f"usually {said}"


def test_overdue_and_nothing_to_say() -> None:
    assert eta_words(Estimate(None, (30, 120), learned=True, overdue=True)) == (
        "taking longer than usual"
    )
    assert eta_words(None) == ""


def test_a_check_overdue_for_its_turn_says_queued() -> None:
    now = 1_000.0
    task = TrackedTask("sunor", "t", added_at=now - 60, tracking_since=now - 60)
    assert next_check_words(task.with_changes(next_poll_at=now + 8), now=now) == "in 8 s"
    assert next_check_words(task.with_changes(next_poll_at=now - 0.5), now=now) == "checking…"
    # Due a while ago: a big paste waiting for the account's rate budget.
    assert next_check_words(task.with_changes(next_poll_at=now - 40), now=now) == "queued"
