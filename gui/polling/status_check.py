"""One status check over HTTP: the single code path shared by the CLI, the engine and the window."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass

import httpx

from gui.domain.errors import AuthError, NetworkError, ProviderError, UnreachableError
from gui.domain.model import TaskSnapshot
from gui.domain.secret_scrub import scrub_snapshot
from gui.domain.task_ids import validate_task_id
from gui.domain.wording import QT_TRANSLATE_NOOP
from gui.providers import fields
from gui.providers.base import MAX_BODY_BYTES, Balance, HttpRequest, Provider

DEFAULT_TIMEOUT = httpx.Timeout(20.0, connect=10.0)
# httpx's timeout is per read: an answer trickling a byte a second would never end. This is the
# whole request's limit, after which the check fails (and the engine retries later).
STATUS_DEADLINE = 30.0


@dataclass(frozen=True, slots=True)
class RateLimitInfo:
    """sunor's X-RateLimit-* headers: how many requests are left until `reset_at` (Unix s)."""

    limit: float | None
    remaining: float | None
    reset_at: float | None


@dataclass(frozen=True, slots=True)
class StatusResult:
    snapshot: TaskSnapshot
    rate_limit: RateLimitInfo | None


@dataclass(frozen=True, slots=True)
class RawResponse:
    status: int
    headers: Mapping[str, str]
    body: bytes


def make_client() -> httpx.AsyncClient:
    """The app's one HTTP client. Redirects are not followed: a key must never be forwarded."""
    return httpx.AsyncClient(
        timeout=DEFAULT_TIMEOUT,
        follow_redirects=False,
        trust_env=False,
        # About every account's requests in flight (engine.MAX_IN_FLIGHT_PER_ACCOUNT).
        limits=httpx.Limits(max_connections=20, max_keepalive_connections=20),
    )


# What went wrong on the way to the provider (English; shown translated, gui.domain.wording).
TOO_SLOW = QT_TRANSLATE_NOOP("Problems", "{what} took too long to answer (over {seconds} s).")
CONNECT_TIMEOUT = QT_TRANSLATE_NOOP("Problems", "Could not reach {what}: the connection timed out.")
NO_ANSWER_IN_TIME = QT_TRANSLATE_NOOP("Problems", "{what} did not answer in time.")
UNSENDABLE_KEY = QT_TRANSLATE_NOOP(
    "Problems",
    "The request to {what} could not be built: the API key contains characters an HTTP header "
    "cannot carry.",
)
UNREACHABLE = QT_TRANSLATE_NOOP("Problems", "Could not reach {what}: {reason}.")
TALK_FAILED = QT_TRANSLATE_NOOP("Problems", "Could not talk to {what}: {reason}.")


async def send(
    client: httpx.AsyncClient, request: HttpRequest, what: str, deadline: float = STATUS_DEADLINE
) -> RawResponse:
    try:
        async with asyncio.timeout(deadline):
            return await _exchange(client, request)
    except TimeoutError as exc:
        raise NetworkError(TOO_SLOW.format(what=what, seconds=f"{deadline:g}")) from exc
    except httpx.ConnectTimeout as exc:
        # Not even a connection: as unreachable as a refused one (packets silently dropped).
        raise UnreachableError(CONNECT_TIMEOUT.format(what=what)) from exc
    except httpx.TimeoutException as exc:
        raise NetworkError(NO_ANSWER_IN_TIME.format(what=what)) from exc
    except (httpx.LocalProtocolError, UnicodeError, ValueError):
        # Raised while building the request, typically from a header value (the key): the
        # library's text would quote it, so say what happened without it.
        raise AuthError(UNSENDABLE_KEY.format(what=what)) from None
    except httpx.TransportError as exc:
        # No answer at all (refused, reset, no route): the account is probably offline.
        raise UnreachableError(UNREACHABLE.format(what=what, reason=_plain(exc))) from exc
    except httpx.HTTPError as exc:  # e.g. an invalid URL built from a bad base URL
        raise NetworkError(TALK_FAILED.format(what=what, reason=_plain(exc))) from exc


async def _exchange(client: httpx.AsyncClient, request: HttpRequest) -> RawResponse:
    async with client.stream(
        request.method, request.url, headers=request.headers, params=request.params or None
    ) as response:
        body = bytearray()
        async for chunk in response.aiter_bytes():
            body += chunk
            if len(body) > MAX_BODY_BYTES:
                break  # decode() treats an oversized body as unreadable
        return RawResponse(response.status_code, dict(response.headers), bytes(body))


async def check_status(
    client: httpx.AsyncClient,
    provider: Provider,
    base_url: str,
    task_id: str,
    api_key: str,
    deadline: float = STATUS_DEADLINE,
) -> StatusResult:
    """Ask the provider once; return the snapshot or raise a typed ProviderError."""
    task_id = validate_task_id(task_id)
    request = provider.status_request(base_url, task_id, api_key)
    try:
        response = await send(client, request, provider.name, deadline)
    except ProviderError as error:
        raise _without_key(error, api_key) from None
    rate_limit = rate_limit_info(response.headers)
    try:
        snapshot = provider.parse_status(task_id, response.status, response.headers, response.body)
    except ProviderError as error:
        error.rate_limit = rate_limit
        raise _without_key(error, api_key) from None
    # A gateway may echo the request: the key never reaches the ledger, the pane or the CLI.
    return StatusResult(scrub_snapshot(snapshot, (api_key,)), rate_limit)


async def check_balance(
    client: httpx.AsyncClient, provider: Provider, base_url: str, api_key: str
) -> Balance:
    try:
        response = await send(client, provider.balance_request(base_url, api_key), provider.name)
        return provider.parse_balance(response.status, response.headers, response.body)
    except ProviderError as error:
        raise _without_key(error, api_key) from None


def _without_key(error: ProviderError, api_key: str) -> ProviderError:
    """A provider may echo the key back ("Invalid API key: sk-…"); never show it to anyone."""
    if api_key and api_key in error.message:
        error.message = error.message.replace(api_key, "•••")
        error.args = (error.message,)
    return error


def rate_limit_info(headers: Mapping[str, str]) -> RateLimitInfo | None:
    lowered = {k.lower(): v for k, v in headers.items()}
    values = [
        fields.number(lowered.get(f"x-ratelimit-{n}")) for n in ("limit", "remaining", "reset")
    ]
    if all(v is None for v in values):
        return None
    return RateLimitInfo(*values)


def _plain(exc: Exception) -> str:
    """The library's words, without a closing full stop (the sentence around adds one)."""
    text = str(exc).strip() or type(exc).__name__
    return text[:200].rstrip(" .")
