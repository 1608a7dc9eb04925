"""How the engine rides out errors: server and network failures, refused keys, unknown tasks,
unreadable answers, rate limits, and tasks that never finish."""

from __future__ import annotations

import asyncio
import itertools
import socket
import time
from pathlib import Path

import httpx
import pytest

from gui.domain.events import AccountProblem, TaskUpdated
from gui.domain.states import TaskState
from gui.domain.tracked_task import Watch
from gui.fake_provider import Fault, Phase, RateLimits, TaskScript
from tests.engine_helpers import FAST, fake_server, fast, running_engine, wait_for

pytestmark = pytest.mark.asyncio

FOREVER = TaskScript([Phase("running")])


def _dead_port() -> int:
    """A loopback port with nobody listening (connection refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_server_errors_back_off_exponentially_and_keep_the_state(tmp_path: Path) -> None:
    policies = fast(initial_interval=0.1, max_interval=0.1)
    with fake_server() as server:
        server.add_task("mountsea-suno", "flaky", FOREVER)
        async with running_engine(server, tmp_path / "ledger.db", policies=policies) as h:
            key = ("mountsea-suno", "flaky")
            h.engine.add(*key)
            await wait_for(lambda: h.engine.get(key).poll_count == 1)  # type: ignore[union-attr]
            server.inject(Fault("500"), task_id="flaky", times=2)
            server.inject(Fault("502"), task_id="flaky", times=1, delay=0.0)
            await wait_for(lambda: h.engine.get(key).problem is not None)  # type: ignore[union-attr]
            failing = h.engine.get(key)
            assert failing is not None and failing.problem is not None
            assert "Retrying in" in failing.problem
            assert failing.state is TaskState.RUNNING  # the task keeps its state
            assert failing.watch is Watch.ACTIVE and failing.next_poll_at is not None
            assert failing.last_polled_at is not None
            assert 0.08 <= failing.next_poll_at - failing.last_polled_at <= 0.12
            stored = h.ledger.get(key)
            assert stored is not None and stored.problem == failing.problem
            # Three failures, then a good answer clears the problem.
            await wait_for(lambda: h.engine.get(key).poll_count == 2, 2.0)  # type: ignore[union-attr]
            recovered = h.engine.get(key)
            assert recovered is not None and recovered.problem is None
        times = h.requests_for("flaky")
        statuses = [r.status for r in server.requests if r.task_id == "flaky"]
        assert statuses[:5] == [200, 500, 500, 502, 200]
        waits = [b - a for a, b in itertools.pairwise(times[1:])][:3]
        # 0.1, 0.2, 0.4 s (±10%): doubling after each failure in a row.
        assert 0.085 <= waits[0] <= 0.16, waits
        assert 0.175 <= waits[1] <= 0.27, waits
        assert 0.35 <= waits[2] <= 0.5, waits
        retrying = {
            e.task.problem
            for e in h.updates(key)
            if e.task.problem and "Retrying" in e.task.problem
        }
        assert len(retrying) >= 1


async def test_network_errors_are_retried_with_the_state_kept(tmp_path: Path) -> None:
    dead = f"http://127.0.0.1:{_dead_port()}"
    with fake_server() as server:
        server.add_task("crun", "net", FOREVER)
        async with running_engine(server, tmp_path / "ledger.db") as h:
            key = ("crun", "net")
            h.engine.add(*key)
            await wait_for(lambda: h.engine.get(key).poll_count == 1)  # type: ignore[union-attr]
        # Same ledger, but the provider cannot be reached any more: said once for the
        # account (tests/reliability/test_network_loss.py has the whole outage), not per task.
        async with running_engine(server, tmp_path / "ledger.db", base_urls={"crun": dead}) as h2:
            await wait_for(lambda: h2.problems("offline"))
            [offline] = h2.problems("offline")
            assert offline.message == "crun.ai can't be reached — retrying."
            task = h2.engine.get(key)
            assert task is not None and task.problem is None
            assert task.state is TaskState.RUNNING and task.watch is Watch.ACTIVE
            assert task.snapshot is not None  # the last good snapshot stays


async def test_a_refused_key_pauses_the_account_and_is_reported_once(tmp_path: Path) -> None:
    with fake_server() as server:
        ids = ["s1", "s2", "s3"]
        for task_id in ids:
            server.add_task(
                "mountsea-suno", task_id, TaskScript([Phase("running", 0.6), Phase("succeeded")])
            )
        server.add_task(
            "mountsea-producer", "p1", TaskScript([Phase("running", 0.6), Phase("succeeded")])
        )
        server.add_task("sunor", "elsewhere", FOREVER)
        rule = server.inject(Fault("401"), account="mountsea")
        async with running_engine(server, tmp_path / "ledger.db") as h:
            for task_id in ids:
                h.engine.add("mountsea-suno", task_id)
            h.engine.add("mountsea-producer", "p1")
            h.engine.add("sunor", "elsewhere")
            mountsea = [t for t in h.engine.tasks if t.provider.startswith("mountsea")]
            keys = [t.key for t in mountsea]
            await wait_for(
                lambda: all(
                    h.engine.get(k).problem and h.engine.get(k).next_poll_at is None  # type: ignore[union-attr]
                    for k in keys
                )
            )
            # One report for the account, although four tasks of two APIs were refused.
            reports = h.problems("auth")
            assert len(reports) == 1 and reports[0].account == "mountsea"
            assert reports[0].message is not None and "refused" in reports[0].message
            assert h.engine.account_problem("mountsea") == reports[0].message
            for k in keys:
                task = h.engine.get(k)
                assert task is not None and task.watch is Watch.ACTIVE
            await asyncio.sleep(0.05)
            refused = len([r for r in server.requests if r.account == "mountsea"])
            others = len(h.requests_for("elsewhere"))
            await asyncio.sleep(0.4)
            assert len([r for r in server.requests if r.account == "mountsea"]) == refused
            assert len(h.requests_for("elsewhere")) > others  # other accounts go on
            assert len(h.problems("auth")) == 1

            server.remove_fault(rule)
            h.engine.key_changed("mountsea")
            assert h.engine.account_problem("mountsea") is None
            await wait_for(lambda: all(h.engine.get(k).watch is Watch.DONE for k in keys), 2.0)  # type: ignore[union-attr]
            reports = h.problems("auth")
            assert [r.message is None for r in reports] == [False, True]


class _SlowFor(httpx.AsyncBaseTransport):
    """Holds requests that mention `marker` for `delay` seconds before sending them."""

    def __init__(self, marker: str, delay: float) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self._marker = marker
        self._delay = delay
        self.held = asyncio.Event()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self._marker in str(request.url):
            self.held.set()
            await asyncio.sleep(self._delay)
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


async def test_a_refusal_of_the_old_key_after_a_key_change_is_not_news(tmp_path: Path) -> None:
    # A poll sent with the old key answers 401 after the user stored a new one: that must not
    # pause the account again (nor report it again).
    with fake_server() as server:
        server.set_key("sunor", "new-key")
        done = TaskScript([Phase("succeeded")])
        server.add_task("sunor", "fast", done)
        server.add_task("sunor", "slowpoke", done)
        transport = _SlowFor("slowpoke", 0.4)
        async with running_engine(
            server, tmp_path / "ledger.db", keys={"sunor": "old-key"}, transport=transport
        ) as h:

            def on_problem(event: object) -> None:
                if isinstance(event, AccountProblem) and event.message:
                    h.keys["sunor"] = "new-key"  # the user types the right key at once
                    asyncio.get_running_loop().call_soon(h.engine.key_changed, "sunor")

            h.engine.subscribe(on_problem)
            h.engine.add("sunor", "slowpoke")
            await asyncio.wait_for(transport.held.wait(), 1.0)  # sent with the old key
            h.engine.add("sunor", "fast")
            await wait_for(lambda: all(t.watch is Watch.DONE for t in h.engine.tasks), 2.0)
            statuses = [r.status for r in server.requests if r.task_id == "slowpoke"]
            assert statuses == [401, 200]  # the stale refusal really happened
            assert [r.message is None for r in h.problems("auth")] == [False, True]


async def test_a_missing_key_is_reported_once_and_polling_starts_when_it_comes(
    tmp_path: Path,
) -> None:
    with fake_server() as server:
        for task_id in ("m1", "m2"):
            server.add_task("crun", task_id, TaskScript([Phase("succeeded")]))
        async with running_engine(server, tmp_path / "ledger.db", keys={}) as h:
            h.engine.add("crun", "m1")
            h.engine.add("crun", "m2")
            await wait_for(lambda: h.engine.account_problem("crun") is not None)
            await asyncio.sleep(0.2)
            assert server.requests == []
            assert len(h.problems("auth")) == 1
            message = h.problems("auth")[0].message
            assert message is not None and "No API key" in message
            h.keys["crun"] = "fake-crun-key"
            h.engine.key_changed("crun")
            await wait_for(lambda: all(t.watch is Watch.DONE for t in h.engine.tasks))


async def test_an_unknown_task_is_retried_then_marked_not_found_and_kept(tmp_path: Path) -> None:
    with fake_server() as server:
        server.add_task(
            "sunor", "late-start", TaskScript([Phase("running", 0.2), Phase("succeeded")])
        )
        server.inject(Fault("404"), task_id="late-start", times=2)
        async with running_engine(server, tmp_path / "ledger.db") as h:
            h.engine.add("sunor", "ghost")
            h.engine.add("sunor", "late-start")
            ghost = ("sunor", "ghost")
            await wait_for(lambda: h.engine.get(ghost).watch is Watch.NOT_FOUND)  # type: ignore[union-attr]
            task = h.engine.get(ghost)
            assert task is not None and task.problem is not None
            assert "does not know this task" in task.problem and task.next_poll_at is None
            assert len(h.requests_for("ghost")) == 3
            stored = h.ledger.get(ghost)  # marked, not deleted
            assert stored is not None and stored.watch is Watch.NOT_FOUND
            # A task the provider did not know yet at first carries on normally.
            await wait_for(lambda: h.engine.get(("sunor", "late-start")).watch is Watch.DONE)  # type: ignore[union-attr]
            await asyncio.sleep(0.2)
            assert len(h.requests_for("ghost")) == 3  # no longer polled
            # crun says "unknown task" as 422 in its envelope: the same outcome.
            h.engine.add("crun", "crun-ghost")
            await wait_for(lambda: h.engine.get(("crun", "crun-ghost")).watch is Watch.NOT_FOUND)  # type: ignore[union-attr]
            # Resume tries again.
            h.engine.resume(ghost)
            resumed = h.engine.get(ghost)
            assert resumed is not None and resumed.watch is Watch.ACTIVE
            await wait_for(lambda: len(h.requests_for("ghost")) == 4)


async def test_an_unreadable_answer_keeps_the_last_good_snapshot(tmp_path: Path) -> None:
    script = TaskScript([Phase("running", 0.6), Phase("succeeded")])
    with fake_server() as server:
        server.add_task("mountsea-producer", "garbled", script)
        async with running_engine(server, tmp_path / "ledger.db") as h:
            key = ("mountsea-producer", "garbled")
            h.engine.add(*key)
            await wait_for(lambda: h.engine.get(key).poll_count == 1)  # type: ignore[union-attr]
            good = h.engine.get(key)
            assert good is not None and good.snapshot is not None
            server.inject(Fault("malformed"), task_id="garbled", times=2)
            await wait_for(lambda: h.engine.get(key).problem is not None)  # type: ignore[union-attr]
            bad = h.engine.get(key)
            assert bad is not None and bad.problem is not None
            assert "could not read" in bad.problem or "not JSON" in bad.problem
            assert bad.snapshot == good.snapshot and bad.watch is Watch.ACTIVE
            assert bad.snapshot is not None and bad.snapshot.raw == good.snapshot.raw
            assert any(isinstance(e, TaskUpdated) and e.task.problem for e in h.updates(key))
            await wait_for(lambda: h.engine.get(key).watch is Watch.DONE, 2.0)  # type: ignore[union-attr]
            done = h.engine.get(key)
            assert done is not None and done.problem is None
            assert done.state is TaskState.SUCCEEDED


async def test_retry_after_keeps_every_request_of_the_account_out_of_the_window(
    tmp_path: Path,
) -> None:
    # sunor answers 429 with Retry-After; crun says 429 inside a 200 envelope (Retry-After in
    # the headers all the same); MountSea is not limited and must not be held back.
    with fake_server() as server:
        for i in range(3):
            server.add_task("sunor", f"r{i}", FOREVER)
            server.add_task("crun", f"c{i}", FOREVER)
        server.add_task("mountsea-suno", "unaffected", FOREVER)
        async with running_engine(server, tmp_path / "ledger.db") as h:
            for i in range(3):
                h.engine.add("sunor", f"r{i}")
                h.engine.add("crun", f"c{i}")
            h.engine.add("mountsea-suno", "unaffected")
            await wait_for(lambda: len(server.requests) >= 12)
            server.inject(Fault("429", retry_after=1.0), account="sunor", times=1)
            server.inject(Fault("429", retry_after=1.0, in_body=True), account="crun", times=1)
            await wait_for(lambda: len(h.problems("rate_limited")) == 2)
            reports = h.problems("rate_limited")
            assert {r.account for r in reports} == {"sunor", "crun"}
            assert all(r.message for r in reports)
            await wait_for(lambda: len(h.problems("rate_limited")) == 4, 2.0)  # both resolved
            assert all(r.message is None for r in h.problems("rate_limited")[2:])
        for account in ("sunor", "crun"):
            limited_at = next(
                r.time for r in server.requests if r.account == account and r.fault == "429"
            )
            times = [r.time for r in server.requests if r.account == account]
            # Requests already on the wire when the 429 went out may land just after it.
            inside = [t for t in times if limited_at + 0.02 < t < limited_at + 1.0]
            assert inside == [], (account, [round(t - limited_at, 3) for t in inside])
            assert any(t > limited_at + 1.0 for t in times)  # and then polling went on
            assert [
                r
                for r in server.requests
                if r.account == "mountsea" and limited_at < r.time < limited_at + 1
            ]  # another account is not held back
            late = [
                v
                for v in server.violations
                if v.account == account and v.kind == "retry_after" and v.time > limited_at + 0.02
            ]
            assert late == []


async def test_sunor_rate_limit_headers_are_obeyed(tmp_path: Path) -> None:
    # The engine's own budget is off; only X-RateLimit-Remaining: 0 can stop it in time.
    no_budget = fast()
    with fake_server(RateLimits(sunor_per_minute=4, sunor_task_interval=0.0)) as server:
        server.add_task("sunor", "headers", FOREVER)
        async with running_engine(server, tmp_path / "ledger.db", policies=no_budget) as h:
            h.engine.add("sunor", "headers")
            await wait_for(lambda: len(h.requests_for("headers")) >= 4)
            await asyncio.sleep(0.5)
            assert len(h.requests_for("headers")) == 4
            task = h.engine.get(("sunor", "headers"))
            assert task is not None and task.next_poll_at is not None
    assert server.violations == []


async def test_sunor_rate_limit_headers_on_errors_are_obeyed_too(tmp_path: Path) -> None:
    # Every sunor answer carries X-RateLimit-*, a 404 too; the budget ran out on one.
    with fake_server(RateLimits(sunor_per_minute=2, sunor_task_interval=0.0)) as server:
        async with running_engine(server, tmp_path / "ledger.db", policies=fast()) as h:
            h.engine.add("sunor", "unknown")
            await wait_for(lambda: len(h.requests_for("unknown")) >= 2)
            await asyncio.sleep(0.5)
            assert len(h.requests_for("unknown")) == 2
            task = h.engine.get(("sunor", "unknown"))
            assert task is not None and task.watch is Watch.ACTIVE
    assert server.violations == []


async def test_a_task_is_given_up_after_the_limit_and_can_be_resumed(tmp_path: Path) -> None:
    policies = fast(give_up_after=0.4)
    with fake_server() as server:
        server.add_task("mountsea-suno", "stuck", TaskScript([Phase("queued")]))
        async with running_engine(server, tmp_path / "ledger.db", policies=policies) as h:
            key = ("mountsea-suno", "stuck")
            h.engine.add(*key)
            await wait_for(lambda: h.engine.get(key).watch is Watch.GIVEN_UP, 1.5)  # type: ignore[union-attr]
            given_up = h.engine.get(key)
            assert given_up is not None and given_up.problem is not None
            assert "Resume" in given_up.problem and given_up.next_poll_at is None
            assert given_up.state is TaskState.QUEUED
            stored = h.ledger.get(key)
            assert stored is not None and stored.watch is Watch.GIVEN_UP
            count = len(h.requests_for("stuck"))
            await asyncio.sleep(0.2)
            assert len(h.requests_for("stuck")) == count

            server.add_task("mountsea-suno", "stuck", TaskScript([Phase("succeeded")]))
            before = time.time()
            h.engine.resume(key)
            resumed = h.engine.get(key)
            assert resumed is not None and resumed.watch is Watch.ACTIVE
            assert resumed.tracking_since >= before and resumed.problem is None
            await wait_for(lambda: h.engine.get(key).watch is Watch.DONE)  # type: ignore[union-attr]


async def test_each_provider_can_have_its_own_give_up_limit(tmp_path: Path) -> None:
    policies = fast()
    policies["crun"] = fast(give_up_after=0.3)["crun"]
    with fake_server() as server:
        server.add_task("crun", "short", FOREVER)
        server.add_task("sunor", "long", FOREVER)
        async with running_engine(server, tmp_path / "ledger.db", policies=policies) as h:
            h.engine.add("crun", "short")
            h.engine.add("sunor", "long")
            await wait_for(lambda: h.engine.get(("crun", "short")).watch is Watch.GIVEN_UP)  # type: ignore[union-attr]
            long = h.engine.get(("sunor", "long"))
            assert long is not None and long.watch is Watch.ACTIVE
    assert FAST.give_up_after == 30
