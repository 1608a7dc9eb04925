"""When to ask next: pure functions of a provider's advice, so the real defaults can be tested."""

from __future__ import annotations

import random

from gui.providers.base import PollPolicy

JITTER = 0.1  # ±10%: a hundred tasks added at once must not poll in lockstep
RETRY_BASE = 5.0  # first retry after a network or server error (default base)
RETRY_CAP = 300.0
NOT_FOUND_RETRIES = 3  # a fresh task may not be visible yet; after this many 404s, stop
RATE_LIMIT_DEFAULT_WAIT = 30.0  # a 429 without Retry-After


def effective_policy(policy: PollPolicy, user_interval: float | None) -> PollPolicy:
    """A user-chosen interval replaces the backoff with a fixed pace (never below the floor)."""
    if not user_interval:
        return policy
    interval = max(user_interval, policy.min_task_interval)
    return PollPolicy(
        first_delay=interval,
        initial_interval=interval,
        max_interval=interval,
        backoff=1.0,
        give_up_after=policy.give_up_after,
        requests_per_minute=policy.requests_per_minute,
        requests_per_second=policy.requests_per_second,
        min_task_interval=policy.min_task_interval,
    )


def interval_after(policy: PollPolicy, polls_done: int) -> float:
    """Seconds between poll number `polls_done` and the next: grows while the task is young."""
    grown = policy.initial_interval * policy.backoff ** max(polls_done - 1, 0)
    return max(min(grown, policy.max_interval), policy.min_task_interval)


def jittered(seconds: float, rng: random.Random) -> float:
    return seconds * rng.uniform(1 - JITTER, 1 + JITTER)


def retry_delay(failures_in_a_row: int, base: float = RETRY_BASE) -> float:
    """Exponential backoff after errors: base, 2×base, 4×base, ... capped at 5 minutes.
    The engine passes the provider's own first interval as `base`, so a retry never comes
    sooner than the provider advises polling (crun: 15 s, not 5 s)."""
    return float(min(base * 2 ** max(failures_in_a_row - 1, 0), RETRY_CAP))
