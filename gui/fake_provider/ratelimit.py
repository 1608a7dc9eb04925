"""Real rate limits (sliding windows per API key) and the Retry-After windows announced.

Windows run on the server's injected clock, so a test with a manual clock decides exactly
when a budget refills.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass
from email.utils import parsedate_to_datetime


@dataclass(frozen=True)
class RateLimits:
    """Per-key budgets; None switches a limit off."""

    sunor_per_minute: int | None = 120  # status requests per key per 60 s
    crun_per_second: int | None = 15  # requests per account per second
    sunor_task_interval: float = 1.0  # advice (≤ 1 request/s per task): recorded, not enforced
    # An absurd Retry-After ("come back in 30 years") binds a client only this long: a sane
    # client caps it rather than going silent for ever.
    retry_after_cap: float = 3600.0


def retry_after_seconds(header: str, now_unix: float) -> float | None:
    """What a Retry-After header asks, in seconds from now: a number, or an HTTP date; None
    when it says nothing usable (garbage, a negative or non-finite number)."""
    text = header.strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if moment.tzinfo is None:
            return None
        seconds = moment.timestamp() - now_unix
        return max(seconds, 0.0)
    if not math.isfinite(seconds) or seconds < 0:
        return None
    return seconds


@dataclass(frozen=True)
class Budget:
    allowed: bool
    limit: int
    remaining: int
    reset_at: float  # clock time when the oldest counted request leaves the window
    retry_after: float  # seconds until a request would be allowed (0 if allowed)


class SlidingWindowLimiter:
    """At most `limit` requests in any `window` seconds, per key."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit = limit
        self.window = window
        self._hits: dict[str, deque[float]] = {}

    def acquire(self, key: str, now: float) -> Budget:
        hits = self._prune(key, now)
        if len(hits) >= self.limit:
            return self._budget(hits, now, allowed=False)
        hits.append(now)
        return self._budget(hits, now, allowed=True)

    def peek(self, key: str, now: float) -> Budget:
        return self._budget(self._prune(key, now), now, allowed=True)

    def _prune(self, key: str, now: float) -> deque[float]:
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        return hits

    def _budget(self, hits: deque[float], now: float, *, allowed: bool) -> Budget:
        reset_at = hits[0] + self.window if hits else now + self.window
        return Budget(
            allowed=allowed,
            limit=self.limit,
            remaining=max(0, self.limit - len(hits)),
            reset_at=reset_at,
            retry_after=0.0 if allowed else max(0.0, reset_at - now),
        )


class RetryWindows:
    """Retry-After promises made to clients: scope -> clock time until which to stay away."""

    def __init__(self) -> None:
        self._until: dict[str, float] = {}

    def announce(self, scope: str, until: float) -> None:
        self._until[scope] = max(until, self._until.get(scope, until))

    def inside(self, scope: str, now: float) -> float | None:
        until = self._until.get(scope)
        if until is None:
            return None
        if now >= until:
            del self._until[scope]
            return None
        return until
