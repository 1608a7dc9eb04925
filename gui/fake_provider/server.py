"""FakeProviderServer: the four providers' status APIs on one loopback port, media on another host.

The server runs its own asyncio loop on its own thread, so it serves the same way next to sync
tests, next to the GUI's qasync loop, or alone in a subprocess (`python -m gui.fake_provider`).
All task, key and fault state sits behind one lock; request handling is short and synchronous
apart from a "timeout" fault's hold, which sleeps on the server loop and is cancelled on stop.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path
from types import TracebackType
from typing import Literal, Self
from urllib.parse import parse_qs, quote, unquote

from gui.fake_provider.faults import ERROR_KINDS, Fault, FaultRegistry, Scope
from gui.fake_provider.hostile import hostile, truncated
from gui.fake_provider.http import Delivery, Reply, Request, json_reply, serve_connection
from gui.fake_provider.media import (
    DEFAULT_LINK_TTL,
    MEDIA_DIR,
    PLACEHOLDER_NAME,
    LinkSigner,
    MediaKind,
    MediaLibrary,
    media_path,
    serve_media,
)
from gui.fake_provider.ratelimit import (
    Budget,
    RateLimits,
    RetryWindows,
    SlidingWindowLimiter,
    retry_after_seconds,
)
from gui.fake_provider.records import Journal, RequestRecord, Violation, ViolationKind
from gui.fake_provider.timeline import Phase, PhaseName, PhaseState, TaskScript, resolve
from gui.fake_provider.views import TaskView, asset_id
from gui.fake_provider.wire.base import (
    ACCOUNTS,
    PROVIDER_ACCOUNT,
    PROVIDER_IDS,
    Account,
    AccountWire,
    ProviderId,
    StatusWire,
)
from gui.fake_provider.wire.crun import Crun, CrunAccount
from gui.fake_provider.wire.mountsea import MountSeaAccount
from gui.fake_provider.wire.mountsea_producer import MountSeaProducer
from gui.fake_provider.wire.mountsea_suno import MountSeaSuno
from gui.fake_provider.wire.sunor import Sunor, SunorAccount, rate_limited_message

Clock = Callable[[], float]
FaultTarget = Account | Literal["media"]

DEFAULT_KEYS: dict[Account, str] = {
    "mountsea": "fake-mountsea-key",
    "sunor": "fake-sunor-key",
    "crun": "fake-crun-key",
}
DEFAULT_BALANCES: dict[Account, float] = {"mountsea": 10000, "sunor": 950, "crun": 1000}
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


@dataclass(frozen=True)
class _Route:
    name: str
    account: Account
    key_header: Literal["bearer", "x-api-key"]
    provider_id: ProviderId | None = None  # None: the account's balance endpoint


# path -> (route, query parameter holding the task id)
_QUERY_ROUTES: dict[str, tuple[_Route, str]] = {
    "/suno/v2/status": (
        _Route("mountsea-suno.status", "mountsea", "bearer", "mountsea-suno"),
        "taskId",
    ),
    "/producer/tasks": (
        _Route("mountsea-producer.status", "mountsea", "bearer", "mountsea-producer"),
        "taskId",
    ),
    "/api/v1/client/job/TaskInfo": (_Route("crun.status", "crun", "x-api-key", "crun"), "task_id"),
}
_BALANCE_ROUTES: dict[str, _Route] = {
    "/api-user/credits": _Route("mountsea.balance", "mountsea", "x-api-key"),
    "/api/v1/account/balance": _Route("sunor.balance", "sunor", "x-api-key"),
    "/api/v1/client/account/balance": _Route("crun.balance", "crun", "x-api-key"),
}
_SUNOR_STATUS = _Route("sunor.status", "sunor", "x-api-key", "sunor")
_SUNOR_TASK_PREFIX = "/api/v1/task/"


@dataclass(frozen=True)
class _Task:
    provider_id: ProviderId
    task_id: str
    script: TaskScript
    added_at: float
    trace_id: str


@dataclass(frozen=True)
class _Outcome:
    reply: Reply
    record: RequestRecord
    hold: float = 0.0  # real seconds to keep the client waiting ("timeout" fault)


class FakeProviderServer:
    """Real HTTP on loopback speaking MountSea Suno/Producer, sunor.cc and crun.ai.

    Task timelines run on `clock` (seconds, any origin) counted from `add_task`; wall-clock
    timestamps in payloads are `unix_offset + clock()` (default: now).
    """

    def __init__(
        self,
        clock: Clock = time.monotonic,
        api_host: str = "127.0.0.1",
        media_host: str = "127.0.0.2",
        *,
        port: int = 0,
        media_port: int = 0,
        link_ttl: float = DEFAULT_LINK_TTL,
        rate_limits: RateLimits | None = None,
        unix_offset: float | None = None,
        media_dir: Path = MEDIA_DIR,
        request_log_limit: int | None = 100_000,
    ) -> None:
        self._clock = clock
        self.api_host = api_host
        self.media_host = media_host
        self._port = port
        self._media_port = media_port
        self._unix_offset = time.time() - clock() if unix_offset is None else unix_offset
        self._library = MediaLibrary(media_dir)
        self._signer = LinkSigner(link_ttl)
        limits = rate_limits or RateLimits()
        self.rate_limits = limits
        self._sunor_budget = (
            SlidingWindowLimiter(limits.sunor_per_minute, 60.0) if limits.sunor_per_minute else None
        )
        self._crun_budget = (
            SlidingWindowLimiter(limits.crun_per_second, 1.0) if limits.crun_per_second else None
        )
        self._lock = threading.Lock()
        self._keys: dict[Account, str] = dict(DEFAULT_KEYS)
        self._balances: dict[Account, float] = dict(DEFAULT_BALANCES)
        self._tasks: dict[tuple[ProviderId, str], _Task] = {}
        self._faults = FaultRegistry()
        self._retry_windows = RetryWindows()
        self._last_task_poll: dict[str, float] = {}
        self._requests: Journal[RequestRecord] = Journal(request_log_limit)
        self._violations: Journal[Violation] = Journal(request_log_limit)
        # thread / loop plumbing
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop_event: asyncio.Event | None = None
        self._ready = threading.Event()
        self._startup_error: BaseException | None = None
        self._connections: set[asyncio.Task[None]] = set()
        self._accepted = 0
        self._network_up = True

    # --- lifecycle ---------------------------------------------------------------------

    def start(self) -> Self:
        if self._thread is not None:
            raise RuntimeError("FakeProviderServer already started")
        self._ready.clear()
        self._startup_error = None
        self._thread = threading.Thread(target=self._run, name="fake-provider", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("fake provider server did not start within 10 s")
        if self._startup_error is not None:
            self._thread.join()
            self._thread = None
            raise self._startup_error
        return self

    def stop(self) -> None:
        """Close both listeners, cancel open connections (and held requests), join the thread."""
        thread, loop, stop_event = self._thread, self._loop, self._stop_event
        if thread is None:
            return
        if loop is not None and stop_event is not None:
            with contextlib.suppress(RuntimeError):  # loop already gone
                loop.call_soon_threadsafe(stop_event.set)
        thread.join(10)
        if thread.is_alive():
            raise RuntimeError("fake provider server thread did not stop")
        self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._thread is not None

    @property
    def port(self) -> int:
        return self._port

    @property
    def media_port(self) -> int:
        return self._media_port

    @property
    def base_url(self) -> str:
        """API base for all four providers, e.g. http://127.0.0.1:PORT."""
        return f"http://{self.api_host}:{self._port}"

    @property
    def media_url(self) -> str:
        return f"http://{self.media_host}:{self._media_port}"

    # --- configuration -----------------------------------------------------------------

    def set_key(self, account: Account, key: str) -> None:
        _check_account(account)
        with self._lock:
            self._keys[account] = key

    def key(self, account: Account) -> str:
        with self._lock:
            return self._keys[account]

    def set_balance(self, account: Account, amount: float) -> None:
        _check_account(account)
        with self._lock:
            self._balances[account] = amount

    def add_task(self, provider_id: ProviderId, task_id: str, script: TaskScript) -> str:
        """Start `script`'s timeline now (on the injected clock). Replaces a task of that id."""
        if provider_id not in PROVIDER_IDS:
            raise ValueError(f"unknown provider {provider_id!r}; expected one of {PROVIDER_IDS}")
        now = self._clock()
        trace_id = "trace-" + asset_id(task_id, "trace").replace("-", "")[:16]
        task = _Task(provider_id, task_id, script, now, trace_id)
        with self._lock:
            self._tasks[(provider_id, task_id)] = task
            for timed in script.faults:
                scope: Scope = (
                    ("account", PROVIDER_ACCOUNT[provider_id])
                    if timed.account_wide
                    else ("task", task_id)
                )
                self._faults.add(
                    timed.fault,
                    scope,
                    times=timed.times,
                    active_from=now + timed.start,
                    active_until=None if timed.end is None else now + timed.end,
                )
        return task_id

    def add_tasks(self, tasks: Iterable[tuple[ProviderId, str, TaskScript]]) -> None:
        for provider_id, task_id, script in tasks:
            self.add_task(provider_id, task_id, script)

    def remove_task(self, provider_id: ProviderId, task_id: str) -> None:
        with self._lock:
            self._tasks.pop((provider_id, task_id), None)

    def phase_of(self, provider_id: ProviderId, task_id: str) -> PhaseName:
        """The neutral phase a task is in now (what a correct client should be showing)."""
        with self._lock:
            task = self._tasks[(provider_id, task_id)]
        return resolve(task.script, self._clock() - task.added_at).name

    def inject(
        self,
        fault: Fault,
        *,
        task_id: str | None = None,
        account: FaultTarget | None = None,
        times: int | None = None,
        duration: float | None = None,
        delay: float = 0.0,
    ) -> int:
        """Make matching requests fail: one task's status requests, or every request of an
        account ("mountsea", "sunor", "crun", or "media" for the media host).

        times: how many requests (None: all); duration/delay: active window on the clock.
        Returns a rule id for `remove_fault`.
        """
        if (task_id is None) == (account is None):
            raise ValueError("give exactly one of task_id= or account=")
        if account is not None and account not in (*ACCOUNTS, "media"):
            raise ValueError(f"unknown account {account!r}")
        scope: Scope = ("task", task_id) if task_id is not None else ("account", str(account))
        start = self._clock() + delay
        with self._lock:
            return self._faults.add(
                fault,
                scope,
                times=times,
                active_from=start,
                active_until=None if duration is None else start + duration,
            )

    def set_network(self, *, up: bool) -> None:
        """Simulate losing (and getting back) the network: while down, every request on both
        hosts is logged (fault "network_down", status 0) and its connection closed unanswered —
        what a client sees as "could not reach". Going up again serves normally at once."""
        with self._lock:
            self._network_up = up

    @property
    def network_up(self) -> bool:
        with self._lock:
            return self._network_up

    def remove_fault(self, rule_id: int) -> bool:
        with self._lock:
            return self._faults.remove(rule_id)

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    # --- what happened -----------------------------------------------------------------

    @property
    def requests(self) -> list[RequestRecord]:
        """A snapshot of the request log, oldest first."""
        return self._requests.snapshot()

    @property
    def connections_accepted(self) -> int:
        """TCP connections accepted so far on both hosts (keep-alive checks)."""
        return self._accepted

    @property
    def violations(self) -> list[Violation]:
        return self._violations.snapshot()

    def clear_requests(self) -> None:
        self._requests.clear()
        self._violations.clear()

    # --- helpers for clients under test --------------------------------------------------

    def status_url(self, provider_id: ProviderId, task_id: str) -> str:
        if provider_id == "sunor":
            return f"{self.base_url}{_SUNOR_TASK_PREFIX}{quote(task_id, safe='')}"
        for path, (route, param) in _QUERY_ROUTES.items():
            if route.provider_id == provider_id:
                return f"{self.base_url}{path}?{param}={quote(task_id, safe='')}"
        raise ValueError(f"unknown provider {provider_id!r}")

    def balance_url(self, account: Account) -> str:
        path = next(p for p, r in _BALANCE_ROUTES.items() if r.account == account)
        return f"{self.base_url}{path}"

    def auth_headers(self, provider_id: ProviderId, *, balance: bool = False) -> dict[str, str]:
        """The headers a correct client sends for this provider's status (or balance) call."""
        account = PROVIDER_ACCOUNT[provider_id]
        key = self.key(account)
        if account == "mountsea" and not balance:
            return {"Authorization": f"Bearer {key}"}
        return {"X-API-Key" if account == "mountsea" else "x-api-key": key}

    def media_link(self, kind: MediaKind, name: str, ext: str) -> str:
        """A freshly signed media URL (valid for `link_ttl` from now)."""
        return self._link(kind, name, ext, self._unix(self._clock()))

    # --- the server thread ---------------------------------------------------------------

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:  # report bind errors etc. to start()
            self._startup_error = exc
            self._ready.set()

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop_event = asyncio.Event()
        api = await asyncio.start_server(
            self._on_api_connection, self.api_host, self._port, backlog=1024
        )
        try:
            media = await asyncio.start_server(
                self._on_media_connection, self.media_host, self._media_port, backlog=1024
            )
        except BaseException:
            api.close()
            await api.wait_closed()
            raise
        self._port = api.sockets[0].getsockname()[1]
        self._media_port = media.sockets[0].getsockname()[1]
        self._ready.set()
        try:
            await self._stop_event.wait()
        finally:
            api.close()
            media.close()
            for task in list(self._connections):
                task.cancel()
            await asyncio.gather(*self._connections, return_exceptions=True)
            await api.wait_closed()
            await media.wait_closed()

    async def _on_api_connection(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        await self._own_connection(reader, writer, self._handle_api)

    async def _on_media_connection(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        await self._own_connection(reader, writer, self._handle_media)

    async def _own_connection(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        handler: Callable[[Request], _Outcome],
    ) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections.add(task)
        self._accepted += 1

        async def answer(request: Request) -> Reply:
            outcome = handler(request)
            self._requests.append(outcome.record)
            if outcome.hold > 0:
                await asyncio.sleep(outcome.hold)
            return outcome.reply

        try:
            await serve_connection(reader, writer, answer)
        except (ConnectionError, OSError):
            pass  # the client went away; nothing to answer
        except asyncio.CancelledError:
            # Only stop() cancels these. Ending normally matters: Python 3.11's start_server
            # calls task.exception() on the finished task and logs a cancelled one as an error.
            pass
        finally:
            self._connections.discard(task)
            writer.close()
            with contextlib.suppress(ConnectionError, OSError):
                await writer.wait_closed()

    # --- answering -----------------------------------------------------------------------

    def _handle_api(self, request: Request) -> _Outcome:
        now = self._clock()
        query = {k: v[0] for k, v in parse_qs(request.query, keep_blank_values=True).items()}
        matched = _match(_remove_dot_segments(request.path), query)
        if matched is None:
            reply = json_reply(404, {"code": 404, "message": "Not Found"})
            return _Outcome(reply, self._record(now, request, query, reply, "unknown"))
        route, task_id = matched
        key = _presented_key(request.headers, route.key_header)
        if not self.network_up:
            return self._unreachable(now, request, query, route.name, route.account, task_id)
        with self._lock:
            self._note_pacing(now, route, task_id, key)
            reply, fault, scope = self._decide(now, request, route, task_id, key)
            if reply.status == 429:
                self._remember_retry_after(now, route, task_id, key, reply, scope)
            if route.account == "sunor":
                reply = reply.with_headers(*self._sunor_headers(now, key or "", reply, fault))
        # Dated by the server's clock, so an HTTP-date Retry-After can be read against it.
        reply = reply.with_headers(("date", formatdate(self._unix(now), usegmt=True)))
        record = self._record(now, request, query, reply, route.name, route.account, task_id, fault)
        hold = fault.hold if fault is not None and fault.kind == "timeout" else 0.0
        return _Outcome(reply, record, hold)

    def _decide(
        self, now: float, request: Request, route: _Route, task_id: str | None, key: str | None
    ) -> tuple[Reply, Fault | None, Scope | None]:
        wire = ACCOUNT_WIRES[route.account]
        if request.method != "GET":
            return wire.error(405), None, None
        scopes: tuple[Scope, ...] = (("account", route.account),)
        if task_id is not None and route.provider_id is not None:
            scopes = (("task", task_id), *scopes)
        taken = self._faults.take(now, scopes)
        fault, scope = taken if taken is not None else (None, None)
        if fault is not None and fault.kind in ERROR_KINDS:
            return self._fault_reply(wire, fault), fault, scope
        if fault is not None and fault.kind == "drop":
            return _DROPPED, fault, scope  # lost before the server counted it
        reply = self._normal_reply(now, route, task_id, key, fault)
        return _spoiled(reply, fault), fault, scope

    def _fault_reply(self, wire: AccountWire, fault: Fault) -> Reply:
        status = fault.status
        if status != 429:
            return wire.error(status, fault.message, in_body=fault.in_body)
        message = fault.message
        if message is None and wire.name == "sunor":
            message = rate_limited_message(fault.retry_after)
        reply = wire.error(429, message, in_body=fault.in_body)
        header = fault.retry_after_header or str(_whole_seconds(fault.retry_after))
        return reply.with_headers(("retry-after", header))

    def _normal_reply(
        self, now: float, route: _Route, task_id: str | None, key: str | None, fault: Fault | None
    ) -> Reply:
        wire = ACCOUNT_WIRES[route.account]
        if not key or key != self._keys[route.account]:
            return wire.error(401)
        refused = self._spend_budget(now, route, key, task_id)
        if refused is not None:
            return refused
        if route.provider_id is None:
            return json_reply(200, wire.balance(self._balances[route.account]))
        if not task_id:
            return wire.error(400, "task id is required")
        task = self._tasks.get((route.provider_id, task_id))
        if task is None:
            return wire.unknown_task()
        force_success = fault is not None and fault.kind == "hostile"
        body: object = STATUS_WIRES[route.provider_id].status(
            self._view(task, now, force_success=force_success)
        )
        if force_success:
            body = hostile(body, self._link("audio", PLACEHOLDER_NAME, "mp3", self._unix(now)))
        return json_reply(200, body)

    def _spend_budget(
        self, now: float, route: _Route, key: str, task_id: str | None
    ) -> Reply | None:
        wire = ACCOUNT_WIRES[route.account]
        if route.account == "sunor" and route.provider_id and self._sunor_budget:
            budget = self._sunor_budget.acquire(key, now)
            if not budget.allowed:
                self._violate(
                    now,
                    "rate_limit",
                    route.account,
                    task_id,
                    f"over {budget.limit} status requests/min",
                )
                retry = _whole_seconds(budget.retry_after)
                reply = wire.error(429, rate_limited_message(retry))
                return reply.with_headers(("retry-after", str(retry)))
        if route.account == "crun" and self._crun_budget:
            budget = self._crun_budget.acquire(key, now)
            if not budget.allowed:
                self._violate(
                    now, "rate_limit", route.account, task_id, f"over {budget.limit} requests/s"
                )
                return wire.error(429)
        return None

    def _note_pacing(self, now: float, route: _Route, task_id: str | None, key: str | None) -> None:
        """Record requests a polite client would not send (checked before answering)."""
        for scope in (f"{route.account}:{key}", f"task:{task_id}" if task_id else None):
            if scope is None:
                continue
            until = self._retry_windows.inside(scope, now)
            if until is not None:
                self._violate(
                    now,
                    "retry_after",
                    route.account,
                    task_id,
                    f"{until - now:.2f} s before Retry-After ended ({scope})",
                )
        if route.name == "sunor.status" and task_id is not None:
            last = self._last_task_poll.get(task_id)
            self._last_task_poll[task_id] = now
            if last is not None and now - last < self.rate_limits.sunor_task_interval:
                self._violate(
                    now,
                    "task_rate",
                    route.account,
                    task_id,
                    f"polled again after {now - last:.2f} s",
                )

    def _remember_retry_after(
        self,
        now: float,
        route: _Route,
        task_id: str | None,
        key: str | None,
        reply: Reply,
        scope: Scope | None,
    ) -> None:
        header = reply.header("retry-after")
        wait = None if header is None else retry_after_seconds(header, self._unix(now))
        if wait is None:
            return  # nothing a client could have understood, so nothing to hold it to
        window = f"task:{task_id}" if scope and scope[0] == "task" else f"{route.account}:{key}"
        self._retry_windows.announce(window, now + min(wait, self.rate_limits.retry_after_cap))

    def _sunor_headers(
        self, now: float, key: str, reply: Reply, fault: Fault | None
    ) -> tuple[tuple[str, str], ...]:
        if self._sunor_budget is not None:
            budget = self._sunor_budget.peek(key, now)
        else:
            budget = Budget(True, NOMINAL_SUNOR_LIMIT, NOMINAL_SUNOR_LIMIT, now + 60.0, 0.0)
        remaining, reset_at = budget.remaining, budget.reset_at
        if fault is not None and fault.kind == "429":
            remaining, reset_at = 0, now + fault.retry_after
        return (
            ("x-ratelimit-limit", str(budget.limit)),
            ("x-ratelimit-remaining", str(remaining)),
            ("x-ratelimit-reset", str(_whole_seconds(self._unix(reset_at)))),
        )

    def _handle_media(self, request: Request) -> _Outcome:
        now = self._clock()
        if not self.network_up:
            query = {k: v[0] for k, v in parse_qs(request.query).items()}
            return self._unreachable(now, request, query, "media", None, None)
        with self._lock:
            taken = self._faults.take(now, (("account", "media"),))
        fault = taken[0] if taken is not None else None
        if fault is not None and fault.kind in ERROR_KINDS:
            reply = Reply(fault.status, (fault.message or "error").encode(), "text/plain")
            if fault.status == 429:
                reply = reply.with_headers(("retry-after", str(_whole_seconds(fault.retry_after))))
        elif fault is not None and fault.kind == "drop":
            reply = _DROPPED
        else:
            reply = _spoiled(
                serve_media(request, self._library, self._signer, self._unix(now)), fault
            )
        query = {k: v[0] for k, v in parse_qs(request.query).items()}
        record = self._record(now, request, query, reply, "media", None, None, fault)
        hold = fault.hold if fault is not None and fault.kind == "timeout" else 0.0
        return _Outcome(reply, record, hold)

    def _unreachable(
        self,
        now: float,
        request: Request,
        query: dict[str, str],
        route: str,
        account: str | None,
        task_id: str | None,
    ) -> _Outcome:
        record = RequestRecord(
            time=now,
            host=request.local_host,
            method=request.method,
            path=request.path,
            query=query,
            headers=request.headers,
            status=0,
            route=route,
            account=account,
            task_id=task_id,
            fault="network_down",
        )
        return _Outcome(_DROPPED, record)

    # --- small pieces ----------------------------------------------------------------------

    def _view(self, task: _Task, now: float, *, force_success: bool) -> TaskView:
        state = resolve(task.script, now - task.added_at)
        if force_success and state.name != "succeeded":
            state = PhaseState(Phase("succeeded"), state.elapsed, state.elapsed, 1.0)
        now_unix = self._unix(now)
        return TaskView(
            task_id=task.task_id,
            script=task.script,
            state=state,
            created_unix=self._unix(task.added_at),
            now_unix=now_unix,
            trace_id=task.trace_id,
            link=lambda kind, name, ext: self._link(kind, name, ext, now_unix),
        )

    def _link(self, kind: MediaKind, name: str, ext: str, now_unix: float) -> str:
        path = media_path(kind, name, ext)
        return f"{self.media_url}{path}?{self._signer.query(path, now_unix)}"

    def _unix(self, clock_time: float) -> float:
        return self._unix_offset + clock_time

    def _violate(
        self, now: float, kind: ViolationKind, account: str, task_id: str | None, detail: str
    ) -> None:
        self._violations.append(Violation(now, kind, account, task_id, detail))

    def _record(
        self,
        now: float,
        request: Request,
        query: dict[str, str],
        reply: Reply,
        route: str,
        account: str | None = None,
        task_id: str | None = None,
        fault: Fault | None = None,
    ) -> RequestRecord:
        return RequestRecord(
            time=now,
            host=request.local_host,
            method=request.method,
            path=request.path,
            query=query,
            headers=request.headers,
            status=reply.status,
            route=route,
            account=account,
            task_id=task_id,
            fault=fault.kind if fault is not None else None,
        )


_DROPPED = Reply(0, delivery=Delivery(drop=True))  # status 0: nothing was answered
_GARBLED = b"\x00\xff<html>upstream error</html> {not json"


def _spoiled(reply: Reply, fault: Fault | None) -> Reply:
    """A normal answer as a content or wire fault spoils it (unchanged without one)."""
    if fault is None:
        return reply
    if fault.kind == "malformed":
        return Reply(reply.status, truncated(reply.body), reply.content_type, reply.headers)
    if fault.kind == "garbled":
        return Reply(reply.status, _GARBLED, reply.content_type, reply.headers)
    if fault.kind == "cut":
        return reply.with_delivery(Delivery(cut_at=len(reply.body) // 2))
    if fault.kind == "trickle":
        return reply.with_delivery(Delivery(byte_interval=fault.byte_interval))
    return reply


def _match(path: str, query: dict[str, str]) -> tuple[_Route, str | None] | None:
    """O(1) routing: exact paths, plus sunor's task id as the last path segment."""
    if path in _QUERY_ROUTES:
        route, param = _QUERY_ROUTES[path]
        return route, query.get(param)
    if path in _BALANCE_ROUTES:
        return _BALANCE_ROUTES[path], None
    if path.startswith(_SUNOR_TASK_PREFIX):
        rest = path[len(_SUNOR_TASK_PREFIX) :]
        if rest and "/" not in rest:
            return _SUNOR_STATUS, unquote(rest)
    return None


def _remove_dot_segments(path: str) -> str:
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


def _presented_key(headers: dict[str, str], style: Literal["bearer", "x-api-key"]) -> str | None:
    if style == "x-api-key":
        return headers.get("x-api-key")
    scheme, _, token = headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


def _whole_seconds(seconds: float) -> int:
    return max(0, math.ceil(seconds))


def _check_account(account: str) -> None:
    if account not in ACCOUNTS:
        raise ValueError(f"unknown account {account!r}; expected one of {ACCOUNTS}")
