"""MountSea Producer (Lyria 3 Pro): `GET /producer/tasks?taskId=ID`, result only once completed."""

from __future__ import annotations

from typing import Literal

from gui.fake_provider.views import JsonObject, TaskView, iso

STATUS_WORDS = {
    "queued": "pending",
    "running": "processing",
    "streaming": "processing",  # Producer has no partial audio
    "succeeded": "completed",
    "failed": "failed",
    "cancelled": "cancelled",
    "timed_out": "timeout",
}
DEFAULT_ERROR_CODE = 500


class MountSeaProducer:
    provider_id: Literal["mountsea-producer"] = "mountsea-producer"

    def status(self, view: TaskView) -> JsonObject:
        finished = view.finished_unix
        failure = view.script.failure
        return {
            "taskId": view.task_id,
            "status": view.wire_status(STATUS_WORDS[view.phase]),
            "result": view.result_object() if view.phase == "succeeded" else None,
            "errorMessage": view.failure_reason if view.failed else None,
            "errorCode": (failure.code or DEFAULT_ERROR_CODE) if view.failed else None,
            "finishedAt": iso(finished) if finished is not None else None,
            "createdAt": iso(view.created_unix),
            "traceId": failure.trace_id or view.trace_id,
        }
