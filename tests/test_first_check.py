"""A newly added task is checked at once — with the providers' real pacing, not test pacing —
and a big paste is spread over the account's budget, oldest paste first, showing "Queued for
check" meanwhile."""

from __future__ import annotations

import asyncio
import random
import time
from pathlib import Path

import pytest

from gui.commands.watch import _Follower
from gui.domain.states import TaskState
from gui.domain.tracked_task import TrackedTask
from gui.fake_provider import (
    FakeProviderServer,
    ManualClock,
    Phase,
    ProviderId,
    RateLimits,
    TaskScript,
)
from gui.polling.account import MAX_IN_FLIGHT_PER_ACCOUNT, DueOrderSlots
from gui.providers import get_provider
from gui.storage.ledger import Ledger
from gui.ui.task_text import state_words
from tests.engine_helpers import running_engine, wait_for

pytestmark = pytest.mark.asyncio

REAL_PACING: dict[str, object] = {}  # no overrides: every provider's own PollPolicy
FINISHED_LONG_AGO = TaskScript([Phase("running", 60), Phase("succeeded")])
FOREVER = TaskScript([Phase("running")])


@pytest.mark.parametrize("provider_id", ["crun", "sunor", "mountsea-suno", "mountsea-producer"])
async def test_a_pasted_task_that_finished_an_hour_ago_is_answered_at_once(
    tmp_path: Path, provider_id: ProviderId
) -> None:
    assert get_provider(provider_id).poll_policy.first_delay >= 3  # the delay no longer waited
    clock = ManualClock(1_000.0)
    with FakeProviderServer(clock, rate_limits=RateLimits()) as server:
        server.add_task(provider_id, "t1", FINISHED_LONG_AGO)
        clock.advance(3600)  # the task finished an hour ago, on the server's clock
        async with running_engine(server, tmp_path / "l.db", policies=REAL_PACING) as h:  # type: ignore[arg-type]
            task, _ = h.engine.add(provider_id, "t1")
            assert task.next_poll_at is not None
            assert task.next_poll_at - task.added_at < 0.5  # due now, not in 3-15 s
            # Within one round trip; a first delay would take 3-15 s (and fail this wait).
            await wait_for(lambda: h.engine.get(task.key).is_finished, within=2.5)  # type: ignore[union-attr]
            finished = h.engine.get(task.key)
        assert finished is not None and finished.state is TaskState.SUCCEEDED
        assert finished.poll_count == 1 and len(h.requests_for("t1")) == 1


async def test_500_pasted_sunor_ids_are_checked_oldest_first_within_120_a_minute(
    tmp_path: Path,
) -> None:
    # The real sunor policy (120/min per key, ≤1/s per task), enforced by the server.
    limits = RateLimits(sunor_per_minute=120, sunor_task_interval=1.0)
    with FakeProviderServer(rate_limits=limits) as server:
        for i in range(500):
            server.add_task("sunor", f"s{i:03d}", FOREVER)
        async with running_engine(server, tmp_path / "l.db", policies=REAL_PACING) as h:  # type: ignore[arg-type]
            for i in range(300):  # one paste ...
                h.engine.add("sunor", f"s{i:03d}")
            await asyncio.sleep(0)
            for i in range(300, 500):  # ... and a second one right after it
                h.engine.add("sunor", f"s{i:03d}")
            await wait_for(lambda: len(server.requests) >= 120, within=5)
            await asyncio.sleep(0.5)  # room for a 121st request, which must not come
            tasks = h.engine.tasks
        checked = [r.task_id or "" for r in server.requests]
    assert server.violations == []
    assert len(checked) == 120 and all(r.status == 200 for r in server.requests)
    # In the order they were pasted: the server sees the requests in flight together (6 per
    # account) in any order among themselves, never a later paste before an earlier one.
    assert sorted(checked) == [f"s{i:03d}" for i in range(120)]
    assert all(
        int(task_id[1:]) < rank + MAX_IN_FLIGHT_PER_ACCOUNT for rank, task_id in enumerate(checked)
    )
    waiting = [t for t in tasks if t.poll_count == 0]
    assert len(waiting) == 380
    assert {state_words(t) for t in waiting} == {"Queued for check"}
    assert all(t.problem is None for t in tasks)


async def test_tasks_resumed_at_start_whose_check_is_due_are_checked_at_once(
    tmp_path: Path,
) -> None:
    # Tracked before; the app was closed while their next checks fell due (or not yet).
    ledger = Ledger(tmp_path / "l.db")
    now = time.time()
    for task_id, due in [
        ("overdue-9min", now - 540),
        ("overdue-1min", now - 60),
        ("later", now + 4),
    ]:
        task, _ = ledger.add("sunor", task_id, at=now - 600)  # within the 30 min give-up
        ledger.save(task.with_changes(next_poll_at=due, last_polled_at=due - 5, poll_count=3))
    ledger.close()
    with FakeProviderServer(rate_limits=RateLimits()) as server:
        for task_id in ("overdue-9min", "overdue-1min", "later"):
            server.add_task("sunor", task_id, FOREVER)
        async with running_engine(server, tmp_path / "l.db", policies=REAL_PACING):  # type: ignore[arg-type]
            await wait_for(lambda: len(server.requests) >= 2, within=2.5)
            await asyncio.sleep(0.3)
            checked = {r.task_id for r in server.requests}
    assert checked == {"overdue-9min", "overdue-1min"}  # "later" waits for its time


async def test_a_freed_slot_goes_to_the_longest_due_waiter_not_the_first_to_ask() -> None:
    slots = DueOrderSlots(1)
    await slots.acquire(0.0)
    served: list[float] = []

    async def ask(due: float) -> None:
        await slots.acquire(due)
        served.append(due)
        await asyncio.sleep(0)
        slots.release()

    dues = [float(d) for d in range(20)]
    random.Random(3).shuffle(dues)  # they ask in a random order
    waiters = [asyncio.create_task(ask(due)) for due in dues]
    await asyncio.sleep(0)
    waiters[0].cancel()  # a cancelled waiter is skipped, and loses nobody a slot
    slots.release()
    await asyncio.gather(*waiters, return_exceptions=True)
    assert served == sorted(d for d in dues if d != dues[0])
    assert not slots.locked()


async def test_tunewatch_watch_says_queued_for_check_until_the_first_answer(
    capsys: pytest.CaptureFixture[str],
) -> None:
    follower = _Follower({("sunor", "t1")}, "sunor", as_json=False)
    follower.show(TrackedTask("sunor", "t1", added_at=0.0, tracking_since=0.0))
    line = capsys.readouterr().out.strip()
    assert line.endswith("t1  Queued for check")
