"""What an export is asked for and what it gives back: options, results, errors, callbacks."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from gui.domain.model import Clip, TaskSnapshot
from gui.storage.settings import DEFAULT_FILENAME_TEMPLATE

__all__ = [
    "ExportError",
    "ExportOptions",
    "ExportProgress",
    "ExportResult",
    "ExportWriteError",
    "ExportedClip",
    "LinkExpiredError",
    "Refresh",
    "default_export_folder",
]

Refresh = Callable[[], Awaitable[TaskSnapshot]]  # re-polls the task for fresh media links
ExportProgress = Callable[[Clip, int, int | None], None]  # clip, bytes so far, total or None


def default_export_folder() -> Path:
    """Where exports go unless the user chose a folder: Music/Tunewatch."""
    return Path(platformdirs.user_music_dir()) / "Tunewatch"


@dataclass(frozen=True, slots=True)
class ExportOptions:
    dest: Path
    template: str = DEFAULT_FILENAME_TEMPLATE
    artist: str | None = None  # None: the provider's name (e.g. "sunor.cc")
    album: str | None = None  # None: no album tag
    include_cover: bool = True  # a .jpg beside the audio and the picture inside it
    include_lyrics: bool = True  # a .txt beside the audio and the lyrics inside it
    include_sidecar: bool = True  # a .json with provider, ids, model, tags, prompt, dates


@dataclass(frozen=True, slots=True)
class ExportedClip:
    clip: Clip
    position: int  # index in the task's clips
    media: Path | None  # the audio, video or image; None for lyrics-only results
    media_format: str | None  # "mp3", "wav", "m4a", "mp4", ... as found in the file
    files: tuple[Path, ...]  # every file of this clip, media first
    written: tuple[Path, ...]  # the ones this export wrote (the rest were there already)
    warnings: tuple[str, ...] = ()

    @property
    def reused(self) -> tuple[Path, ...]:
        return tuple(p for p in self.files if p not in self.written)


@dataclass(frozen=True, slots=True)
class ExportResult:
    snapshot: TaskSnapshot  # the snapshot the files came from (the fresh one after a refresh)
    clips: tuple[ExportedClip, ...] = ()
    warnings: tuple[str, ...] = ()  # about the task as a whole (e.g. a clip with nothing final)

    @property
    def files(self) -> tuple[Path, ...]:
        return tuple(p for c in self.clips for p in c.files)

    @property
    def written(self) -> tuple[Path, ...]:
        return tuple(p for c in self.clips for p in c.written)

    @property
    def all_warnings(self) -> tuple[str, ...]:
        return self.warnings + tuple(w for c in self.clips for w in c.warnings)


class ExportError(Exception):
    """An export stopped; `message` is a sentence for the user and `partial` lists what was
    exported before it stopped."""

    def __init__(self, message: str, partial: ExportResult | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.partial = partial


class LinkExpiredError(ExportError):
    """The media link stayed expired (or unavailable) even after a fresh status check."""


class ExportWriteError(ExportError):
    """The destination could not be written: permissions, a full disk, a missing drive."""
