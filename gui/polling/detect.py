""" "Auto": find which provider knows a pasted ID by asking each account that has a key."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx

from gui.domain.errors import NotFoundError, ProviderError
from gui.polling.problem_words import PROVIDER_PROBLEM
from gui.polling.status_check import StatusResult, check_status
from gui.providers.base import Provider

# provider id, task id, key -> the answer: the engine's budgeted `check_once`, so hundreds of
# pasted IDs stay inside each account's rate limit (sunor: 120/min) like every poll.
CheckOnce = Callable[[str, str, str], Awaitable[StatusResult]]


@dataclass(frozen=True, slots=True)
class Detection:
    provider: Provider | None  # the first that knows the ID
    tried: list[str]  # names of providers asked, in order
    problems: list[str]  # errors other than "not found", in words
    answer: StatusResult | None = None  # what the provider that knows the ID said: a first check


async def detect_provider(
    client: httpx.AsyncClient,
    task_id: str,
    candidates: list[Provider],
    key_for: Callable[[str], Awaitable[str | None]],
    base_url_for: Callable[[Provider], str],
    check: CheckOnce | None = None,
) -> Detection:
    """Ask each candidate that has a key, in order; `check` (the app passes the engine's
    budgeted one) replaces a bare request to `base_url_for(provider)`."""
    tried: list[str] = []
    problems: list[str] = []
    for provider in candidates:
        api_key = await key_for(provider.account)
        if not api_key:
            continue
        tried.append(provider.name)
        try:
            if check is not None:
                answer = await check(provider.id, task_id, api_key)
            else:
                answer = await check_status(
                    client, provider, base_url_for(provider), task_id, api_key
                )
        except NotFoundError:
            continue
        except ProviderError as error:
            problems.append(PROVIDER_PROBLEM.format(provider=provider.name, message=error.message))
            continue
        return Detection(provider, tried, problems, answer)
    return Detection(None, tried, problems)
