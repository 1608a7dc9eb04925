"""What MountSea's two APIs (Suno and Producer) share: one account and key, Bearer auth on
api.mountsea.ai, and a credits endpoint on another host."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from gui.domain.errors import BadPayloadError
from gui.domain.urls import is_loopback_host
from gui.providers import fields
from gui.providers.base import NO_CREDIT_BALANCE, Balance, HttpRequest, Provider

MOUNTSEA_CREDITS_URL = "https://dk.mountsea.ai/api-user/credits"


class MountSeaProvider(Provider):
    account = "mountsea"
    default_base_url = "https://api.mountsea.ai"
    status_path: str  # e.g. "/suno/v2/status"

    def status_request(self, base_url: str, task_id: str, api_key: str) -> HttpRequest:
        return HttpRequest(
            "GET",
            f"{base_url}{self.status_path}",
            {"Authorization": f"Bearer {api_key}", "Accept": "application/json"},
            {"taskId": task_id},
        )

    def balance_request(self, base_url: str, api_key: str) -> HttpRequest:
        # The real credits endpoint is on dk.mountsea.ai; a loopback base URL (the fake server,
        # the demo) serves it itself, so a test never leaves the machine.
        local = is_loopback_host(urlsplit(base_url).hostname)
        url = f"{base_url}/api-user/credits" if local else MOUNTSEA_CREDITS_URL
        return HttpRequest("GET", url, {"X-API-Key": api_key, "Accept": "application/json"})

    def parse_balance_json(self, payload: Any) -> Balance:
        credits = fields.number(fields.obj(payload).get("credits"))
        if credits is None:
            raise BadPayloadError(NO_CREDIT_BALANCE.format(provider="MountSea"))
        return Balance(credits)
