"""MountSea's Suno API: `GET /suno/v2/status?taskId=ID`, Bearer auth, no envelope."""

from __future__ import annotations

from typing import Any

from gui.domain.errors import BadPayloadError
from gui.domain.model import TaskError, TaskSnapshot
from gui.domain.states import TaskState
from gui.domain.wording import QT_TRANSLATE_NOOP
from gui.providers import fields
from gui.providers.base import NOT_A_JSON_OBJECT, PollPolicy, state_for
from gui.providers.mountsea_account import MountSeaProvider
from gui.providers.suno_clips import clips_from, has_only_previews

STATES = {
    "queued": TaskState.QUEUED,
    "ready": TaskState.QUEUED,
    "awaiting": TaskState.QUEUED,
    "running": TaskState.RUNNING,
    "stream": TaskState.STREAMING,
    "streaming": TaskState.STREAMING,
    "success": TaskState.SUCCEEDED,
    "complete": TaskState.SUCCEEDED,
    "completed": TaskState.SUCCEEDED,
    "failed": TaskState.FAILED,
    "error": TaskState.FAILED,
    "timeout": TaskState.TIMED_OUT,
}


class MountSeaSuno(MountSeaProvider):
    id = "mountsea-suno"
    name = "MountSea Suno"
    status_path = "/suno/v2/status"
    poll_policy = PollPolicy(
        first_delay=3, initial_interval=3, max_interval=30, backoff=1.5, give_up_after=30 * 60
    )
    link_lifetime_note = QT_TRANSLATE_NOOP(
        "Problems", "Suno CDN links are not documented to expire, but stream links end."
    )

    def parse_status_json(self, task_id: str, payload: Any) -> TaskSnapshot:
        if not isinstance(payload, dict):
            raise BadPayloadError(NOT_A_JSON_OBJECT.format(provider=self.name))
        word = fields.text(payload.get("status"), 64)
        state = state_for(self, word, STATES)
        # A finished music job's payload is undocumented: `data`, sometimes `result`.
        result = payload.get("data")
        if result in (None, {}, []):
            result = payload.get("result")
        if result in (None, {}, []) and isinstance(payload.get("clip"), dict):
            result = payload  # crop / fade answer with {status, action_clip_id, clip}
        clips = clips_from(result)
        if state is TaskState.SUCCEEDED and has_only_previews(clips):
            state = TaskState.STREAMING  # never call it finished while only previews exist
        elif state is TaskState.RUNNING and has_only_previews(clips):
            state = TaskState.STREAMING
        error = None
        if state.is_failure:
            error = TaskError(
                message=fields.text(payload.get("failReason"), 2000)
                or ("The task timed out." if state is TaskState.TIMED_OUT else "The task failed."),
                code=fields.code(payload.get("failCode")),
            )
        return TaskSnapshot(
            provider=self.id,
            task_id=task_id,
            state=state,
            provider_status=word,
            error=error,
            created_at=fields.timestamp(payload.get("createdAt")),
            finished_at=fields.timestamp(payload.get("finishAt") or payload.get("finishedAt")),
            clips=clips,
            raw=payload,
        )
