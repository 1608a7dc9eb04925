"""Every status request has an overall deadline: an answer trickling in is cut off with a clear
message (httpx's own timeout is per read, so a byte now and then would keep it alive)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from gui.domain.errors import NetworkError, UnreachableError
from gui.domain.tracked_task import Watch
from gui.fake_provider import FakeProviderServer, Fault, Phase, TaskScript
from gui.polling.status_check import check_status, make_client
from gui.providers import get_provider
from tests.reliability.harness import offline_events, virtual_engine, virtual_server
from tests.reliability.virtual_time import VirtualTimeLoop, run, until

FOREVER = TaskScript([Phase("running", 3600), Phase("succeeded")])


@pytest.mark.asyncio
async def test_a_trickling_answer_is_cut_off_at_the_deadline() -> None:
    with FakeProviderServer() as server:
        server.add_task("sunor", "slow", FOREVER)
        # 0.05 s a byte: the whole answer would take tens of seconds, each read well in time.
        server.inject(Fault("trickle", byte_interval=0.05), task_id="slow", times=1)
        async with make_client() as client:
            started = time.monotonic()
            with pytest.raises(NetworkError) as caught:
                await check_status(
                    client,
                    get_provider("sunor"),
                    server.base_url,
                    "slow",
                    server.key("sunor"),
                    deadline=0.5,
                )
            assert time.monotonic() - started < 3
            assert caught.value.message.startswith("sunor.cc took too long to answer")
            assert not isinstance(caught.value, UnreachableError)  # slow, not offline
            # The next answer is normal again.
            result = await check_status(
                client, get_provider("sunor"), server.base_url, "slow", server.key("sunor")
            )
            assert result.snapshot.state.value == "running"


@pytest.mark.asyncio
async def test_an_unreachable_host_is_said_in_one_sentence() -> None:
    with FakeProviderServer() as server:
        server.add_task("sunor", "t", FOREVER)
        server.set_network(up=False)
        async with make_client() as client:
            with pytest.raises(UnreachableError) as caught:
                await check_status(
                    client, get_provider("sunor"), server.base_url, "t", server.key("sunor")
                )
    message = caught.value.message
    assert message.startswith("Could not reach sunor.cc: ")
    assert ".." not in message and message.endswith(".")


def test_the_engine_keeps_a_task_whose_answer_was_too_slow_and_asks_again(
    tmp_path: Path,
) -> None:
    async def scenario(loop: VirtualTimeLoop) -> None:
        with virtual_server(loop) as server:
            server.add_task("sunor", "slow", TaskScript([Phase("running", 20), Phase("succeeded")]))
            server.inject(Fault("trickle", byte_interval=0.05), task_id="slow", times=1)
            async with virtual_engine(loop, server, tmp_path / "ledger.db", deadline=0.5) as h:
                h.engine.add("sunor", "slow")
                key = ("sunor", "slow")
                await until(loop, lambda: h.engine.get(key).problem or "", 30, "a problem")  # type: ignore[union-attr]
                task = h.engine.get(key)
                assert task is not None and task.watch is Watch.ACTIVE
                assert task.problem is not None
                assert task.problem.startswith("sunor.cc took too long to answer")
                assert "Retrying in" in task.problem
                done = lambda: getattr(h.engine.get(key), "watch", None) is Watch.DONE  # noqa: E731
                await until(loop, done, 120, "finished")
                assert not offline_events(h, "sunor")  # slow is not offline

    run(scenario)
