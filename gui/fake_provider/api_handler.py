"""Answering the providers' API: key check, budgets, faults, then the task in its wire format.

Also notes what a polite client would not have sent (inside Retry-After, too fast per task).
Handling is short and synchronous, under the state's lock.
"""

from __future__ import annotations

import math
from email.utils import formatdate
from urllib.parse import parse_qs

from gui.fake_provider.faults import ERROR_KINDS, Fault, Scope
from gui.fake_provider.hostile import hostile
from gui.fake_provider.http import Reply, Request, json_reply
from gui.fake_provider.media import PLACEHOLDER_NAME
from gui.fake_provider.ratelimit import Budget, retry_after_seconds
from gui.fake_provider.routes import Route, match_route, presented_key, remove_dot_segments
from gui.fake_provider.spoiling import DROPPED, spoiled, unreachable
from gui.fake_provider.state import Outcome, ServerState, record_of
from gui.fake_provider.wire.base import Account, AccountWire, ProviderId, StatusWire
from gui.fake_provider.wire.crun import Crun, CrunAccount
from gui.fake_provider.wire.mountsea import MountSeaAccount
from gui.fake_provider.wire.mountsea_producer import MountSeaProducer
from gui.fake_provider.wire.mountsea_suno import MountSeaSuno
from gui.fake_provider.wire.sunor import Sunor, SunorAccount, rate_limited_message

NOMINAL_SUNOR_LIMIT = 120  # what X-RateLimit-Limit says when the budget is switched off

STATUS_WIRES: dict[ProviderId, StatusWire] = {
    "mountsea-suno": MountSeaSuno(),
    "mountsea-producer": MountSeaProducer(),
    "sunor": Sunor(),
    "crun": Crun(),
}
ACCOUNT_WIRES: dict[Account, AccountWire] = {
    "mountsea": MountSeaAccount(),
    "sunor": SunorAccount(),
    "crun": CrunAccount(),
}


def whole_seconds(seconds: float) -> int:
    return max(0, math.ceil(seconds))


