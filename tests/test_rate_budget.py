"""The per-account request budget on its own, with small windows so the tests stay fast."""

from __future__ import annotations

import asyncio
import time

import pytest

from gui.polling.rate_budget import RateBudget
from tests.engine_helpers import max_in_window

pytestmark = pytest.mark.asyncio


async def test_a_window_never_holds_more_than_its_limit() -> None:
    budget = RateBudget.with_windows([(5, 0.15)])
    sent: list[float] = []
    started = time.monotonic()

    async def one() -> None:
        (await budget.acquire()).answered()
        sent.append(time.monotonic())

    await asyncio.gather(*(one() for _ in range(20)))
    assert max_in_window(sent, 0.15) <= 5
    # ...and it is spent as fast as allowed: 20 requests in 4 windows.
    assert 0.44 <= time.monotonic() - started <= 0.8


async def test_two_windows_both_hold() -> None:
    budget = RateBudget.with_windows([(6, 0.6), (2, 0.1)])
    sent: list[float] = []
    for _ in range(10):
        (await budget.acquire()).answered()
        sent.append(time.monotonic())
    assert max_in_window(sent, 0.6) <= 6
    assert max_in_window(sent, 0.1) <= 2


async def test_a_request_counts_from_its_answer_not_from_its_sending() -> None:
    # The provider counts a request when it arrives; a slow one may arrive late in the window,
    # so its place in the window only starts to expire once its answer is in.
    budget = RateBudget.with_windows([(1, 0.2)])
    first = await budget.acquire()
    await asyncio.sleep(0.15)  # the request is on the wire this long
    first.answered()
    answered = time.monotonic()
    await budget.acquire()
    assert time.monotonic() - answered >= 0.2 - 0.005


async def test_an_unanswered_request_holds_its_place_until_answered() -> None:
    budget = RateBudget.with_windows([(1, 0.2)])
    first = await budget.acquire()
    waiter = asyncio.ensure_future(budget.acquire())
    await asyncio.sleep(0.3)
    assert not waiter.done()  # the first is still out: the provider may count it any moment
    answered = time.monotonic()
    first.answered()
    await waiter
    assert 0.195 <= time.monotonic() - answered <= 0.35


async def test_block_for_holds_every_request_and_never_shortens() -> None:
    budget = RateBudget()
    budget.block_for(0.3)
    budget.block_for(0.1)  # a shorter block does not cut the longer one
    assert 0.25 < budget.blocked_for <= 0.3
    started = time.monotonic()
    await budget.acquire()
    assert time.monotonic() - started >= 0.3 - 0.005
    assert budget.blocked_for == 0


async def test_waiters_are_served_in_order() -> None:
    budget = RateBudget.with_windows([(1, 0.03)])
    order: list[int] = []

    async def one(number: int) -> None:
        (await budget.acquire()).answered()
        order.append(number)

    waiters = []
    for number in range(8):
        waiters.append(asyncio.create_task(one(number)))
        await asyncio.sleep(0)  # queue in this order
    await asyncio.gather(*waiters)
    assert order == list(range(8))


async def test_a_cancelled_waiter_does_not_block_the_others() -> None:
    budget = RateBudget.with_windows([(1, 0.2)])
    (await budget.acquire()).answered()
    stuck = asyncio.create_task(budget.acquire())
    await asyncio.sleep(0.05)
    stuck.cancel()
    with pytest.raises(asyncio.CancelledError):
        await stuck
    started = time.monotonic()
    await budget.acquire()
    assert time.monotonic() - started < 0.2


async def test_the_real_limits_are_per_minute_and_per_second() -> None:
    now = [1000.0]
    budget = RateBudget(per_minute=120, per_second=15, clock=lambda: now[0])

    async def allowed_now() -> bool:
        try:
            sent = await asyncio.wait_for(budget.acquire(), 0.05)
        except TimeoutError:
            return False
        sent.answered()  # an instant answer: counted at the send time
        return True

    for _ in range(15):
        assert await allowed_now()
    assert not await allowed_now()  # the 16th within one second waits
    now[0] += 1.0
    for _ in range(120 - 15):
        now[0] += 0.07  # 14 per second: under the per-second limit
        assert await allowed_now()
    assert not await allowed_now()  # the 121st within a minute waits
    now[0] = 1000.0 + 60.0
    assert await allowed_now()
