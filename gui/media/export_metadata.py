"""What an exported clip says about itself: the tags written into the file and the JSON sidecar."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from gui.domain.model import Clip, TaskSnapshot
from gui.media.export_types import ExportOptions
from gui.media.naming import clip_title, local_date
from gui.media.tagging import CLIP_ID_TAG, MODEL_TAG, PROVIDER_TAG, TASK_ID_TAG, Cover, TrackTags

__all__ = ["SIDECAR_VERSION", "sidecar_bytes", "track_tags"]

SIDECAR_VERSION = 1


def track_tags(
    snapshot: TaskSnapshot,
    clip: Clip,
    options: ExportOptions,
    provider_name: str,
    cover: Cover | None,
) -> TrackTags:
    moment = snapshot.finished_at or snapshot.created_at
    custom = [(PROVIDER_TAG, snapshot.provider), (TASK_ID_TAG, snapshot.task_id)]
    if clip.id:
        custom.append((CLIP_ID_TAG, clip.id))
    if clip.model_name:
        custom.append((MODEL_TAG, clip.model_name))
    return TrackTags(
        title=clip_title(clip, snapshot),
        artist=options.artist or provider_name,
        album=options.album,
        date=local_date(moment) if moment else None,
        genre=clip.tags,
        lyrics=clip.lyrics if options.include_lyrics else None,
        cover=cover,
        custom=tuple(custom),
    )


def sidecar_bytes(
    snapshot: TaskSnapshot,
    position: int,
    clip: Clip,
    media_format: str | None,
    options: ExportOptions,
    provider_name: str,
) -> bytes:
    # Deterministic on purpose (no export time, no signed URLs): exporting the same clip
    # again yields the same bytes, so the files are reused instead of numbered.
    body: dict[str, Any] = {
        "tunewatch_sidecar": SIDECAR_VERSION,
        "provider": snapshot.provider,
        "provider_name": provider_name,
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
        "artist": options.artist or provider_name,
        "album": options.album,
        "created_at": _iso(snapshot.created_at),
        "finished_at": _iso(snapshot.finished_at),
    }
    return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None
