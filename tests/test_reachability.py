"""One probe at a time during an outage, and never none: a probing task that is cancelled
mid-request, or comes back without reporting, hands the probe on."""

from __future__ import annotations

import asyncio

import pytest

from gui.polling.reachability import Reachability, probe_delay

pytestmark = pytest.mark.asyncio


def _outage() -> Reachability:
    reach = Reachability(lambda: asyncio.get_running_loop().time())
    reach.lost(probe=False)  # a request got no answer: the outage starts
    return reach


async def test_probe_delays_grow_to_five_seconds() -> None:
    assert [probe_delay(n) for n in range(6)] == [1.0, 2.0, 4.0, 5.0, 5.0, 5.0]


async def test_only_one_task_probes_and_an_answer_wakes_them_all() -> None:
    reach = _outage()
    reach.probe_now()
    turns: list[bool] = []
    answered = asyncio.Event()

    async def runner() -> None:  # like the engine's: it lives on after its turn
        turns.append(await reach.wait_turn())
        await answered.wait()

    runners = [asyncio.create_task(runner()) for _ in range(4)]
    await asyncio.sleep(0.05)
    assert turns == [True]  # the one probe; the others wait
    reach.answered(probe=True)
    await asyncio.sleep(0)
    assert turns == [True, False, False, False]  # all woken at once, not probes
    answered.set()
    await asyncio.gather(*runners)


async def test_a_probe_cancelled_in_flight_hands_the_probe_on() -> None:
    reach = _outage()
    reach.probe_now()

    async def probing_task() -> None:
        assert await reach.wait_turn() is True
        await asyncio.sleep(3600)  # "sending" when it is paused

    first = asyncio.create_task(probing_task())
    await asyncio.sleep(0.01)
    second = asyncio.create_task(reach.wait_turn())
    await asyncio.sleep(0.01)
    assert not second.done()  # one probe at a time
    first.cancel()
    reach.probe_now()
    result = await asyncio.wait_for(second, 2)
    assert result is True  # not left waiting for a probe that will never report


async def test_the_same_task_coming_back_keeps_its_probe() -> None:
    reach = _outage()
    reach.probe_now()
    assert await reach.wait_turn() is True
    # Back without reporting (an unexpected error, retried): still its probe, no dead lock.
    reach.probe_now()
    async with asyncio.timeout(2):  # in this task: wait_for would run it in another
        assert await reach.wait_turn() is True
