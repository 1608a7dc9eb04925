"""The archive of finished tracks ("keep finished tracks"): every finished task's clips saved in
`<root>/<provider>/<task_id>/` by the same exporter as a user's export, so they stay playable
after the provider's links expire.

A small manifest per task folder (`manifest.json`, written atomically) maps each clip to its
files; saving again skips clips already saved (no download), and `local_audio` answers from it.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from gui.domain.model import Clip, TaskSnapshot
from gui.media.export_types import (
    ExportedClip,
    ExportError,
    ExportOptions,
    ExportProgress,
    ExportResult,
    Refresh,
)
from gui.media.exporter import export_snapshot
from gui.media.naming import safe_stem
from gui.storage.atomic import write_atomically
from gui.storage.settings import DEFAULT_FILENAME_TEMPLATE

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1


@dataclass(frozen=True, slots=True)
class SavedClip:
    key: str  # the clip id, or "<kind>:<stem or title>" for clips without one
    clip_id: str | None
    title: str | None
    media: Path | None  # the audio (video, image); None for lyrics-only results
    files: tuple[Path, ...]


def clip_key(clip: Clip) -> str:
    """How the manifest names a clip: links change between polls, this does not."""
    if clip.id:
        return clip.id
    return f"{clip.kind.value}:{clip.stem or clip.title or ''}"


class Library:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._locks: dict[tuple[str, str], asyncio.Lock] = {}

    def task_folder(self, provider: str, task_id: str) -> Path:
        return self.root / _folder_name(provider) / _folder_name(task_id)

    async def save(
        self,
        client: httpx.AsyncClient,
        snapshot: TaskSnapshot,
        *,
        allow_local: bool,
        refresh: Refresh | None = None,
        progress: ExportProgress | None = None,
        artist: str | None = None,
        album: str | None = None,
    ) -> ExportResult:
        """Save the clips not saved yet (all tagged, with cover, lyrics and sidecar).

        Returns what this call exported (nothing when everything was saved already). Raises
        ExportError like export_snapshot; clips saved before the error stay in the manifest.
        """
        key = (snapshot.provider, snapshot.task_id)
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:  # the auto-save and an Export click must not save one task twice
            folder = self.task_folder(snapshot.provider, snapshot.task_id)
            saved = self._read_manifest(folder)
            missing = [c for c in snapshot.clips if not _is_saved(folder, saved, c)]
            if not missing:
                return ExportResult(snapshot)
            options = ExportOptions(
                dest=folder, template=DEFAULT_FILENAME_TEMPLATE, artist=artist, album=album
            )
            try:
                result = await export_snapshot(
                    client,
                    snapshot,
                    options,
                    allow_local=allow_local,
                    refresh=refresh,
                    progress=progress,
                    clips=missing,
                )
            except ExportError as error:
                if error.partial is not None and error.partial.clips:
                    self._record(folder, snapshot, saved, error.partial.clips)
                raise
            if result.clips:
                self._record(folder, snapshot, saved, result.clips)
            return result

    def local_audio(self, provider: str, task_id: str, clip: Clip) -> Path | None:
        """The saved audio (or video) file of `clip`, if it is in the library."""
        folder = self.task_folder(provider, task_id)
        entry = self._read_manifest(folder).get(clip_key(clip))
        media = _media_path(folder, entry)
        return media if media is not None and media.is_file() else None

    def saved_clips(self, provider: str, task_id: str) -> tuple[SavedClip, ...]:
        folder = self.task_folder(provider, task_id)
        clips = []
        for key, entry in self._read_manifest(folder).items():
            files = tuple(p for p in (_inside(folder, n) for n in entry.get("files", ())) if p)
            if not files or not all(p.is_file() for p in files):
                continue  # deleted by hand: not saved any more
            clips.append(
                SavedClip(
                    key=key,
                    clip_id=entry.get("clip_id") if isinstance(entry.get("clip_id"), str) else None,
                    title=entry.get("title") if isinstance(entry.get("title"), str) else None,
                    media=_media_path(folder, entry),
                    files=files,
                )
            )
        return tuple(clips)

    # --- the manifest -------------------------------------------------------------------------

    def _read_manifest(self, folder: Path) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            log.warning("the library manifest in %s could not be read (%s)", folder, error)
            return {}
        clips = data.get("clips") if isinstance(data, dict) else None
        if not isinstance(clips, dict):
            return {}
        return {k: v for k, v in clips.items() if isinstance(k, str) and isinstance(v, dict)}

    def _record(
        self,
        folder: Path,
        snapshot: TaskSnapshot,
        saved: dict[str, dict[str, Any]],
        exported: tuple[ExportedClip, ...],
    ) -> None:
        clips = dict(saved)
        for item in exported:
            clips[clip_key(item.clip)] = {
                "clip_id": item.clip.id,
                "kind": item.clip.kind.value,
                "title": item.clip.title,
                "media": item.media.name if item.media else None,
                "files": [p.name for p in item.files],
            }
        body = {
            "version": MANIFEST_VERSION,
            "provider": snapshot.provider,
            "task_id": snapshot.task_id,
            "clips": clips,
        }
        text = json.dumps(body, indent=2, ensure_ascii=False) + "\n"
        write_atomically(folder / MANIFEST_NAME, text.encode("utf-8"))


def _is_saved(folder: Path, saved: dict[str, dict[str, Any]], clip: Clip) -> bool:
    entry = saved.get(clip_key(clip))
    if entry is None:
        return False
    names = entry.get("files")
    if not isinstance(names, list) or not names:
        return False
    paths = [_inside(folder, n) for n in names]
    return all(p is not None and p.is_file() for p in paths)


def _media_path(folder: Path, entry: dict[str, Any] | None) -> Path | None:
    if not entry:
        return None
    return _inside(folder, entry.get("media"))


def _inside(folder: Path, name: object) -> Path | None:
    """A manifest names files in its own folder only; anything else is ignored."""
    if not isinstance(name, str) or not name or name in (".", "..") or "/" in name:
        return None
    if "\\" in name or "\x00" in name:
        return None
    return folder / name


def _folder_name(text: str) -> str:
    """A folder name for a provider or task id; ids that needed changes get a short hash so that
    two different ids never share a folder."""
    safe = safe_stem(text)
    if safe == text:
        return safe
    digest = hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()[:10]
    return f"{safe[:100]}-{digest}"
