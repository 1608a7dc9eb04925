"""Exporting tasks against the fake provider server over real sockets: every result kind of
every provider, tags read back with mutagen, collisions, hostile titles, expired links, the key
never reaching the media host, refused links, cancellation and a SIGKILL mid-download."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import mutagen
import pytest
from pathvalidate import validate_filename

from gui.domain.errors import ProviderError
from gui.domain.model import Clip, TaskSnapshot
from gui.domain.states import TaskState
from gui.fake_provider import (
    MEDIA_DIR,
    DownloadResult,
    FakeProviderServer,
    Fault,
    LyricsResult,
    ManualClock,
    MusicResult,
    Phase,
    ProviderId,
    Result,
    StemsResult,
    TaskScript,
    UploadResult,
    VideoResult,
)
from gui.media.export_types import ExportError, ExportOptions, ExportWriteError, LinkExpiredError
from gui.media.exporter import export_snapshot
from gui.media.naming import local_date
from gui.polling.status_check import check_status, make_client
from gui.providers import get_provider
from tests.test_download import MediaTestServer

pytestmark = pytest.mark.asyncio

REPO = Path(__file__).resolve().parents[1]
T0 = 1000.0
UNIX0 = 1_768_910_400.0  # 2026-01-20T12:00:00Z: the same day in every time zone but the far ones
ACCOUNT = {
    "mountsea-suno": "mountsea",
    "mountsea-producer": "mountsea",
    "sunor": "sunor",
    "crun": "crun",
}
MUSIC = MusicResult(
    titles=("Neon Rain",),
    clips=2,
    tags="synthwave, dreamy",
    prompt="[Verse]\nRain",
    model="chirp-fenix",
)
COVERS = {(MEDIA_DIR / n).read_bytes() for n in ("cover-1.jpg", "cover-2.jpg")}


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


@pytest.fixture
def server(clock: ManualClock) -> Iterator[FakeProviderServer]:
    with FakeProviderServer(clock=clock, unix_offset=UNIX0 - T0) as fake:
        yield fake


@pytest.fixture
def media() -> Iterator[MediaTestServer]:
    with MediaTestServer() as test_server:
        yield test_server


async def poll(
    client: httpx.AsyncClient, server: FakeProviderServer, provider: str, task_id: str
) -> TaskSnapshot:
    key = server.key(ACCOUNT[provider])  # type: ignore[arg-type]
    result = await check_status(client, get_provider(provider), server.base_url, task_id, key)
    return result.snapshot


async def finished(
    client: httpx.AsyncClient,
    server: FakeProviderServer,
    provider: ProviderId,
    result: Result,
    task_id: str = "d6956973-2f17-43d4-8514-af6cc3a2f55d",
) -> TaskSnapshot:
    server.add_task(provider, task_id, TaskScript([Phase("succeeded")], result))
    snapshot = await poll(client, server, provider, task_id)
    assert snapshot.state is TaskState.SUCCEEDED
    return snapshot


def tags_of(path: Path) -> Any:
    audio = mutagen.File(path)
    assert audio is not None and audio.tags is not None, path
    return audio.tags


def names(paths: tuple[Path, ...]) -> list[str]:
    return [p.name for p in paths]


def visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def everything(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def part_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".part")]


def folders_under(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_dir())


def assert_media_host_saw_no_key(server: FakeProviderServer) -> None:
    media = [r for r in server.requests if r.host == server.media_host]
    assert media, "nothing was downloaded from the media host"
    for record in media:
        assert "authorization" not in record.headers and "x-api-key" not in record.headers
        assert not any(key in str(record.headers) for key in map(server.key, ACCOUNT.values()))  # type: ignore[arg-type]


# --- every result kind ----------------------------------------------------------------------------


@pytest.mark.parametrize("provider", ["mountsea-suno", "sunor", "crun"])
async def test_music_with_two_variations_is_exported_and_tagged(
    server: FakeProviderServer, tmp_path: Path, provider: ProviderId
) -> None:
    dest = tmp_path / "out"
    progress: list[tuple[str | None, int, int | None]] = []
    async with make_client() as client:
        snapshot = await finished(client, server, provider, MUSIC)
        result = await export_snapshot(
            client,
            snapshot,
            ExportOptions(dest, album="Night Drives"),
            allow_local=True,
            progress=lambda clip, done, total: progress.append((clip.id, done, total)),
        )
    assert len(result.clips) == 2 and result.all_warnings == ()
    assert {p.parent for p in result.files} == {dest}
    day = local_date(snapshot.finished_at)
    for exported in result.clips:
        clip = exported.clip
        assert clip.id
        stem = f"Neon Rain - {clip.id[:8]}"
        assert names(exported.files) == [
            f"{stem}.mp3",
            f"{stem}.jpg",
            f"{stem}.txt",
            f"{stem}.json",
        ]
        assert exported.written == exported.files and exported.media == exported.files[0]
        assert exported.media_format == "mp3"
        tags = tags_of(dest / f"{stem}.mp3")
        assert str(tags["TIT2"]) == "Neon Rain"
        assert str(tags["TPE1"]) == get_provider(provider).name  # the default artist
        assert str(tags["TALB"]) == "Night Drives"
        assert str(tags["TDRC"]) == day
        assert str(tags["TCON"]) == "synthwave, dreamy"
        assert tags["TXXX:TUNEWATCH_PROVIDER"].text == [provider]
        assert tags["TXXX:TUNEWATCH_TASK_ID"].text == [snapshot.task_id]
        assert tags["TXXX:TUNEWATCH_CLIP_ID"].text == [clip.id]
        if clip.model_name:  # sunor's clips do not name their model
            assert tags["TXXX:TUNEWATCH_MODEL"].text == ["chirp-fenix"]
        else:
            assert "TXXX:TUNEWATCH_MODEL" not in tags
        assert tags["USLT::eng"].text == "[Verse]\nRain"
        cover = (dest / f"{stem}.jpg").read_bytes()
        assert cover in COVERS and tags["APIC:Cover"].data == cover
        assert (dest / f"{stem}.txt").read_text(encoding="utf-8") == "[Verse]\nRain\n"
        sidecar = json.loads((dest / f"{stem}.json").read_text(encoding="utf-8"))
        assert sidecar["provider"] == provider and sidecar["task_id"] == snapshot.task_id
        assert sidecar["clip_id"] == clip.id and sidecar["model"] == clip.model_name
        assert sidecar["tags"] == "synthwave, dreamy" and sidecar["prompt"] == "[Verse]\nRain"
        assert sidecar["created_at"].startswith("2026-01-20T12:00:00")
        assert sidecar["finished_at"].startswith("2026-01-20T12:00:00")
        assert {c for c, _, _ in progress} >= {clip.id}
    done_per_clip = [d for c, d, t in progress if t is not None and d == t]
    assert len(done_per_clip) == 2
    assert_media_host_saw_no_key(server)


# (provider, result) -> extensions of each exported clip's files, in order
KINDS: list[tuple[ProviderId, Result, list[list[str]]]] = [
    ("mountsea-producer", MusicResult(titles=("Solo",), clips=1), [["mp3", "json"]]),
    ("sunor", LyricsResult(title="Words"), [["txt", "json"]]),
    ("mountsea-suno", LyricsResult(title="Words"), [["txt", "json"]]),
    ("mountsea-producer", StemsResult(), [["wav", "json"]] * 4),
    ("crun", StemsResult(), [["wav", "json"]] * 4),
    ("mountsea-producer", DownloadResult("wav"), [["wav", "json"]]),
    ("mountsea-producer", DownloadResult("m4a"), [["m4a", "json"]]),
    ("mountsea-producer", DownloadResult("mp3"), [["mp3", "json"]]),
    ("mountsea-suno", DownloadResult("m4a"), [["m4a", "json"]]),
    ("sunor", DownloadResult("wav"), [["wav", "json"]]),
    ("crun", DownloadResult("m4a"), [["m4a", "json"]]),
    ("mountsea-producer", VideoResult(), [["mp4", "json"]]),
    ("crun", VideoResult(), [["mp4", "json"]]),
    ("mountsea-producer", UploadResult(), [["mp3", "txt", "json"]]),
    ("sunor", UploadResult(), [["mp3", "json"]]),
]


@pytest.mark.parametrize(
    ("provider", "result", "expected"),
    KINDS,
    ids=[f"{p}-{type(r).__name__}-{getattr(r, 'format', '')}" for p, r, _ in KINDS],
)
async def test_every_result_kind(
    server: FakeProviderServer,
    tmp_path: Path,
    provider: ProviderId,
    result: Result,
    expected: list[list[str]],
) -> None:
    async with make_client() as client:
        snapshot = await finished(client, server, provider, result)
        exported = await export_snapshot(
            client, snapshot, ExportOptions(tmp_path, artist="Me"), allow_local=True
        )
    assert exported.all_warnings == ()
    assert [[p.suffix[1:] for p in c.files] for c in exported.clips] == expected
    for item in exported.clips:
        sidecar = json.loads(item.files[-1].read_text(encoding="utf-8"))
        assert sidecar["provider"] == provider and sidecar["task_id"] == snapshot.task_id
        if item.media is None:  # lyrics: the words are the export
            assert item.clip.lyrics
            assert item.files[0].read_text(encoding="utf-8") == item.clip.lyrics + "\n"
            continue
        tags = tags_of(item.media)
        title = item.clip.title or "Untitled"
        if item.media.suffix in (".mp3", ".wav"):  # ID3, also inside the WAV
            assert str(tags["TIT2"]) == title and str(tags["TPE1"]) == "Me"
            assert tags["TXXX:TUNEWATCH_TASK_ID"].text == [snapshot.task_id]
            assert tags["TXXX:TUNEWATCH_PROVIDER"].text == [provider]
        else:  # iTunes atoms in .m4a and .mp4
            assert tags["\xa9nam"] == [title] and tags["\xa9ART"] == ["Me"]
            atom = bytes(tags["----:com.tunewatch:TUNEWATCH_TASK_ID"][0]).decode()
            assert atom == snapshot.task_id
            assert tags["\xa9day"] == [local_date(snapshot.finished_at)]
    if isinstance(result, StemsResult):
        stems = [c.clip.stem for c in exported.clips]
        assert stems == ["vocals", "drums", "bass", "other"]
        assert len({c.media for c in exported.clips}) == 4  # one file per stem


async def test_only_the_chosen_clips_and_options(
    server: FakeProviderServer, tmp_path: Path
) -> None:
    async with make_client() as client:
        snapshot = await finished(client, server, "sunor", MUSIC)
        second = snapshot.clips[1]
        options = ExportOptions(
            tmp_path, include_cover=False, include_lyrics=False, include_sidecar=False
        )
        result = await export_snapshot(client, snapshot, options, allow_local=True, clips=[second])
    assert [c.position for c in result.clips] == [1]
    assert visible(tmp_path) == [f"Neon Rain - {second.id[:8]}.mp3"]  # type: ignore[index]
    tags = tags_of(result.clips[0].media)  # type: ignore[arg-type]
    assert "APIC:Cover" not in tags and "USLT::eng" not in tags
    with pytest.raises(ValueError, match="not part of this task"):
        await export_snapshot(client, snapshot, options, allow_local=True, clips=[Clip(id="x")])


# --- names: collisions and hostile titles ---------------------------------------------------------


async def test_collisions(server: FakeProviderServer, clock: ManualClock, tmp_path: Path) -> None:
    async with make_client() as client:
        snapshot = await finished(client, server, "sunor", MUSIC)
        # one title, template without the id: the second variation is numbered, not overwritten
        by_title = ExportOptions(tmp_path / "by-title", template="{title}")
        result = await export_snapshot(client, snapshot, by_title, allow_local=True)
        assert [c.media.name for c in result.clips if c.media] == [
            "Neon Rain.mp3",
            "Neon Rain (2).mp3",
        ]
        assert names(result.clips[1].files) == [
            "Neon Rain (2).mp3",
            "Neon Rain (2).jpg",
            "Neon Rain (2).txt",
            "Neon Rain (2).json",
        ]

        options = ExportOptions(tmp_path / "default")
        first = await export_snapshot(client, snapshot, options, allow_local=True)
        # exporting again, even from a new poll with freshly signed links, reuses every file
        clock.advance(5)
        fresh = await poll(client, server, "sunor", snapshot.task_id)
        assert fresh.clips[0].audio_url != snapshot.clips[0].audio_url
        again = await export_snapshot(client, fresh, options, allow_local=True)
        assert again.files == first.files and again.written == ()
        assert again.clips[0].reused == first.clips[0].files

        # a different file already under the name: the clip's files get " (2)"
        taken = first.clips[0].media
        assert taken is not None
        taken.write_bytes(b"someone else's song")
        third = await export_snapshot(client, fresh, options, allow_local=True)
    stem = taken.stem
    assert names(third.clips[0].written) == [
        f"{stem} (2).mp3",
        f"{stem} (2).jpg",
        f"{stem} (2).txt",
        f"{stem} (2).json",
    ]
    assert taken.read_bytes() == b"someone else's song"
    assert third.clips[1].written == ()  # the other variation was untouched: reused


HOSTILE_TITLES = [
    "../../x",
    "CON",
    "x" * 300,
    "🎵 Neon 🌧️ Rain 👩‍🎤",
    "ctrl\x00\x07\x1b[31mred\r\n",
    "a/b\\c",
    "..",
    "\u202egpj.exe",
]


async def test_hostile_titles_stay_inside_dest(server: FakeProviderServer, tmp_path: Path) -> None:
    dest = tmp_path / "a" / "dest"
    clips = tuple(
        Clip(
            id=f"../../{n}" if n % 2 else None,
            title=title,
            audio_url=server.media_link("audio", f"clip{n}", "mp3"),
            image_url=server.media_link("image", f"clip{n}", "jpg"),
            lyrics="la",
        )
        for n, title in enumerate(HOSTILE_TITLES)
    )
    snapshot = TaskSnapshot("sunor", "task-1", TaskState.SUCCEEDED, "success", clips=clips)
    async with make_client() as client:
        for template in ("{title}", "{title} - {clip_id8}", "{clip_id}/{title}"):
            result = await export_snapshot(
                client, snapshot, ExportOptions(dest, template=template), allow_local=True
            )
            assert len(result.clips) == len(HOSTILE_TITLES)
            for path in result.files:
                assert path.parent == dest
                validate_filename(path.name, platform="universal")
                assert len(path.name.encode()) <= 200
    assert folders_under(tmp_path) == ["a", "dest"]
    assert visible(dest) == everything(dest)


async def test_a_hostile_payload_exports_nothing_unsafe(
    server: FakeProviderServer, tmp_path: Path
) -> None:
    async with make_client() as client:
        server.add_task("mountsea-suno", "evil", TaskScript([Phase("succeeded")], MUSIC))
        server.inject(Fault("hostile"), task_id="evil")
        snapshot = await poll(client, server, "mountsea-suno", "evil")
        try:
            result = await export_snapshot(
                client, snapshot, ExportOptions(tmp_path / "out"), allow_local=True
            )
            files: tuple[Path, ...] = result.files
        except ExportError as error:
            files = error.partial.files if error.partial else ()
    assert all(p.parent == tmp_path / "out" for p in files)
    assert everything(tmp_path) == ["out"]


# --- expired links ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("provider", "result"), [("sunor", MUSIC), ("mountsea-producer", StemsResult())]
)
async def test_an_expired_link_is_refreshed_once(
    clock: ManualClock, tmp_path: Path, provider: ProviderId, result: Result
) -> None:
    with FakeProviderServer(clock=clock, link_ttl=60, unix_offset=UNIX0 - T0) as server:
        async with make_client() as client:
            stale = await finished(client, server, provider, result, task_id="t1")
            clock.advance(61)  # every link in `stale` has expired
            refreshes = 0

            async def refresh() -> TaskSnapshot:
                nonlocal refreshes
                refreshes += 1
                return await poll(client, server, provider, "t1")

            exported = await export_snapshot(
                client, stale, ExportOptions(tmp_path), allow_local=True, refresh=refresh
            )
        assert refreshes == 1  # one fresh poll serves every clip of the task
        assert len(exported.clips) == len(stale.clips) and exported.all_warnings == ()
        assert exported.snapshot is not stale
        statuses = [r.status for r in server.requests if r.host == server.media_host]
        assert statuses[0] == 403 and set(statuses[1:]) == {200}
        assert_media_host_saw_no_key(server)


async def test_a_link_that_stays_expired_is_a_clear_error(
    clock: ManualClock, tmp_path: Path
) -> None:
    with FakeProviderServer(clock=clock, link_ttl=60, unix_offset=UNIX0 - T0) as server:
        async with make_client() as client:
            stale = await finished(client, server, "sunor", MUSIC, task_id="t1")
            clock.advance(61)

            async def same_old() -> TaskSnapshot:
                return stale

            with pytest.raises(LinkExpiredError) as expired:
                await export_snapshot(
                    client, stale, ExportOptions(tmp_path), allow_local=True, refresh=same_old
                )
            assert "“Neon Rain”: the link has expired (HTTP 403)" in expired.value.message
            assert "and so has the fresh one sunor.cc gave" in expired.value.message
            assert expired.value.partial is not None and expired.value.partial.clips == ()

            with pytest.raises(LinkExpiredError, match="check the task again"):
                await export_snapshot(client, stale, ExportOptions(tmp_path), allow_local=True)

            server.inject(Fault("500"), task_id="t1")

            async def failing() -> TaskSnapshot:
                return await poll(client, server, "sunor", "t1")

            with pytest.raises(LinkExpiredError, match="a fresh one could not be fetched") as err:
                await export_snapshot(
                    client, stale, ExportOptions(tmp_path), allow_local=True, refresh=failing
                )
            assert isinstance(err.value.__cause__, ProviderError)
    assert visible(tmp_path) == []


# --- refusals, failures, cancellation -------------------------------------------------------------


@pytest.mark.parametrize(
    ("link", "allow_local", "words"),
    [
        ("javascript:alert(document.cookie)", True, r"a javascript: link; only http\(s\)"),
        ("file:///etc/passwd", True, r"a file: link; only http\(s\)"),
        ("http://192.168.1.10/a.mp3", False, "local or private-network address"),
        ("http://127.0.0.2/audio/x.mp3", False, "local or private-network address"),
    ],
)
async def test_refused_links_in_a_payload(
    tmp_path: Path, link: str, allow_local: bool, words: str
) -> None:
    clip = Clip(id="c1", title="Song", audio_url=link)
    snapshot = TaskSnapshot("crun", "t", TaskState.SUCCEEDED, "success", clips=(clip,))
    async with make_client() as client:
        with pytest.raises(ExportError, match=words):
            await export_snapshot(
                client, snapshot, ExportOptions(tmp_path), allow_local=allow_local
            )
    assert visible(tmp_path) == []


async def test_media_from_a_local_provider_needs_allow_local(
    server: FakeProviderServer, tmp_path: Path
) -> None:
    async with make_client() as client:
        snapshot = await finished(client, server, "crun", MUSIC)
        with pytest.raises(ExportError, match="local or private"):
            await export_snapshot(client, snapshot, ExportOptions(tmp_path), allow_local=False)
    assert [r for r in server.requests if r.host == server.media_host] == []


async def test_a_failing_clip_reports_what_was_exported_before(
    server: FakeProviderServer, tmp_path: Path
) -> None:
    good = Clip(id="good-clip", title="Good", audio_url=server.media_link("audio", "g", "mp3"))
    bad = Clip(id="bad-clip", title="Bad", audio_url=server.media_link("audio", "None", "mp3"))
    snapshot = TaskSnapshot("crun", "t", TaskState.SUCCEEDED, "success", clips=(good, bad))
    async with make_client() as client:
        with pytest.raises(LinkExpiredError) as failed:  # 404 and no way to refresh
            await export_snapshot(client, snapshot, ExportOptions(tmp_path), allow_local=True)
    partial = failed.value.partial
    assert partial is not None and [c.clip.id for c in partial.clips] == ["good-clip"]
    assert all(p.is_file() for p in partial.files)
    assert visible(tmp_path) == sorted(p.name for p in partial.files)


async def test_untaggable_and_unknown_files_are_exported_with_a_warning(
    media: MediaTestServer, tmp_path: Path
) -> None:
    clips = (
        Clip(id="c1", title="Garbage", audio_url=media.url("/garbage.mp3")),
        Clip(id="c2", title="Flac", audio_url=media.url("/blob.flac")),
        Clip(id="c3", title="Mystery", audio_url=media.url("/unknown")),
        Clip(
            id="c4",
            title="Cover is a page",
            audio_url=media.url("/file.mp3"),
            image_url=media.url("/page"),
        ),
    )
    snapshot = TaskSnapshot("sunor", "t", TaskState.SUCCEEDED, "success", clips=clips)
    async with make_client() as client:
        result = await export_snapshot(client, snapshot, ExportOptions(tmp_path), allow_local=True)
        page = Clip(id="c5", title="Page", audio_url=media.url("/page"))
        with pytest.raises(ExportError, match="web page instead of a file"):
            await export_snapshot(
                client,
                snapshot.__class__("sunor", "t", TaskState.SUCCEEDED, None, clips=(page,)),
                ExportOptions(tmp_path),
                allow_local=True,
            )
    media_names = [c.media.name for c in result.clips if c.media]
    assert media_names == [
        "Garbage - c1.mp3",
        "Flac - c2.flac",
        "Mystery - c3.bin",
        "Cover is a page - c4.mp3",
    ]
    warnings = [c.warnings for c in result.clips]
    assert "tags could not be written" in warnings[0][0]
    assert "not written into .flac files" in warnings[1][0]
    assert "format was not recognised" in warnings[2][0]
    assert "did not give an image" in warnings[3][0]


async def test_an_unwritable_destination(server: FakeProviderServer, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    async with make_client() as client:
        snapshot = await finished(client, server, "sunor", MUSIC)
        with pytest.raises(ExportWriteError, match="Could not write to"):
            await export_snapshot(client, snapshot, ExportOptions(blocker / "x"), allow_local=True)


async def test_cancelling_an_export_leaves_no_file(media: MediaTestServer, tmp_path: Path) -> None:
    clip = Clip(id="slow-clip", title="Slow", audio_url=media.url("/slow.mp3"), lyrics="la")
    snapshot = TaskSnapshot("sunor", "t", TaskState.SUCCEEDED, "success", clips=(clip,))
    started = asyncio.Event()
    async with make_client() as client:
        task = asyncio.create_task(
            export_snapshot(
                client,
                snapshot,
                ExportOptions(tmp_path),
                allow_local=True,
                progress=lambda c, done, total: started.set() if done else None,
            )
        )
        await asyncio.wait_for(started.wait(), 10)
        assert part_files(tmp_path)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert everything(tmp_path) == []


_EXPORT_IN_A_CHILD = """
import asyncio, json, sys
from pathlib import Path
from gui.media.exporter import ExportOptions, export_snapshot
from gui.domain.model import TaskSnapshot
from gui.polling.status_check import make_client

