"""Whether an account's API can be reached at all, shared by every task of the account.

When a request gets no answer (the network is gone, the host is down), the account is
"unreachable": its tasks stop asking one by one. One task at a time probes, on a short
back-off; the others wait for it. The first answer ends the outage and wakes every waiting
task at once, so each is checked in the next round instead of after its own growing back-off.
It is said only once the first probe has failed too: one dropped connection is a blip, not
something to show a person for a second.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

PROBE_FIRST = 1.0  # seconds after the outage starts
PROBE_MAX = 5.0  # never longer: once the network is back, every task knows within ~5 s


def probe_delay(probes_failed: int) -> float:
    """1, 2, 4, 5, 5 … s: quick for a blip, still only one request per 5 s in a long outage."""
    return float(min(PROBE_FIRST * 2 ** max(probes_failed, 0), PROBE_MAX))


class Reachability:
    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self.unreachable = False
        self.announced = False  # the outage was said (and so its end will be)
        self._probes_failed = 0
        self._probe_at = 0.0
        # The task holding the probe (waiting for its time, or sending). Held by a task, not a
        # flag: a holder that is cancelled (paused, removed) or never reports must not leave
        # every other task of the account waiting for ever.
        self._holder: asyncio.Task[object] | None = None
        self._changed = asyncio.Event()  # set (and replaced) on every change waiters care about

    async def wait_turn(self) -> bool:
        """Return when this task may send: at once while the account is reachable (False);
        during an outage, either as the one probe, at the probe time (True), or when the
        outage ends. A probe must report with `lost`, `answered` or `inconclusive`."""
        me = asyncio.current_task()
        while self.unreachable:
            if self._holder is None or self._holder is me:  # free, or still ours (a retry)
                self._hold(me)
                try:
                    await self._sleep_until_probe_time()
                except BaseException:
                    self._release()  # cancelled (paused, removed): another task probes
                    raise
                if self.unreachable:
                    return True
                self._release()
                return False
            changed = self._changed
            await changed.wait()
        return False

    def lost(self, *, probe: bool) -> bool:
        """A request got no answer. True when the outage is to be said now (once: when the
        first probe has failed as well)."""
        say = False
        if not self.unreachable:
            self.unreachable = True
            self._probes_failed = 0
            self._probe_at = self._clock() + probe_delay(0)
        elif probe:
            self._probes_failed += 1
            self._probe_at = self._clock() + probe_delay(self._probes_failed)
            say = not self.announced
            self.announced = True
        if probe:
            self._release()
        return say

    def answered(self, *, probe: bool) -> bool:
        """Any HTTP answer (even an error) came: True when this ends an outage that was said."""
        if not self.unreachable:
            if probe:
                self._release()
            return False
        said, self.announced = self.announced, False
        self.unreachable = False
        self._release()
        return said

    def inconclusive(self, *, probe: bool) -> None:
        """The probe failed for another reason (a slow answer): the next probe tries again."""
        if probe:
            self._probe_at = self._clock() + probe_delay(self._probes_failed)
            self._release()

    def probe_now(self) -> None:
        """A "check now" during an outage: the probe goes out at once."""
        if self.unreachable:
            self._probe_at = self._clock()
            self._notify()

    def _hold(self, task: asyncio.Task[object] | None) -> None:
        if task is not None and self._holder is not task:
            task.add_done_callback(self._holder_ended)
        self._holder = task

    def _holder_ended(self, task: asyncio.Task[object]) -> None:
        if self._holder is task:
            self._holder = None
            self._notify()

    def _release(self) -> None:
        if self._holder is not None:
            self._holder.remove_done_callback(self._holder_ended)
            self._holder = None
        self._notify()

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def _sleep_until_probe_time(self) -> None:
        while (delay := self._probe_at - self._clock()) > 0 and self.unreachable:
            changed = self._changed
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), delay)
