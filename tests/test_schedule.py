"""The real default pacing, proven on the pure schedule functions (no waiting involved)."""

from __future__ import annotations

import random

import pytest

from gui.polling.schedule import effective_policy, interval_after, jittered, retry_delay
from gui.providers import get_provider


def intervals(provider_id: str, count: int = 12) -> list[float]:
    policy = get_provider(provider_id).poll_policy
    return [round(interval_after(policy, n), 2) for n in range(1, count + 1)]


def test_mountsea_suno_starts_at_3_s_and_backs_off_to_30_s() -> None:
    policy = get_provider("mountsea-suno").poll_policy
    assert policy.first_delay == 3
    steps = intervals("mountsea-suno")
    assert steps[0] == 3
    assert steps == sorted(steps)
    assert steps[-1] == 30


def test_producer_starts_between_3_and_5_s() -> None:
    policy = get_provider("mountsea-producer").poll_policy
    assert 3 <= policy.first_delay <= 5
    assert 3 <= intervals("mountsea-producer")[0] <= 5


def test_sunor_polls_every_5_to_10_s_at_first_and_never_faster_than_1_s() -> None:
    policy = get_provider("sunor").poll_policy
    assert 5 <= intervals("sunor")[0] <= 10
    assert policy.requests_per_minute == 120
    assert min(intervals("sunor", 50)) >= policy.min_task_interval >= 1


def test_crun_waits_one_interval_first_polls_15_to_30_s_and_gives_up_after_20_min() -> None:
    policy = get_provider("crun").poll_policy
    assert policy.first_delay == policy.initial_interval == 15
    assert all(15 <= step <= 30 for step in intervals("crun", 30))
    assert policy.give_up_after == 20 * 60
    assert policy.requests_per_second == 15


@pytest.mark.parametrize("provider_id", ["mountsea-suno", "mountsea-producer", "sunor"])
def test_others_give_up_after_30_min(provider_id: str) -> None:
    assert get_provider(provider_id).poll_policy.give_up_after == 30 * 60


def test_a_user_interval_replaces_backoff_but_not_the_floor() -> None:
    policy = effective_policy(get_provider("sunor").poll_policy, 0.2)
    assert interval_after(policy, 1) == interval_after(policy, 10) == 1.0
    fixed = effective_policy(get_provider("crun").poll_policy, 45)
    assert fixed.first_delay == 45 and interval_after(fixed, 5) == 45


def test_jitter_spreads_a_hundred_tasks_added_at_once() -> None:
    rng = random.Random(7)
    firsts = [jittered(5.0, rng) for _ in range(100)]
    assert all(4.5 <= f <= 5.5 for f in firsts)
    assert len({round(f, 3) for f in firsts}) > 90


def test_errors_back_off_exponentially_to_five_minutes() -> None:
    assert [retry_delay(n) for n in range(1, 8)] == [5, 10, 20, 40, 80, 160, 300]
