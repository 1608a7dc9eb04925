"""Without QtMultimedia (a broken install, a missing libpulse) the app still runs: the player
says playback is unavailable instead of failing. Run in a subprocess, where the module can be
made unimportable without disturbing the rest of the suite."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = """
import sys
sys.modules["PySide6.QtMultimedia"] = None  # any import of it now raises ImportError
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gui.ui.player import Player, PlayItem
from gui.ui.player_bar import PlayerBar
player = Player()
said = []
player.error.connect(said.append)
player.play(PlayItem("sunor", "t", 0, "c", "Song", "http://127.0.0.1:9/x.mp3"))
bar = PlayerBar(player)
print(player.available, bar.isEnabled(), bar.now_playing.text())
print(said[0])
"""


def test_the_player_degrades_to_a_plain_message_without_qtmultimedia() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, env=env
    )
    assert result.returncode == 0, result.stderr[-800:]
    first, second = result.stdout.strip().splitlines()
    assert first.startswith("False False Playback is unavailable")
    assert second.startswith("Playback is unavailable: QtMultimedia could not be loaded")
