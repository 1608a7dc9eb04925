"""Media downloads: streamed to a part file, size-checked, renamed into place; no credentials;
redirects checked hop by hop; cancellation and failures leave nothing under the final name.

`MediaTestServer` is a tiny loopback HTTP server for what the fake provider's media host does
not do: slow and cut-off bodies, huge announced sizes, redirect chains, web pages. The exporter
tests reuse it.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from gui.fake_provider import MEDIA_DIR
from gui.media.download import (
    MAX_REDIRECTS,
    DownloadError,
    IncompleteDownloadError,
    LinkUnavailableError,
    RefusedUrlError,
    TooLargeError,
    download_file,
    download_to_part,
    fetch_bytes,
)
from gui.polling.status_check import make_client

pytestmark = pytest.mark.asyncio

TONE = (MEDIA_DIR / "tone.mp3").read_bytes()


class MediaTestServer:
    """Loopback HTTP server with awkward media answers; records every request's headers.

    /file.mp3           the demo tone, with Content-Length
    /slow.mp3           announces the tone's length, sends 8 kB, then stalls until released
    /short.mp3          announces 1000 bytes, sends 500, closes
    /huge.mp3           announces 2 GB, sends nothing
    /chunked            the tone, chunked (no Content-Length)
    /status/N           answers HTTP N
    /page               a 200 web page
    /garbage.mp3        two bytes of MPEG sync, then zeros (recognised, but not taggable)
    /blob.flac          a FLAC signature, then zeros (a format Tunewatch does not tag)
    /unknown            bytes of no known format
    /hop/N              redirects N more times, then to /file.mp3
    /redirect?to=URL    one redirect to URL
    """

    def __init__(self) -> None:
        self.headers: list[dict[str, str]] = []
        self.release = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                outer.headers.append({k.lower(): v for k, v in self.headers.items()})
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    outer.answer(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> MediaTestServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        path = parts.path
        if path == "/file.mp3":
            self._send(handler, 200, TONE, "audio/mpeg")
        elif path == "/chunked":
            handler.send_response(200)
            handler.send_header("Content-Type", "audio/mpeg")
            handler.send_header("Transfer-Encoding", "chunked")
            handler.end_headers()
            for start in range(0, len(TONE), 4096):
                piece = TONE[start : start + 4096]
                handler.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            handler.wfile.write(b"0\r\n\r\n")
        elif path == "/slow.mp3":
            handler.send_response(200)
            handler.send_header("Content-Type", "audio/mpeg")
            handler.send_header("Content-Length", str(len(TONE)))
            handler.end_headers()
            handler.wfile.write(TONE[:8192])
            handler.wfile.flush()
            deadline = time.monotonic() + 20
            while not self.release.wait(0.05) and time.monotonic() < deadline:
                pass
        elif path == "/short.mp3":
            handler.send_response(200)
            handler.send_header("Content-Length", "1000")
            handler.end_headers()
            handler.wfile.write(TONE[:500])
        elif path == "/huge.mp3":
            handler.send_response(200)
            handler.send_header("Content-Length", str(2 * 1024**3))
            handler.end_headers()
        elif path.startswith("/status/"):
            self._send(handler, int(path.rsplit("/", 1)[1]), b"no", "text/plain")
        elif path == "/page":
            self._send(handler, 200, b"<html><body>Sign in</body></html>", "text/html")
        elif path == "/garbage.mp3":
            self._send(handler, 200, b"\xff\xfb" + bytes(2000), "audio/mpeg")
        elif path == "/blob.flac":
            self._send(handler, 200, b"fLaC" + bytes(2000), "audio/flac")
        elif path == "/unknown":
            self._send(handler, 200, bytes(2000), "application/octet-stream")
        elif path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            self._redirect(handler, f"/hop/{left - 1}" if left > 1 else "/file.mp3")
        elif path == "/redirect":
            self._redirect(handler, parse_qs(parts.query)["to"][0])
        else:
            self._send(handler, 404, b"not found", "text/plain")

    def _send(self, handler: BaseHTTPRequestHandler, status: int, body: bytes, kind: str) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", kind)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def _redirect(self, handler: BaseHTTPRequestHandler, location: str) -> None:
        handler.send_response(302)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()


@pytest.fixture
def media() -> Iterator[MediaTestServer]:
    with MediaTestServer() as server:
        yield server


async def public_resolver(host: str, port: int) -> list[str]:
    """Every name is one public address (documentation-free, so the gate lets it through)."""
    return ["93.184.216.34"]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# --- the normal path ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/file.mp3", "/chunked"])
async def test_download_streams_into_place_with_progress(
    media: MediaTestServer, tmp_path: Path, path: str
) -> None:
    seen: list[tuple[int, int | None]] = []
    target = tmp_path / "song.mp3"
    async with make_client() as client:
        size = await download_file(
            client,
            media.url(path),
            target,
            allow_local=True,
            progress=lambda done, total: seen.append((done, total)),
        )
    assert size == len(TONE) and target.read_bytes() == TONE
    assert leftovers(tmp_path) == ["song.mp3"]  # no part file left behind
    dones = [done for done, _ in seen]
    assert dones == sorted(dones) and dones[0] == 0 and dones[-1] == len(TONE)
    expected_total = len(TONE) if path == "/file.mp3" else None  # chunked: size unknown
    assert {total for _, total in seen} == {expected_total}


async def test_a_download_sends_no_credentials(media: MediaTestServer, tmp_path: Path) -> None:
    """Even a client that carries a key by default, cookies, or user:pass@ in the link."""
    async with httpx.AsyncClient(
        headers={"Authorization": "Bearer sk-secret", "x-api-key": "sk-secret"},
        cookies={"session": "sk-secret"},
    ) as client:
        link = media.url("/hop/2").replace("http://", "http://user:sk-secret@")
        await download_file(client, link, tmp_path / "a.mp3", allow_local=True)
        await fetch_bytes(client, media.url("/file.mp3"), allow_local=True, max_bytes=10**6)
    assert len(media.headers) == 4
    for headers in media.headers:
        assert not {"authorization", "x-api-key", "cookie", "proxy-authorization"} & set(headers)
        assert "sk-secret" not in str(headers)


# --- refusals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:audio/mpeg;base64,AAAA",
        "ftp://cdn.example.com/a.mp3",
        "//cdn.example.com/a.mp3",
        "http://192.168.1.20/a.mp3",
        "http://10.0.0.5/a.mp3",
        "http://127.0.0.1/a.mp3",
        "http://[::1]/a.mp3",
        "http://169.254.169.254/latest/meta-data",
        "http://localhost/a.mp3",
    ],
)
async def test_refused_links_are_never_requested(link: str, tmp_path: Path) -> None:
    requested: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        requested.append(request)
        return httpx.Response(200)

    transport = httpx.MockTransport(answer)
    async with httpx.AsyncClient(transport=transport) as client:
        with pytest.raises(RefusedUrlError) as refused:
            await download_file(client, link, tmp_path / "a.mp3", allow_local=False)
    assert requested == []
    assert "only http(s)" in refused.value.message or "local or private" in refused.value.message
    assert leftovers(tmp_path) == []


async def test_every_redirect_hop_is_checked_again(tmp_path: Path) -> None:
    requested: list[str] = []

    def cdn(request: httpx.Request) -> httpx.Response:
        requested.append(str(request.url.copy_with(host=request.extensions["sni_hostname"])))
        targets = {
            "/private": "http://10.1.2.3/a.mp3",
            "/loopback": "http://127.0.0.1:8080/a.mp3",
            "/file": "file:///etc/passwd",
            "/script": "javascript:alert(1)",
            "/fine": "https://cdn2.example.com/a.mp3",
        }
        if request.headers["host"] == "cdn2.example.com":
            return httpx.Response(200, content=TONE)
        return httpx.Response(302, headers={"Location": targets[request.url.path]})

    async with httpx.AsyncClient(transport=httpx.MockTransport(cdn)) as client:
        for path in ("/private", "/loopback", "/file", "/script"):
            with pytest.raises(RefusedUrlError):
                await download_file(
                    client,
                    f"https://cdn.example.com{path}",
                    tmp_path / "a.mp3",
                    allow_local=False,
                    resolve=public_resolver,
                )
        assert all("cdn.example.com" in url for url in requested)  # no refused hop was fetched
        await download_file(
            client,
            "https://cdn.example.com/fine",
            tmp_path / "a.mp3",
            allow_local=False,
            resolve=public_resolver,
        )
    assert (tmp_path / "a.mp3").read_bytes() == TONE


async def test_redirects_are_followed_up_to_five_times(
    media: MediaTestServer, tmp_path: Path
) -> None:
    async with make_client() as client:
        await download_file(
            client, media.url(f"/hop/{MAX_REDIRECTS}"), tmp_path / "ok.mp3", allow_local=True
        )
        with pytest.raises(RefusedUrlError, match="redirected more than 5 times"):
            await download_file(
                client,
                media.url(f"/hop/{MAX_REDIRECTS + 1}"),
                tmp_path / "no.mp3",
                allow_local=True,
            )
        to_file = media.url("/redirect?to=file:///etc/passwd")
        with pytest.raises(RefusedUrlError, match="only http"):
            await download_file(client, to_file, tmp_path / "no.mp3", allow_local=True)
    assert leftovers(tmp_path) == ["ok.mp3"]


# --- failures ----------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [403, 404, 410])
async def test_expired_link_statuses_are_told_apart(
    media: MediaTestServer, tmp_path: Path, status: int
) -> None:
    async with make_client() as client:
        with pytest.raises(LinkUnavailableError) as gone:
            await download_file(
                client, media.url(f"/status/{status}"), tmp_path / "a.mp3", allow_local=True
            )
    assert gone.value.status == status and "expired" in gone.value.message


async def test_failures_leave_nothing_under_the_final_name(
    media: MediaTestServer, tmp_path: Path
) -> None:
    target = tmp_path / "a.mp3"
    target.write_bytes(b"the previous version")
    async with make_client() as client:
        with pytest.raises(DownloadError, match="HTTP 500") as server_error:
            await download_file(client, media.url("/status/500"), target, allow_local=True)
        assert not isinstance(server_error.value, LinkUnavailableError)
        with pytest.raises(DownloadError, match="cut off"):
            await download_file(client, media.url("/short.mp3"), target, allow_local=True)
        with pytest.raises(TooLargeError, match=r"refuses files over 1\.0 GB"):
            await download_file(client, media.url("/huge.mp3"), target, allow_local=True)
        with pytest.raises(TooLargeError):
            await download_file(
                client, media.url("/chunked"), target, allow_local=True, max_bytes=10_000
            )
    assert target.read_bytes() == b"the previous version"
    assert leftovers(tmp_path) == ["a.mp3"]


async def test_a_part_file_is_removed_when_the_caller_fails_after_the_download(
    media: MediaTestServer, tmp_path: Path
) -> None:
    async with make_client() as client:
        with pytest.raises(RuntimeError):
            async with download_to_part(
                client, media.url("/file.mp3"), tmp_path, allow_local=True, label="x.mp3"
            ) as part:
                assert part.path.read_bytes() == TONE and part.path.name.startswith(".x.mp3.")
                raise RuntimeError("tagging blew up")
    assert leftovers(tmp_path) == []


async def test_cancelling_a_download_removes_the_part_file(
    media: MediaTestServer, tmp_path: Path
) -> None:
    started = asyncio.Event()

    def progress(done: int, total: int | None) -> None:
        if done > 0:
            started.set()

    async with make_client() as client:
        task = asyncio.create_task(
            download_file(
                client,
                media.url("/slow.mp3"),
                tmp_path / "slow.mp3",
                allow_local=True,
                progress=progress,
            )
        )
        await asyncio.wait_for(started.wait(), 10)
        assert len([name for name in leftovers(tmp_path) if name.endswith(".part")]) == 1
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert leftovers(tmp_path) == []


async def test_a_body_shorter_than_announced_is_refused(tmp_path: Path) -> None:
    """h11 already stops a short body on a real socket; the size check holds for any transport."""

    def short(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, headers={"Content-Length": "1000"}, stream=httpx.ByteStream(TONE[:500])
        )

    async with httpx.AsyncClient(transport=httpx.MockTransport(short)) as client:
        with pytest.raises(IncompleteDownloadError, match="500 of 1000 bytes"):
            await download_file(
                client,
                "https://cdn.example.com/a.mp3",
                tmp_path / "a.mp3",
                allow_local=False,
                resolve=public_resolver,
            )
    assert leftovers(tmp_path) == []
