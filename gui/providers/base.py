"""What every provider adapter offers: build a status request, turn any response into a snapshot."""

from __future__ import annotations

import email.utils
import json
import logging
import time
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from gui.domain.errors import (
    AuthError,
    BadPayloadError,
    NotFoundError,
    ProviderError,
    RateLimitedError,
    RequestRejectedError,
    ServerError,
)
from gui.domain.model import TaskSnapshot
from gui.domain.states import TaskState
from gui.domain.wording import QT_TRANSLATE_NOOP
from gui.providers import fields

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 8 * 1024 * 1024  # a status answer is a few kB; refuse to parse a flood
MAX_RETRY_AFTER = 3600.0  # longer is taken as a mistake; the engine's own reset cap matches

# What a provider's answer means, in words (English; shown translated, see gui.domain.wording).
TRY_AGAIN_IN = QT_TRANSLATE_NOOP("Problems", "{message} Try again in {seconds} s.")
UNREADABLE_ANSWER = QT_TRANSLATE_NOOP(
    "Problems", "{provider} sent an answer Tunewatch could not read."
)
UNREADABLE_BALANCE = QT_TRANSLATE_NOOP(
    "Problems", "{provider} sent a balance Tunewatch could not read."
)
NOT_JSON = QT_TRANSLATE_NOOP("Problems", "{provider} answered with something that is not JSON.")
NOT_A_JSON_OBJECT = QT_TRANSLATE_NOOP(
    "Problems", "{provider} sent a status that is not a JSON object."
)
NO_TASK_DATA = QT_TRANSLATE_NOOP("Problems", "{provider} sent a status without task data.")
NO_BALANCE = QT_TRANSLATE_NOOP("Problems", "{provider} sent no balance.")
PROVIDER_SAID = QT_TRANSLATE_NOOP("Problems", " {provider} said: “{message}”")
KEY_REFUSED = QT_TRANSLATE_NOOP("Problems", "{provider} refused the API key.{said}")
UNKNOWN_TASK = QT_TRANSLATE_NOOP("Problems", "{provider} does not know this task.{said}")
RATE_LIMITING = QT_TRANSLATE_NOOP("Problems", "{provider} is rate limiting requests.{said}")
RATE_LIMITING_WAIT = QT_TRANSLATE_NOOP(
    "Problems", "{provider} is rate limiting requests. Try again in {seconds} s.{said}"
)
NO_CREDITS = QT_TRANSLATE_NOOP("Problems", "{provider}: not enough credits.{said}")
SERVER_PROBLEM = QT_TRANSLATE_NOOP("Problems", "{provider} had a server problem.{said}")
REJECTED = QT_TRANSLATE_NOOP("Problems", "{provider} rejected the request.{said}")
GENERATION_FAILED_TEXT = QT_TRANSLATE_NOOP("Problems", "{provider}: the generation failed.")
NO_CREDIT_BALANCE = QT_TRANSLATE_NOOP("Problems", "{provider} sent no credit balance.")
FROZEN_CREDITS = QT_TRANSLATE_NOOP("Problems", "{amount} frozen")
CREDITS_UNIT = QT_TRANSLATE_NOOP("Problems", "credits")
TASK_TIMED_OUT = QT_TRANSLATE_NOOP("Problems", "The task timed out.")
TASK_CANCELLED = QT_TRANSLATE_NOOP("Problems", "The task was cancelled.")
TASK_FAILED = QT_TRANSLATE_NOOP("Problems", "The task failed.")


