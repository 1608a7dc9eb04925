"""MountSea account: shared by the Suno and Producer APIs (errors, credits)."""

from __future__ import annotations

from typing import Literal

from gui.fake_provider.http import Reply, json_reply
from gui.fake_provider.views import JsonObject
from gui.fake_provider.wire.base import gateway_html, number

# The error body is undocumented; MountSea's fields look like NestJS, whose errors read so.
_MESSAGES = {
    400: "Bad Request",
    401: "Unauthorized",
    402: "Insufficient credits",
    404: "Task not found",
    405: "Method Not Allowed",
    429: "ThrottlerException: Too Many Requests",
    500: "Internal server error",
}


class MountSeaAccount:
    name: Literal["mountsea"] = "mountsea"

    def error(self, status: int, message: str | None = None, *, in_body: bool = False) -> Reply:
        if status in (502, 503, 504):
            return gateway_html(status)
        text = message or _MESSAGES.get(status, "Error")
        return json_reply(status, {"statusCode": status, "message": text})

    def unknown_task(self) -> Reply:
        return self.error(404)

    def balance(self, amount: float) -> JsonObject:
        return {"credits": number(amount)}
