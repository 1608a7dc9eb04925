"""The fake server's wire faults (drop, cut, trickle, garbled, network down) and raw Retry-After
headers, as a client sees them over real loopback HTTP."""

from __future__ import annotations

import time
from collections.abc import Iterator
from email.utils import formatdate

import httpx
import pytest

from gui.fake_provider import FakeProviderServer, Fault, ManualClock, Phase, TaskScript

FOREVER = TaskScript([Phase("running", 3600), Phase("succeeded")])


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(1000.0)


@pytest.fixture
def server(clock: ManualClock) -> Iterator[FakeProviderServer]:
    with FakeProviderServer(clock=clock, unix_offset=1_700_000_000.0 - 1000.0) as fake:
        fake.add_task("sunor", "t1", FOREVER)
        yield fake


def _get(server: FakeProviderServer, timeout: float = 5.0) -> httpx.Response:
    with httpx.Client(timeout=timeout, trust_env=False) as client:
        return client.get(server.status_url("sunor", "t1"), headers=server.auth_headers("sunor"))


def test_drop_closes_the_connection_without_an_answer(server: FakeProviderServer) -> None:
    server.inject(Fault("drop"), account="sunor", times=1)
    with pytest.raises(httpx.RemoteProtocolError):
        _get(server)
    assert _get(server).status_code == 200  # only the one request was dropped
    assert [r.fault for r in server.requests] == ["drop", None]


def test_cut_sends_half_the_announced_body(server: FakeProviderServer) -> None:
    server.inject(Fault("cut"), task_id="t1", times=1)
    with pytest.raises(httpx.RemoteProtocolError):
        _get(server)


def test_garbled_is_not_json(server: FakeProviderServer) -> None:
    server.inject(Fault("garbled"), task_id="t1", times=1)
    reply = _get(server)
    assert reply.status_code == 200
    with pytest.raises(ValueError):
        reply.json()


def test_trickle_sends_the_normal_answer_slowly(server: FakeProviderServer) -> None:
    server.inject(Fault("trickle", byte_interval=0.001), task_id="t1", times=1)
    started = time.monotonic()
    reply = _get(server)
    assert reply.json()["data"]["status"] == "running"
    # Hundreds of bytes, each after its own sleep: slower than any normal answer.
    assert time.monotonic() - started > 0.1


def test_network_down_logs_every_attempt_and_answers_none(server: FakeProviderServer) -> None:
    server.set_network(up=False)
    for _ in range(3):
        with pytest.raises(httpx.TransportError):
            _get(server)
    down = [r for r in server.requests if r.fault == "network_down"]
    assert len(down) == 3 and all(r.account == "sunor" and r.status == 0 for r in down)
    server.set_network(up=True)
    assert _get(server).status_code == 200


@pytest.mark.parametrize(
    ("header", "window"),
    [
        ("-5", None),  # nothing usable: no window a client could have understood
        ("soon", None),
        ("1e12", 3600.0),  # absurd: a client is held to the cap only
        ("7", 7.0),
    ],
)
def test_raw_retry_after_headers_set_the_window_a_client_is_held_to(
    server: FakeProviderServer, clock: ManualClock, header: str, window: float | None
) -> None:
    server.inject(Fault("429", retry_after_header=header), account="sunor", times=1)
    first = _get(server)
    assert first.status_code == 429 and first.headers["retry-after"] == header
    clock.advance(window - 0.5 if window else 0.5)
    _get(server)
    inside = [v for v in server.violations if v.kind == "retry_after"]
    assert len(inside) == (1 if window else 0)


def test_http_date_retry_after_is_read_against_the_server_clock(
    server: FakeProviderServer, clock: ManualClock
) -> None:
    date = formatdate(1_700_000_000.0 + 20.0, usegmt=True)  # 20 s after the server's now
    server.inject(Fault("429", retry_after_header=date), account="sunor", times=1)
    first = _get(server)
    assert first.headers["date"] == formatdate(1_700_000_000.0, usegmt=True)
    clock.advance(19)
    _get(server)
    clock.advance(2)
    _get(server)
    assert [v.kind for v in server.violations] == ["retry_after"]
