"""Export a task's clips to a folder: the audio (or video) as the provider made it, tagged, with
cover art, lyrics as .txt and a JSON sidecar.

This file is the per-clip writer: download, recognise the format, tag, and hand the group of files
to `export_files.place_group`. Media links are temporary: when one answers 403/404/410, `refresh`
(the caller re-polls the task) supplies a fresh link and the clip is tried once more before
LinkExpiredError. Beside it: `export_types` (options, results, errors), `export_plan` (which clips,
which link), `export_metadata` (tags and sidecar), `export_files` (names and placing).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from gui.domain.errors import ProviderError
from gui.domain.model import Clip, ClipKind, TaskSnapshot
from gui.domain.wording import QT_TRANSLATE_NOOP
from gui.media.download import (
    DownloadError,
    LinkUnavailableError,
    PartFile,
    download_to_part,
    fetch_bytes,
)
from gui.media.export_files import GroupMember, make_folder, place_group, write_problem
from gui.media.export_metadata import sidecar_bytes, track_tags
from gui.media.export_plan import has_content, match_clip, media_url, select_clips
from gui.media.export_types import (
    ExportedClip,
    ExportError,
    ExportOptions,
    ExportProgress,
    ExportResult,
    ExportWriteError,
    LinkExpiredError,
    Refresh,
    default_export_folder,
)
from gui.media.media_pool import MediaPool
from gui.media.naming import Template, clip_title, file_stem, parse_template, template_values
from gui.media.stale_parts import remove_stale_parts
from gui.media.tag_ahead import TagAhead, needs_tagging_after
from gui.media.tagging import (
    AUDIO_FORMATS,
    IMAGE_MIME,
    TAGGABLE_FORMATS,
    Cover,
    TaggingError,
    TrackTags,
    sniff_file,
    sniff_format,
    write_tags,
)
from gui.providers import PROVIDERS
from gui.storage.atomic import sync_folder

# What an export needs is importable from here too: it is the entry point.
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
    "export_snapshot",
]

MAX_EXPORTED_COVER_BYTES = 10 * 1024 * 1024  # the full-size cover kept beside a track

# What an export says about a clip (English; shown translated, see gui.domain.wording).
NOTHING_FINAL_YET = QT_TRANSLATE_NOOP("Problems", "{clip}: nothing final to export yet.")
CLIP_PROBLEM = QT_TRANSLATE_NOOP("Problems", "{clip}: {message}")
NO_FRESH_LINK = QT_TRANSLATE_NOOP(
    "Problems", "{clip}: the link has expired and a fresh one could not be fetched: {message}"
)
NO_LONGER_LISTED = QT_TRANSLATE_NOOP(
    "Problems", "{clip}: the link has expired and {provider} no longer lists this clip."
)
NO_COVER = QT_TRANSLATE_NOOP("Problems", "{clip}: no cover art ({message})")
COVER_NOT_IMAGE = QT_TRANSLATE_NOOP("Problems", "{clip}: the cover art link did not give an image.")
WEB_PAGE = QT_TRANSLATE_NOOP("Problems", "the media link gave a web page instead of a file.")
FORMAT_UNKNOWN = QT_TRANSLATE_NOOP(
    "Problems", "{clip}: the file's format was not recognised; saved as .{suffix}."
)
NOT_TAGGED = QT_TRANSLATE_NOOP("Problems", "{clip}: tags are not written into .{suffix} files.")
NOTHING_WITH_OPTIONS = QT_TRANSLATE_NOOP(
    "Problems", "{clip}: nothing to export with these options."
)
EXPIRED_CHECK_AGAIN = QT_TRANSLATE_NOOP(
    "Problems",
    "{clip}: the link has expired (HTTP {status}); check the task again for a fresh one.",
)
EXPIRED_TWICE = QT_TRANSLATE_NOOP(
    "Problems",
    "{clip}: the link has expired (HTTP {status}), and so has the fresh one {provider} gave.",
)

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
        make_folder(options.dest)
    except OSError as error:
        raise ExportWriteError(write_problem(options.dest, error), job.result()) from error
    remove_stale_parts(options.dest)  # what a killed export into this folder left behind
    try:
        async with MediaPool.for_client(client) as job.pool:
            for position, clip in select_clips(snapshot, clips):
                await job.export_clip(position, clip)
    finally:
        if any(exported.written for exported in job.done):
            # Each file was synced before its rename; this puts the renames on disk too, once
            # per export: what an export reported done survives a power cut.
            await asyncio.to_thread(sync_folder, options.dest)
    return job.result()


# --- one export ---------------------------------------------------------------------------------


class _Expired(Exception):
    """A link answered 403/404/410 on the first try: worth a fresh status check."""

    def __init__(self, cause: LinkUnavailableError) -> None:
        super().__init__(cause.message)
        self.cause = cause


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
    pool: MediaPool | None = None  # connections kept for this export (gui.media.media_pool)

    def result(self) -> ExportResult:
        return ExportResult(self.snapshot, tuple(self.done), tuple(self.warnings))

    async def export_clip(self, position: int, clip: Clip) -> None:
        # After a refresh for an earlier clip, later clips take their fresh links right away.
        clip = match_clip(self.snapshot, clip, position) or clip
        if not has_content(clip):
            self.warnings.append(NOTHING_FINAL_YET.format(clip=self._name(clip)))
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
            raise ExportError(
                CLIP_PROBLEM.format(clip=self._name(clip), message=failed.message), self.result()
            ) from failed
        except OSError as error:
            raise ExportWriteError(
                write_problem(self.options.dest, error), self.result()
            ) from error
        if exported is not None:
            self.done.append(exported)

    async def _fresh(self, position: int, clip: Clip, cause: LinkUnavailableError) -> Clip:
        assert self.refresh is not None
        try:
            fresh = await self.refresh()
        except ProviderError as error:
            raise LinkExpiredError(
                NO_FRESH_LINK.format(clip=self._name(clip), message=error.message),
                self.result(),
            ) from error
        self.snapshot = fresh
        match = match_clip(fresh, clip, position)
        if match is None or not has_content(match):
            raise LinkExpiredError(
                NO_LONGER_LISTED.format(clip=self._name(clip), provider=self._provider_name),
                self.result(),
            ) from cause
        return match

    async def _attempt(self, position: int, clip: Clip, *, may_retry: bool) -> ExportedClip | None:
        warnings: list[str] = []
        cover = await self._cover(clip, warnings, may_retry=may_retry)
        url = media_url(clip)
        if url is None:  # lyrics only
            members = self._companions(position, clip, None, cover, lyrics_required=True)
            return self._place(position, clip, None, members, warnings)
        tags = None
        if clip.kind is not ClipKind.IMAGE:
            tags = track_tags(self.snapshot, clip, self.options, self._provider_name, cover)
        ahead = TagAhead(tags) if tags is not None else None
        try:
            async with download_to_part(
                self.client,
                url,
                self.options.dest,
                allow_local=self.allow_local,
                label=file_stem(self.template, self._values(position, clip)),
                progress=self._progress_for(clip),
                head_hook=ahead,
                pool=self.pool,
                sync=False,  # place_group syncs it, with its companions, before the rename
            ) as part:
                media_format = self._media_format(part, clip, url, warnings)
                if tags is not None:
                    self._tag(part.path, media_format, clip, tags, ahead, warnings)
                members = [
                    GroupMember(media_format, part=part.path),
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
                self.client,
                clip.image_url,
                allow_local=self.allow_local,
                max_bytes=MAX_EXPORTED_COVER_BYTES,
                pool=self.pool,
            )
        except LinkUnavailableError as gone:
            if may_retry:
                raise _Expired(gone) from gone
            warnings.append(NO_COVER.format(clip=self._name(clip), message=gone.message))
            return None
        except DownloadError as failed:
            warnings.append(NO_COVER.format(clip=self._name(clip), message=failed.message))
            return None
        image_format = sniff_format(fetched.data[:64])
        if image_format not in IMAGE_MIME:
            warnings.append(COVER_NOT_IMAGE.format(clip=self._name(clip)))
            return None
        return Cover(fetched.data, image_format)

    def _media_format(self, part: PartFile, clip: Clip, url: str, warnings: list[str]) -> str:
        hint = _declared_format(clip, url)
        found = sniff_file(part.path, hint=hint)
        if found is not None:
            return found
        content_type = (part.content_type or "").split(";")[0].strip().lower()
        if content_type in ("text/html", "application/xhtml+xml"):
            raise DownloadError(WEB_PAGE)
        fallback = hint or _CONTENT_TYPE_FORMATS.get(content_type) or "bin"
        warnings.append(FORMAT_UNKNOWN.format(clip=self._name(clip), suffix=fallback))
        return fallback

    def _tag(
        self,
        path: Path,
        media_format: str,
        clip: Clip,
        tags: TrackTags,
        ahead: TagAhead | None,
        warnings: list[str],
    ) -> None:
        if media_format not in TAGGABLE_FORMATS:
            warnings.append(NOT_TAGGED.format(clip=self._name(clip), suffix=media_format))
            return
        if media_format == "mp3" and not needs_tagging_after(path, ahead):
            return  # tagged while it downloaded (gui.media.tag_ahead)
        try:
            write_tags(path, media_format, tags)  # synced with the rest in place_group
        except TaggingError as error:
            warnings.append(CLIP_PROBLEM.format(clip=self._name(clip), message=error.message))

    def _companions(
        self,
        position: int,
        clip: Clip,
        media_format: str | None,
        cover: Cover | None,
        *,
        lyrics_required: bool,
    ) -> list[GroupMember]:
        members: list[GroupMember] = []
        if cover is not None:
            members.append(GroupMember(cover.image_format, data=cover.data))
        if clip.lyrics and (self.options.include_lyrics or lyrics_required):
            members.append(
                GroupMember("txt", data=clip.lyrics.rstrip("\n").encode("utf-8") + b"\n")
            )
        if self.options.include_sidecar:
            sidecar = sidecar_bytes(
                self.snapshot, position, clip, media_format, self.options, self._provider_name
            )
            members.append(GroupMember("json", data=sidecar))
        return members

    def _place(
        self,
        position: int,
        clip: Clip,
        media_format: str | None,
        members: list[GroupMember],
        warnings: list[str],
    ) -> ExportedClip | None:
        if not members:
            self.warnings.append(NOTHING_WITH_OPTIONS.format(clip=self._name(clip)))
            return None
        stem = file_stem(self.template, self._values(position, clip))
        files, written = place_group(self.options.dest, stem, members)
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
            return EXPIRED_CHECK_AGAIN.format(clip=self._name(clip), status=gone.status)
        return EXPIRED_TWICE.format(
            clip=self._name(clip), status=gone.status, provider=self._provider_name
        )

    @property
    def _provider_name(self) -> str:
        provider = PROVIDERS.get(self.snapshot.provider)
        return provider.name if provider else self.snapshot.provider


def _declared_format(clip: Clip, url: str) -> str | None:
    if clip.kind is ClipKind.VIDEO:
        return "mp4"
    if clip.audio_format in _KNOWN_SUFFIXES:
        return clip.audio_format
    suffix = urlsplit(url).path.rsplit("/", 1)[-1].rpartition(".")[2].lower()
    return suffix if suffix in _KNOWN_SUFFIXES else None
