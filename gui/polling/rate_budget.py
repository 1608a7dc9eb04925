"""A per-account request budget shared by every task of that account.

Sliding windows (sunor: 120 per minute; crun: 15 per second) plus a "not before" time set by
Retry-After or an exhausted X-RateLimit window: no request goes out before it.

The provider counts a request when it *arrives*, which is somewhere between our sending it and
our reading the answer. Counting it at the send time is not enough: an earlier request that was
slower on the wire can land inside the next window and be refused. So a request holds its place
in the windows from when it is sent, and `Sent.answered()` moves that place to the answer time,
the latest moment the provider can have counted it."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable

MAX_UNANSWERED = 60.0  # longer than any request may take (the client times out at 20 s)


class Sent:
    """One request counted against a budget (returned by `RateBudget.acquire`)."""

    __slots__ = ("_clock", "answered_at", "at")

    def __init__(self, at: float, clock: Callable[[], float]) -> None:
        self.at = at
        self.answered_at: float | None = None
        self._clock = clock

    def answered(self) -> None:
        """The answer (or the failure) has arrived: count the request from now on."""
        self.answered_at = max(self.at, self._clock())
        self.at = self.answered_at

    def counted_at(self, now: float) -> float:
        """Until it is answered, the provider may count a request at any moment: as of now."""
        if self.answered_at is not None:
            return self.at
        # A lost answer (a caller that never reports) must not block the account for ever.
        return max(self.at, min(now, self.at + MAX_UNANSWERED))


class _Window:
    def __init__(self, limit: int, span: float) -> None:
        self.limit = limit
        self.span = span
        self.sent: list[Sent] = []

    def wait(self, now: float) -> float:
        """Seconds until one more request fits (0: it fits now)."""
        # A request still out never leaves the window: a slow one could land in the next.
        self.sent = [s for s in self.sent if s.counted_at(now) > now - self.span]
        excess = len(self.sent) - self.limit
        if excess < 0:
            return 0.0
        # Answers move places later, so the list is not in time order: sort (it is short).
        leaving = sorted(s.counted_at(now) for s in self.sent)[excess]
        return max(leaving + self.span - now, 0.001)


class RateBudget:
    def __init__(
        self,
        per_minute: float | None = None,
        per_second: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._windows = [
            _Window(max(int(limit), 1), span)
            for limit, span in ((per_minute, 60.0), (per_second, 1.0))
            if limit
        ]
        self._clock = clock
        self._not_before = 0.0
        self._lock = asyncio.Lock()

    @classmethod
    def with_windows(
        cls, windows: Iterable[tuple[int, float]], clock: Callable[[], float] = time.monotonic
    ) -> RateBudget:
        """A budget of arbitrary (limit, span in seconds) windows."""
        budget = cls(clock=clock)
        budget._windows = [_Window(limit, span) for limit, span in windows]
        return budget

    @property
    def blocked_for(self) -> float:
        return max(self._not_before - self._clock(), 0.0)

    def block_for(self, seconds: float) -> None:
        """No request before `seconds` from now (never shortens an existing block)."""
        self._not_before = max(self._not_before, self._clock() + seconds)

    async def acquire(self) -> Sent:
        """Wait until a request is allowed, then count it. Waiters are served in order.
        Call `answered()` on the result once the answer is in."""
        async with self._lock:
            while True:
                now = self._clock()
                wait = self.blocked_for
                for window in self._windows:
                    wait = max(wait, window.wait(now))
                if wait <= 0:
                    sent = Sent(now, self._clock)
                    for window in self._windows:
                        window.sent.append(sent)
                    return sent
                await asyncio.sleep(wait + 0.001)
