"""What Tunewatch knows about a task at one moment: a snapshot, its clips and its error."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from gui.domain.display_text import display_text
from gui.domain.states import TaskState
from gui.domain.wording import QT_TRANSLATE_NOOP

# The one title Tunewatch makes up (for stems); translated where shown (gui.ui.task_text).
STEMS_TITLE = QT_TRANSLATE_NOOP("Titles", "Stems: {names}")

# Suno's internal model names and the version a user recognises (crun's documentation).
MODEL_VERSIONS: dict[str, str] = {
    "chirp-fenix": "v5.5",
    "chirp-crow": "v5",
    "chirp-auk-turbo": "v4.5-all",
    "chirp-bluejay": "v4.5+",
    "chirp-auk": "v4.5",
    "chirp-v4": "v4",
    "chirp-v3-5": "v3.5",
    "chirp-v3": "v3",
}


def model_version(model_name: str | None) -> str | None:
    if not model_name:
        return None
    return MODEL_VERSIONS.get(model_name.strip().lower())


class ClipKind(StrEnum):
    SONG = "song"  # a generated (or uploaded / concatenated / converted) piece of audio
    STEM = "stem"  # one separated track of a song: vocals, drums, bass, other
    LYRICS = "lyrics"  # lyrics only, no audio
    VIDEO = "video"
    IMAGE = "image"


@dataclass(frozen=True, slots=True)
class Clip:
    kind: ClipKind = ClipKind.SONG
    id: str | None = None
    title: str | None = None
    audio_url: str | None = None  # the final file; None while only a preview exists
    stream_url: str | None = None  # a growing preview stream (Suno "stream" state)
    image_url: str | None = None  # the large cover when there is one
    video_url: str | None = None
    duration: float | None = None  # seconds
    tags: str | None = None
    lyrics: str | None = None  # lyrics, or the prompt when that is all there is
    model_name: str | None = None
    audio_format: str | None = None  # "mp3", "wav", "m4a" when the provider says so
    stem: str | None = None  # for ClipKind.STEM: which part

    def __post_init__(self) -> None:
        # One-line texts as they may be shown, however the clip was made (a payload, or a
        # ledger written before bidi characters were removed): gui/domain/display_text.py.
        # Lyrics are cleaned where a payload is read (gui.providers.fields); rescanning them
        # here would cost ~20 µs per clip at every load of the task list.
        for name in ("title", "tags", "stem"):
            _set_shown(self, name)

    @property
    def model_version(self) -> str | None:
        return model_version(self.model_name)

    @property
    def model_label(self) -> str | None:
        """`chirp-fenix (v5.5)`, or the bare name when its version is unknown."""
        if not self.model_name:
            return None
        version = self.model_version
        return f"{self.model_name} ({version})" if version else self.model_name

    @property
    def playable_url(self) -> str | None:
        return self.audio_url or self.stream_url

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "id": self.id,
            "title": self.title,
            "audio_url": self.audio_url,
            "stream_url": self.stream_url,
            "image_url": self.image_url,
            "video_url": self.video_url,
            "duration": self.duration,
            "tags": self.tags,
            "lyrics": self.lyrics,
            "model": self.model_name,
            "model_version": self.model_version,
            "format": self.audio_format,
            "stem": self.stem,
        }

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Clip:
        return cls(
            kind=ClipKind(obj.get("kind") or ClipKind.SONG),
            id=obj.get("id"),
            title=obj.get("title"),
            audio_url=obj.get("audio_url"),
            stream_url=obj.get("stream_url"),
            image_url=obj.get("image_url"),
            video_url=obj.get("video_url"),
            duration=obj.get("duration"),
            tags=obj.get("tags"),
            lyrics=obj.get("lyrics"),
            model_name=obj.get("model"),
            audio_format=obj.get("format"),
            stem=obj.get("stem"),
        )


class RawJson:
    """A response's raw JSON kept as text until someone reads it: the ledger loads 10 000
    tasks at start-up, and decoding every raw payload then was a quarter of that time."""

    __slots__ = ("_decoded", "_value", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._decoded = False
        self._value: Any = None

    @property
    def value(self) -> Any:
        if not self._decoded:
            self._value = json.loads(self.text)
            self._decoded = True
        return self._value

    def __eq__(self, other: object) -> bool:
        return bool(self.value == (other.value if isinstance(other, RawJson) else other))

    __hash__ = None  # type: ignore[assignment]  # mutable-looking like the dict it stands for

    def __repr__(self) -> str:
        return f"RawJson({len(self.text)} characters)"


def _set_shown(instance: object, name: str) -> None:
    value = getattr(instance, name)
    if type(value) is str and not value.isprintable():  # the usual case ends here, in C
        shown = display_text(value)
        if shown != value:
            object.__setattr__(instance, name, shown)  # frozen: only ever at construction


def raw_value(raw: Any) -> Any:
    """The decoded raw JSON, whether it is still text (RawJson) or already a value."""
    return raw.value if isinstance(raw, RawJson) else raw


@dataclass(frozen=True, slots=True)
class TaskError:
    """Why a task failed, as the provider put it; support asks for the code and trace id."""

    message: str
    code: str | None = None
    trace_id: str | None = None

    def __post_init__(self) -> None:
        _set_shown(self, "message")

    def to_json(self) -> dict[str, Any]:
        return {"message": self.message, "code": self.code, "trace_id": self.trace_id}

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> TaskError:
        return cls(
            message=obj.get("message") or "", code=obj.get("code"), trace_id=obj.get("trace_id")
        )


@dataclass(frozen=True, slots=True)
class TaskSnapshot:
    provider: str
    task_id: str
    state: TaskState
    provider_status: str | None
    progress: float | None = None  # 0..1, None when the provider gives none
    error: TaskError | None = None
    created_at: datetime | None = None
    finished_at: datetime | None = None
    clips: tuple[Clip, ...] = ()
    task_type: str | None = None  # "music", "lyrics", "stems", "upload", ... when known
    credits_refunded: bool | None = None  # sunor refunds failed and timed-out tasks
    raw: Any = field(default=None, compare=False, repr=False)  # the last response, as JSON

    @property
    def title(self) -> str | None:
        """The song's title; stems and conversions are named for what they are."""
        for clip in self.clips:
            if clip.title and clip.kind in (ClipKind.SONG, ClipKind.LYRICS):
                return clip.title
        if any(clip.kind is ClipKind.STEM for clip in self.clips):
            return STEMS_TITLE.format(names=", ".join(c.stem or c.title or "?" for c in self.clips))
        for clip in self.clips:
            if clip.title:
                return clip.title
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            "provider": self.provider,
            "task_id": self.task_id,
            "state": self.state.value,
            "provider_status": self.provider_status,
            "progress": self.progress,
            "error": self.error.to_json() if self.error else None,
            "created_at": _iso(self.created_at),
            "finished_at": _iso(self.finished_at),
            "task_type": self.task_type,
            "credits_refunded": self.credits_refunded,
            "clips": [clip.to_json() for clip in self.clips],
        }

    @classmethod
    def from_json(cls, obj: dict[str, Any], raw: Any = None) -> TaskSnapshot:
        error = obj.get("error")
        return cls(
            provider=obj["provider"],
            task_id=obj["task_id"],
            state=TaskState(obj["state"]),
            provider_status=obj.get("provider_status"),
            progress=obj.get("progress"),
            error=TaskError.from_json(error) if isinstance(error, dict) else None,
            created_at=_parse_iso(obj.get("created_at")),
            finished_at=_parse_iso(obj.get("finished_at")),
            clips=tuple(Clip.from_json(c) for c in obj.get("clips") or ()),
            task_type=obj.get("task_type"),
            credits_refunded=obj.get("credits_refunded"),
            raw=raw,
        )


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def _parse_iso(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
