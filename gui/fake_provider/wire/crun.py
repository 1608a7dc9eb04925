"""crun.ai: `GET /api/v1/client/job/TaskInfo?task_id=ID`, envelope {code, message, data}.

Its error code can sit inside an HTTP 200 (unknown task: 200 with code 422).
"""

from __future__ import annotations

from typing import Literal

from gui.fake_provider.http import Reply, json_reply
from gui.fake_provider.views import JsonObject, TaskView, iso
from gui.fake_provider.wire.base import gateway_html, number

STATUS_WORDS = {
    "queued": "pending",
    "running": "running",
    "streaming": "running",
    "succeeded": "success",
    "failed": "failed",
    "cancelled": "failed",
    "timed_out": "failed",
}
MODEL_VERSIONS = {
    "chirp-fenix": "sunov5.5",
    "chirp-crow": "sunov5",
    "chirp-auk-turbo": "sunov4.5-all",
    "chirp-bluejay": "sunov4.5+",
    "chirp-auk": "sunov4.5",
    "chirp-v4": "sunov4",
    "chirp-v3-5": "sunov3.5",
    "chirp-v3": "sunov3",
}
GENERATION_FAILED = 501
_MESSAGES = {
    400: "bad request",
    401: "Invalid API key",
    402: "insufficient credits",
    404: "task not found",
    405: "method not allowed",
    422: "task_id not found",
    429: "too many requests",
    455: "service under maintenance",
    500: "internal server error",
    502: "bad gateway",
}


class CrunAccount:
    name: Literal["crun"] = "crun"

    def error(self, status: int, message: str | None = None, *, in_body: bool = False) -> Reply:
        if status in (502, 503, 504) and not in_body:
            return gateway_html(status)
        body = {"code": status, "message": message or _MESSAGES.get(status, "error"), "data": None}
        return json_reply(200 if in_body else status, body)

    def unknown_task(self) -> Reply:
        return self.error(422, in_body=True)

    def balance(self, amount: float) -> JsonObject:
        return {"code": 200, "message": "success", "data": {"balance": number(amount)}}


class Crun:
    provider_id: Literal["crun"] = "crun"

    def status(self, view: TaskView) -> JsonObject:
        finished = view.finished_unix
        music = view.music
        model = music.model if music else "chirp-crow"
        return {
            "code": 200,
            "message": "success",
            "data": {
                "task_id": view.task_id,
                "provider": "Suno",
                "model_version": MODEL_VERSIONS.get(model, model),
                "status": view.wire_status(STATUS_WORDS[view.phase]),
                "param": {
                    "model": f"suno/{'music-generate' if music else view.script.result.kind}",
                    "callback_url": None,
                    "input": self._input(view),
                },
                "create_at": int(view.created_unix),
                "result": self._result(view),
                "duration_s": round(finished - view.created_unix, 1) if finished else None,
                "complete_at": int(finished) if finished is not None else None,
                "credits": 12 if view.phase == "succeeded" else 0,
                "source": "api",
            },
        }

    def _input(self, view: TaskView) -> JsonObject:
        music = view.music
        if music is None:
            return {}
        return {
            "mode": "custom",
            "model": MODEL_VERSIONS.get(music.model, "sunov5").removeprefix("suno"),
            "instrumental": False,
            "title": music.title(0),
            "tags": music.tags,
            "lyrics": music.prompt,
        }

    def _result(self, view: TaskView) -> JsonObject | None:
        if view.failed:
            code = view.script.failure.code or GENERATION_FAILED
            return {"code": code, "message": view.failure_reason}
        if view.phase != "succeeded":
            return None
        result = view.script.result
        if result.kind == "music":
            created = iso(view.created_unix)
            clips = view.clips()
            return {
                "suno_data": [
                    {
                        "suno_id": clip.id,
                        "title": clip.title,
                        "prompt": clip.prompt,
                        "tags": clip.tags,
                        "suno_audio_url": clip.audio_url,
                        "suno_image_url": clip.image_url,
                        "suno_image_large_url": clip.image_large_url,
                        "model_name": clip.model,
                        "duration": number(clip.duration) if clip.duration else None,
                        "created_at": created,
                    }
                    for clip in clips
                ],
                "media_urls": [clip.audio_url for clip in clips],
            }
        shape = view.result_object()
        if result.kind == "stems":
            return {"media_info": shape}  # vocal separation reports stems here
        if result.kind == "lyrics":
            return shape
        url = shape.get("url") or shape.get("videoUrl")
        return {"media_urls": [url] if url else []}
