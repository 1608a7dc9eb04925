"""MountSea Suno: `GET /suno/v2/status?taskId=ID`, top-level object, Suno clip list in `data`."""

from __future__ import annotations

from typing import Literal

from gui.fake_provider.views import ClipView, JsonObject, TaskView, iso
from gui.fake_provider.wire.base import number

STATUS_WORDS = {
    "queued": "queued",
    "running": "running",
    "streaming": "stream",
    "succeeded": "success",
    "failed": "failed",
    "cancelled": "failed",  # Suno has no cancelled status
    "timed_out": "timeout",
}
DEFAULT_FAIL_CODE = 5000


def clip_object(clip: ClipView, created_at: str) -> JsonObject:
    return {
        "id": clip.id,
        "title": clip.title,
        "audio_url": clip.audio_url,
        "image_url": clip.image_url,
        "image_large_url": clip.image_large_url,
        "video_url": clip.video_url or "",
        "model_name": clip.model,
        "status": "complete" if clip.final else "streaming",
        "created_at": created_at,
        "metadata": {
            "duration": number(clip.duration) if clip.duration is not None else None,
            "tags": clip.tags,
            "prompt": clip.prompt,
        },
    }


class MountSeaSuno:
    provider_id: Literal["mountsea-suno"] = "mountsea-suno"

    def status(self, view: TaskView) -> JsonObject:
        finished = view.finished_unix
        created = iso(view.created_unix)
        data: object = {}
        if view.music is not None:
            clips = view.clips()
            if clips:
                data = [clip_object(clip, created) for clip in clips]
        elif view.phase == "succeeded":
            data = view.result_object()
        failure = view.script.failure
        return {
            "taskId": view.task_id,
            "status": view.wire_status(STATUS_WORDS[view.phase]),
            "createdAt": created,
            "finishAt": iso(finished) if finished is not None else None,
            "failReason": view.failure_reason if view.failed else None,
            "failCode": (failure.code or DEFAULT_FAIL_CODE) if view.failed else None,
            "data": data,
        }
