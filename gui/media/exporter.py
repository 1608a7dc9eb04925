"""Export a task's clips to a folder: the audio (or video) as the provider made it, tagged, with
cover art, lyrics as .txt and a JSON sidecar.

Each clip's files share one name from the user's template. A name already taken by the same
content is reused (exporting twice writes nothing new); taken by something else, the clip gets
" (2)", " (3)", ... Every file is complete before it appears under its final name.

Media links are temporary: when one answers 403/404/410, `refresh` (the caller re-polls the
task) supplies a fresh link and the clip is tried once more before LinkExpiredError.
"""

from __future__ import annotations

import filecmp
import json
import os
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import platformdirs

from gui.domain.errors import ProviderError
from gui.domain.model import Clip, ClipKind, TaskSnapshot
from gui.media.download import (
    DownloadError,
    LinkUnavailableError,
    PartFile,
    download_to_part,
    fetch_bytes,
)
from gui.media.naming import (
    Template,
    clip_title,
    file_stem,
    inside,
    local_date,
    numbered,
    parse_template,
    template_values,
)
from gui.media.tagging import (
    AUDIO_FORMATS,
    CLIP_ID_TAG,
    IMAGE_MIME,
    MODEL_TAG,
    PROVIDER_TAG,
    TAGGABLE_FORMATS,
    TASK_ID_TAG,
    Cover,
    TaggingError,
    TrackTags,
    sniff_file,
    sniff_format,
    write_tags,
)
from gui.providers import PROVIDERS
from gui.storage.atomic import write_atomically
from gui.storage.settings import DEFAULT_FILENAME_TEMPLATE

MAX_COVER_BYTES = 10 * 1024 * 1024
MAX_NUMBERED_NAMES = 9999
SIDECAR_VERSION = 1

Refresh = Callable[[], Awaitable[TaskSnapshot]]
ExportProgress = Callable[[Clip, int, int | None], None]  # clip, bytes so far, total or None
_CONTENT_TYPE_FORMATS = {
    "audio/mpeg": "mp3",
    "audio/mp3": "mp3",
    "audio/wav": "wav",
    "audio/x-wav": "wav",
    "audio/wave": "wav",
    "audio/mp4": "m4a",
    "audio/x-m4a": "m4a",
    "audio/flac": "flac",
    "audio/ogg": "ogg",
    "video/mp4": "mp4",
}
_KNOWN_SUFFIXES = (*AUDIO_FORMATS, "mp4", *IMAGE_MIME)


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


async def export_snapshot(
    client: httpx.AsyncClient,
    snapshot: TaskSnapshot,
    options: ExportOptions,
    *,
    allow_local: bool,
    refresh: Refresh | None = None,
    progress: ExportProgress | None = None,
    clips: Sequence[Clip] | None = None,
) -> ExportResult:
    """Export `clips` (default: all) of the task into `options.dest`.

    allow_local: media may come from loopback/private addresses (only when the provider's own
    base URL is local: the fake server, the demo). Raises ValueError for a bad template,
    ExportError (LinkExpiredError, ExportWriteError) when a clip cannot be exported.
    """
    template = parse_template(options.template)
    job = _Export(client, snapshot, options, template, allow_local, refresh, progress)
    try:
        _make_folder(options.dest)
    except OSError as error:
        raise ExportWriteError(_write_problem(options.dest, error), job.result()) from error
    for position, clip in _select(snapshot, clips):
        await job.export_clip(position, clip)
    return job.result()


# --- one export ---------------------------------------------------------------------------------


class _Expired(Exception):
    """A link answered 403/404/410 on the first try: worth a fresh status check."""

    def __init__(self, cause: LinkUnavailableError) -> None:
        super().__init__(cause.message)
        self.cause = cause


@dataclass
class _Member:
    """One file of a clip's group, before it is placed: bytes, or a finished part file."""

    extension: str
    data: bytes | None = None
    part: Path | None = None


