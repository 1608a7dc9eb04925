"""Fetching media files from the links in a payload, safely.

Media hosts are not the provider's API: a download carries no credentials at all (no key, no
cookie, no Basic auth from the URL). Redirects are followed by hand so that every hop passes the
media gate again (gui.media.media_gate: http(s) only, no private address in any spelling or by
any name, connected to the address that was checked), and a body that stalls or unpacks like a
gzip bomb is cut off (gui.media.transfer_guards). A file streams
into a temporary file beside its target and is renamed into place only once it is complete and
its size checked, so a crash or a cancellation never leaves half a file under the final name.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
import zlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import urljoin, urlsplit

import httpx

from gui.domain.wording import QT_TRANSLATE_NOOP
from gui.media.flush_behind import FlushBehind
from gui.media.media_gate import (
    AdmittedUrl,
    RefusedMediaUrl,
    Resolver,
    UnresolvableHost,
    admit,
    pinned_request,
    system_resolver,
)
from gui.media.media_pool import MediaPool
from gui.media.transfer_guards import (
    MIN_BYTES_PER_SECOND,
    STALL_WINDOW_SECONDS,
    BodyDecoder,
    BombError,
    Clock,
    StalledError,
    StallWatch,
    UnsupportedEncodingError,
)
from gui.storage.part_lock import PartLock

MAX_MEDIA_BYTES = 1024 * 1024 * 1024  # 1 GB: far above any song or video a provider makes
MAX_REDIRECTS = 5
EXPIRED_STATUSES = frozenset({403, 404, 410})
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Never sent to a media host, even when the injected client carries them by default.
_CREDENTIAL_HEADERS = ("authorization", "proxy-authorization", "x-api-key", "cookie")

# What can go wrong with a media link (English; shown translated, see gui.domain.wording).
LINK_EXPIRED = QT_TRANSLATE_NOOP(
    "Problems", "The media link answered HTTP {status}; it has probably expired."
)
HOST_ANSWERED = QT_TRANSLATE_NOOP("Problems", "{host} answered HTTP {status}.")
TOO_MANY_REDIRECTS = QT_TRANSLATE_NOOP(
    "Problems", "The media link redirected more than {count} times."
)
HOST_TOO_SLOW = QT_TRANSLATE_NOOP("Problems", "{host} did not answer in time.")
HOST_UNREACHABLE = QT_TRANSLATE_NOOP("Problems", "Could not reach {host}: {reason}.")
ODD_ENCODING = QT_TRANSLATE_NOOP(
    "Problems", "{host} sent the file in an encoding Tunewatch does not read ({coding})."
)
STALLED = QT_TRANSLATE_NOOP(
    "Problems",
    "The download from {host} stalled (less than {rate} KB/s for {seconds} s); try again later.",
)
BOMB = QT_TRANSLATE_NOOP(
    "Problems", "The file from {host} unpacks to far more than any audio does; stopped."
)
DAMAGED = QT_TRANSLATE_NOOP("Problems", "The file from {host} is damaged (bad compression).")
CUT_OFF = QT_TRANSLATE_NOOP("Problems", "The download from {host} was cut off: {reason}.")
LARGER_THAN = QT_TRANSLATE_NOOP("Problems", "The file is larger than {size}.")
LARGER_THAN_STOPPED = QT_TRANSLATE_NOOP("Problems", "The file is larger than {size}; stopped.")
REFUSES_SIZE = QT_TRANSLATE_NOOP(
    "Problems", "The file is {size}; Tunewatch refuses files over {limit}."
)
NOT_A_WEB_LINK = QT_TRANSLATE_NOOP(
    "Problems", "The media link (or a redirect) is not a valid web link."
)
INCOMPLETE = QT_TRANSLATE_NOOP(
    "Problems", "The download is incomplete: {received} of {announced} bytes arrived."
)

Progress = Callable[[int, int | None], None]  # bytes so far, total (None when unknown)


class DownloadError(Exception):
    """A media file could not be fetched; `message` is a sentence for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RefusedUrlError(DownloadError):
    """The link (or a redirect) is not one Tunewatch fetches: not http(s), or a local address."""


