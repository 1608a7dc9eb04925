"""Which endpoint a request is for: the four providers' status paths and the accounts' balances.

Routing is O(1): exact paths, plus sunor's task id as the last path segment.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote, unquote

from gui.fake_provider.wire.base import Account, ProviderId

KeyHeader = Literal["bearer", "x-api-key"]


@dataclass(frozen=True)
class Route:
    name: str
    account: Account
    key_header: KeyHeader
    provider_id: ProviderId | None = None  # None: the account's balance endpoint


# path -> (route, query parameter holding the task id)
QUERY_ROUTES: dict[str, tuple[Route, str]] = {
    "/suno/v2/status": (
        Route("mountsea-suno.status", "mountsea", "bearer", "mountsea-suno"),
        "taskId",
    ),
    "/producer/tasks": (
        Route("mountsea-producer.status", "mountsea", "bearer", "mountsea-producer"),
        "taskId",
    ),
    "/api/v1/client/job/TaskInfo": (Route("crun.status", "crun", "x-api-key", "crun"), "task_id"),
}
BALANCE_ROUTES: dict[str, Route] = {
    "/api-user/credits": Route("mountsea.balance", "mountsea", "x-api-key"),
    "/api/v1/account/balance": Route("sunor.balance", "sunor", "x-api-key"),
    "/api/v1/client/account/balance": Route("crun.balance", "crun", "x-api-key"),
}
SUNOR_STATUS = Route("sunor.status", "sunor", "x-api-key", "sunor")
SUNOR_TASK_PREFIX = "/api/v1/task/"


def match_route(path: str, query: dict[str, str]) -> tuple[Route, str | None] | None:
    """The route of `path` (already dot-resolved) and the task id it names, if any."""
    if path in QUERY_ROUTES:
        route, param = QUERY_ROUTES[path]
        return route, query.get(param)
    if path in BALANCE_ROUTES:
        return BALANCE_ROUTES[path], None
    if path.startswith(SUNOR_TASK_PREFIX):
        rest = path[len(SUNOR_TASK_PREFIX) :]
        if rest and "/" not in rest:
            return SUNOR_STATUS, unquote(rest)
    return None


def remove_dot_segments(path: str) -> str:
    """Resolve "." and ".." as a real web server would, so an unencoded "../" in a task id
    lands on another endpoint here too (encoded "%2F" stays inside the id)."""
    out: list[str] = []
    for segment in path.split("/"):
        if segment == "..":
            if len(out) > 1:
                out.pop()
        elif segment != ".":
            out.append(segment)
    return "/".join(out) or "/"


def presented_key(headers: dict[str, str], style: KeyHeader) -> str | None:
    """The key a request carries in the header its route expects, if any."""
    if style == "x-api-key":
        return headers.get("x-api-key")
    scheme, _, token = headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


def status_path(provider_id: ProviderId, task_id: str) -> str:
    """Path and query of a task's status request, the task id encoded."""
    if provider_id == "sunor":
        return f"{SUNOR_TASK_PREFIX}{quote(task_id, safe='')}"
    for path, (route, param) in QUERY_ROUTES.items():
        if route.provider_id == provider_id:
            return f"{path}?{param}={quote(task_id, safe='')}"
    raise ValueError(f"unknown provider {provider_id!r}")


def balance_path(account: Account) -> str:
    return next(p for p, r in BALANCE_ROUTES.items() if r.account == account)