@dataclass
class _Export:
    client: httpx.AsyncClient
    snapshot: TaskSnapshot
    options: ExportOptions
    template: Template
    allow_local: bool
    refresh: Refresh | None
    progress: ExportProgress | None
    done: list[ExportedClip] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def result(self) -> ExportResult:
        return ExportResult(self.snapshot, tuple(self.done), tuple(self.warnings))

    async def export_clip(self, position: int, clip: Clip) -> None:
        # After a refresh for an earlier clip, later clips take their fresh links right away.
        clip = _match(self.snapshot, clip, position) or clip
        if not _has_content(clip):
            self.warnings.append(f"{self._name(clip)}: nothing final to export yet.")
            return
        try:
            try:
                exported = await self._attempt(position, clip, may_retry=self.refresh is not None)
            except _Expired as expired:
                fresh_clip = await self._fresh(position, clip, expired.cause)
                exported = await self._attempt(position, fresh_clip, may_retry=False)
        except LinkUnavailableError as gone:
            raise LinkExpiredError(self._expired_message(clip, gone), self.result()) from gone
        except DownloadError as failed:
            raise ExportError(f"{self._name(clip)}: {failed.message}", self.result()) from failed
        except OSError as error:
            raise ExportWriteError(
                _write_problem(self.options.dest, error), self.result()
            ) from error
        if exported is not None:
            self.done.append(exported)

    async def _fresh(self, position: int, clip: Clip, cause: LinkUnavailableError) -> Clip:
        assert self.refresh is not None
        try:
            fresh = await self.refresh()
        except ProviderError as error:
            raise LinkExpiredError(
                f"{self._name(clip)}: the link has expired and a fresh one could not be "
                f"fetched: {error.message}",
                self.result(),
            ) from error
        self.snapshot = fresh
        match = _match(fresh, clip, position)
        if match is None or not _has_content(match):
            raise LinkExpiredError(
                f"{self._name(clip)}: the link has expired and {self._provider_name} no longer "
                "lists this clip.",
                self.result(),
            ) from cause
        return match

    async def _attempt(self, position: int, clip: Clip, *, may_retry: bool) -> ExportedClip | None:
        warnings: list[str] = []
        cover = await self._cover(clip, warnings, may_retry=may_retry)
        media_url = _media_url(clip)
        if media_url is None:  # lyrics only
            members = self._companions(position, clip, None, cover, lyrics_required=True)
            return self._place(position, clip, None, members, warnings)
        try:
            async with download_to_part(
                self.client,
                media_url,
                self.options.dest,
                allow_local=self.allow_local,
                label=file_stem(self.template, self._values(position, clip)),
                progress=self._progress_for(clip),
            ) as part:
                media_format = self._media_format(part, clip, media_url, warnings)
                if clip.kind is not ClipKind.IMAGE:
                    self._tag(part.path, media_format, clip, cover, warnings)
                members = [
                    _Member(media_format, part=part.path),
                    *self._companions(position, clip, media_format, cover, lyrics_required=False),
                ]
                return self._place(position, clip, media_format, members, warnings)
        except LinkUnavailableError as gone:
            if may_retry:
                raise _Expired(gone) from gone
            raise

    # --- pieces -------------------------------------------------------------------------------

    async def _cover(self, clip: Clip, warnings: list[str], *, may_retry: bool) -> Cover | None:
        if not (self.options.include_cover and clip.image_url and clip.kind is not ClipKind.IMAGE):
            return None
        try:
            fetched = await fetch_bytes(
                self.client, clip.image_url, allow_local=self.allow_local, max_bytes=MAX_COVER_BYTES
            )
        except LinkUnavailableError as gone:
            if may_retry:
                raise _Expired(gone) from gone
            warnings.append(f"{self._name(clip)}: no cover art ({gone.message})")
            return None
        except DownloadError as failed:
            warnings.append(f"{self._name(clip)}: no cover art ({failed.message})")
            return None
        image_format = sniff_format(fetched.data[:64])
        if image_format not in IMAGE_MIME:
            warnings.append(f"{self._name(clip)}: the cover art link did not give an image.")
            return None
        return Cover(fetched.data, image_format)

    def _media_format(self, part: PartFile, clip: Clip, url: str, warnings: list[str]) -> str:
        hint = _declared_format(clip, url)
        found = sniff_file(part.path, hint=hint)
        if found is not None:
            return found
        content_type = (part.content_type or "").split(";")[0].strip().lower()
        if content_type in ("text/html", "application/xhtml+xml"):
            raise DownloadError("the media link gave a web page instead of a file.")
        fallback = hint or _CONTENT_TYPE_FORMATS.get(content_type) or "bin"
        warnings.append(
            f"{self._name(clip)}: the file's format was not recognised; saved as .{fallback}."
        )
        return fallback

    def _tag(
        self,
        path: Path,
        media_format: str,
        clip: Clip,
        cover: Cover | None,
        warnings: list[str],
    ) -> None:
        if media_format not in TAGGABLE_FORMATS:
            warnings.append(f"{self._name(clip)}: tags are not written into .{media_format} files.")
            return
        try:
            write_tags(path, media_format, self._tags(clip, cover))
        except TaggingError as error:
            warnings.append(f"{self._name(clip)}: {error.message}")

    def _tags(self, clip: Clip, cover: Cover | None) -> TrackTags:
        moment = self.snapshot.finished_at or self.snapshot.created_at
        custom = [(PROVIDER_TAG, self.snapshot.provider), (TASK_ID_TAG, self.snapshot.task_id)]
        if clip.id:
            custom.append((CLIP_ID_TAG, clip.id))
        if clip.model_name:
            custom.append((MODEL_TAG, clip.model_name))
        return TrackTags(
            title=clip_title(clip, self.snapshot),
            artist=self.options.artist or self._provider_name,
            album=self.options.album,
            date=local_date(moment) if moment else None,
            genre=clip.tags,
            lyrics=clip.lyrics if self.options.include_lyrics else None,
            cover=cover,
            custom=tuple(custom),
        )

    def _companions(
        self,
        position: int,
        clip: Clip,
        media_format: str | None,
        cover: Cover | None,
        *,
        lyrics_required: bool,
    ) -> list[_Member]:
        members: list[_Member] = []
        if cover is not None:
            members.append(_Member(cover.image_format, data=cover.data))
        if clip.lyrics and (self.options.include_lyrics or lyrics_required):
            members.append(_Member("txt", data=clip.lyrics.rstrip("\n").encode("utf-8") + b"\n"))
        if self.options.include_sidecar:
            members.append(_Member("json", data=self._sidecar(position, clip, media_format)))
        return members

    def _sidecar(self, position: int, clip: Clip, media_format: str | None) -> bytes:
        # Deterministic on purpose (no export time, no signed URLs): exporting the same clip
        # again yields the same bytes, so the files are reused instead of numbered.
        snapshot = self.snapshot
        body: dict[str, Any] = {
            "tunewatch_sidecar": SIDECAR_VERSION,
            "provider": snapshot.provider,
            "provider_name": self._provider_name,
            "task_id": snapshot.task_id,
            "task_type": snapshot.task_type,
            "clip_id": clip.id,
            "position": position + 1,
            "kind": clip.kind.value,
            "title": clip_title(clip, snapshot),
            "model": clip.model_name,
            "model_version": clip.model_version,
            "tags": clip.tags,
            "prompt": clip.lyrics,  # the provider's lyrics, or the prompt when that is all
            "stem": clip.stem,
            "duration": clip.duration,
            "format": media_format,
            "artist": self.options.artist or self._provider_name,
            "album": self.options.album,
            "created_at": _iso(snapshot.created_at),
            "finished_at": _iso(snapshot.finished_at),
        }
        return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")

    def _place(
        self,
        position: int,
        clip: Clip,
        media_format: str | None,
        members: list[_Member],
        warnings: list[str],
    ) -> ExportedClip | None:
        if not members:
            self.warnings.append(f"{self._name(clip)}: nothing to export with these options.")
            return None
        stem = file_stem(self.template, self._values(position, clip))
        files, written = _place_group(self.options.dest, stem, members)
        return ExportedClip(
            clip=clip,
            position=position,
            media=files[0] if media_format is not None else None,
            media_format=media_format,
            files=tuple(files),
            written=tuple(written),
            warnings=tuple(warnings),
        )

    def _progress_for(self, clip: Clip) -> Callable[[int, int | None], None] | None:
        report = self.progress
        if report is None:
            return None
        return lambda done, total: report(clip, done, total)

    def _values(self, position: int, clip: Clip) -> dict[str, str]:
        return template_values(self.snapshot, clip, position)

    def _name(self, clip: Clip) -> str:
        return f"“{clip_title(clip, self.snapshot)}”"

    def _expired_message(self, clip: Clip, gone: LinkUnavailableError) -> str:
        if self.refresh is None:
            return (
                f"{self._name(clip)}: the link has expired (HTTP {gone.status}); check the task "
                "again for a fresh one."
            )
        return (
            f"{self._name(clip)}: the link has expired (HTTP {gone.status}), and so has the "
            f"fresh one {self._provider_name} gave."
        )

    @property
    def _provider_name(self) -> str:
        provider = PROVIDERS.get(self.snapshot.provider)
        return provider.name if provider else self.snapshot.provider


