"""Every status request has an overall deadline: an answer trickling in is cut off with a clear
message (httpx's own timeout is per read, so a byte now and then would keep it alive)."""

from __future__ import annotations

import time

import pytest

from gui.domain.errors import NetworkError, UnreachableError
from gui.fake_provider import FakeProviderServer, Fault, Phase, TaskScript
from gui.polling.status_check import check_status, make_client
from gui.providers import get_provider

pytestmark = pytest.mark.asyncio

FOREVER = TaskScript([Phase("running", 3600), Phase("succeeded")])


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
