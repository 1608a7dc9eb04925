"""What a failed check does to a task: its problem in words, when to ask again, whether to stop —
pure, so the engine keeps only the side effects (the account's state, the ledger, followers)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from gui.domain.errors import (
    AuthError,
    BadPayloadError,
    InvalidTaskIdError,
    NotFoundError,
    ProviderError,
    RateLimitedError,
)
from gui.domain.tracked_task import TrackedTask, Watch
from gui.polling import problem_words as words
from gui.polling.schedule import (
    NOT_FOUND_RETRIES,
    RATE_LIMIT_DEFAULT_WAIT,
    interval_after,
    jittered,
    retry_delay,
)
from gui.providers.base import PollPolicy


class Streak:
    """Failures in a row of one task's polling; a good answer ends both."""

    __slots__ = ("errors", "not_found")

    def __init__(self) -> None:
        self.errors = 0
        self.not_found = 0

    def reset(self) -> None:
        self.errors = 0
        self.not_found = 0


@dataclass(frozen=True, slots=True)
class AfterFailure:
    task: TrackedTask  # with the attempt, the problem and the next check recorded
    stop: bool = False  # polling this task ends (the provider keeps not knowing it)
    refused_key: str | None = None  # the account's key was refused: pause the account so


def rate_limit_wait(error: RateLimitedError) -> float:
    """How long the account must wait after a 429 (the provider's Retry-After, else 30 s)."""
    return error.retry_after or RATE_LIMIT_DEFAULT_WAIT


def after_failure(
    failure: ProviderError | InvalidTaskIdError,
    task: TrackedTask,
    now: float,
    policy: PollPolicy,
    streak: Streak,
    rng: random.Random,
) -> AfterFailure:
    """The task after a check that failed at `now` (`streak` is counted on)."""
    if isinstance(failure, AuthError):
        # The account waits for a new key; the task keeps its schedule and problem.
        refused = words.KEY_REFUSED_PAUSED.format(message=failure.message)
        return AfterFailure(task.with_changes(last_polled_at=now), refused_key=refused)
    if isinstance(failure, NotFoundError):
        streak.not_found += 1
        if streak.not_found >= NOT_FOUND_RETRIES:
            problem = words.NOT_FOUND_HINT.format(message=failure.message)
            gone = task.with_changes(
                watch=Watch.NOT_FOUND, next_poll_at=None, last_polled_at=now, problem=problem
            )
            return AfterFailure(gone, stop=True)
        return _retry(task, now, interval_after(policy, 1), failure.message)
    if isinstance(failure, RateLimitedError):
        wait = rate_limit_wait(failure)
        return _retry(task, now, wait, words.RATE_LIMITED_TASK.format(seconds=f"{wait:.0f}"))
    if isinstance(failure, BadPayloadError):
        # Keep polling and keep the last good snapshot: the next answer may be fine.
        return _retry(task, now, interval_after(policy, task.poll_count + 1), failure.message)
    streak.errors += 1
    # Back off from the provider's own pace (never sooner than it advises), with jitter so
    # tasks that failed together (a server outage) do not retry together.
    wait = jittered(retry_delay(streak.errors, policy.initial_interval), rng)
    message = failure.message if isinstance(failure, ProviderError) else str(failure)
    return _retry(task, now, wait, words.RETRYING.format(message=message, seconds=f"{wait:.0f}"))


def _retry(task: TrackedTask, now: float, wait: float, problem: str) -> AfterFailure:
    return AfterFailure(
        task.with_changes(next_poll_at=now + wait, problem=problem, last_polled_at=now)
    )