class LinkUnavailableError(DownloadError):
    """The media host answered 403, 404 or 410: usually a temporary link that has expired."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class TooLargeError(DownloadError):
    pass


class StalledDownloadError(DownloadError):
    """The host kept the connection open but sent (almost) nothing for a whole window."""


class IncompleteDownloadError(DownloadError):
    """Fewer (or more) bytes arrived than the server announced."""


@dataclass(frozen=True, slots=True)
class FetchedBytes:
    data: bytes
    content_type: str | None


@dataclass(frozen=True, slots=True)
class PartFile:
    """A complete download still under its temporary name (see `download_to_part`)."""

    path: Path
    size: int
    content_type: str | None
    url: str  # where the bytes came from, after redirects


def host_of(url: str) -> str:
    return urlsplit(url).hostname or "this address"


async def admit_url(url: str, allow_local: bool, resolve: Resolver) -> AdmittedUrl:
    """The media gate (gui.media.media_gate) with this module's errors."""
    try:
        return await admit(url, allow_local=allow_local, resolve=resolve)
    except RefusedMediaUrl as refused:
        raise RefusedUrlError(refused.message) from None
    except UnresolvableHost as unknown:
        raise DownloadError(unknown.message) from None


@contextlib.asynccontextmanager
async def open_media(
    client: httpx.AsyncClient,
    url: str,
    *,
    allow_local: bool,
    pool: MediaPool | None = None,
    resolve: Resolver = system_resolver,
) -> AsyncIterator[httpx.Response]:
    """A streaming 200 response for `url`, after checked, hand-followed redirects. Each hop
    goes through the gate and connects to an address the gate checked; with a `pool`, over a
    kept-alive connection opened for that same name (gui.media.media_pool)."""
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        admitted = await admit_url(current, allow_local, resolve)
        response = await _send_pinned(client, admitted, pool)
        try:
            status = response.status_code
            location = response.headers.get("location")
            if status in _REDIRECT_STATUSES and location:
                current = urljoin(current, location.strip())
                continue
            if status in EXPIRED_STATUSES:
                raise LinkUnavailableError(LINK_EXPIRED.format(status=status), status)
            if status != 200:
                raise DownloadError(HOST_ANSWERED.format(host=host_of(current), status=status))
            yield response
            return
        finally:
            await response.aclose()
    raise RefusedUrlError(TOO_MANY_REDIRECTS.format(count=MAX_REDIRECTS))


async def _send_pinned(
    client: httpx.AsyncClient, admitted: AdmittedUrl, pool: MediaPool | None
) -> httpx.Response:
    """Try the checked addresses in order (as a resolver's caller would); never any other."""
    failure: Exception | None = None
    sender = pool.sender(client, admitted) if pool is not None else client
    for address in admitted.addresses:
        headers = {"Accept-Encoding": "identity"}
        reused = sender is not client  # connections kept for this name only
        request = pinned_request(client, admitted, address, headers, keep_alive=reused)
        for name in _CREDENTIAL_HEADERS:
            request.headers.pop(name, None)
        try:
            # An explicit no-op Auth: neither the client's auth nor user:pass@ in the URL apply.
            return await sender.send(
                request, stream=True, follow_redirects=False, auth=httpx.Auth()
            )
        except httpx.ConnectError as exc:
            failure = exc  # the next address may answer
        except httpx.TimeoutException as exc:
            raise DownloadError(HOST_TOO_SLOW.format(host=admitted.host)) from exc
        except httpx.InvalidURL as exc:
            raise RefusedUrlError(NOT_A_WEB_LINK) from exc
        except httpx.HTTPError as exc:
            raise DownloadError(
                HOST_UNREACHABLE.format(host=admitted.host, reason=_plain(exc))
            ) from exc
    assert failure is not None
    raise DownloadError(
        HOST_UNREACHABLE.format(host=admitted.host, reason=_plain(failure))
    ) from failure


async def _raw_pieces(response: httpx.Response) -> AsyncIterator[bytes]:
    try:
        yield response.content  # a response built in memory (a mock transport): nothing to stream
    except httpx.ResponseNotRead:
        async for raw in response.aiter_raw():
            yield raw


