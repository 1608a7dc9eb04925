"""A per-account request budget shared by every task of that account.

Sliding windows (sunor: 120 per minute; crun: 15 per second) plus a "not before" time set by
Retry-After or an exhausted X-RateLimit window: no request goes out before it."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable


class RateBudget:
    def __init__(
        self,
        per_minute: float | None = None,
        per_second: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._windows = [
            (int(limit), span, deque[float]())
            for limit, span in ((per_minute, 60.0), (per_second, 1.0))
            if limit
        ]
        self._clock = clock
        self._not_before = 0.0
        self._lock = asyncio.Lock()

    @property
    def blocked_for(self) -> float:
        return max(self._not_before - self._clock(), 0.0)

    def block_for(self, seconds: float) -> None:
        """No request before `seconds` from now (never shortens an existing block)."""
        self._not_before = max(self._not_before, self._clock() + seconds)

    async def acquire(self) -> None:
        """Wait until a request is allowed, then count it. Waiters are served in order."""
        async with self._lock:
            while True:
                wait = self.blocked_for
                now = self._clock()
                for limit, span, sent in self._windows:
                    while sent and sent[0] <= now - span:
                        sent.popleft()
                    if len(sent) >= limit:
                        wait = max(wait, sent[0] + span - now)
                if wait <= 0:
                    for _limit, _span, sent in self._windows:
                        sent.append(now)
                    return
                await asyncio.sleep(wait + 0.001)