async def main():
    snapshot = TaskSnapshot.from_json(json.loads(sys.argv[1]))
    async with make_client() as client:
        await export_snapshot(client, snapshot, ExportOptions(Path(sys.argv[2])), allow_local=True)

asyncio.run(main())
"""


async def test_sigkill_mid_download_leaves_no_file_under_the_final_name(
    media: MediaTestServer, tmp_path: Path
) -> None:
    clip = Clip(id="abcdef12-slow", title="Slow", audio_url=media.url("/slow.mp3"))
    snapshot = TaskSnapshot("sunor", "t", TaskState.SUCCEEDED, "success", clips=(clip,))
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        _EXPORT_IN_A_CHILD,
        json.dumps(snapshot.to_json()),
        str(tmp_path),
        cwd=REPO,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while not part_files(tmp_path):
            assert child.returncode is None, "the child ended before downloading"
            assert time.monotonic() < deadline, "the child never started downloading"
            await asyncio.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
        assert await asyncio.wait_for(child.wait(), 10) == -signal.SIGKILL
    finally:
        if child.returncode is None:
            child.kill()
            await child.wait()
    assert visible(tmp_path) == []  # only the hidden part file is left
    fine = Clip(id=clip.id, title="Slow", audio_url=media.url("/file.mp3"))
    again = snapshot.__class__("sunor", "t", TaskState.SUCCEEDED, "success", clips=(fine,))
    async with make_client() as client:
        result = await export_snapshot(client, again, ExportOptions(tmp_path), allow_local=True)
    assert visible(tmp_path) == ["Slow - abcdef12.json", "Slow - abcdef12.mp3"]
    audio = mutagen.File(result.clips[0].media)
    assert audio.info.length > 3 and str(audio.tags["TIT2"]) == "Slow"