async def media_body(response: httpx.Response, url: str, clock: Clock) -> AsyncIterator[bytes]:
    """The decoded body in pieces (the downloads here and the player's stream relay); ends a
    stalled or bomb-like body, and any content coding Tunewatch cannot bound."""
    try:
        decoder = BodyDecoder(response.headers.get("content-encoding"))
    except UnsupportedEncodingError as odd:
        raise DownloadError(ODD_ENCODING.format(host=host_of(url), coding=odd.coding)) from None
    watch = StallWatch(clock)
    try:
        async for raw in _raw_pieces(response):
            watch.add(len(raw))
            for piece in decoder.feed(raw):
                yield piece
        for piece in decoder.finish():
            yield piece
    except StalledError:
        raise StalledDownloadError(
            STALLED.format(
                host=host_of(url),
                rate=MIN_BYTES_PER_SECOND // 1024,
                seconds=f"{STALL_WINDOW_SECONDS:.0f}",
            )
        ) from None
    except BombError:
        raise TooLargeError(BOMB.format(host=host_of(url))) from None
    except zlib.error:
        raise DownloadError(DAMAGED.format(host=host_of(url))) from None
    except httpx.HTTPError as exc:
        raise DownloadError(CUT_OFF.format(host=host_of(url), reason=_plain(exc))) from exc


async def fetch_bytes(
    client: httpx.AsyncClient,
    url: str,
    *,
    allow_local: bool,
    max_bytes: int,
    pool: MediaPool | None = None,
    resolve: Resolver = system_resolver,
    clock: Clock = time.monotonic,
) -> FetchedBytes:
    """A small file (cover art) into memory."""
    async with open_media(
        client, url, allow_local=allow_local, pool=pool, resolve=resolve
    ) as response:
        announced = announced_length(response)
        if announced is not None and announced > max_bytes:
            raise TooLargeError(LARGER_THAN.format(size=_size(max_bytes)))
        body = bytearray()
        async for piece in media_body(response, url, clock):
            body += piece
            if len(body) > max_bytes:
                raise TooLargeError(LARGER_THAN.format(size=_size(max_bytes)))
        _check_complete(len(body), announced)
        return FetchedBytes(bytes(body), response.headers.get("content-type"))


@contextlib.asynccontextmanager
async def download_to_part(
    client: httpx.AsyncClient,
    url: str,
    folder: Path,
    *,
    allow_local: bool,
    label: str = "download",
    max_bytes: int = MAX_MEDIA_BYTES,
    progress: Progress | None = None,
    head_hook: HeadHook | None = None,
    pool: MediaPool | None = None,
    sync: bool = True,
    resolve: Resolver = system_resolver,
    clock: Clock = time.monotonic,
) -> AsyncIterator[PartFile]:
    """Stream `url` into a hidden temporary file in `folder`; yield it once complete.

    The caller renames it into place (os.replace) inside the `async with`; whatever is still
    under the temporary name when the block ends — error, cancellation or not — is removed.
    The part is on disk (fsync) when it is yielded, unless `sync` is False: then the caller
    syncs it before the rename (the exporter, together with the files beside it). `head_hook`
    (see HeadHook) may rewrite the file's first bytes while the rest is still arriving (the
    exporter writes the tag there).
    """
    fd, part = _new_part_file(folder, label)
    lock = PartLock(part)  # until renamed or discarded: only a killed download's part is stale
    try:
        with os.fdopen(fd, "wb") as handle:
            flusher = FlushBehind(handle)
            size, content_type, final_url = await _stream_into(
                client,
                url,
                _PartWriter(part, handle, flusher, head_hook),
                allow_local=allow_local,
                max_bytes=max_bytes,
                progress=progress,
                pool=pool,
                resolve=resolve,
                clock=clock,
            )
            await flusher.settle()
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        yield PartFile(part, size, content_type, final_url)
    finally:
        _discard(part)
        lock.release()


