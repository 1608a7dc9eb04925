"""The player uses the media gate: a link to this machine or a private network (in any spelling,
or by a name that resolves there) is refused in words and never reaches QMediaPlayer; a final
file on a named host is downloaded through the gate (to the checked address) and played from
the cache. A real Player (QtMultimedia, offscreen) and the fake provider's media host."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from gui.domain.model import Clip, TaskSnapshot
from gui.domain.states import TaskState
from gui.domain.tracked_task import TrackedTask
from gui.fake_provider import MEDIA_DIR, FakeProviderServer
from gui.media.media_gate import Resolver
from gui.ui.playback import Playback
from gui.ui.playback_gate import PlaybackGate
from gui.ui.player import Player
from tests.ui_helpers import PLAYBACK_NOISE

pytestmark = PLAYBACK_NOISE


def resolver(table: dict[str, list[str]]) -> Resolver:
    async def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "unknown")
        return table[host]

    return resolve


def task_with(clip: Clip) -> TrackedTask:
    snapshot = TaskSnapshot("sunor", "t1", TaskState.SUCCEEDED, "success", clips=(clip,))
    return TrackedTask("sunor", "t1", added_at=0.0, tracking_since=0.0, snapshot=snapshot)


class Rig:
    def __init__(
        self, loop: asyncio.AbstractEventLoop, tmp_path: Path, local: bool, resolve: Resolver
    ):
        self.tasks: set[asyncio.Task[Any]] = set()
        self.client = httpx.AsyncClient()
        self.player = Player()
        self.errors: list[str] = []
        self.player.error.connect(self.errors.append)
        self.cache = tmp_path / "cache" / "playback"
        self.gate = PlaybackGate(
            self.client, self.cache, lambda provider: local, self._spawn, resolve=resolve
        )
        self.playback = Playback(self.player, lambda key: None, lambda task, clip: None, self.gate)
        self.loop = loop

    def _spawn(self, coroutine: Any) -> asyncio.Task[Any]:
        task = self.loop.create_task(coroutine)
        self.tasks.add(task)
        return task

    def close(self, qtbot: Any) -> None:
        self.player.stop()
        relay = self.loop.create_task(self.gate.close())
        qtbot.waitUntil(relay.done)
        closing = self.loop.create_task(self.client.aclose())
        qtbot.waitUntil(closing.done)
        # No player of this test may go on decoding into the next one.
        destroyed: list[bool] = []
        self.player.destroyed.connect(lambda: destroyed.append(True))
        self.player.deleteLater()
        qtbot.waitUntil(lambda: destroyed == [True])


@pytest.fixture
def server() -> Iterator[FakeProviderServer]:
    with FakeProviderServer() as fake:
        yield fake


@pytest.mark.parametrize(
    "link",
    [
        "http://2130706433:8765/audio/a.mp3",
        "http://0x7f000001/audio/a.mp3",
        "http://127.1/audio/a.mp3",
        "http://[::ffff:10.0.0.1]/audio/a.mp3",
        "http://169.254.169.254/latest/meta-data",
        "http://localhost/a.mp3",
    ],
)
def test_a_private_link_is_refused_before_the_player_sees_it(
    qtbot: Any, qt_loop: asyncio.AbstractEventLoop, tmp_path: Path, link: str
) -> None:
    rig = Rig(qt_loop, tmp_path, local=False, resolve=resolver({}))
    try:
        clip = Clip(id="c1", title="Song", audio_url=link)
        rig.playback.play(task_with(clip), clip)
        assert rig.player.item is None  # nothing was handed to QMediaPlayer
        assert len(rig.errors) == 1
        assert rig.errors[0].startswith("“Song” is not played. The media link")
        assert "local or private-network address" in rig.errors[0]
    finally:
        rig.close(qtbot)


def test_a_name_that_resolves_to_a_private_address_is_refused(
    qtbot: Any, qt_loop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    rig = Rig(qt_loop, tmp_path, local=False, resolve=resolver({"cdn.evil.example": ["10.0.0.9"]}))
    try:
        evil = "https://cdn.evil.example/a.mp3"
        for clip in (
            Clip(id="c1", title="Song", audio_url=evil),
            Clip(stream_url=evil, title="Song"),
        ):
            rig.errors.clear()
            rig.playback.play(task_with(clip), clip)
            qtbot.waitUntil(lambda: rig.errors != [])
            assert rig.player.item is None
            assert "cdn.evil.example" in rig.errors[0]
    finally:
        rig.close(qtbot)


def test_a_final_file_on_a_named_host_is_played_from_a_copy_fetched_through_the_gate(
    qtbot: Any, qt_loop: asyncio.AbstractEventLoop, tmp_path: Path, server: FakeProviderServer
) -> None:
    """media.example is in no DNS: the copy exists only because the download went to the
    address the gate resolved (the fake media host on 127.0.0.2)."""
    rig = Rig(qt_loop, tmp_path, local=True, resolve=resolver({"media.example": ["127.0.0.2"]}))
    try:
        link = server.media_link("audio", "clip-a", "mp3").replace("127.0.0.2", "media.example")
        clip = Clip(id="c1", title="Song", audio_url=link)
        rig.playback.play(task_with(clip), clip)
        qtbot.waitUntil(lambda: rig.player.item is not None, timeout=10_000)
        item = rig.player.item
        assert item is not None and item.is_local and rig.errors == []
        played = Path(item.source)
        assert played.parent == rig.cache
        assert played.read_bytes() == (MEDIA_DIR / "tone.mp3").read_bytes()
        media = [r for r in server.requests if r.route == "media"]
        assert len(media) == 1 and media[0].headers["host"].startswith("media.example:")
    finally:
        rig.close(qtbot)


def test_a_preview_stream_on_a_named_host_plays_through_the_gates_relay(
    qtbot: Any, qt_loop: asyncio.AbstractEventLoop, tmp_path: Path, server: FakeProviderServer
) -> None:
    rig = Rig(qt_loop, tmp_path, local=True, resolve=resolver({"media.example": ["127.0.0.2"]}))
    try:
        link = server.media_link("stream", "clip-a", "mp3").replace("127.0.0.2", "media.example")
        clip = Clip(id="c1", title="Song", stream_url=link)
        rig.playback.play(task_with(clip), clip)
        # media.example is in no DNS: FFmpeg could never open it itself. It plays because the
        # player reads the relay on loopback, which connects to the address the gate resolved.
        qtbot.waitUntil(lambda: rig.player.is_playing and rig.player.position > 300, timeout=10_000)
        item = rig.player.item
        assert item is not None and item.is_preview
        assert item.source.startswith("http://127.0.0.1:") and "media.example" not in item.source
        media = [r for r in server.requests if r.route == "media"]
        assert media and all(r.headers["host"].startswith("media.example:") for r in media)
        assert rig.errors == []
    finally:
        rig.close(qtbot)
