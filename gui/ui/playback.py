"""What to play: a clip's local copy when there is one, else its final file, else its preview;
previous/next within the task; compare variations at the same position; swap a preview for
the final file without losing the place."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject

from gui.domain.events import EngineEvent, TaskUpdated
from gui.domain.model import Clip, ClipKind
from gui.domain.tracked_task import TrackedTask
from gui.i18n import translate
from gui.ui.playback_gate import PlaybackGate
from gui.ui.player import Player, PlayItem

LocalCopy = Callable[[TrackedTask, Clip], Path | None]


def playable_clips(task: TrackedTask) -> list[tuple[int, Clip]]:
    if task.snapshot is None:
        return []
    return [
        (index, clip)
        for index, clip in enumerate(task.snapshot.clips)
        if clip.playable_url and clip.kind in (ClipKind.SONG, ClipKind.STEM)
    ]


def play_item(task: TrackedTask, index: int, clip: Clip, local: Path | None) -> PlayItem | None:
    title = clip.title or clip.stem or clip.id or translate("Playback", "Untitled")
    if local is not None:
        source, preview, is_local = str(local), False, True
    elif clip.audio_url:
        source, preview, is_local = clip.audio_url, False, False
    elif clip.stream_url:
        source, preview, is_local = clip.stream_url, True, False
    else:
        return None
    return PlayItem(task.provider, task.task_id, index, clip.id, title, source, preview, is_local)


class Playback(QObject):
    def __init__(
        self,
        player: Player,
        get_task: Callable[[tuple[str, str]], TrackedTask | None],
        local_copy: LocalCopy,
        gate: PlaybackGate,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.player = player
        self._get_task = get_task
        self._local_copy = local_copy
        self._gate = gate  # every web link passes the media gate before the player gets it

    def play(self, task: TrackedTask, clip: Clip, start_ms: int = 0) -> None:
        index = _index_of(task, clip)
        item = play_item(task, index, clip, self._local_copy(task, clip))
        if item is None:
            self.player.error.emit(
                self.tr("“{title}” has no audio to play yet.").format(
                    title=clip.title or self.tr("This clip")
                )
            )
            return
        self._gate.admit(item, lambda admitted: self.player.play(admitted, start_ms), self._refused)

    def _refused(self, item: PlayItem, reason: str) -> None:
        self.player.error.emit(
            self.tr("“{title}” is not played. {reason}").format(title=item.title, reason=reason)
        )

    def step(self, offset: int) -> None:
        """Previous (-1) or next (+1) clip of the task that is playing."""
        item = self.player.item
        task = self._get_task(item.task_key) if item else None
        if item is None or task is None:
            return
        clips = playable_clips(task)
        positions = [index for index, _clip in clips]
        if item.clip_index not in positions:
            return
        target = clips[(positions.index(item.clip_index) + offset) % len(clips)]
        self.play(task, target[1])

    def compare(self) -> None:
        """Play the other variation from the same position (A/B)."""
        item = self.player.item
        if item is None:
            return
        position = self.player.position
        task = self._get_task(item.task_key)
        if task is None:
            return
        songs = [(i, c) for i, c in playable_clips(task) if c.kind is ClipKind.SONG]
        others = [(i, c) for i, c in songs if i != item.clip_index]
        if others:
            after = [pair for pair in others if pair[0] > item.clip_index] or others
            self.play(task, after[0][1], start_ms=position)

    def can_compare(self) -> bool:
        item = self.player.item
        task = self._get_task(item.task_key) if item else None
        if task is None:
            return False
        return sum(1 for _i, c in playable_clips(task) if c.kind is ClipKind.SONG) > 1

    def on_engine_event(self, event: EngineEvent) -> None:
        """A preview is playing and the final file has arrived: swap, keep the place."""
        item = self.player.item
        if item is None or not item.is_preview or not isinstance(event, TaskUpdated):
            return
        task = event.task
        if task.key != item.task_key or task.snapshot is None:
            return
        clips = task.snapshot.clips
        clip = next((c for c in clips if item.clip_id and c.id == item.clip_id), None)
        if clip is None and 0 <= item.clip_index < len(clips):
            clip = clips[item.clip_index]
        if clip is not None and clip.audio_url:
            final = play_item(task, item.clip_index, clip, self._local_copy(task, clip))
            if final is not None:
                self._gate.admit(final, self.player.swap_source, self._refused)


def _index_of(task: TrackedTask, clip: Clip) -> int:
    clips = task.snapshot.clips if task.snapshot else ()
    for index, candidate in enumerate(clips):
        if candidate == clip or (clip.id and candidate.id == clip.id):
            return index
    return 0