async def download_file(
    client: httpx.AsyncClient,
    url: str,
    target: Path,
    *,
    allow_local: bool,
    max_bytes: int = MAX_MEDIA_BYTES,
    progress: Progress | None = None,
    resolve: Resolver = system_resolver,
    clock: Clock = time.monotonic,
) -> int:
    """Download `url` to `target` (replacing it) atomically; return the number of bytes."""
    async with download_to_part(
        client,
        url,
        target.parent,
        allow_local=allow_local,
        label=target.name,
        max_bytes=max_bytes,
        progress=progress,
        resolve=resolve,
        clock=clock,
    ) as part:
        os.replace(part.path, target)
        return part.size


# (part file, body bytes on disk so far, whether that is the whole body) -> True once the hook
# is done with the head. Called after each piece until it says so; the writes go on after it.
HeadHook = Callable[[Path, int, bool], bool]


@dataclass(slots=True)
class _PartWriter:
    """The part file being written, the flush running behind it, and the head hook."""

    path: Path
    handle: IO[bytes]
    flusher: FlushBehind
    head_hook: HeadHook | None

    def write(self, piece: bytes, done: int) -> None:
        self.handle.write(piece)
        self.flusher.wrote(len(piece))
        self.offer_head(done, complete=False)

    def offer_head(self, done: int, *, complete: bool) -> None:
        if self.head_hook is None:
            return
        self.handle.flush()  # the hook reads (and may rewrite) the file by its path
        finished = self.head_hook(self.path, done, complete)
        self.handle.seek(0, os.SEEK_END)  # after whatever the hook put in front
        if finished:
            self.head_hook = None


async def _stream_into(
    client: httpx.AsyncClient,
    url: str,
    writer: _PartWriter,
    *,
    allow_local: bool,
    max_bytes: int,
    progress: Progress | None,
    pool: MediaPool | None,
    resolve: Resolver,
    clock: Clock,
) -> tuple[int, str | None, str]:
    async with open_media(
        client, url, allow_local=allow_local, pool=pool, resolve=resolve
    ) as response:
        announced = announced_length(response)
        if announced is not None and announced > max_bytes:
            raise TooLargeError(REFUSES_SIZE.format(size=_size(announced), limit=_size(max_bytes)))
        done = 0
        if progress:
            progress(0, announced)
        async for piece in media_body(response, url, clock):
            done += len(piece)
            if done > max_bytes:
                raise TooLargeError(LARGER_THAN_STOPPED.format(size=_size(max_bytes)))
            writer.write(piece, done)
            if progress:
                progress(done, announced)
        _check_complete(done, announced)
        writer.offer_head(done, complete=True)
        return done, response.headers.get("content-type"), _named_url(response)


def _named_url(response: httpx.Response) -> str:
    """The URL the bytes came from, by its name (the request itself went to the address)."""
    url = response.request.url
    host = response.request.extensions.get("sni_hostname")
    return str(url.copy_with(host=host)) if isinstance(host, str) else str(url)


def _new_part_file(folder: Path, label: str) -> tuple[int, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    short = label.encode("utf-8")[:60].decode("utf-8", errors="ignore")
    fd, name = tempfile.mkstemp(prefix=f".{short}.", suffix=".part", dir=folder)
    return fd, Path(name)


def _discard(path: Path) -> None:
    path.unlink(missing_ok=True)


def announced_length(response: httpx.Response) -> int | None:
    """Content-Length, when it describes the bytes we will read (no content coding)."""
    if response.headers.get("content-encoding", "identity").lower() not in ("identity", ""):
        return None
    value = response.headers.get("content-length")
    if value is None or not value.strip().isdigit():
        return None
    return int(value.strip())


def _check_complete(received: int, announced: int | None) -> None:
    # `announced` is only set without content coding, so it counts the same bytes we received.
    if announced is not None and received != announced:
        raise IncompleteDownloadError(INCOMPLETE.format(received=received, announced=announced))


def _size(count: int) -> str:
    if count >= 1024**3:
        return f"{count / 1024**3:.1f} GB"
    if count >= 1024**2:
        return f"{count / 1024**2:.1f} MB"
    return f"{count} bytes"


def _plain(exc: Exception) -> str:
    return (str(exc).strip() or type(exc).__name__)[:200]
