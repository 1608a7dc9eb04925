"""The media host: shipped demo files behind expiring signed links, with Range support.

Real providers hand out temporary CDN links; a client must download or play them before they
expire and fetch a fresh link from the next status poll. Every URL carries
`?exp=<unix seconds>&sig=<hmac>`; once `exp` has passed the host answers 403.
"""

from __future__ import annotations

import functools
import hmac
import math
import os
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qs

from gui.fake_provider.http import Reply, Request

MEDIA_DIR = Path(__file__).resolve().parents[2] / "resources" / "demo"
DEMO_AUDIO_SECONDS = 4.0  # length of the shipped tone; reported as every clip's duration
DEFAULT_LINK_TTL = 7 * 24 * 3600.0  # sunor documents ~7 days for audio links

MediaKind = Literal["audio", "stream", "image", "video"]
CONTENT_TYPES = {
    "mp3": "audio/mpeg",
    "wav": "audio/wav",
    "m4a": "audio/mp4",
    "jpg": "image/jpeg",
    "mp4": "video/mp4",
}
# (kind, extension) -> shipped file; covers are chosen per name below.
_FILES: dict[tuple[str, str], str] = {
    ("audio", "mp3"): "tone.mp3",
    ("audio", "wav"): "tone.wav",
    ("audio", "m4a"): "tone.m4a",
    ("stream", "mp3"): "tone.mp3",
    ("video", "mp4"): "clip.mp4",
}
_COVERS = ("cover-1.jpg", "cover-2.jpg")
COVER_COUNT = len(_COVERS)
_PATH_RE = re.compile(r"^/(audio|stream|image|video)/([A-Za-z0-9_-]{1,128})\.([a-z0-9]{2,4})$")
# Suno's errored clips point at ".../None.mp3": the name exists in URLs but never as a file.
PLACEHOLDER_NAME = "None"


def cover_index(image_name: str) -> int:
    """Which cover an image name shows: stable per clip, "<clip>_large" same as "<clip>"."""
    return zlib.crc32(image_name.removesuffix("_large").encode()) % COVER_COUNT


class MediaLibrary:
    """The demo files, read once into memory (about 200 kB)."""

    def __init__(self, directory: Path = MEDIA_DIR) -> None:
        names = {*_FILES.values(), *_COVERS}
        missing = sorted(n for n in names if not (directory / n).is_file())
        if missing:
            raise FileNotFoundError(
                f"demo media missing in {directory}: {', '.join(missing)} "
                "(run scripts/make_demo_media.py)"
            )
        self._data = {name: (directory / name).read_bytes() for name in names}

    def lookup(self, kind: str, name: str, ext: str) -> bytes | None:
        if name == PLACEHOLDER_NAME:
            return None
        if kind == "image" and ext == "jpg":
            return self._data[_COVERS[cover_index(name)]]
        file = _FILES.get((kind, ext))
        return self._data[file] if file else None


class LinkSigner:
    """Makes and checks `exp`/`sig` query parameters (HMAC over path and expiry)."""

    def __init__(self, ttl: float, secret: bytes | None = None) -> None:
        self.ttl = ttl
        self._secret = secret or os.urandom(16)

    def query(self, path: str, now_unix: float) -> str:
        exp = math.ceil(now_unix + self.ttl)
        return f"exp={exp}&sig={self._sig(path, exp)}"

    def check(self, path: str, query: str, now_unix: float) -> Literal["ok", "expired", "bad"]:
        params = parse_qs(query)
        try:
            exp = int(params["exp"][0])
            sig = params["sig"][0]
        except (KeyError, ValueError):
            return "bad"
        if not hmac.compare_digest(sig, self._sig(path, exp)):
            return "bad"
        return "ok" if now_unix < exp else "expired"

    def _sig(self, path: str, exp: int) -> str:
        # one-shot hmac.digest runs in C: link signing sits on every status poll's hot path
        return hmac.digest(self._secret, f"{path}\n{exp}".encode(), "sha256")[:16].hex()


def media_path(kind: MediaKind, name: str, ext: str) -> str:
    return f"/{kind}/{name}.{ext}"


@dataclass(frozen=True)
class ByteRange:
    start: int
    end: int  # inclusive, as in Content-Range


class RangeNotSatisfiable(Exception):
    pass


def parse_range(header: str | None, size: int) -> ByteRange | None:
    """One `bytes=` range, or None to send the whole file (no/odd/multi-range header)."""
    if not header:
        return None
    unit, _, spec = header.strip().partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None  # RFC 9110 lets a server ignore ranges it does not support
    first, dash, last = spec.strip().partition("-")
    if not dash:
        return None
    try:
        if first == "":
            suffix = int(last)
            if suffix <= 0:
                raise RangeNotSatisfiable
            return ByteRange(max(0, size - suffix), size - 1)
        start = int(first)
        end = int(last) if last else size - 1
    except ValueError:
        return None
    if start >= size:
        raise RangeNotSatisfiable
    if end < start:
        return None  # invalid: ignore the header
    return ByteRange(start, min(end, size - 1))


GZIP_BOMB_BYTES = 64 * 1024 * 1024


@functools.cache
def _gzip_of_zeros(size: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1024 * 1024)
    return b"".join(packer.compress(zeros) for _ in range(size // len(zeros))) + packer.flush()


def gzip_bombed(reply: Reply, size: int = GZIP_BOMB_BYTES) -> Reply:
    """The reply's headers with a ~64 kB gzip body (sent although the client asked for
    identity) that unpacks to `size` bytes of zeros: a client must stop long before."""
    return Reply(
        reply.status,
        _gzip_of_zeros(size),
        reply.content_type,
        (*reply.headers, ("content-encoding", "gzip")),
    )


def _denied(message: str) -> Reply:
    body = f"<Error><Code>AccessDenied</Code><Message>{message}</Message></Error>".encode()
    return Reply(403, body, "application/xml")


def serve_media(
    request: Request, library: MediaLibrary, signer: LinkSigner, now_unix: float
) -> Reply:
    if request.method not in ("GET", "HEAD"):
        return Reply(405, b"method not allowed", "text/plain", (("allow", "GET, HEAD"),))
    match = _PATH_RE.match(request.path)
    if match is None:
        return Reply(404, b"not found", "text/plain")
    kind, name, ext = match.groups()
    verdict = signer.check(request.path, request.query, now_unix)
    if verdict == "expired":
        return _denied("Request has expired")
    if verdict == "bad":
        return _denied("Signature does not match")
    data = library.lookup(kind, name, ext)
    if data is None:
        return Reply(404, b"not found", "text/plain")
    headers = (
        ("accept-ranges", "bytes"),
        ("etag", f'"{zlib.crc32(data):08x}"'),
        ("cache-control", "private, max-age=60"),
    )
    content_type = CONTENT_TYPES[ext]
    size = len(data)
    try:
        byte_range = parse_range(request.headers.get("range"), size)
    except RangeNotSatisfiable:
        return Reply(416, b"", content_type, (*headers, ("content-range", f"bytes */{size}")))
    if byte_range is None:
        return Reply(200, data, content_type, headers)
    body = data[byte_range.start : byte_range.end + 1]
    content_range = f"bytes {byte_range.start}-{byte_range.end}/{size}"
    return Reply(206, body, content_type, (*headers, ("content-range", content_range)))
