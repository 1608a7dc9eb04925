"""What a failed check does to a task, on the pure function the engine calls (failures.py); the
engine's side of it (the account paused, held or told) is in test_engine_errors.py."""

from __future__ import annotations

import random

from gui.domain.errors import AuthError, NotFoundError, RateLimitedError, ServerError
from gui.domain.tracked_task import TrackedTask, Watch
from gui.polling.failures import Streak, after_failure
from gui.polling.schedule import NOT_FOUND_RETRIES
from gui.providers import get_provider

NOW = 1_000.0
CRUN = get_provider("crun").poll_policy
TASK = TrackedTask("crun", "t", added_at=0.0, tracking_since=0.0, next_poll_at=990.0)


def test_a_rate_limit_waits_what_the_provider_said() -> None:
    after = after_failure(
        RateLimitedError("Slow down.", retry_after=42), TASK, NOW, CRUN, Streak(), random.Random(1)
    )
    assert after.task.next_poll_at == NOW + 42 and not after.stop
    assert after.task.problem == "Rate limited; retrying in 42 s."


def test_an_unknown_id_is_asked_again_then_given_up() -> None:
    streak = Streak()
    for _ in range(NOT_FOUND_RETRIES - 1):
        after = after_failure(
            NotFoundError("No such task."), TASK, NOW, CRUN, streak, random.Random(1)
        )
        assert not after.stop and after.task.watch is Watch.ACTIVE
    after = after_failure(NotFoundError("No such task."), TASK, NOW, CRUN, streak, random.Random(1))
    assert after.stop and after.task.watch is Watch.NOT_FOUND and after.task.next_poll_at is None


def test_server_errors_back_off_from_the_provider_pace_and_a_refused_key_pauses_the_account() -> (
    None
):
    streak = Streak()
    waits = [
        (
            after_failure(
                ServerError("Down."), TASK, NOW, CRUN, streak, random.Random(n)
            ).task.next_poll_at
            or 0
        )
        - NOW
        for n in range(3)
    ]
    assert 13.5 <= waits[0] <= 16.5 and waits[1] > waits[0] and waits[2] > waits[1]  # crun: 15 s
    refused = after_failure(AuthError("Bad key."), TASK, NOW, CRUN, Streak(), random.Random(1))
    assert refused.refused_key is not None and "Bad key." in refused.refused_key
    assert refused.task.next_poll_at == TASK.next_poll_at and refused.task.last_polled_at == NOW
