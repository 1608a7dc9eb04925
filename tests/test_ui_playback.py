"""Playing clips: the one player on the fake server's real files, the transport in the window,
A/B comparison, stepping through clips, Space, and a preview swapped for the final file in place.
Playback runs offscreen in real time without an audio device (stack.md); the tone is 4 s long."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtMultimedia import QMediaPlayer

from gui.fake_provider import (
    DEMO_AUDIO_SECONDS,
    MEDIA_DIR,
    FakeProviderServer,
    ManualClock,
    MusicResult,
    Phase,
    TaskScript,
)
from gui.ui.player import Player, PlayItem
from tests.ui_helpers import PLAYBACK_NOISE, WAIT_MS, WindowsOn, WindowUnderTest, make_server

pytestmark = PLAYBACK_NOISE

LENGTH_MS = DEMO_AUDIO_SECONDS * 1000
LINK_TTL = 60.0  # on the manual clock: links expire only when a test moves it on
PLACE_TOLERANCE_MS = 300  # "the same place": what a listener would not notice
DUO = MusicResult(titles=["Neon Rain", "Neon Rain (take 2)"], clips=2, tags="synthwave")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def server(clock: ManualClock) -> Iterator[FakeProviderServer]:
    server = make_server(clock=clock, link_ttl=LINK_TTL)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def player(qapp) -> Iterator[Player]:
    player = Player()
    assert player.available, player.unavailable_reason
    try:
        yield player
    finally:
        player.stop()


@pytest.fixture
def windows(qtbot, qt_loop, server: FakeProviderServer) -> Iterator[WindowsOn]:
    windows = WindowsOn(qtbot, qt_loop, server)
    try:
        yield windows
    finally:
        windows.close_all()


def item(title: str, source: str, *, preview: bool = False) -> PlayItem:
    return PlayItem("sunor", "t-1", 0, "clip-1", title, source, is_preview=preview)


def start(qtbot, player: Player, what: PlayItem, past_ms: int = 0) -> None:
    """Play and wait until the clip is audibly under way (past `past_ms`)."""
    player.play(what)
    qtbot.waitUntil(lambda: player.is_playing and player.position > past_ms, timeout=WAIT_MS)


def reported_after(player: Player) -> list[int]:
    """Positions the player reports from the next clip change on (what the seek bar shows)."""
    positions: list[int] = []
    changed: list[object] = []
    player.item_changed.connect(changed.append)
    player.position_changed.connect(lambda ms: positions.append(ms) if changed else None)
    return positions


# --- the player on its own ----------------------------------------------------------------------


def test_the_servers_mp3_plays_with_its_length_and_pauses(
    qtbot, player: Player, server: FakeProviderServer
) -> None:
    url = server.media_link("audio", "tone", "mp3")
    with qtbot.waitSignal(
        player.duration_changed, check_params_cb=lambda ms: ms > 0, timeout=WAIT_MS
    ) as reported:
        player.play(item("Tone", url))
    assert reported.args is not None
    assert abs(reported.args[0] - LENGTH_MS) <= 0.05 * LENGTH_MS
    assert player.item is not None and player.item.title == "Tone"
    qtbot.waitUntil(lambda: player.is_playing and player.position >= 500, timeout=WAIT_MS)

    with qtbot.waitSignal(player.playing_changed, check_params_cb=lambda playing: not playing):
        player.toggle()
    paused_at = player.position
    qtbot.wait(300)
    assert abs(player.position - paused_at) < 60  # paused: the place stays
    with qtbot.waitSignal(player.playing_changed, check_params_cb=bool):
        player.toggle()
    qtbot.waitUntil(lambda: player.position >= paused_at + 200, timeout=WAIT_MS)
    player.set_volume(0.25)
    assert player.volume() == pytest.approx(0.25)
    player.seek(3000)
    qtbot.waitUntil(lambda: player.position >= 3000, timeout=WAIT_MS)


def test_a_second_clip_stops_the_first_and_a_local_file_plays(
    qtbot, player: Player, server: FakeProviderServer, tmp_path: Path
) -> None:
    start(qtbot, player, item("First", server.media_link("audio", "first", "mp3")), 800)
    local = tmp_path / "Zweite Fassung #2 (süß).wav"  # spaces, '#' and accents in a path
    shutil.copyfile(MEDIA_DIR / "tone.wav", local)

    player.play(item("Second", str(local)))
    qtbot.waitUntil(lambda: player.is_playing and 0 < player.position < 800, timeout=WAIT_MS)
    assert player.item is not None and player.item.title == "Second"
    media = player.findChildren(QMediaPlayer)
    assert len(media) == 1  # one player for the whole app: the first clip is not playing on
    assert media[0].source() == QUrl.fromLocalFile(str(local))
    assert abs(player.duration - LENGTH_MS) <= 0.05 * LENGTH_MS
    position = player.position
    qtbot.waitUntil(lambda: player.position >= position + 200, timeout=WAIT_MS)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("expired", "the link could not be opened; it may have expired"),
        ("unreachable", "the link could not be opened"),
        ("missing file", "deleted by hand.mp3 is missing"),
    ],
)
@pytest.mark.qt_log_ignore(*PLAYBACK_NOISE.args, "Could not open media. FFmpeg error description")
def test_a_clip_that_cannot_play_is_explained_and_the_player_goes_on(
    qtbot,
    player: Player,
    server: FakeProviderServer,
    clock: ManualClock,
    tmp_path: Path,
    case: str,
    expected: str,
) -> None:
    if case == "expired":
        source = server.media_link("audio", "old", "mp3")
        clock.advance(LINK_TTL + 1)  # the media host now answers 403
    elif case == "unreachable":
        source = "http://127.0.0.2:1/nothing.mp3"
    else:
        source = str(tmp_path / "deleted by hand.mp3")
    errors: list[str] = []
    player.error.connect(errors.append)
    with qtbot.waitSignal(player.error, timeout=WAIT_MS):
        player.play(item("Old Song", source))
    assert len(errors) == 1
    assert errors[0].startswith("“Old Song” could not be played")
    assert expected in errors[0]
    assert "Traceback" not in errors[0] and "QMediaPlayer" not in errors[0]
    assert not player.is_playing

    # The next clip plays as if nothing had happened.
    start(qtbot, player, item("Fresh", server.media_link("audio", "fresh", "mp3")), 300)
    assert player.duration > 0
    assert len(errors) == 1


def test_a_paused_preview_swapped_for_the_final_file_keeps_its_place(
    qtbot, player: Player, server: FakeProviderServer
) -> None:
    start(qtbot, player, item("Draft", server.media_link("stream", "c1", "mp3"), preview=True), 900)
    with qtbot.waitSignal(player.playing_changed, check_params_cb=lambda playing: not playing):
        player.toggle()
    paused_at = player.position
    positions = reported_after(player)

    player.swap_source(item("Draft", server.media_link("audio", "c1", "mp3")))
    assert player.item is not None and not player.item.is_preview
    qtbot.waitUntil(lambda: player.position >= paused_at - PLACE_TOLERANCE_MS, timeout=WAIT_MS)
    qtbot.wait(200)
    assert not player.is_playing  # still paused: the swap does not start the music
    with qtbot.waitSignal(player.playing_changed, check_params_cb=bool):
        player.toggle()
    qtbot.waitUntil(lambda: player.position >= paused_at + 200, timeout=WAIT_MS)
    assert min(positions) >= paused_at - PLACE_TOLERANCE_MS


# --- playback in the window ---------------------------------------------------------------------


def open_with(windows: WindowsOn, provider: str, task_id: str, state: str) -> WindowUnderTest:
    shown = windows.open()
    shown.services.settings.keep_finished = False  # these tests play from the links
    shown.controller.add_from_text(task_id, provider)
    shown.wait_for_state(task_id, state)
    shown.qtbot.waitUntil(lambda: len(shown.window.detail.cards) == 2)
    return shown


def playing_labels(shown: WindowUnderTest) -> list[str]:
    return [
        card.playing_label.text() if card.playing_label.isVisibleTo(card) else ""
        for card in shown.window.detail.cards
    ]


def test_play_compare_step_and_space_in_the_window(windows: WindowsOn) -> None:
    windows.server.add_task("sunor", "duo", TaskScript([Phase("succeeded")], DUO))
    shown = open_with(windows, "sunor", "duo", "Finished")
    qtbot, player, bar = shown.qtbot, shown.window.player, shown.window.player_bar
    assert bar.now_playing.text() == "Nothing playing"
    assert not bar.play_button.isEnabled() and not bar.compare_button.isEnabled()

    qtbot.mouseClick(shown.window.detail.cards[0].play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: player.is_playing and player.position >= 1000, timeout=WAIT_MS)
    assert bar.now_playing.text() == "Neon Rain"
    assert playing_labels(shown) == ["▶ Playing", ""]
    assert bar.compare_button.isEnabled()
    assert "/ 0:04" in bar.time_label.text()

    # A/B: the other variation from the same place.
    positions = reported_after(player)
    before = player.position
    qtbot.mouseClick(bar.compare_button, Qt.MouseButton.LeftButton)
    assert player.item is not None and player.item.clip_index == 1
    assert bar.now_playing.text() == "Neon Rain (take 2)"
    assert playing_labels(shown) == ["", "▶ Playing"]
    qtbot.waitUntil(lambda: len(positions) >= 3, timeout=WAIT_MS)
    assert min(positions) >= before - PLACE_TOLERANCE_MS

    # Next and previous go round the task's clips, each from its start.
    qtbot.mouseClick(bar.next_button, Qt.MouseButton.LeftButton)
    assert player.item is not None and player.item.clip_index == 0
    assert bar.now_playing.text() == "Neon Rain"
    assert playing_labels(shown) == ["▶ Playing", ""]
    qtbot.waitUntil(lambda: player.is_playing and 0 < player.position < 1000, timeout=WAIT_MS)
    qtbot.mouseClick(bar.previous_button, Qt.MouseButton.LeftButton)
    assert player.item is not None and player.item.clip_index == 1
    assert playing_labels(shown) == ["", "▶ Playing"]
    qtbot.waitUntil(lambda: player.is_playing, timeout=WAIT_MS)

    # Space pauses and resumes, with the focus in the table.
    shown.window.activateWindow()
    shown.window.table.setFocus()
    qtbot.waitUntil(shown.window.table.hasFocus)
    with qtbot.waitSignal(player.playing_changed, check_params_cb=lambda playing: not playing):
        qtbot.keyClick(shown.window.table, Qt.Key.Key_Space)
    assert bar.play_button.toolTip() == "Play (Space)"
    with qtbot.waitSignal(player.playing_changed, check_params_cb=bool):
        qtbot.keyClick(shown.window.table, Qt.Key.Key_Space)
    assert bar.play_button.toolTip() == "Pause (Space)"
    assert bar.now_playing.text() == "Neon Rain (take 2)"


def test_the_preview_is_swapped_for_the_final_file_in_place(
    windows: WindowsOn, clock: ManualClock
) -> None:
    # The streaming phase lasts until the test moves the server's clock on.
    script = TaskScript([Phase("streaming", 600), Phase("succeeded")], DUO)
    windows.server.add_task("mountsea-suno", "preview", script)
    shown = open_with(windows, "mountsea-suno", "preview", "Streaming preview")
    qtbot, player, bar = shown.qtbot, shown.window.player, shown.window.player_bar
    card = shown.window.detail.cards[0]
    assert card.play_button.text() == "▶ Play preview"

    qtbot.mouseClick(card.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: player.is_playing and player.position >= 1000, timeout=WAIT_MS)
    assert bar.now_playing.text() == "Neon Rain — preview"
    assert playing_labels(shown) == ["▶ Playing the preview", ""]
    assert player.item is not None and "/stream/" in player.item.source

    positions = reported_after(player)
    before = player.position
    clock.advance(600)  # the task succeeds: the next check brings the final files
    qtbot.waitUntil(lambda: player.item is not None and not player.item.is_preview, timeout=WAIT_MS)
    assert "/audio/" in player.item.source
    qtbot.waitUntil(lambda: len(positions) >= 3, timeout=WAIT_MS)
    assert min(positions) >= before - PLACE_TOLERANCE_MS  # no jump back to the start
    assert player.is_playing
    assert bar.now_playing.text() == "Neon Rain"
    shown.wait_for_state("preview", "Finished")
    qtbot.waitUntil(lambda: playing_labels(shown) == ["▶ Playing", ""])
    assert shown.window.detail.cards[0].play_button.text() == "❚❚ Pause"  # it is playing
    player.stop()
    assert shown.window.detail.cards[0].play_button.text() == "▶ Play"  # no longer a preview


def test_starring_the_keeper_marks_the_card_and_follows_the_playing_variation(
    windows: WindowsOn,
) -> None:
    windows.server.add_task("sunor", "keep", TaskScript([Phase("succeeded")], DUO))
    shown = open_with(windows, "sunor", "keep", "Finished")
    bar = shown.window.player_bar
    shown.qtbot.mouseClick(shown.window.detail.cards[1].play_button, Qt.MouseButton.LeftButton)
    shown.qtbot.waitUntil(lambda: shown.window.player.item is not None, timeout=WAIT_MS)
    assert bar.star_button.text() == "☆ Keeper"

    shown.qtbot.mouseClick(bar.star_button, Qt.MouseButton.LeftButton)
    assert bar.star_button.text() == "★ Keeper"
    titles = [card.title_label.text() for card in shown.window.detail.cards]
    assert titles == ["Neon Rain", "★ Neon Rain (take 2)"]
    assert shown.services.ledger.keeper(("sunor", "keep")) is not None

    shown.qtbot.mouseClick(shown.window.detail.cards[0].play_button, Qt.MouseButton.LeftButton)
    shown.qtbot.waitUntil(lambda: bar.star_button.text() == "☆ Keeper", timeout=WAIT_MS)
    shown.qtbot.mouseClick(bar.compare_button, Qt.MouseButton.LeftButton)
    assert bar.star_button.text() == "★ Keeper"  # back on the starred variation
