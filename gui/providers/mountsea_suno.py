"""MountSea's Suno API: `GET /suno/v2/status?taskId=ID`, Bearer auth, no envelope."""

from __future__ import annotations

from typing import Any

from gui.core.errors import BadPayloadError
from gui.core.model import TaskError, TaskSnapshot
from gui.core.states import TaskState
from gui.core.urls import is_loopback_host
from gui.providers import fields
from gui.providers.base import Balance, HttpRequest, PollPolicy, Provider, state_for
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

# MountSea's account API lives on its own host (shared by the Suno and Producer APIs).
MOUNTSEA_CREDITS_URL = "https://dk.mountsea.ai/api-user/credits"


def mountsea_balance_request(base_url: str, api_key: str) -> HttpRequest:
    # The real credits endpoint is on dk.mountsea.ai; a loopback base URL (the fake server, the
    # demo) serves it itself, so a test never leaves the machine.
    host = base_url.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0]
    url = f"{base_url}/api-user/credits" if is_loopback_host(host) else MOUNTSEA_CREDITS_URL
    return HttpRequest("GET", url, {"X-API-Key": api_key, "Accept": "application/json"})


def mountsea_parse_balance(payload: Any) -> Balance:
    credits = fields.number(fields.obj(payload).get("credits"))
    if credits is None:
        raise BadPayloadError("MountSea sent no credit balance.")
    return Balance(credits)


class MountSeaSuno(Provider):
    id = "mountsea-suno"
    name = "MountSea Suno"
    account = "mountsea"
    default_base_url = "https://api.mountsea.ai"
    poll_policy = PollPolicy(
        first_delay=3, initial_interval=3, max_interval=30, backoff=1.5, give_up_after=30 * 60
    )
    link_lifetime_note = "Suno CDN links are not documented to expire, but stream links end."

    def status_request(self, base_url: str, task_id: str, api_key: str) -> HttpRequest:
        return HttpRequest(
            "GET",
            f"{base_url}/suno/v2/status",
            {"Authorization": f"Bearer {api_key}", "Accept": "application/json"},
            {"taskId": task_id},
        )

    def parse_status_json(self, task_id: str, payload: Any) -> TaskSnapshot:
        if not isinstance(payload, dict):
            raise BadPayloadError(f"{self.name} sent a status that is not a JSON object.")
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

    def balance_request(self, base_url: str, api_key: str) -> HttpRequest:
        return mountsea_balance_request(base_url, api_key)

    def parse_balance_json(self, payload: Any) -> Balance:
        return mountsea_parse_balance(payload)
