"""A task at one moment, in neutral terms the four wire formats render from.

Holds the pieces every format needs (phase, timestamps, clips with freshly signed media links,
the documented Producer result shapes) so each wire module stays a thin field mapping.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from gui.fake_provider.media import COVER_COUNT, DEMO_AUDIO_SECONDS, MediaKind, cover_index
from gui.fake_provider.timeline import (
    FAILURE_PHASES,
    Failure,
    MusicResult,
    PhaseName,
    PhaseState,
    TaskScript,
)

JsonObject = dict[str, object]
# (kind, name, extension) -> absolute signed URL on the media host
LinkMaker = Callable[[MediaKind, str, str], str]
_ASSET_NAMESPACE = uuid.UUID("5d8f0c36-4d39-4b52-9d0c-6c1f8f7a2e11")


def iso(unix: float) -> str:
    """ISO-8601 UTC with milliseconds and "Z", as MountSea and sunor write it."""
    text = datetime.fromtimestamp(unix, UTC).isoformat(timespec="milliseconds")
    return text.replace("+00:00", "Z")


@functools.lru_cache(maxsize=1 << 16)  # hashing per poll would dominate with thousands of tasks
def asset_id(task_id: str, label: str) -> str:
    """Stable, URL-safe id for something a task produced (task ids may hold any character)."""
    return str(uuid.uuid5(_ASSET_NAMESPACE, f"{task_id}\n{label}"))


@functools.lru_cache(maxsize=1 << 16)
def clip_id(task_id: str, index: int) -> str:
    """Id of a task's index-th clip, picked so that variations show different covers
    (the media host chooses a cover from the id alone)."""
    for salt in range(64):
        candidate = asset_id(task_id, f"clip-{index}-{salt}")
        if cover_index(candidate) == index % COVER_COUNT:
            return candidate
    return asset_id(task_id, f"clip-{index}")  # unreachable in practice (1 in 2**64)


@dataclass(frozen=True)
class ClipView:
    id: str
    title: str
    audio_url: str  # the /stream/ preview while streaming, the final /audio/ file once done
    image_url: str
    image_large_url: str
    video_url: str | None  # only once finished
    duration: float | None  # unknown while streaming
    tags: str
    prompt: str
    model: str
    final: bool


@dataclass(frozen=True)
class TaskView:
    task_id: str
    script: TaskScript
    state: PhaseState
    created_unix: float
    now_unix: float
    trace_id: str
    link: LinkMaker

    @property
    def phase(self) -> PhaseName:
        return self.state.name

    @property
    def finished_unix(self) -> float | None:
        return self.created_unix + self.state.started if self.state.terminal else None

    @property
    def failed(self) -> bool:
        return self.phase in FAILURE_PHASES

    @property
    def failure_reason(self) -> str:
        failure = self.script.failure
        if failure == Failure():  # nothing scripted: say what happened
            return {"timed_out": "Task timed out", "cancelled": "Task cancelled"}.get(
                self.phase, failure.reason
            )
        return failure.reason

    def wire_status(self, default: str) -> str:
        return self.state.phase.wire_status or default

    @property
    def music(self) -> MusicResult | None:
        result = self.script.result
        return result if isinstance(result, MusicResult) else None

    def clips(self) -> list[ClipView]:
        """Music clips visible now: previews while streaming, final files on success."""
        music = self.music
        if music is None or self.phase not in ("streaming", "succeeded"):
            return []
        final = self.phase == "succeeded"
        clips = []
        for index in range(music.clips):
            cid = clip_id(self.task_id, index)
            clips.append(
                ClipView(
                    id=cid,
                    title=music.title(index),
                    audio_url=self.link("audio" if final else "stream", cid, "mp3"),
                    image_url=self.link("image", cid, "jpg"),
                    image_large_url=self.link("image", f"{cid}_large", "jpg"),
                    video_url=self.link("video", cid, "mp4") if final else None,
                    duration=(music.duration or DEMO_AUDIO_SECONDS) if final else None,
                    tags=music.tags,
                    prompt=music.prompt,
                    model=music.model,
                    final=final,
                )
            )
        return clips

    def result_object(self) -> JsonObject:
        """The documented MountSea Producer `result` for this task's result kind."""
        result = self.script.result
        if result.kind == "music":
            first = clip_id(self.task_id, 0)
            return {
                "audioId": first,
                "audioUrl": self.link("audio", first, "mp3"),
                "duration": result.duration or DEMO_AUDIO_SECONDS,
                "title": result.title(0),
            }
        if result.kind == "stems":
            return {
                stem: self.link("audio", asset_id(self.task_id, f"stem-{stem}"), "wav")
                for stem in result.stems
            }
        if result.kind == "download":
            file_id = asset_id(self.task_id, "download")
            return {"url": self.link("audio", file_id, result.format), "format": result.format}
        if result.kind == "video":
            return {
                "preset": result.preset,
                "videoUrl": self.link("video", asset_id(self.task_id, "video"), "mp4"),
            }
        if result.kind == "upload":
            upload_id = asset_id(self.task_id, "upload")
            return {
                "id": upload_id,
                "url": self.link("audio", upload_id, "mp3"),
                "lyrics": result.lyrics,
                "isFlagged": result.is_flagged,
                "transcriptionJobId": asset_id(self.task_id, "transcription"),
            }
        return {"title": result.title, "text": result.text}
