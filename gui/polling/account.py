"""What the engine knows about one account, shared by every task of it: the request budget, the
requests in flight, and whether its key is refused or it is being rate limited."""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from collections.abc import Callable, Collection, Iterable

from gui.polling.rate_budget import RateBudget, Sent
from gui.polling.reachability import Reachability
from gui.polling.status_check import RateLimitInfo
from gui.providers.base import PollPolicy

# httpx's pool bookkeeping grows with queued requests × connections (bench/README.md): a few
# requests in flight per account poll faster than hundreds queued in the pool.
MAX_IN_FLIGHT_PER_ACCOUNT = 6  # 3 accounts × 6 ≈ the 20-connection pool
MAX_RATE_RESET_WAIT = 3600.0  # an X-RateLimit-Reset window is a minute; an hour is plenty


class AccountState:
    """One account's shared polling state (both MountSea APIs share one account)."""

    def __init__(
        self,
        name: str,
        policies: Collection[PollPolicy],
        clock: Callable[[], float] | None = None,
    ) -> None:
        """`clock`: a test's virtual Unix clock; None: the real clocks (a monotonic one for
        the budget's windows, so a wall-clock step cannot stretch or shrink them)."""
        self.name = name
        self._clock = clock or time.time
        # Both MountSea APIs share one account: its budget follows the stricter policy.
        self.budget = RateBudget(
            _strictest(p.requests_per_minute for p in policies),
            _strictest(p.requests_per_second for p in policies),
            clock=clock or time.monotonic,
        )
        self.reach = Reachability(clock or time.monotonic)  # whether the account answers at all
        self.in_flight = DueOrderSlots(MAX_IN_FLIGHT_PER_ACCOUNT)
        self.auth_problem: str | None = None  # the refused or missing key, in words
        self.key_changed = asyncio.Event()  # set (and replaced) when a new key is stored
        # Bumped by a new key: a 401 for a request sent with an older key is stale news.
        self.key_generation = 0
        self.marked_waiting: str | None = None  # the problem the account's tasks show
        self.rate_limited = False

    # --- sending -------------------------------------------------------------------------

    async def take_turn(self, due: float) -> Sent:
        """Wait for a slot, then for the budget; the caller must `end_turn` with the result.
        A slot first: a request counted against the provider's limit goes out at once instead
        of queueing behind others (bench/README.md). `due`: when the check was due — the
        longest-due goes first, so a paste of 500 IDs is checked in the order it was pasted."""
        await self.in_flight.acquire(due)
        try:
            return await self.budget.acquire()
        except BaseException:
            self.in_flight.release()
            raise

    def end_turn(self, sent: Sent) -> None:
        """The answer (or failure) is in, or the request was never sent."""
        sent.answered()
        self.in_flight.release()

    # --- the key -------------------------------------------------------------------------

    def refuse_key(self, message: str) -> bool:
        """Record a refused or missing key; True the first time (report it once per account,
        not once per task, nor once per provider wording of the same 401)."""
        if self.auth_problem is not None:
            return False
        self.auth_problem = message
        return True

    def replace_key(self) -> bool:
        """A new key was stored: wake every task waiting for one. True: a problem was cleared."""
        cleared = self.auth_problem is not None
        self.auth_problem = None
        self.key_generation += 1
        self.marked_waiting = None
        self.key_changed.set()
        self.key_changed = asyncio.Event()
        return cleared

    # --- rate limits ---------------------------------------------------------------------

    def start_rate_limit(self, wait: float) -> bool:
        """No request for `wait` seconds; True when this starts a rate-limited spell."""
        self.budget.block_for(wait)
        started = not self.rate_limited
        self.rate_limited = True
        return started

    def end_rate_limit(self) -> bool:
        """True when a rate-limited spell is over (the block has passed and an answer came)."""
        if self.rate_limited and not self.budget.blocked_for:
            self.rate_limited = False
            return True
        return False

    def obey_rate_headers(self, info: object) -> None:
        """An exhausted X-RateLimit window (sunor) holds every request until it resets."""
        if not isinstance(info, RateLimitInfo):
            return  # no X-RateLimit-* headers in that answer
        if info.remaining is None or info.remaining > 0 or info.reset_at is None:
            return
        # A bogus reset far in the future must not silence an account for days.
        self.budget.block_for(min(max(info.reset_at - self._clock(), 0.0), MAX_RATE_RESET_WAIT))


class DueOrderSlots:
    """At most `size` requests in flight. A freed slot goes to the waiter that has been due the
    longest, not to whichever asked first: key look-ups run in threads and finish in any order."""

    def __init__(self, size: int) -> None:
        self._free = size
        self._waiters: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()  # equal due times: first come, first served

    def locked(self) -> bool:
        return self._free == 0

    async def acquire(self, due: float = 0.0) -> None:
        if self._free > 0:  # a free slot means nobody waits (release hands slots over)
            self._free -= 1
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiters, (due, next(self._order), waiter))
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.release()  # handed a slot just as we were cancelled: pass it on
            raise

    def release(self) -> None:
        while self._waiters:
            _due, _order, waiter = heapq.heappop(self._waiters)
            if not waiter.done():  # a cancelled waiter is skipped
                waiter.set_result(None)
                return
        self._free += 1


def _strictest(limits: Iterable[float | None]) -> float | None:
    return min((limit for limit in limits if limit), default=None)
