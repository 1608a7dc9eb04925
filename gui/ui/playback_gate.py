"""The media gate for the player: a link from a payload is played only after the same check
every download passes (gui.media.media_gate).

QMediaPlayer (FFmpeg) looks a host name up itself, so it cannot be made to connect to the
address that was checked. Therefore:
- a link naming an address (in any spelling) is checked and played as it is — nothing to look up;
- a final file on a named host is resolved and checked, then downloaded *through the gate* (to
  the checked address) into the cache, and the local copy is played;
- a growing preview stream on a named host cannot be downloaded first: the player gets a
  loopback URL of the stream relay (gui.media.stream_relay), which fetches it through the gate.
The latest request wins: a slow check or download never starts a clip the user has moved on from.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable, Coroutine
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from gui.media.download import DownloadError, download_file
from gui.media.media_gate import (
    RefusedMediaUrl,
    Resolver,
    UnresolvableHost,
    admit,
    admit_literal,
    system_resolver,
)
from gui.media.stream_relay import StreamRelay
from gui.ui.player import PlayItem

Spawn = Callable[[Coroutine[Any, Any, Any]], "asyncio.Task[Any]"]
_SUFFIXES = (".mp3", ".wav", ".m4a", ".ogg", ".opus", ".flac", ".aac")


class PlaybackGate:
    def __init__(
        self,
        client: httpx.AsyncClient,
        cache_dir: Path,
        provider_is_local: Callable[[str], bool],
        spawn: Spawn,
        resolve: Resolver = system_resolver,
    ) -> None:
        self._client = client
        self._cache_dir = cache_dir
        self._provider_is_local = provider_is_local
        self._spawn = spawn
        self._resolve = resolve
        self._generation = 0
        self._relay = StreamRelay(client, resolve)

    async def close(self) -> None:
        """Stop the stream relay (before the HTTP client closes)."""
        await self._relay.close()

    def admit(
        self,
        item: PlayItem,
        play: Callable[[PlayItem], None],
        refuse: Callable[[PlayItem, str], None],
    ) -> None:
        """Call `play` with what may be played for `item` (at once when nothing needs a lookup),
        or `refuse` with the reason in words."""
        self._generation += 1
        if item.is_local or not item.source.startswith(("http://", "https://")):
            play(item)
            return
        allow_local = self._provider_is_local(item.provider)
        try:
            literal = admit_literal(item.source, allow_local=allow_local)
        except RefusedMediaUrl as refused:
            refuse(item, refused.message)
            return
        if literal is not None:
            play(item)
            return
        self._spawn(self._admit_named(item, allow_local, self._generation, play, refuse))

    async def _admit_named(
        self,
        item: PlayItem,
        allow_local: bool,
        generation: int,
        play: Callable[[PlayItem], None],
        refuse: Callable[[PlayItem, str], None],
    ) -> None:
        try:
            await admit(item.source, allow_local=allow_local, resolve=self._resolve)
            if item.is_preview:
                relayed = await self._relay.local_url(item.source, allow_local)
                chosen = replace(item, source=relayed)
            else:
                copy = await self._cached(item, allow_local)
                chosen = replace(item, source=str(copy), is_local=True)
        except (RefusedMediaUrl, UnresolvableHost, DownloadError) as failed:
            if generation == self._generation:
                refuse(item, failed.message)
            return
        if generation == self._generation:
            play(chosen)

    async def _cached(self, item: PlayItem, allow_local: bool) -> Path:
        target = self._cache_dir / _cache_name(item)
        if not target.exists():
            await download_file(
                self._client, item.source, target, allow_local=allow_local, resolve=self._resolve
            )
        return target


def _cache_name(item: PlayItem) -> str:
    # Signed links change on every poll; the clip does not: name the copy by task and clip.
    clip = item.clip_id or f"{item.clip_index}/{item.source}"
    key = f"{item.provider}/{item.task_id}/{clip}"
    suffix = Path(urlsplit(item.source).path).suffix.lower()
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return digest + (suffix if suffix in _SUFFIXES else ".audio")
