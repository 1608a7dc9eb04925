""" "Auto": find which provider knows a pasted ID by asking each account that has a key."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx

from gui.domain.errors import NotFoundError, ProviderError
from gui.polling.status_check import check_status
from gui.providers.base import Provider


@dataclass(frozen=True, slots=True)
class Detection:
    provider: Provider | None  # the first that knows the ID
    tried: list[str]  # names of providers asked, in order
    problems: list[str]  # errors other than "not found", in words


async def detect_provider(
    client: httpx.AsyncClient,
    task_id: str,
    candidates: list[Provider],
    key_for: Callable[[str], Awaitable[str | None]],
    base_url_for: Callable[[Provider], str],
) -> Detection:
    tried: list[str] = []
    problems: list[str] = []
    for provider in candidates:
        api_key = await key_for(provider.account)
        if not api_key:
            continue
        tried.append(provider.name)
        try:
            await check_status(client, provider, base_url_for(provider), task_id, api_key)
        except NotFoundError:
            continue
        except ProviderError as error:
            problems.append(f"{provider.name}: {error.message}")
            continue
        return Detection(provider, tried, problems)
    return Detection(None, tried, problems)
