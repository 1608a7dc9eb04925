"""What happens when a clip has played to its end: the player stops (so nothing claims to be
"Playing" any more), or — with "Autoplay next" on — the task's next result starts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from gui.domain.tracked_task import TrackedTask
from gui.ui.main_window import MainWindow
from gui.ui.playback import Playback, playable_clips
from gui.ui.player import Player, PlayItem
from gui.ui.sound_output import SoundOutputs


class ClipEnd(QObject):
    def __init__(
        self,
        player: Player,
        playback: Playback,
        get_task: Callable[[tuple[str, str]], TrackedTask | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.player = player
        self.playback = playback
        self._get_task = get_task
        self.autoplay_next = False
        self.sound_outputs: SoundOutputs | None = None
        player.ended.connect(self._ended)

    def set_autoplay_next(self, on: bool) -> None:
        self.autoplay_next = on

    def _ended(self, item: PlayItem) -> None:
        # Not from inside QtMultimedia's status callback: act once it has returned.
        QTimer.singleShot(0, lambda: self._after_end(item))

    def _after_end(self, item: PlayItem) -> None:
        if self.player.item != item:
            return  # the user picked something else meanwhile
        task = self._get_task(item.task_key)
        following = [
            clip
            for index, clip in (playable_clips(task) if task is not None else [])
            if index > item.clip_index
        ]
        if self.autoplay_next and task is not None and following:
            self.playback.play(task, following[0])
            return
        self.player.stop()


def follow_player_state(
    window: MainWindow,
    playback: Playback,
    get_task: Callable[[tuple[str, str]], TrackedTask | None],
) -> ClipEnd:
    """Wire the window to what the player really does: the end of a clip (stop, or Autoplay
    next), a pause on the playing card, and whether there is any sound output at all."""
    player, bar = window.player, window.player_bar
    clip_end = ClipEnd(player, playback, get_task, window)
    bar.autoplay_button.toggled.connect(clip_end.set_autoplay_next)
    clip_end.set_autoplay_next(bar.autoplay_button.isChecked())
    player.playing_changed.connect(
        lambda playing: window.detail.set_paused(not playing and player.item is not None)
    )
    player.item_changed.connect(lambda _item: window.detail.set_paused(False))
    window.detail.toggle_requested.connect(player.toggle)  # the playing card's ❚❚ Pause / ▶ Resume
    if player.available:
        outputs = SoundOutputs(parent=clip_end)
        outputs.changed.connect(bar.set_sound_output)
        bar.set_sound_output(outputs.available)
        clip_end.sound_outputs = outputs
    return clip_end
