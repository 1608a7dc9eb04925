"""sunor.cc: `GET /api/v1/task/{ID}`, envelope {code, data}, progress as "NN%"."""

from __future__ import annotations

import math
from typing import Literal

from gui.fake_provider.http import Reply, json_reply
from gui.fake_provider.views import JsonObject, TaskView, iso
from gui.fake_provider.wire.base import number

STATUS_WORDS = {
    "queued": "pending",
    "running": "running",
    "streaming": "running",  # sunor shows no partial audio
    "succeeded": "success",
    "failed": "failure",
    "cancelled": "failure",
    "timed_out": "timeout",
}
_MESSAGES = {
    400: "Bad request",
    401: "Invalid API key",
    402: "Insufficient credits",
    404: "Task not found",
    405: "Method not allowed",
    429: "Rate limit exceeded",
    500: "Internal server error",
    502: "Upstream provider returned an error",
}


class SunorAccount:
    name: Literal["sunor"] = "sunor"

    def error(self, status: int, message: str | None = None, *, in_body: bool = False) -> Reply:
        return json_reply(status, {"code": status, "message": message or _MESSAGES.get(status)})

    def unknown_task(self) -> Reply:
        return self.error(404)

    def balance(self, amount: float) -> JsonObject:
        value = number(amount)
        return {"code": 200, "data": {"available": value, "frozen": 0, "total": value}}


def rate_limited_message(retry_after: float) -> str:
    return f"Rate limit exceeded. Try again in {math.ceil(retry_after)} seconds."


class Sunor:
    provider_id: Literal["sunor"] = "sunor"

    def status(self, view: TaskView) -> JsonObject:
        finished = view.finished_unix
        result = view.script.result
        reason = view.failure_reason if view.failed else None
        return {
            "code": 200,
            "data": {
                "task_id": view.task_id,
                "model": "suno",
                "type": result.kind,
                "status": view.wire_status(STATUS_WORDS[view.phase]),
                "credits_cost": 10 if result.kind == "music" else 2,
                "input": self._input(view),
                "output": self._output(view, reason),
                "error": reason,
                "created_at": iso(view.created_unix),
                "completed_at": iso(finished) if finished is not None else None,
            },
        }

    def _input(self, view: TaskView) -> JsonObject:
        result = view.script.result
        if result.kind == "music":
            return {
                "gpt_description_prompt": result.prompt or result.title(0),
                "make_instrumental": False,
            }
        if result.kind == "lyrics":
            return {"prompt": result.title}
        return {}

    def _output(self, view: TaskView, reason: str | None) -> JsonObject | None:
        kind = view.script.result.kind
        if view.phase == "queued":
            return None  # "output (null while nothing is ready)"
        if view.failed:
            status, progress, result = "failed", None, None
        elif view.phase == "succeeded":
            status, progress, result = "completed", "100%", self._result(view)
        else:
            # Never "100%" before success: a client must not take progress for completion.
            status, progress = "processing", f"{min(99, int(view.state.progress * 100))}%"
            result = None
        return {
            "task_type": kind,
            "status": status,
            "progress": progress,
            "fail_reason": reason,
            "result": result,
        }

    def _result(self, view: TaskView) -> object:
        result = view.script.result
        if result.kind == "music":
            return [
                {
                    "id": clip.id,
                    "audio_url": clip.audio_url,
                    "image_url": clip.image_url,
                    "title": clip.title,
                    "metadata": {
                        "duration": number(clip.duration) if clip.duration is not None else None,
                        "tags": clip.tags,
                        "prompt": clip.prompt,
                    },
                }
                for clip in view.clips()
            ]
        if result.kind == "lyrics":
            return {"title": result.title, "text": result.text}
        shape = view.result_object()
        if result.kind == "upload":
            return {"id": shape["id"], "audio_url": shape["url"]}
        return shape
