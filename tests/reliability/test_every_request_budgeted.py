"""Every request goes through the account's budget (issue 10): Auto's detection and an
export's fresh-link check use the engine's `check_once`, so a paste of hundreds of IDs stays
inside sunor's 120 requests a minute at the server, and a Retry-After holds them too."""

from __future__ import annotations

from pathlib import Path

from gui.fake_provider import Fault, Phase, RateLimits, TaskScript
from gui.polling.detect import detect_provider
from gui.providers import PROVIDERS
from tests.engine_helpers import max_in_window
from tests.reliability.harness import virtual_engine, virtual_server
from tests.reliability.virtual_time import VirtualTimeLoop, run, until

PASTED = 300
SONG = TaskScript([Phase("running", 90), Phase("succeeded")])
# Advice only: the engine's sunor floor is 1 s a task, which this paste respects anyway.
LIMITS = RateLimits(sunor_per_minute=120, sunor_task_interval=0.0)


def test_a_paste_of_hundreds_of_ids_with_auto_stays_inside_sunors_limit(tmp_path: Path) -> None:
    async def scenario(loop: VirtualTimeLoop) -> None:
        with virtual_server(loop, LIMITS) as server:
            ids = [f"{n:08d}-auto-paste" for n in range(PASTED)]
            for task_id in ids:
                server.add_task("sunor", task_id, SONG)
            async with virtual_engine(loop, server, tmp_path / "ledger.db") as h:
                keys = h.keys

                async def key_for(account: str) -> str | None:
                    return keys.get(account)

                # What the window's Auto does for each pasted ID, in order.
                for task_id in ids:
                    found = await detect_provider(
                        h.engine._client,
                        task_id,
                        list(PROVIDERS.values()),
                        key_for,
                        lambda _p: server.base_url,
                        check=h.engine.check_once,
                    )
                    assert found.provider is not None and found.provider.id == "sunor"
                    h.engine.add("sunor", task_id)
            sunor = [r.time for r in server.requests if r.route == "sunor.status"]
            assert len(sunor) >= PASTED
            assert not [v for v in server.violations if v.kind in ("rate_limit", "retry_after")]
            assert max_in_window(sunor, 60.0) <= 120

    run(scenario)


def test_a_fresh_link_check_waits_out_the_accounts_retry_after(tmp_path: Path) -> None:
    async def scenario(loop: VirtualTimeLoop) -> None:
        with virtual_server(loop) as server:
            server.add_task("sunor", "polled", SONG)
            server.add_task("sunor", "exported", TaskScript([Phase("succeeded")]))
            server.inject(Fault("429", retry_after=30), account="sunor", times=1)
            async with virtual_engine(loop, server, tmp_path / "ledger.db") as h:
                h.engine.add("sunor", "polled")  # its first check meets the 429
                limited_at = await until(
                    loop, lambda: [r for r in server.requests if r.status == 429], 10, "the 429"
                )
                # The export's re-poll for a fresh link, while the account is held.
                result = await h.engine.check_once("sunor", "exported")
                assert result.snapshot.state.value == "succeeded"
                assert loop.time() - limited_at >= 29
            assert not [v for v in server.violations if v.kind == "retry_after"]

    run(scenario)
