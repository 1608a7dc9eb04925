"""Kept-alive media connections (gui.media.media_pool): reused for the same checked name,
never for another name at the same address, and every request still passes the gate first.
A real keep-alive HTTP/1.1 server on loopback counts the connections it was asked on."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from gui.media.download import RefusedUrlError, download_to_part, fetch_bytes
from gui.media.media_pool import MediaPool
from gui.polling.status_check import make_client
from tests.test_download import TONE
from tests.test_media_gate import resolver_of

pytestmark = pytest.mark.asyncio


class KeepAliveServer:
    """Answers every GET with `body` (the tone) over HTTP/1.1 keep-alive; /away redirects to ?to=."""

    def __init__(self, body: bytes = TONE) -> None:
        self.body = body
        self.requests: list[tuple[int, str]] = []  # (client port = the connection, Host)
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                outer.requests.append((self.client_address[1], self.headers.get("Host", "")))
                if self.path.startswith("/away?to="):
                    self.send_response(302)
                    self.send_header("Location", self.path.split("=", 1)[1])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "audio/mpeg")
                self.send_header("Content-Length", str(len(outer.body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(outer.body)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def connections(self) -> int:
        return len({port for port, _host in self.requests})

    def __enter__(self) -> KeepAliveServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


@pytest.fixture
def server() -> Iterator[KeepAliveServer]:
    with KeepAliveServer() as running:
        yield running


LOOPBACK_NAMES = resolver_of({"a.example": ["127.0.0.1"], "b.example": ["127.0.0.1"]})


async def fetch(client: httpx.AsyncClient, url: str, pool: MediaPool | None) -> bytes:
    fetched = await fetch_bytes(
        client, url, allow_local=True, max_bytes=10**6, pool=pool, resolve=LOOPBACK_NAMES
    )
    return fetched.data


async def test_one_connection_serves_every_file_of_one_name(server: KeepAliveServer) -> None:
    async with make_client() as client, MediaPool.for_client(client) as pool:
        assert pool.reuses  # the app's client: its TLS settings were carried over
        for n in range(3):
            assert await fetch(client, f"http://a.example:{server.port}/{n}.mp3", pool) == TONE
    assert server.connections() == 1
    assert {host for _port, host in server.requests} == {f"a.example:{server.port}"}


async def test_another_name_at_the_same_address_gets_its_own_connection(
    server: KeepAliveServer,
) -> None:
    async with make_client() as client, MediaPool.for_client(client) as pool:
        for name in ("a.example", "b.example", "a.example", "b.example"):
            await fetch(client, f"http://{name}:{server.port}/x.mp3", pool)
    by_connection: dict[int, set[str]] = {}
    for port, host in server.requests:
        by_connection.setdefault(port, set()).add(host)
    assert len(by_connection) == 2
    assert all(len(hosts) == 1 for hosts in by_connection.values())  # never shared by names


async def test_without_a_pool_each_file_has_a_connection_of_its_own(
    server: KeepAliveServer,
) -> None:
    async with make_client() as client:
        for n in range(3):
            await fetch(client, f"http://a.example:{server.port}/{n}.mp3", None)
    assert server.connections() == 3


async def test_the_gate_still_checks_every_request_and_hop(
    server: KeepAliveServer, tmp_path: Path
) -> None:
    """A kept connection is no pass: a name resolving privately, and a redirect hop the gate
    refuses, are refused with a pool too."""
    resolve = resolver_of({"cdn.example": ["127.0.0.1"]})
    async with make_client() as client, MediaPool.for_client(client) as pool:
        with pytest.raises(RefusedUrlError, match="local or private-network address"):
            await fetch_bytes(
                client,
                f"http://cdn.example:{server.port}/a.mp3",
                allow_local=False,
                max_bytes=10**6,
                pool=pool,
                resolve=resolve,
            )
        assert server.requests == []  # refused before any byte was sent
        with pytest.raises(RefusedUrlError, match="file: link"):
            async with download_to_part(
                client,
                f"http://cdn.example:{server.port}/away?to=file:///etc/passwd",
                tmp_path,
                allow_local=True,  # a local provider (the demo): loopback media allowed
                pool=pool,
                resolve=resolve,
            ):
                pass
    assert len(server.requests) == 1  # the redirect itself; the hop was never fetched
    assert not any(tmp_path.iterdir())  # noqa: ASYNC240  # no part left behind


async def test_a_client_whose_transport_cannot_be_read_is_used_as_it_is() -> None:
    def cdn(request: httpx.Request) -> httpx.Response:
        assert request.headers["connection"] == "close"
        return httpx.Response(200, content=TONE)

    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(cdn)) as client,
        MediaPool.for_client(client) as pool,
    ):
        assert not pool.reuses
        data = await fetch_bytes(
            client,
            "https://cdn.example/a.mp3",
            allow_local=False,
            max_bytes=10**6,
            pool=pool,
            resolve=resolver_of({"cdn.example": ["93.184.216.34"]}),
        )
    assert data.data == TONE
