"""Media: how soon Play is heard, and what exporting costs over a plain download.

1. Play: the app's `Player` (QMediaPlayer + QAudioOutput, offscreen, no sound card) is given a
   loopback MP3 link from the fake provider; timed from `play()` to the player reporting
   playback — the state turning Playing, and the position first moving (audio is decoded and
   running). Baseline: the same file played from disk. Goal (issue 10): < 300 ms.
2. Export: 100 clips (50 finished two-clip tasks) exported by `export_snapshot` as the window
   and `tunewatch export` do — audio, cover, lyrics, JSON sidecar, tags, atomic rename — against
   a plain streaming download (httpx, one shared client) of the same audio and cover bytes to
   files. Each clip is ~3 MB (a 3-minute 128 kbps song). Ratio: plain time / export time, as
   throughput. Goal: >= 0.9x. Both sides fetch one file at a time (no download runs beside
   another), over the same client; the plain side neither tags, nor writes companions, nor
   syncs anything to disk, which the export does (each file before its name, the folder once).

    .venv/bin/python -m bench.media [--plays N] [--clips N] [--rounds N]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/media.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import NO_LIMITS, machine, ms, print_table, ratio, set_offscreen

set_offscreen()

import httpx  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gui.domain.model import TaskSnapshot  # noqa: E402
from gui.fake_provider import (  # noqa: E402
    FakeProviderServer,
    ManualClock,
    MusicResult,
    Phase,
    ProviderId,
    TaskScript,
)
from gui.fake_provider.media import MEDIA_DIR  # noqa: E402
from gui.media.export_types import ExportOptions  # noqa: E402
from gui.media.exporter import export_snapshot  # noqa: E402
from gui.polling.status_check import make_client  # noqa: E402
from gui.providers import PROVIDERS  # noqa: E402
from gui.ui.player import Player, PlayItem  # noqa: E402

SONG_REPEATS = 120  # the shipped 4 s, 24.6 kB tone, 120 times: ~3 MB, like a 3-minute song
PLAY_GOAL = 0.300
EXPORT_GOAL = 0.9
PROVIDERS_USED: tuple[ProviderId, ...] = ("mountsea-suno", "sunor", "crun")


def song_sized_media(folder: Path) -> Path:
    """The fake provider's media with its MP3 made song-sized (MP3 frames concatenate)."""
    shutil.copytree(MEDIA_DIR, folder)
    tone = (MEDIA_DIR / "tone.mp3").read_bytes()
    (folder / "tone.mp3").write_bytes(tone * SONG_REPEATS)
    return folder


def finished_snapshots(
    server: FakeProviderServer, clock: ManualClock, tasks: int
) -> list[TaskSnapshot]:
    script = TaskScript(
        [Phase("running", 5), Phase("succeeded")],
        MusicResult(titles=("Neon Rain", "Neon Rain (v2)"), clips=2, tags="synthwave", prompt="la"),
    )
    ids = [(PROVIDERS_USED[i % 3], f"media-{i:04d}") for i in range(tasks)]
    for provider_id, task_id in ids:
        server.add_task(provider_id, task_id, script)
    clock.advance(10)
    snapshots = []
    with httpx.Client(trust_env=False) as client:
        for provider_id, task_id in ids:
            reply = client.get(
                server.status_url(provider_id, task_id), headers=server.auth_headers(provider_id)
            )
            reply.raise_for_status()
            snapshots.append(PROVIDERS[provider_id].parse_status_json(task_id, reply.json()))
    return snapshots


# --- play ---------------------------------------------------------------------------------


def wait_for(app: QApplication, done: Callable[[], bool], timeout: float = 10.0) -> None:
    """Qt events until `done()` (this benchmark runs no asyncio loop: nothing is nested)."""
    end = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > end:
            raise TimeoutError("the player did not report playback")
        app.processEvents()
        time.sleep(0.0005)


class PlayWatch:
    """When the player first said Playing, and when its position first moved."""

    def __init__(self, player: Player) -> None:
        self.playing: float | None = None
        self.moved: float | None = None
        player.playing_changed.connect(self._playing)
        player.position_changed.connect(self._position)

    def reset(self) -> None:
        self.playing = self.moved = None

    def _playing(self, is_playing: bool) -> None:
        if is_playing and self.playing is None:
            self.playing = time.perf_counter()

    def _position(self, position: int) -> None:
        if position > 0 and self.moved is None:
            self.moved = time.perf_counter()


def time_plays(
    app: QApplication, player: Player, watch: PlayWatch, sources: list[str]
) -> tuple[list[float], list[float]]:
    """Seconds from play() to the state Playing, and to the position first moving."""
    to_state: list[float] = []
    to_sound: list[float] = []
    for n, source in enumerate(sources):
        player.stop()
        wait_for(app, lambda: not player.is_playing)
        watch.reset()
        item = PlayItem("sunor", f"bench-{n}", 0, None, "Neon Rain", source)
        began = time.perf_counter()
        player.play(item)
        wait_for(app, lambda: watch.moved is not None)
        assert watch.moved is not None
        to_state.append((watch.playing or watch.moved) - began)
        to_sound.append(watch.moved - began)
    player.stop()
    return to_state, to_sound


