"""A paste of 500 sunor IDs, the whole spread on virtual time against a server that enforces
sunor's 120 requests per minute per key: every one checked once in about four minutes, in
paste order, and never a request too many."""

from __future__ import annotations

from pathlib import Path

from gui.fake_provider import Phase, RateLimits, TaskScript
from gui.polling.account import MAX_IN_FLIGHT_PER_ACCOUNT
from tests.engine_helpers import max_in_window
from tests.reliability.harness import virtual_engine, virtual_server
from tests.reliability.virtual_time import VirtualTimeLoop, run, until

FOREVER = TaskScript([Phase("running")])


def test_a_paste_of_500_sunor_ids_is_spread_over_minutes_at_120_a_minute_oldest_first(
    tmp_path: Path,
) -> None:
    # On virtual time, the whole spread: ~4 minutes of first checks (and the checks that
    # follow them) against a server that enforces sunor's 120 per minute per key.
    async def scenario(loop: VirtualTimeLoop) -> None:
        limits = RateLimits(sunor_per_minute=120, sunor_task_interval=1.0)
        with virtual_server(loop, limits) as server:
            for i in range(500):
                server.add_task("sunor", f"s{i:03d}", FOREVER)
            async with virtual_engine(loop, server, tmp_path / "l.db") as h:
                for i in range(500):
                    h.engine.add("sunor", f"s{i:03d}")
                await until(
                    loop,
                    lambda: all(t.poll_count for t in h.engine.tasks),
                    within=330,
                    what="every pasted task checked once",
                )
                checked_all_at = loop.time()
            requests = server.requests
        assert server.violations == []
        assert all(r.status == 200 for r in requests)
        assert max_in_window([r.time for r in requests], 60.0) <= 120
        assert 240 <= checked_all_at <= 300  # 500 at 120 a minute, not faster, not much slower
        first_seen: dict[str, float] = {}
        for r in requests:
            first_seen.setdefault(r.task_id or "", r.time)
        order = sorted(first_seen, key=lambda task_id: first_seen[task_id])
        assert all(
            int(task_id[1:]) < rank + MAX_IN_FLIGHT_PER_ACCOUNT
            for rank, task_id in enumerate(order)
        )  # in the order pasted (requests in flight together may land in any order)

    run(scenario)
