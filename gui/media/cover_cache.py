"""Cover art, fetched once and kept on disk. The API key is never sent: media hosts are not the
provider's API, so the request carries no credentials at all."""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from gui.media.download import DownloadError, fetch_bytes
from gui.media.media_gate import Resolver, system_resolver
from gui.storage.atomic import write_atomically

MAX_COVER_BYTES = 5 * 1024 * 1024
_SIGNING = frozenset(
    {
        "exp",
        "sig",
        "expires",
        "signature",
        "Expires",
        "Signature",
        "X-Amz-Signature",
        "X-Amz-Date",
        "X-Amz-Expires",
        "X-Amz-Credential",
        "X-Amz-SignedHeaders",
        "X-Amz-Algorithm",
        "X-Amz-Security-Token",
        "Key-Pair-Id",
        "Policy",
    }
)
_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")


class CoverUnavailableError(Exception):
    pass


def cover_path(cache_dir: Path, url: str) -> Path:
    # Signed links change on every poll (?exp=…&sig=…); the file behind them does not. Other
    # query parameters (e.g. /image?id=…) do name the file, so only the signature is dropped.
    parts = urlsplit(url)
    kept = "&".join(
        pair for pair in parts.query.split("&") if pair and pair.split("=", 1)[0] not in _SIGNING
    )
    stable = f"{parts.scheme}://{parts.netloc}{parts.path}?{kept}"
    suffix = Path(parts.path).suffix.lower()
    digest = hashlib.sha256(stable.encode()).hexdigest()[:32]
    return cache_dir / f"{digest}{suffix if suffix in _IMAGE_SUFFIXES else '.img'}"


async def fetch_cover(
    client: httpx.AsyncClient,
    cache_dir: Path,
    url: str,
    allow_local: bool,
    resolve: Resolver = system_resolver,
) -> Path:
    target = cover_path(cache_dir, url)
    if target.exists():
        return target
    try:
        # The shared media fetch: the media gate on every hop, no credentials, size capped.
        fetched = await fetch_bytes(
            client, url, allow_local=allow_local, max_bytes=MAX_COVER_BYTES, resolve=resolve
        )
    except DownloadError as error:
        raise CoverUnavailableError(error.message) from error
    write_atomically(target, fetched.data)
    return target
