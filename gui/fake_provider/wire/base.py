"""What every wire format provides, and the pieces they share."""

from __future__ import annotations

from typing import Literal, Protocol, get_args

from gui.fake_provider.http import Reply
from gui.fake_provider.views import JsonObject, TaskView

ProviderId = Literal["mountsea-suno", "mountsea-producer", "sunor", "crun"]
Account = Literal["mountsea", "sunor", "crun"]
PROVIDER_IDS: tuple[ProviderId, ...] = get_args(ProviderId)
ACCOUNTS: tuple[Account, ...] = get_args(Account)
PROVIDER_ACCOUNT: dict[ProviderId, Account] = {
    "mountsea-suno": "mountsea",
    "mountsea-producer": "mountsea",
    "sunor": "sunor",
    "crun": "crun",
}


class AccountWire(Protocol):
    """Account-level replies: errors, unknown task, balance."""

    @property
    def name(self) -> Account: ...

    def error(self, status: int, message: str | None = None, *, in_body: bool = False) -> Reply:
        """An HTTP error in this provider's format (in_body: crun's code-inside-200 style)."""
        ...

    def unknown_task(self) -> Reply: ...

    def balance(self, amount: float) -> JsonObject: ...


class StatusWire(Protocol):
    """Renders one task's status response body."""

    @property
    def provider_id(self) -> ProviderId: ...

    def status(self, view: TaskView) -> JsonObject: ...


def gateway_html(status: int) -> Reply:
    """What a reverse proxy in front of an API sends when the app behind it is down."""
    reason = {502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Time-out"}.get(
        status, "Error"
    )
    body = (
        f"<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n"
        f"<center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n"
        "</body>\r\n</html>\r\n"
    )
    return Reply(status, body.encode(), "text/html")


def number(value: float) -> int | float:
    """Whole numbers as int, so JSON shows 180 rather than 180.0."""
    return int(value) if float(value).is_integer() else value
