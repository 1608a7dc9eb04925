"""The per-account budget through the whole engine, with 500 tasks against a fake server that
enforces the providers' real limits (sunor 120/min per key, crun 15/s per account)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from gui.fake_provider import Phase, RateLimits, TaskScript
from gui.providers import PROVIDER_IDS
from gui.providers.base import PollPolicy
from tests.engine_helpers import FAST, fake_server, max_in_window, running_engine

pytestmark = pytest.mark.asyncio

FOREVER = TaskScript([Phase("running")])
TASKS = 500


def with_limits(**limits: float) -> dict[str, PollPolicy]:
    policy = PollPolicy(
        first_delay=FAST.first_delay,
        initial_interval=FAST.initial_interval,
        max_interval=FAST.max_interval,
        backoff=FAST.backoff,
        give_up_after=FAST.give_up_after,
        min_task_interval=FAST.min_task_interval,
        **limits,
    )
    return dict.fromkeys(PROVIDER_IDS, policy)


async def test_crun_never_gets_more_than_15_requests_a_second_from_500_tasks(
    tmp_path: Path,
) -> None:
    limits = RateLimits(crun_per_second=15, sunor_task_interval=0.0)
    with fake_server(limits) as server:
        for i in range(TASKS):
            server.add_task("crun", f"c{i}", FOREVER)
        async with running_engine(
            server, tmp_path / "ledger.db", policies=with_limits(requests_per_second=15)
        ) as h:
            for i in range(TASKS):
                h.engine.add("crun", f"c{i}")
            await asyncio.sleep(1.6)
        times = [r.time for r in server.requests if r.account == "crun"]
    assert server.violations == []
    assert max_in_window(times, 1.0) <= 15
    assert len(times) >= 30  # the budget is used, not starved: 15 in each second
    assert all(r.status == 200 for r in server.requests)


async def test_sunor_never_gets_more_than_120_requests_a_minute_from_500_tasks(
    tmp_path: Path,
) -> None:
    limits = RateLimits(sunor_per_minute=120, sunor_task_interval=0.0)
    with fake_server(limits) as server:
        for i in range(TASKS):
            server.add_task("sunor", f"s{i}", FOREVER)
        async with running_engine(
            server, tmp_path / "ledger.db", policies=with_limits(requests_per_minute=120)
        ) as h:
            for i in range(TASKS):
                h.engine.add("sunor", f"s{i}")
            await asyncio.sleep(1.2)
            polled = [t for t in h.engine.tasks if t.poll_count]
            assert len(polled) == 120
            assert all(t.problem is None for t in h.engine.tasks)
    assert server.violations == []
    assert len([r for r in server.requests if r.account == "sunor"]) == 120
    assert all(r.status == 200 for r in server.requests)


async def test_tasks_of_the_two_mountsea_apis_share_one_budget(tmp_path: Path) -> None:
    # Both MountSea APIs use one account: one budget for both, the stricter of their limits.
    policies = with_limits()
    policies["mountsea-suno"] = with_limits(requests_per_second=10)["mountsea-suno"]
    policies["mountsea-producer"] = with_limits(requests_per_second=20)["mountsea-producer"]
    with fake_server() as server:
        for i in range(50):
            server.add_task("mountsea-suno", f"ms{i}", FOREVER)
            server.add_task("mountsea-producer", f"mp{i}", FOREVER)
        async with running_engine(server, tmp_path / "ledger.db", policies=policies) as h:
            for i in range(50):
                h.engine.add("mountsea-suno", f"ms{i}")
                h.engine.add("mountsea-producer", f"mp{i}")
            await asyncio.sleep(1.2)
        times = [r.time for r in server.requests if r.account == "mountsea"]
    assert max_in_window(times, 1.0) <= 10
    assert len(times) >= 15
