"""The player's state as it really is: a clip that played to its end stops (its card no longer
says "Playing"), or with Autoplay next the task's next result starts; a paused clip's card says
Paused; with no sound output the window says so instead of running silently."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from gui.fake_provider import DEMO_AUDIO_SECONDS, FakeProviderServer, MusicResult, Phase, TaskScript
from gui.ui.player_bar import PlayerBar
from gui.ui.sound_output import SoundOutputs
from tests.ui_helpers import PLAYBACK_NOISE, WAIT_MS, WindowsOn, WindowUnderTest, make_server

pytestmark = PLAYBACK_NOISE

LENGTH_MS = int(DEMO_AUDIO_SECONDS * 1000)
DUO = MusicResult(titles=["Neon Rain", "Neon Rain (take 2)"], clips=2, tags="synthwave")


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[WindowsOn]:
    server: FakeProviderServer = make_server()
    windows = WindowsOn(qtbot, qt_loop, server)
    try:
        yield windows
    finally:
        windows.close_all()


def finished_duo(windows: WindowsOn) -> WindowUnderTest:
    windows.server.add_task("sunor", "duo", TaskScript([Phase("succeeded")], DUO))
    shown = windows.open()
    shown.services.settings.keep_finished = False
    shown.controller.add_from_text("duo", "sunor")
    shown.wait_for_state("duo", "Finished")
    shown.select("duo")
    shown.qtbot.waitUntil(lambda: len(shown.window.detail.cards) == 2)
    return shown


def playing_labels(shown: WindowUnderTest) -> list[str]:
    return [
        card.playing_label.text() if card.playing_label.isVisibleTo(card) else ""
        for card in shown.window.detail.cards
    ]


def play_near_the_end(shown: WindowUnderTest, card: int) -> None:
    player = shown.window.player
    qtbot = shown.qtbot
    qtbot.mouseClick(shown.window.detail.cards[card].play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: player.is_playing and player.position > 0, timeout=WAIT_MS)
    player.seek(LENGTH_MS - 400)  # the last moments: the end comes without a 4 s wait


def test_a_clip_that_ends_stops_and_no_card_says_playing(windows: WindowsOn) -> None:
    shown = finished_duo(windows)
    player, bar = shown.window.player, shown.window.player_bar
    assert not bar.autoplay_button.isChecked()
    play_near_the_end(shown, 0)
    assert playing_labels(shown) == ["▶ Playing", ""]

    shown.qtbot.waitUntil(lambda: player.item is None, timeout=WAIT_MS)
    assert playing_labels(shown) == ["", ""]
    assert bar.now_playing.text() == "Nothing playing"
    assert not player.is_playing


def test_autoplay_next_goes_on_to_the_next_result_and_stops_after_the_last(
    windows: WindowsOn,
) -> None:
    shown = finished_duo(windows)
    player, bar = shown.window.player, shown.window.player_bar
    shown.qtbot.mouseClick(bar.autoplay_button, Qt.MouseButton.LeftButton)
    assert bar.autoplay_button.isChecked()
    play_near_the_end(shown, 0)

    shown.qtbot.waitUntil(
        lambda: player.item is not None and player.item.clip_index == 1, timeout=WAIT_MS
    )
    assert bar.now_playing.text() == "Neon Rain (take 2)"
    shown.qtbot.waitUntil(lambda: player.is_playing and player.position > 0, timeout=WAIT_MS)
    assert playing_labels(shown) == ["", "▶ Playing"]
    player.seek(LENGTH_MS - 400)
    shown.qtbot.waitUntil(lambda: player.item is None, timeout=WAIT_MS)  # no wrap to the first
    assert shown.window.layout_state()["autoplay_next"] == "1"  # remembered next time


def test_a_paused_clip_says_paused_on_its_card(windows: WindowsOn) -> None:
    shown = finished_duo(windows)
    player = shown.window.player
    shown.qtbot.mouseClick(shown.window.detail.cards[0].play_button, Qt.MouseButton.LeftButton)
    shown.qtbot.waitUntil(lambda: player.is_playing, timeout=WAIT_MS)
    with shown.qtbot.waitSignal(player.playing_changed, check_params_cb=lambda p: not p):
        player.toggle()
    assert playing_labels(shown) == ["❚❚ Paused", ""]
    with shown.qtbot.waitSignal(player.playing_changed, check_params_cb=bool):
        player.toggle()
    assert playing_labels(shown) == ["▶ Playing", ""]


def test_no_sound_output_is_said_in_the_window(windows: WindowsOn) -> None:
    # This machine has no sound card: QtMultimedia lists no output, as on the user's machine.
    shown = windows.open()
    bar = shown.window.player_bar
    assert shown.controller.clip_end.sound_outputs is not None
    assert not shown.controller.clip_end.sound_outputs.available
    assert bar.no_sound_label.isVisibleTo(bar)
    assert "No sound" in bar.no_sound_label.text()
    assert "no sound output" in bar.no_sound_label.toolTip()
    assert not bar.volume_slider.isVisibleTo(bar)


def test_a_sound_output_that_appears_brings_the_volume_back(qtbot) -> None:
    devices: list[object] = []
    outputs = SoundOutputs(lambda: devices)
    from gui.ui.player import Player

    player = Player()
    bar = PlayerBar(player)
    qtbot.addWidget(bar)
    outputs.changed.connect(bar.set_sound_output)
    bar.set_sound_output(outputs.available)
    assert bar.no_sound_label.isVisibleTo(bar)
    devices.append(object())  # a headset plugged in
    outputs.refresh()
    assert not bar.no_sound_label.isVisibleTo(bar) and bar.volume_slider.isVisibleTo(bar)


def play_buttons(shown: WindowUnderTest) -> list[str]:
    return [card.play_button.text() for card in shown.window.detail.cards]


def test_the_playing_cards_button_pauses_resumes_and_says_play_again_at_the_end(
    windows: WindowsOn, tmp_path: Path
) -> None:
    shown = finished_duo(windows)
    player, qtbot = shown.window.player, shown.qtbot
    assert play_buttons(shown) == ["▶ Play", "▶ Play"]
    qtbot.mouseClick(shown.window.detail.cards[0].play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: player.is_playing and player.position > 0, timeout=WAIT_MS)
    assert play_buttons(shown) == ["❚❚ Pause", "▶ Play"]
    shot_dir = Path(os.environ.get("TUNEWATCH_SHOT_DIR", tmp_path))
    shown.window.detail.grab().save(str(shot_dir / "clip-card-playing.png"))

    # The same button pauses that clip, and resumes it where it was (not from the start).
    qtbot.mouseClick(shown.window.detail.cards[0].play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not player.is_playing, timeout=WAIT_MS)
    assert player.item is not None and player.item.clip_index == 0
    assert play_buttons(shown) == ["▶ Resume", "▶ Play"]
    paused_at = player.position
    assert paused_at > 0
    qtbot.mouseClick(shown.window.detail.cards[0].play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: player.is_playing, timeout=WAIT_MS)
    assert player.position >= paused_at
    assert play_buttons(shown) == ["❚❚ Pause", "▶ Play"]

    player.seek(LENGTH_MS - 400)  # it plays to its end: the button is back to Play
    qtbot.waitUntil(lambda: player.item is None, timeout=WAIT_MS)
    assert play_buttons(shown) == ["▶ Play", "▶ Play"]