# --- export -------------------------------------------------------------------------------


async def plain_download(
    client: httpx.AsyncClient, snapshots: list[TaskSnapshot], dest: Path
) -> int:
    """Every clip's audio and cover, streamed to files: what a simple script does."""
    dest.mkdir(parents=True)  # noqa: ASYNC240  # as a simple script does
    written = 0
    for snapshot in snapshots:
        for clip in snapshot.clips:
            for url, suffix in ((clip.audio_url, "mp3"), (clip.image_url, "jpg")):
                if not url:
                    continue
                async with client.stream("GET", url) as reply:
                    reply.raise_for_status()
                    with open(dest / f"{clip.id}.{suffix}", "wb") as file:  # noqa: ASYNC230
                        async for chunk in reply.aiter_bytes():
                            written += file.write(chunk)
    return written


async def app_export(client: httpx.AsyncClient, snapshots: list[TaskSnapshot], dest: Path) -> int:
    files = 0
    for snapshot in snapshots:
        result = await export_snapshot(client, snapshot, ExportOptions(dest=dest), allow_local=True)
        files += len(result.files)
    return files


async def time_exports(
    snapshots: list[TaskSnapshot], root: Path, rounds: int
) -> tuple[list[float], list[float], int, int]:
    plain: list[float] = []
    export: list[float] = []
    written = files = 0
    async with make_client() as client:  # the app's client, for both
        for n in range(rounds):  # alternated, so a load spike hits both alike
            began = time.perf_counter()
            written = await plain_download(client, snapshots, root / f"plain-{n}")
            plain.append(time.perf_counter() - began)
            began = time.perf_counter()
            files = await app_export(client, snapshots, root / f"export-{n}")
            export.append(time.perf_counter() - began)
    return plain, export, written, files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plays", type=int, default=10, help="timed plays per source")
    parser.add_argument("--clips", type=int, default=100, help="clips exported (2 per task)")
    parser.add_argument("--rounds", type=int, default=3, help="export rounds (median)")
    args = parser.parse_args(argv)
    print(f"media — {machine()}")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    clock = ManualClock(0.0)
    with tempfile.TemporaryDirectory(prefix="tunewatch-bench-") as temp:
        root = Path(temp)
        media = song_sized_media(root / "media")
        with FakeProviderServer(clock=clock, rate_limits=NO_LIMITS, media_dir=media) as server:
            snapshots = finished_snapshots(server, clock, max(args.clips // 2, 1))
            link = snapshots[0].clips[0].audio_url
            assert link is not None
            player = Player()
            if not player.available:
                print(f"playback unavailable: {player.unavailable_reason}")
                return 1
            watch = PlayWatch(player)
            local = str(media / "tone.mp3")
            time_plays(app, player, watch, [link, local])  # warm-up: FFmpeg, caches
            state_link, sound_link = time_plays(app, player, watch, [link] * args.plays)
            state_file, sound_file = time_plays(app, player, watch, [local] * args.plays)
            plain, export, written, files = asyncio.run(time_exports(snapshots, root, args.rounds))

    def median(values: list[float]) -> float:
        return statistics.median(values)

    print_table(
        f"Play → the player reports playback (median of {args.plays}; offscreen, no sound card) "
        "— baseline: the same MP3 from disk",
        ("measure", "loopback link", "local file", "ratio", "worst link"),
        [
            (
                "play() → state Playing",
                ms(median(state_link)),
                ms(median(state_file)),
                ratio(median(state_link), median(state_file)),
                ms(max(state_link)),
            ),
            (
                "play() → position moving (heard)",
                ms(median(sound_link)),
                ms(median(sound_file)),
                ratio(median(sound_link), median(sound_file)),
                ms(max(sound_link)),
            ),
        ],
    )
    clips = sum(len(s.clips) for s in snapshots)
    megabytes = written / 1e6
    print_table(
        f"Export of {clips} clips ({megabytes:.0f} MB of audio and covers; median of "
        f"{args.rounds} alternated rounds) — baseline: the same bytes streamed to files",
        ("measure", "time", "MB/s", "per clip", "files"),
        [
            (
                "plain streaming download",
                ms(median(plain)),
                f"{megabytes / median(plain):.0f}",
                ms(median(plain) / clips),
                f"{2 * clips}",
            ),
            (
                "export (tags, cover, lyrics, sidecar, atomic rename)",
                ms(median(export)),
                f"{megabytes / median(export):.0f}",
                ms(median(export) / clips),
                f"{files}",
            ),
        ],
    )
    heard = median(sound_link)
    throughput = median(plain) / median(export)
    print(
        f"\nmedia: Play heard after {ms(heard)} (goal < {ms(PLAY_GOAL)}: "
        f"{ratio(heard, PLAY_GOAL)} the goal, {ratio(heard, median(sound_file))} a local file); "
        f"export throughput {throughput:.2f}× a plain download (goal >= {EXPORT_GOAL}×)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