class ApiHandler:
    def __init__(self, state: ServerState) -> None:
        self._state = state

    def handle(self, request: Request) -> Outcome:
        state = self._state
        now = state.clock()
        query = {k: v[0] for k, v in parse_qs(request.query, keep_blank_values=True).items()}
        matched = match_route(remove_dot_segments(request.path), query)
        if matched is None:
            reply = json_reply(404, {"code": 404, "message": "Not Found"})
            return Outcome(reply, record_of(now, request, query, reply, "unknown"))
        route, task_id = matched
        key = presented_key(request.headers, route.key_header)
        with state.lock:
            network_up = state.network_up
        if not network_up:
            return unreachable(now, request, query, route.name, route.account, task_id)
        with state.lock:
            self._note_pacing(now, route, task_id, key)
            reply, fault, scope = self._decide(now, request, route, task_id, key)
            if reply.status == 429:
                self._remember_retry_after(now, route, task_id, key, reply, scope)
            if route.account == "sunor":
                reply = reply.with_headers(*self._sunor_headers(now, key or "", reply, fault))
        # Dated by the server's clock, so an HTTP-date Retry-After can be read against it.
        reply = reply.with_headers(("date", formatdate(state.unix(now), usegmt=True)))
        record = record_of(now, request, query, reply, route.name, route.account, task_id, fault)
        hold = fault.hold if fault is not None and fault.kind == "timeout" else 0.0
        return Outcome(reply, record, hold)

    def _decide(
        self, now: float, request: Request, route: Route, task_id: str | None, key: str | None
    ) -> tuple[Reply, Fault | None, Scope | None]:
        wire = ACCOUNT_WIRES[route.account]
        if request.method != "GET":
            return wire.error(405), None, None
        scopes: tuple[Scope, ...] = (("account", route.account),)
        if task_id is not None and route.provider_id is not None:
            scopes = (("task", task_id), *scopes)
        taken = self._state.faults.take(now, scopes)
        fault, scope = taken if taken is not None else (None, None)
        if fault is not None and fault.kind in ERROR_KINDS:
            return self._fault_reply(wire, fault), fault, scope
        if fault is not None and fault.kind == "drop":
            return DROPPED, fault, scope  # lost before the server counted it
        reply = self._normal_reply(now, route, task_id, key, fault)
        return spoiled(reply, fault), fault, scope

    def _fault_reply(self, wire: AccountWire, fault: Fault) -> Reply:
        status = fault.status
        if status != 429:
            return wire.error(status, fault.message, in_body=fault.in_body)
        message = fault.message
        if message is None and wire.name == "sunor":
            message = rate_limited_message(fault.retry_after)
        reply = wire.error(429, message, in_body=fault.in_body)
        header = fault.retry_after_header or str(whole_seconds(fault.retry_after))
        return reply.with_headers(("retry-after", header))

    def _normal_reply(
        self, now: float, route: Route, task_id: str | None, key: str | None, fault: Fault | None
    ) -> Reply:
        state = self._state
        wire = ACCOUNT_WIRES[route.account]
        if not key or key != state.keys[route.account]:
            return wire.error(401)
        refused = self._spend_budget(now, route, key, task_id)
        if refused is not None:
            return refused
        if route.provider_id is None:
            return json_reply(200, wire.balance(state.balances[route.account]))
        if not task_id:
            return wire.error(400, "task id is required")
        task = state.tasks.get((route.provider_id, task_id))
        if task is None:
            return wire.unknown_task()
        force_success = fault is not None and fault.kind == "hostile"
        body: object = STATUS_WIRES[route.provider_id].status(
            state.view(task, now, force_success=force_success)
        )
        if force_success:
            body = hostile(body, state.link("audio", PLACEHOLDER_NAME, "mp3", state.unix(now)))
        return json_reply(200, body)

    def _spend_budget(
        self, now: float, route: Route, key: str, task_id: str | None
    ) -> Reply | None:
        state = self._state
        wire = ACCOUNT_WIRES[route.account]
        if route.account == "sunor" and route.provider_id and state.sunor_budget:
            budget = state.sunor_budget.acquire(key, now)
            if not budget.allowed:
                state.violate(
                    now,
                    "rate_limit",
                    route.account,
                    task_id,
                    f"over {budget.limit} status requests/min",
                )
                retry = whole_seconds(budget.retry_after)
                reply = wire.error(429, rate_limited_message(retry))
                return reply.with_headers(("retry-after", str(retry)))
        if route.account == "crun" and state.crun_budget:
            budget = state.crun_budget.acquire(key, now)
            if not budget.allowed:
                state.violate(
                    now, "rate_limit", route.account, task_id, f"over {budget.limit} requests/s"
                )
                return wire.error(429)
        return None

    def _note_pacing(self, now: float, route: Route, task_id: str | None, key: str | None) -> None:
        """Record requests a polite client would not send (checked before answering)."""
        state = self._state
        for scope in (f"{route.account}:{key}", f"task:{task_id}" if task_id else None):
            if scope is None:
                continue
            until = state.retry_windows.inside(scope, now)
            if until is not None:
                state.violate(
                    now,
                    "retry_after",
                    route.account,
                    task_id,
                    f"{until - now:.2f} s before Retry-After ended ({scope})",
                )
        if route.name == "sunor.status" and task_id is not None:
            last = state.last_task_poll.get(task_id)
            state.last_task_poll[task_id] = now
            if last is not None and now - last < state.rate_limits.sunor_task_interval:
                state.violate(
                    now,
                    "task_rate",
                    route.account,
                    task_id,
                    f"polled again after {now - last:.2f} s",
                )

    def _remember_retry_after(
        self,
        now: float,
        route: Route,
        task_id: str | None,
        key: str | None,
        reply: Reply,
        scope: Scope | None,
    ) -> None:
        state = self._state
        header = reply.header("retry-after")
        wait = None if header is None else retry_after_seconds(header, state.unix(now))
        if wait is None:
            return  # nothing a client could have understood, so nothing to hold it to
        window = f"task:{task_id}" if scope and scope[0] == "task" else f"{route.account}:{key}"
        state.retry_windows.announce(window, now + min(wait, state.rate_limits.retry_after_cap))

    def _sunor_headers(
        self, now: float, key: str, reply: Reply, fault: Fault | None
    ) -> tuple[tuple[str, str], ...]:
        state = self._state
        if state.sunor_budget is not None:
            budget = state.sunor_budget.peek(key, now)
        else:
            budget = Budget(True, NOMINAL_SUNOR_LIMIT, NOMINAL_SUNOR_LIMIT, now + 60.0, 0.0)
        remaining, reset_at = budget.remaining, budget.reset_at
        if fault is not None and fault.kind == "429":
            remaining, reset_at = 0, now + fault.retry_after
        return (
            ("x-ratelimit-limit", str(budget.limit)),
            ("x-ratelimit-remaining", str(remaining)),
            ("x-ratelimit-reset", str(whole_seconds(state.unix(reset_at)))),
        )
