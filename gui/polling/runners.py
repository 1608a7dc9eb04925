"""The engine's runners: one asyncio task per polled task, each with a wake-up event for
"check now". Every runner is owned here, so shutdown can cancel and await them all."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

from gui.domain.tracked_task import TaskKey

log = logging.getLogger(__name__)


class Runners:
    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._running: dict[TaskKey, asyncio.Task[None]] = {}
        # Every runner not yet finished, including ones cancelled by pause/remove that are
        # still unwinding: close() awaits them all before the client is closed.
        self._live: set[asyncio.Task[None]] = set()
        self._wake: dict[TaskKey, asyncio.Event] = {}
        self._closed = False

    def __contains__(self, key: object) -> bool:
        return key in self._running

    def start(self, key: TaskKey, run: Callable[[], Coroutine[Any, Any, None]]) -> None:
        """Start `run()` for `key` unless one runs already (or the engine is closing)."""
        if self._closed or key in self._running:
            return
        self._wake[key] = asyncio.Event()
        runner = asyncio.get_running_loop().create_task(run(), name=f"poll {key}")
        self._running[key] = runner
        self._live.add(runner)
        runner.add_done_callback(lambda done: self._forget(key, done))

    def stop(self, key: TaskKey) -> None:
        runner = self._running.pop(key, None)
        if runner is not None:
            runner.cancel()

    def wake(self, key: TaskKey) -> None:
        """Cut the runner's wait short ("check now")."""
        if key in self._wake:
            self._wake[key].set()

    def request_going_out(self, key: TaskKey) -> None:
        """From here an answer is fresh: a "check now" before this is served by it, one after
        it (while the request is out) asks again once this one is answered."""
        self._wake[key].clear()

    async def sleep_until(self, key: TaskKey, when: float | None) -> None:
        delay = 0.0 if when is None else when - self._clock()
        wake = self._wake[key]  # cleared when a poll goes out, so "check now" during one counts
        if delay > 0:
            # asyncio.timeout, not wait_for: wait_for wraps the wait in a task of its own, and
            # with 100 000 waiting runners that was half their memory and start-up time.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(delay):
                    await wake.wait()

    async def close(self) -> None:
        """Cancel and await every runner; none starts afterwards."""
        self._closed = True
        runners = list(self._live)
        for runner in runners:
            runner.cancel()
        await asyncio.gather(*runners, return_exceptions=True)
        self._running.clear()

    def _forget(self, key: TaskKey, runner: asyncio.Task[None]) -> None:
        self._live.discard(runner)
        if self._running.get(key) is runner:
            del self._running[key]
        if not runner.cancelled() and runner.exception() is not None:
            log.error("polling %s stopped: %s", key, type(runner.exception()).__name__)