# --- helpers ------------------------------------------------------------------------------------


def _select(snapshot: TaskSnapshot, clips: Sequence[Clip] | None) -> list[tuple[int, Clip]]:
    if clips is None:
        return list(enumerate(snapshot.clips))
    chosen: list[tuple[int, Clip]] = []
    for clip in clips:
        position = next(
            (i for i, c in enumerate(snapshot.clips) if c == clip or (clip.id and c.id == clip.id)),
            None,
        )
        if position is None:
            raise ValueError(f"The clip {clip.title or clip.id!r} is not part of this task.")
        chosen.append((position, snapshot.clips[position]))
    return chosen


def _match(snapshot: TaskSnapshot, clip: Clip, position: int) -> Clip | None:
    """The same clip in a fresh snapshot: by id, else by position (links change, ids do not)."""
    if clip.id:
        return next((c for c in snapshot.clips if c.id == clip.id), None)
    if position < len(snapshot.clips) and snapshot.clips[position].kind is clip.kind:
        return snapshot.clips[position]
    return None


def _media_url(clip: Clip) -> str | None:
    if clip.kind is ClipKind.VIDEO:
        return clip.video_url
    if clip.kind is ClipKind.IMAGE:
        return clip.image_url
    if clip.kind is ClipKind.LYRICS:
        return None
    return clip.audio_url  # never the stream: a growing preview is not the final file


