"""MountSea Producer (Google Lyria 3 Pro): `GET /producer/tasks?taskId=ID`, Bearer auth."""

from __future__ import annotations

from typing import Any

from gui.domain.errors import BadPayloadError
from gui.domain.model import Clip, ClipKind, TaskError, TaskSnapshot
from gui.domain.states import TaskState
from gui.domain.wording import QT_TRANSLATE_NOOP
from gui.providers import fields
from gui.providers.base import (
    NOT_A_JSON_OBJECT,
    TASK_CANCELLED,
    TASK_FAILED,
    TASK_TIMED_OUT,
    PollPolicy,
    state_for,
)
from gui.providers.mountsea_account import MountSeaProvider

STATES = {
    "pending": TaskState.QUEUED,
    "ready": TaskState.QUEUED,
    "assigned": TaskState.QUEUED,
    "processing": TaskState.RUNNING,
    "running": TaskState.RUNNING,
    "completed": TaskState.SUCCEEDED,
    "success": TaskState.SUCCEEDED,
    "failed": TaskState.FAILED,
    "cancelled": TaskState.CANCELLED,
    "canceled": TaskState.CANCELLED,
    "timeout": TaskState.TIMED_OUT,
}

STEM_NAMES = ("vocals", "drums", "bass", "other", "instrumental", "piano", "guitar")


class MountSeaProducer(MountSeaProvider):
    id = "mountsea-producer"
    name = "MountSea Producer"
    status_path = "/producer/tasks"
    poll_policy = PollPolicy(
        first_delay=4, initial_interval=4, max_interval=30, backoff=1.5, give_up_after=30 * 60
    )
    link_lifetime_note = QT_TRANSLATE_NOOP(
        "Problems", "Producer download links are temporary: save them promptly."
    )

    def parse_status_json(self, task_id: str, payload: Any) -> TaskSnapshot:
        if not isinstance(payload, dict):
            raise BadPayloadError(NOT_A_JSON_OBJECT.format(provider=self.name))
        word = fields.text(payload.get("status"), 64)
        state = state_for(self, word, STATES)
        task_type, clips = _result_clips(payload.get("result"))
        error = None
        if state.is_failure:
            fallback = {
                TaskState.TIMED_OUT: TASK_TIMED_OUT,
                TaskState.CANCELLED: TASK_CANCELLED,
            }.get(state, TASK_FAILED)
            error = TaskError(
                message=fields.text(payload.get("errorMessage"), 2000) or fallback,
                code=fields.code(payload.get("errorCode")),
                trace_id=fields.text(payload.get("traceId"), 128),
            )
        return TaskSnapshot(
            provider=self.id,
            task_id=task_id,
            state=state,
            provider_status=word,
            error=error,
            created_at=fields.timestamp(payload.get("createdAt")),
            finished_at=fields.timestamp(payload.get("finishedAt") or payload.get("finishAt")),
            clips=clips,
            task_type=task_type,
            raw=payload,
        )


def _result_clips(value: Any) -> tuple[str | None, tuple[Clip, ...]]:
    """Producer's `result` depends on the job; recognise each documented shape by its keys."""
    if isinstance(value, list):  # not documented, but be tolerant: several songs
        songs = [_song(fields.obj(item)) for item in value[:50]]
        return "music", tuple(s for s in songs if s is not None)
    result = fields.obj(value)
    if not result:
        return None, ()
    stems = [
        Clip(
            kind=ClipKind.STEM,
            title=name.capitalize(),
            audio_url=link,
            audio_format="wav",
            stem=name,
        )
        for name in STEM_NAMES
        if (link := fields.url(result.get(name)))
    ]
    if stems:
        return "stems", tuple(stems)
    video = fields.url(fields.pick(result, "videoUrl", "video_url"))
    if video:
        preset = fields.text(result.get("preset"), 64)
        title = f"Video ({preset})" if preset else "Video"
        return "video", (Clip(kind=ClipKind.VIDEO, title=title, video_url=video),)
    if "format" in result and fields.url(result.get("url")):
        fmt = (fields.text(result.get("format"), 8) or "m4a").lower()
        if fmt not in ("mp3", "m4a", "wav", "flac", "ogg"):
            fmt = _format_of(fields.url(result.get("url"))) or "m4a"  # never trust it as a suffix
        return "download", (
            Clip(
                title=f"{fmt.upper()} download",
                audio_url=fields.url(result.get("url")),
                audio_format=fmt,
            ),
        )
    if "transcriptionJobId" in result or "isFlagged" in result:
        upload = Clip(
            id=fields.text(result.get("id"), 128),
            title="Uploaded audio",
            audio_url=fields.url(result.get("url")),
            lyrics=fields.long_text(result.get("lyrics")),
        )
        return "upload", (upload,)
    song = _song(result)
    return ("music", (song,)) if song else (None, ())


def _song(result: dict[str, Any]) -> Clip | None:
    audio = fields.url(fields.pick(result, "audioUrl", "audio_url", "url"))
    clip = Clip(
        id=fields.text(fields.pick(result, "audioId", "audio_id", "id"), 128),
        title=fields.text(result.get("title")),
        audio_url=audio,
        image_url=fields.url(fields.pick(result, "imageUrl", "image_url", "coverUrl")),
        duration=fields.duration(result.get("duration")),
        lyrics=fields.long_text(fields.pick(result, "lyrics", "prompt")),
        tags=fields.tags(fields.pick(result, "tags", "style")),
        model_name="lyria-3-pro",
        audio_format=_format_of(audio),
    )
    return clip if (clip.audio_url or clip.id or clip.title) else None


def _format_of(link: str | None) -> str | None:
    if not link:
        return None
    suffix = link.split("?", 1)[0].rsplit(".", 1)[-1].lower()
    return suffix if suffix in ("mp3", "wav", "m4a", "flac", "ogg") else None