@dataclass(frozen=True, slots=True)
class HttpRequest:
    method: str
    url: str
    headers: dict[str, str]
    params: dict[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:  # never show the key
        return f"HttpRequest({self.method} {self.url} params={self.params})"


@dataclass(frozen=True, slots=True)
class PollPolicy:
    """How often to ask, from the provider's own advice (their documentation, summed up in docs of each adapter)."""

    first_delay: float  # seconds after adding before the first poll
    initial_interval: float
    max_interval: float
    backoff: float  # interval multiplier per poll while the task is young
    give_up_after: float  # stop polling a task that never finishes
    requests_per_minute: float | None = None  # per account, all tasks together
    requests_per_second: float | None = None  # per account
    min_task_interval: float = 1.0  # never poll one task faster than this


@dataclass(frozen=True, slots=True)
class Balance:
    amount: float
    unit: str = "credits"
    detail: str | None = None


class Provider(ABC):
    id: str
    name: str
    account: str
    default_base_url: str
    poll_policy: PollPolicy
    link_lifetime_note: str | None = None  # how long media links stay valid, when documented

    @abstractmethod
    def status_request(self, base_url: str, task_id: str, api_key: str) -> HttpRequest: ...

    @abstractmethod
    def parse_status_json(self, task_id: str, payload: Any) -> TaskSnapshot:
        """Turn a decoded 2xx body into a snapshot, or raise a ProviderError."""

    @abstractmethod
    def balance_request(self, base_url: str, api_key: str) -> HttpRequest: ...

    @abstractmethod
    def parse_balance_json(self, payload: Any) -> Balance: ...

    def parse_status(
        self, task_id: str, http_status: int, headers: Mapping[str, str], body: bytes
    ) -> TaskSnapshot:
        """Any response to a status request → a snapshot, or a typed ProviderError. Never else."""
        payload = self.decode(http_status, headers, body)
        try:
            return self.parse_status_json(task_id, payload)
        except RateLimitedError as error:
            # An envelope error (crun's code 429 inside a 200) cannot see the headers itself.
            wait = retry_after_seconds(headers)
            if error.retry_after is None and wait is not None:
                error.retry_after = wait
                error.message = TRY_AGAIN_IN.format(message=error.message, seconds=f"{wait:.0f}")
                error.args = (error.message,)
            raise
        except ProviderError:
            raise
        except Exception as exc:  # a shape we did not foresee must not crash the app
            log.warning("%s: unexpected status payload for %s: %r", self.id, task_id, exc)
            raise BadPayloadError(
                UNREADABLE_ANSWER.format(provider=self.name), http_status=http_status
            ) from exc

    def parse_balance(self, http_status: int, headers: Mapping[str, str], body: bytes) -> Balance:
        payload = self.decode(http_status, headers, body)
        try:
            return self.parse_balance_json(payload)
        except ProviderError:
            raise
        except Exception as exc:
            raise BadPayloadError(UNREADABLE_BALANCE.format(provider=self.name)) from exc

    def decode(self, http_status: int, headers: Mapping[str, str], body: bytes) -> Any:
        """JSON of a 2xx answer; an error status becomes the matching typed error."""
        payload = _json_or_none(body)
        if not 200 <= http_status < 300:
            detail = fields.obj(payload)
            message = fields.text(pick_message(detail))
            raise self.error_for(
                http_status,
                message,
                retry_after=retry_after_seconds(headers),
                code=fields.code(detail.get("code") or detail.get("errorCode")),
                trace_id=fields.text(detail.get("traceId") or detail.get("trace_id"), 128),
            )
        if payload is None:
            raise BadPayloadError(NOT_JSON.format(provider=self.name), http_status=http_status)
        return payload

    def error_for(
        self,
        status: int,
        provider_message: str | None,
        *,
        retry_after: float | None = None,
        code: str | None = None,
        trace_id: str | None = None,
    ) -> ProviderError:
        """Map an HTTP (or envelope) status to the typed error a user can act on."""
        said = (
            PROVIDER_SAID.format(provider=self.name, message=provider_message)
            if provider_message
            else ""
        )
        kw: dict[str, Any] = {"http_status": status, "code": code, "trace_id": trace_id}
        name = self.name
        if status in (401, 403):
            return AuthError(KEY_REFUSED.format(provider=name, said=said), **kw)
        if status == 404:
            return NotFoundError(UNKNOWN_TASK.format(provider=name, said=said), **kw)
        if status == 429:
            message = (
                RATE_LIMITING_WAIT.format(provider=name, seconds=f"{retry_after:.0f}", said=said)
                if retry_after
                else RATE_LIMITING.format(provider=name, said=said)
            )
            return RateLimitedError(
                message,
                retry_after=retry_after,
                **kw,
            )
        if status == 402:
            return RequestRejectedError(NO_CREDITS.format(provider=name, said=said), **kw)
        if status >= 500 or status == 455:
            return ServerError(SERVER_PROBLEM.format(provider=name, said=said), **kw)
        return RequestRejectedError(REJECTED.format(provider=name, said=said), **kw)


def pick_message(detail: Mapping[str, Any]) -> Any:
    return fields.pick(detail, "message", "msg", "error", "errorMessage", "detail")


def retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """`Retry-After` in seconds: a number, or an HTTP date read against the answer's own `Date`
    (so neither side's clock needs to be right); None when it says nothing usable. An absurd
    value is capped: an hour of silence at most, not days."""
    value = _header(headers, "retry-after")
    if value is None:
        return None
    seconds = fields.number(value)
    if seconds is None:
        seconds = _seconds_until(value, _header(headers, "date"))
    if seconds is None or seconds < 0:
        return None
    return min(seconds, MAX_RETRY_AFTER)


def _seconds_until(http_date: str, answered: str | None) -> float | None:
    moment, now = _http_date(http_date), _http_date(answered) if answered else None
    if moment is None:
        return None
    reference = now if now is not None else time.time()
    return max(moment - reference, 0.0)


def _http_date(text: str) -> float | None:
    try:
        moment = email.utils.parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return moment.timestamp() if moment.tzinfo is not None else None


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def _json_or_none(body: bytes) -> Any:
    if len(body) > MAX_BODY_BYTES:
        return None
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return None


def state_for(
    provider: Provider, status_word: str | None, table: Mapping[str, TaskState]
) -> TaskState:
    """Known words map through the table; anything else is still working, with a warning."""
    if status_word is not None and status_word.lower() in table:
        return table[status_word.lower()]
    log.warning(
        "%s: unknown status %r, treating the task as still working", provider.id, status_word
    )
    return TaskState.RUNNING