def _has_content(clip: Clip) -> bool:
    if _media_url(clip):
        return True
    if clip.stream_url:
        return False  # only a growing preview: the final file is not there yet
    return bool(clip.lyrics)  # lyrics-only results (or a song whose audio is gone): the words


def _declared_format(clip: Clip, url: str) -> str | None:
    if clip.kind is ClipKind.VIDEO:
        return "mp4"
    if clip.audio_format in _KNOWN_SUFFIXES:
        return clip.audio_format
    suffix = urlsplit(url).path.rsplit("/", 1)[-1].rpartition(".")[2].lower()
    return suffix if suffix in _KNOWN_SUFFIXES else None


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def _make_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)


def _place_group(folder: Path, stem: str, members: list[_Member]) -> tuple[list[Path], list[Path]]:
    """Give the group the first name free (or holding the same content) for all its files."""
    for number in range(1, MAX_NUMBERED_NAMES + 1):
        base = numbered(stem, number)
        targets = [inside(folder, f"{base}.{m.extension}") for m in members]
        verdicts = [
            _compare(target, member) for target, member in zip(targets, members, strict=True)
        ]
        if "different" not in verdicts:
            break
    else:
        raise FileExistsError(17, f"more than {MAX_NUMBERED_NAMES} files are named “{stem}”")
    written: list[Path] = []
    for target, member, verdict in zip(targets, members, verdicts, strict=True):
        if verdict == "same":
            continue
        if member.part is not None:
            os.replace(member.part, target)
        else:
            assert member.data is not None
            write_atomically(target, member.data)
        written.append(target)
    return targets, written


def _compare(target: Path, member: _Member) -> str:
    """ "free", "same" (identical content already there) or "different"."""
    if not target.exists() and not target.is_symlink():
        return "free"
    if not target.is_file():
        return "different"
    if member.part is not None:
        same = filecmp.cmp(member.part, target, shallow=False)
    else:
        assert member.data is not None
        same = target.stat().st_size == len(member.data) and target.read_bytes() == member.data
    return "same" if same else "different"


def _write_problem(folder: Path, error: OSError) -> str:
    reason = error.strerror or type(error).__name__
    return f"Could not write to {folder}: {reason}."
