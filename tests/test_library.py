"""The archive of finished tracks: saved once per task folder, answered from a manifest."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import mutagen
import pytest

from gui.domain.model import Clip, TaskSnapshot
from gui.domain.states import TaskState
from gui.fake_provider import (
    FakeProviderServer,
    LyricsResult,
    ManualClock,
    MusicResult,
    Phase,
    ProviderId,
    Result,
    StemsResult,
    TaskScript,
)
from gui.media.export_types import LinkExpiredError
from gui.media.library import MANIFEST_NAME, Library, clip_key
from gui.polling.status_check import check_status, make_client
from gui.providers import get_provider
from gui.storage.paths import app_paths

pytestmark = pytest.mark.asyncio

TASK_ID = "d6956973-2f17-43d4-8514-af6cc3a2f55d"
ACCOUNT = {"mountsea-suno": "mountsea", "mountsea-producer": "mountsea", "sunor": "sunor"}
MUSIC = MusicResult(titles=("Neon Rain",), clips=2, prompt="[Verse]\nRain", model="chirp-fenix")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(1000.0)


@pytest.fixture
def server(clock: ManualClock) -> Iterator[FakeProviderServer]:
    with FakeProviderServer(clock=clock, link_ttl=60) as fake:
        yield fake


@pytest.fixture
def library() -> Library:
    return Library(app_paths().library)  # TUNEWATCH_HOME is each test's own (conftest)


async def poll(
    client: httpx.AsyncClient, server: FakeProviderServer, provider: str
) -> TaskSnapshot:
    key = server.key(ACCOUNT[provider])  # type: ignore[arg-type]
    return (
        await check_status(client, get_provider(provider), server.base_url, TASK_ID, key)
    ).snapshot


async def finished(
    client: httpx.AsyncClient, server: FakeProviderServer, provider: ProviderId, result: Result
) -> TaskSnapshot:
    server.add_task(provider, TASK_ID, TaskScript([Phase("succeeded")], result))
    snapshot = await poll(client, server, provider)
    assert snapshot.state is TaskState.SUCCEEDED
    return snapshot


def media_requests(server: FakeProviderServer) -> int:
    return sum(1 for r in server.requests if r.host == server.media_host)


async def test_a_finished_task_is_saved_once_and_played_from_disk(
    server: FakeProviderServer, library: Library
) -> None:
    async with make_client() as client:
        snapshot = await finished(client, server, "sunor", MUSIC)
        assert library.local_audio("sunor", TASK_ID, snapshot.clips[0]) is None
        result = await library.save(client, snapshot, allow_local=True, album="Archive")
        folder = library.task_folder("sunor", TASK_ID)
        assert folder == app_paths().library / "sunor" / TASK_ID
        assert len(result.clips) == 2 and {p.parent for p in result.files} == {folder}
        downloads = media_requests(server)

        # saving again (a later poll, new links) downloads nothing
        again = await library.save(client, await poll(client, server, "sunor"), allow_local=True)
        assert again.clips == () and media_requests(server) == downloads

    for clip in snapshot.clips:
        local = library.local_audio("sunor", TASK_ID, clip)
        assert local is not None and local.parent == folder and local.suffix == ".mp3"
        tags = mutagen.File(local).tags
        assert tags["TXXX:TUNEWATCH_CLIP_ID"].text == [clip.id]
        assert str(tags["TALB"]) == "Archive" and "APIC:Cover" in tags
    saved = library.saved_clips("sunor", TASK_ID)
    assert [s.clip_id for s in saved] == [c.id for c in snapshot.clips]
    assert all(len(s.files) == 4 for s in saved)  # audio, cover, lyrics, sidecar
    manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["task_id"] == TASK_ID and set(manifest["clips"]) == {
        c.id for c in snapshot.clips
    }
    assert not [p for p in folder.iterdir() if p.name.endswith(".part")]


async def test_a_deleted_file_is_saved_again_and_nothing_else(
    server: FakeProviderServer, library: Library
) -> None:
    async with make_client() as client:
        snapshot = await finished(client, server, "sunor", MUSIC)
        await library.save(client, snapshot, allow_local=True)
        first = library.local_audio("sunor", TASK_ID, snapshot.clips[0])
        assert first is not None
        first.unlink()
        assert library.local_audio("sunor", TASK_ID, snapshot.clips[0]) is None
        assert [s.clip_id for s in library.saved_clips("sunor", TASK_ID)] == [snapshot.clips[1].id]
        result = await library.save(client, snapshot, allow_local=True)
    assert [c.clip.id for c in result.clips] == [snapshot.clips[0].id]
    assert library.local_audio("sunor", TASK_ID, snapshot.clips[0]) == first


async def test_stems_and_lyrics_without_clip_ids(
    server: FakeProviderServer, library: Library
) -> None:
    async with make_client() as client:
        stems = await finished(client, server, "mountsea-producer", StemsResult())
        await library.save(client, stems, allow_local=True)
        server.add_task("sunor", "lyrics-1", TaskScript([Phase("succeeded")], LyricsResult()))
        key = server.key("sunor")
        words = (
            await check_status(client, get_provider("sunor"), server.base_url, "lyrics-1", key)
        ).snapshot
        await library.save(client, words, allow_local=True)
    for clip in stems.clips:
        assert clip_key(clip) == f"stem:{clip.stem}"
        local = library.local_audio("mountsea-producer", TASK_ID, clip)
        assert local is not None and local.suffix == ".wav"
    assert library.local_audio("sunor", "lyrics-1", words.clips[0]) is None  # no audio to play
    (saved,) = library.saved_clips("sunor", "lyrics-1")
    assert saved.media is None and [p.suffix for p in saved.files] == [".txt", ".json"]


async def test_expired_links_are_refreshed_through_the_caller(
    server: FakeProviderServer, clock: ManualClock, library: Library
) -> None:
    async with make_client() as client:
        stale = await finished(client, server, "sunor", MUSIC)
        clock.advance(61)
        with pytest.raises(LinkExpiredError):
            await library.save(client, stale, allow_local=True)
        assert library.saved_clips("sunor", TASK_ID) == ()
        result = await library.save(
            client, stale, allow_local=True, refresh=lambda: poll(client, server, "sunor")
        )
    assert len(result.clips) == 2
    assert all(library.local_audio("sunor", TASK_ID, c) for c in stale.clips)


async def test_two_saves_at_once_download_each_file_once(
    server: FakeProviderServer, library: Library
) -> None:
    async with make_client() as client:
        snapshot = await finished(client, server, "sunor", MUSIC)
        first, second = await asyncio.gather(
            library.save(client, snapshot, allow_local=True),
            library.save(client, snapshot, allow_local=True),
        )
    assert len(first.clips) == 2 and second.clips == ()
    assert media_requests(server) == 4  # two covers, two songs


async def test_odd_task_ids_and_a_tampered_manifest_stay_inside_the_library(
    tmp_path: Path,
) -> None:
    library = Library(tmp_path / "lib")
    for task_id in ("abc:def", "CON", "a" * 128, "x.y"):
        folder = library.task_folder("sunor", task_id)
        assert folder.parent.parent == tmp_path / "lib"
    assert library.task_folder("sunor", "abc:def") != library.task_folder("sunor", "abc_def")
    folder = library.task_folder("sunor", "t1")
    folder.mkdir(parents=True)
    secret = tmp_path / "secret.mp3"
    secret.write_bytes(b"x")
    (folder / MANIFEST_NAME).write_text(
        json.dumps({"clips": {"c1": {"media": "../../secret.mp3", "files": ["../../secret.mp3"]}}}),
        encoding="utf-8",
    )
    clip = Clip(id="c1")
    assert library.local_audio("sunor", "t1", clip) is None
    assert library.saved_clips("sunor", "t1") == ()
    (folder / MANIFEST_NAME).write_text("{not json", encoding="utf-8")
    assert library.local_audio("sunor", "t1", clip) is None
