"""sunor.cc: `GET /api/v1/task/{ID}` (the ID in the path), `x-api-key`, envelope {code, data}."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from gui.domain.errors import BadPayloadError
from gui.domain.model import Clip, ClipKind, TaskError, TaskSnapshot
from gui.domain.states import TaskState
from gui.domain.task_ids import validate_task_id
from gui.domain.wording import QT_TRANSLATE_NOOP
from gui.providers import fields
from gui.providers.base import (
    FROZEN_CREDITS,
    NO_BALANCE,
    NO_TASK_DATA,
    NOT_A_JSON_OBJECT,
    Balance,
    HttpRequest,
    PollPolicy,
    Provider,
    pick_message,
    state_for,
)
from gui.providers.suno_clips import clips_from, has_only_previews

STATES = {
    "pending": TaskState.QUEUED,
    "queued": TaskState.QUEUED,
    "running": TaskState.RUNNING,
    "processing": TaskState.RUNNING,
    "success": TaskState.SUCCEEDED,
    "completed": TaskState.SUCCEEDED,
    "failure": TaskState.FAILED,
    "failed": TaskState.FAILED,
    "timeout": TaskState.TIMED_OUT,
}


class Sunor(Provider):
    id = "sunor"
    name = "sunor.cc"
    account = "sunor"
    default_base_url = "https://sunor.cc"
    # ≤ 1 request/s per task, ≤ 120 status requests/min per key; 5–10 s advised.
    poll_policy = PollPolicy(
        first_delay=5,
        initial_interval=5,
        max_interval=30,
        backoff=1.3,
        give_up_after=30 * 60,
        requests_per_minute=120,
        min_task_interval=1.0,
    )
    link_lifetime_note = QT_TRANSLATE_NOOP(
        "Problems", "sunor.cc audio links expire after about 7 days."
    )

    def status_request(self, base_url: str, task_id: str, api_key: str) -> HttpRequest:
        # The ID is a path segment: validate it and percent-encode every reserved character so
        # that nothing like "../account/balance" can ever address another endpoint.
        segment = quote(validate_task_id(task_id), safe="")
        return HttpRequest(
            "GET",
            f"{base_url}/api/v1/task/{segment}",
            {"x-api-key": api_key, "Accept": "application/json"},
        )

    def parse_status_json(self, task_id: str, payload: Any) -> TaskSnapshot:
        envelope = fields.obj(payload)
        if not envelope:
            raise BadPayloadError(NOT_A_JSON_OBJECT.format(provider=self.name))
        code = fields.number(envelope.get("code"))
        if code is not None and code >= 400:  # the envelope repeats the HTTP status
            raise self.error_for(
                int(code), fields.text(pick_message(envelope)), code=str(int(code))
            )
        data = envelope.get("data")
        if not isinstance(data, dict):
            raise BadPayloadError(NO_TASK_DATA.format(provider=self.name))
        word = fields.text(data.get("status"), 64)
        state = state_for(self, word, STATES)
        output = fields.obj(data.get("output"))
        task_type = fields.text(data.get("type") or output.get("task_type"), 32)
        clips = _result_clips(task_type, output.get("result"))
        if state is TaskState.SUCCEEDED and has_only_previews(clips):
            state = TaskState.STREAMING
        error = None
        refunded = None
        if state.is_failure:
            error = TaskError(
                message=fields.text(data.get("error"), 2000)
                or fields.text(output.get("fail_reason"), 2000)
                or ("The task timed out." if state is TaskState.TIMED_OUT else "The task failed.")
            )
            refunded = True  # sunor refunds failed and timed-out tasks
        return TaskSnapshot(
            provider=self.id,
            task_id=task_id,
            state=state,
            provider_status=word,
            progress=fields.progress(output.get("progress")),
            error=error,
            created_at=fields.timestamp(data.get("created_at")),
            finished_at=fields.timestamp(data.get("completed_at")),
            clips=clips,
            task_type=task_type,
            credits_refunded=refunded,
            raw=payload,
        )

    def balance_request(self, base_url: str, api_key: str) -> HttpRequest:
        return HttpRequest(
            "GET",
            f"{base_url}/api/v1/account/balance",
            {"x-api-key": api_key, "Accept": "application/json"},
        )

    def parse_balance_json(self, payload: Any) -> Balance:
        data = fields.obj(fields.obj(payload).get("data"))
        available = fields.number(data.get("available"))
        if available is None:
            raise BadPayloadError(NO_BALANCE.format(provider=self.name))
        frozen = fields.number(data.get("frozen"))
        detail = FROZEN_CREDITS.format(amount=f"{frozen:g}") if frozen else None
        return Balance(available, detail=detail)


def _result_clips(task_type: str | None, result: Any) -> tuple[Clip, ...]:
    if task_type == "lyrics" or (
        isinstance(result, dict) and "text" in result and "audio_url" not in result
    ):
        body = fields.obj(result)
        lyrics = fields.long_text(body.get("text"))
        if not lyrics:
            return ()
        return (Clip(kind=ClipKind.LYRICS, title=fields.text(body.get("title")), lyrics=lyrics),)
    return clips_from(result)
