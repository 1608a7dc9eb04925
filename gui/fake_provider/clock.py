"""A clock tests can move by hand; the server reads time only through an injected callable."""

from __future__ import annotations

import threading


class ManualClock:
    """Callable clock that only moves when told to (thread-safe: the server reads it too)."""

    def __init__(self, start: float = 0.0) -> None:
        self._now = start
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> float:
        if seconds < 0:
            raise ValueError("time only moves forward")
        with self._lock:
            self._now += seconds
            return self._now

    def set(self, now: float) -> None:
        with self._lock:
            if now < self._now:
                raise ValueError("time only moves forward")
            self._now = now
