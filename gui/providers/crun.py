"""crun.ai: `GET /api/v1/client/job/TaskInfo?task_id=ID`, `x-api-key`, envelope {code, message,
data}. The envelope's `code` can carry an error inside an HTTP 200."""

from __future__ import annotations

from typing import Any

from gui.domain.errors import BadPayloadError, ProviderError, ServerError
from gui.domain.model import Clip, ClipKind, TaskError, TaskSnapshot
from gui.domain.states import TaskState
from gui.domain.urls import is_placeholder_audio
from gui.providers import fields
from gui.providers.base import (
    GENERATION_FAILED_TEXT,
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
from gui.providers.suno_clips import MAX_CLIPS, clips_from, has_only_previews

STATES = {
    "pending": TaskState.QUEUED,
    "queued": TaskState.QUEUED,
    "running": TaskState.RUNNING,
    "processing": TaskState.RUNNING,
    "success": TaskState.SUCCEEDED,
    "succeeded": TaskState.SUCCEEDED,
    "failed": TaskState.FAILED,
    "failure": TaskState.FAILED,
    "timeout": TaskState.TIMED_OUT,
    "cancelled": TaskState.CANCELLED,
}

GENERATION_FAILED = 501


class Crun(Provider):
    id = "crun"
    name = "crun.ai"
    account = "crun"
    default_base_url = "https://api.crun.ai"
    # 15–30 s, wait one interval before the first poll, give up after 15–20 min; ≤ 15 req/s.
    poll_policy = PollPolicy(
        first_delay=15,
        initial_interval=15,
        max_interval=30,
        backoff=1.25,
        give_up_after=20 * 60,
        requests_per_second=15,
        min_task_interval=1.0,
    )

    def status_request(self, base_url: str, task_id: str, api_key: str) -> HttpRequest:
        return HttpRequest(
            "GET",
            f"{base_url}/api/v1/client/job/TaskInfo",
            {"x-api-key": api_key, "Accept": "application/json"},
            {"task_id": task_id},
        )

    def parse_status_json(self, task_id: str, payload: Any) -> TaskSnapshot:
        envelope = fields.obj(payload)
        if not envelope:
            raise BadPayloadError(NOT_A_JSON_OBJECT.format(provider=self.name))
        code = fields.number(envelope.get("code"))
        data = envelope.get("data")
        message = fields.text(pick_message(envelope))
        if (
            code is not None
            and code != 200
            and not (code == GENERATION_FAILED and isinstance(data, dict))
        ):
            status = int(code)
            raise self.error_for(status, message, code=str(status))
        if not isinstance(data, dict):
            raise BadPayloadError(NO_TASK_DATA.format(provider=self.name))
        word = fields.text(data.get("status"), 64)
        state = state_for(self, word, STATES)
        if code == GENERATION_FAILED:
            state = TaskState.FAILED
        result = fields.obj(data.get("result"))
        clips = clips_from(result.get("suno_data")) if result.get("suno_data") is not None else ()
        task_type = "music" if clips else None
        if not clips:
            task_type, clips = _other_media(result)
        if state is TaskState.SUCCEEDED and has_only_previews(clips):
            state = TaskState.STREAMING  # never call it finished while only previews exist
        error = None
        if state.is_failure:
            error = TaskError(
                message=fields.text(result.get("message"), 2000)
                or (message if code == GENERATION_FAILED else None)
                or "The task failed.",
                code=fields.code(result.get("code"))
                or (str(int(code)) if code and code != 200 else None),
            )
        return TaskSnapshot(
            provider=self.id,
            task_id=task_id,
            state=state,
            provider_status=word,
            error=error,
            created_at=fields.timestamp(data.get("create_at") or data.get("created_at")),
            finished_at=fields.timestamp(data.get("complete_at") or data.get("completed_at")),
            clips=clips,
            task_type=task_type,
            raw=payload,
        )

    def error_for(
        self,
        status: int,
        provider_message: str | None,
        *,
        retry_after: float | None = None,
        code: str | None = None,
        trace_id: str | None = None,
    ) -> ProviderError:
        # crun answers an unknown task ID with 422 "task_id not found", not 404.
        if status == 422 and provider_message and "not found" in provider_message.lower():
            error = super().error_for(404, provider_message, code=code, trace_id=trace_id)
            error.http_status = status  # support sees what crun really sent
            return error
        if status == GENERATION_FAILED:
            return ServerError(
                GENERATION_FAILED_TEXT.format(provider=self.name), http_status=status, code=code
            )
        return super().error_for(
            status, provider_message, retry_after=retry_after, code=code, trace_id=trace_id
        )

    def balance_request(self, base_url: str, api_key: str) -> HttpRequest:
        return HttpRequest(
            "GET",
            f"{base_url}/api/v1/client/account/balance",
            {"x-api-key": api_key, "Accept": "application/json"},
        )

    def parse_balance_json(self, payload: Any) -> Balance:
        envelope = fields.obj(payload)
        code = fields.number(envelope.get("code"))
        if code is not None and code != 200:
            raise self.error_for(
                int(code), fields.text(pick_message(envelope)), code=str(int(code))
            )
        balance = fields.number(fields.obj(envelope.get("data")).get("balance"))
        if balance is None:
            raise BadPayloadError(NO_BALANCE.format(provider=self.name))
        return Balance(balance)


def _other_media(result: dict[str, Any]) -> tuple[str | None, tuple[Clip, ...]]:
    """Vocal separation (`media_info`) and plain media results (`media_url(s)`)."""
    stems_info = fields.obj(result.get("media_info"))
    stems = tuple(
        Clip(
            kind=ClipKind.STEM,
            title=str(name)[:64].capitalize(),
            audio_url=link,
            stem=str(name)[:64],
        )
        for name, value in list(stems_info.items())[:MAX_CLIPS]
        if (link := fields.url(value if isinstance(value, str) else fields.obj(value).get("url")))
    )
    if stems:
        return "stems", stems
    media = result.get("media_urls", result.get("media_url"))
    links = media if isinstance(media, list) else [media]
    songs = tuple(
        Clip(title=f"Result {n}", audio_url=link)
        for n, link in enumerate((fields.url(v) for v in links[:MAX_CLIPS]), start=1)
        if link and not is_placeholder_audio(link)
    )
    return ("media", songs) if songs else (None, ())
