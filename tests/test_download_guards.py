"""A media host that trickles or sends a gzip bomb is cut off early, with a clear message, and
the task it belongs to is kept (against the fake provider's media host on 127.0.0.2).

The stall check reads an injected clock: here a virtual one that moves one second each time it
is read, so "30 s under 1 KB/s" is reached after 30 pieces whatever the real speed."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from gui.fake_provider import FakeProviderServer, Fault
from gui.media.download import StalledDownloadError, TooLargeError, download_file, fetch_bytes
from gui.polling.status_check import make_client

pytestmark = pytest.mark.asyncio


@pytest.fixture
def server() -> Iterator[FakeProviderServer]:
    with FakeProviderServer() as fake:
        yield fake


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def one_second_per_read() -> itertools.count[float]:
    return itertools.count(0.0, 1.0)


async def test_a_trickling_download_is_stopped_as_stalled(
    server: FakeProviderServer, tmp_path: Path
) -> None:
    server.inject(Fault("trickle", byte_interval=0.002), account="media", times=1)
    seconds = one_second_per_read()
    target = tmp_path / "song.mp3"
    async with make_client() as client:
        with pytest.raises(StalledDownloadError) as stalled:
            await download_file(
                client,
                server.media_link("audio", "clip-a", "mp3"),
                target,
                allow_local=True,
                clock=lambda: next(seconds),
            )
        assert "stalled (less than 1 KB/s for 30 s)" in stalled.value.message
        assert files_in(tmp_path) == []
        # The next try (the host is fine again) works: nothing was given up for good.
        await download_file(
            client, server.media_link("audio", "clip-a", "mp3"), target, allow_local=True
        )
    assert target.stat().st_size > 0


async def test_a_fast_download_is_not_called_stalled(
    server: FakeProviderServer, tmp_path: Path
) -> None:
    seconds = one_second_per_read()  # even with a slow clock, a normal file is not "stalled"
    async with make_client() as client:
        size = await download_file(
            client,
            server.media_link("audio", "clip-a", "wav"),
            tmp_path / "a.wav",
            allow_local=True,
            clock=lambda: next(seconds),
        )
    assert size == (tmp_path / "a.wav").stat().st_size > 30 * 1024


async def test_a_gzip_bomb_is_stopped_before_it_fills_the_disk(
    server: FakeProviderServer, tmp_path: Path
) -> None:
    server.inject(Fault("gzip_bomb"), account="media", times=2)
    written: list[int] = []
    async with make_client() as client:
        with pytest.raises(TooLargeError, match="unpacks to far more than any audio"):
            await download_file(
                client,
                server.media_link("audio", "clip-a", "mp3"),
                tmp_path / "a.mp3",
                allow_local=True,
                progress=lambda done, _total: written.append(done),
            )
        with pytest.raises(TooLargeError):  # cover art goes through the same body reader
            await fetch_bytes(
                client,
                server.media_link("image", "clip-a", "jpg"),
                allow_local=True,
                max_bytes=50 * 1024**2,
            )
    assert max(written) < 4 * 1024**2  # of a 64 MB bomb, at most a few MB were written
    assert files_in(tmp_path) == []
