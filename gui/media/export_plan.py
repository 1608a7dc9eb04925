"""Which clips an export takes, which link each one is exported from, and whether it has
anything final yet. Pure functions of the snapshot."""

from __future__ import annotations

from collections.abc import Sequence

from gui.domain.model import Clip, ClipKind, TaskSnapshot
from gui.domain.wording import QT_TRANSLATE_NOOP

NOT_OF_THIS_TASK = QT_TRANSLATE_NOOP("Problems", "The clip {clip} is not part of this task.")

__all__ = ["has_content", "match_clip", "media_url", "select_clips"]


def select_clips(snapshot: TaskSnapshot, clips: Sequence[Clip] | None) -> list[tuple[int, Clip]]:
    """(position, clip) for `clips` (default: all of the task's); ValueError for a stranger."""
    if clips is None:
        return list(enumerate(snapshot.clips))
    chosen: list[tuple[int, Clip]] = []
    for clip in clips:
        position = next(
            (i for i, c in enumerate(snapshot.clips) if c == clip or (clip.id and c.id == clip.id)),
            None,
        )
        if position is None:
            raise ValueError(NOT_OF_THIS_TASK.format(clip=repr(clip.title or clip.id)))
        chosen.append((position, snapshot.clips[position]))
    return chosen


def match_clip(snapshot: TaskSnapshot, clip: Clip, position: int) -> Clip | None:
    """The same clip in a fresh snapshot: by id, else by position (links change, ids do not)."""
    if clip.id:
        return next((c for c in snapshot.clips if c.id == clip.id), None)
    if position < len(snapshot.clips) and snapshot.clips[position].kind is clip.kind:
        return snapshot.clips[position]
    return None


def media_url(clip: Clip) -> str | None:
    """The link of the clip's final file; None for lyrics-only results."""
    if clip.kind is ClipKind.VIDEO:
        return clip.video_url
    if clip.kind is ClipKind.IMAGE:
        return clip.image_url
    if clip.kind is ClipKind.LYRICS:
        return None
    return clip.audio_url  # never the stream: a growing preview is not the final file


def has_content(clip: Clip) -> bool:
    if media_url(clip):
        return True
    if clip.stream_url:
        return False  # only a growing preview: the final file is not there yet
    return bool(clip.lyrics)  # lyrics-only results (or a song whose audio is gone): the words
