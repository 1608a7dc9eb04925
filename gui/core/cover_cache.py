"""Cover art, fetched once and kept on disk. The API key is never sent: media hosts are not the
provider's API, so the request carries no credentials at all."""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from gui.core.atomic import write_atomically
from gui.core.urls import media_url_allowed

MAX_COVER_BYTES = 5 * 1024 * 1024
_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")


class CoverUnavailableError(Exception):
    pass


def cover_path(cache_dir: Path, url: str) -> Path:
    # Signed links change on every poll (?exp=…&sig=…); the file behind them does not.
    parts = urlsplit(url)
    stable = f"{parts.scheme}://{parts.netloc}{parts.path}"
    suffix = Path(parts.path).suffix.lower()
    digest = hashlib.sha256(stable.encode()).hexdigest()[:32]
    return cache_dir / f"{digest}{suffix if suffix in _IMAGE_SUFFIXES else '.img'}"


async def fetch_cover(
    client: httpx.AsyncClient, cache_dir: Path, url: str, allow_local: bool
) -> Path:
    target = cover_path(cache_dir, url)
    if target.exists():
        return target
    if not media_url_allowed(url, allow_local):
        raise CoverUnavailableError(
            f"Cover art from {urlsplit(url).hostname or 'this address'} is not fetched."
        )
    try:
        async with client.stream("GET", url, follow_redirects=True) as response:
            if response.status_code != 200:
                raise CoverUnavailableError(
                    f"The cover art link answered HTTP {response.status_code}."
                )
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > MAX_COVER_BYTES:
                    raise CoverUnavailableError("The cover art is larger than 5 MB.")
    except httpx.HTTPError as error:
        raise CoverUnavailableError(
            f"The cover art could not be loaded ({type(error).__name__})."
        ) from error
    write_atomically(target, bytes(body))
    return target
