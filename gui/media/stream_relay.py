"""A loopback relay that lets the player stream a link through the media gate.

QMediaPlayer (FFmpeg) resolves host names itself, so it cannot be told to connect to the
address the gate checked. For a growing preview stream, which cannot be downloaded first, the
player is given `http://127.0.0.1:<port>/<token>` instead: this relay fetches the real link with
`open_media` — every hop checked, connected to the checked address, no credentials, stalls and
gzip bombs cut off — and passes the bytes on as they arrive. Tokens are random and known only
to this process; the relay answers nothing else.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import time
from dataclasses import dataclass

import httpx

from gui.media.download import DownloadError, announced_length, media_body, open_media
from gui.media.media_gate import Resolver, system_resolver

REQUEST_TIMEOUT = 10.0


@dataclass(frozen=True, slots=True)
class _Link:
    url: str
    allow_local: bool


class StreamRelay:
    def __init__(self, client: httpx.AsyncClient, resolve: Resolver = system_resolver) -> None:
        self._client = client
        self._resolve = resolve
        self._links: dict[str, _Link] = {}
        self._server: asyncio.Server | None = None
        self._handlers: set[asyncio.Task[None]] = set()

    async def local_url(self, url: str, allow_local: bool) -> str:
        """The loopback URL that plays `url` through the gate (the relay starts on first use)."""
        if self._server is None:
            self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        token = secrets.token_urlsafe(18)
        self._links = {token: _Link(url, allow_local)}  # one stream plays at a time
        return f"http://127.0.0.1:{port}/{token}"

    async def close(self) -> None:
        for handler in list(self._handlers):
            handler.cancel()
        await asyncio.gather(*self._handlers, return_exceptions=True)
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        self._links.clear()

    def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.get_running_loop().create_task(self._serve(reader, writer))
        self._handlers.add(task)
        task.add_done_callback(self._handlers.discard)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            # A head longer than the reader's limit (asyncio's 64 KiB) ends in LimitOverrunError.
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), REQUEST_TIMEOUT)
            method, _, rest = head[: head.find(b"\r\n")].partition(b" ")
            token = rest.partition(b" ")[0].lstrip(b"/").decode("ascii", "replace")
            link = self._links.get(token)
            if method not in (b"GET", b"HEAD") or link is None:
                await _answer(writer, b"404 Not Found")
                return
            await self._relay(link, writer, send_body=method == b"GET")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError):
            pass
        except (ConnectionError, OSError):
            pass  # the player went away: nothing to tell anyone
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def _relay(self, link: _Link, writer: asyncio.StreamWriter, send_body: bool) -> None:
        answered = False
        try:
            async with open_media(
                self._client, link.url, allow_local=link.allow_local, resolve=self._resolve
            ) as response:
                kind = _header_safe(response.headers.get("content-type", "")) or "audio/mpeg"
                head = [b"HTTP/1.1 200 OK", b"Content-Type: " + kind.encode("ascii")]
                length = announced_length(response)
                if length is not None:  # the player then knows where the file ends
                    head.append(b"Content-Length: %d" % length)
                head += [b"Accept-Ranges: none", b"Cache-Control: no-store", b"Connection: close"]
                writer.write(b"\r\n".join(head) + b"\r\n\r\n")
                answered = True
                if send_body:
                    async for piece in media_body(response, link.url, time.monotonic):
                        writer.write(piece)
                        await writer.drain()
        except DownloadError:
            if not answered:  # the player then says it could not open the link
                await _answer(writer, b"502 Bad Gateway")


async def _answer(writer: asyncio.StreamWriter, status: bytes) -> None:
    with contextlib.suppress(ConnectionError, OSError, RuntimeError):
        writer.write(b"HTTP/1.1 " + status + b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        await writer.drain()


def _header_safe(value: str) -> str:
    return "".join(ch for ch in value if " " <= ch <= "~")[:200]
