"""FakeProviderServer: the four providers' status APIs on one loopback port, media on another host.

This file is the control API a test, a benchmark or the demo drives: keys, balances, scripted
tasks, faults, the network switch, and what the server saw. The parts beside it: `listeners`
(the thread, its loop and both sockets), `routes` (which endpoint a request is for),
`api_handler` and `media_handler` (answering), `spoiling` (what faults do to an answer),
`state` (what the server knows, behind one lock).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Literal, Self

from gui.fake_provider.api_handler import ApiHandler
from gui.fake_provider.faults import Fault, Scope
from gui.fake_provider.listeners import Listeners
from gui.fake_provider.media import DEFAULT_LINK_TTL, MEDIA_DIR, LinkSigner, MediaKind, MediaLibrary
from gui.fake_provider.media_handler import handle_media
from gui.fake_provider.ratelimit import RateLimits
from gui.fake_provider.records import RequestRecord, Violation
from gui.fake_provider.routes import balance_path, status_path
from gui.fake_provider.state import DEFAULT_BALANCES, DEFAULT_KEYS, Clock, ServerState, TaskEntry
from gui.fake_provider.timeline import PhaseName, TaskScript, resolve
from gui.fake_provider.views import asset_id
from gui.fake_provider.wire.base import (
    ACCOUNTS,
    PROVIDER_ACCOUNT,
    PROVIDER_IDS,
    Account,
    ProviderId,
)

__all__ = ["DEFAULT_BALANCES", "DEFAULT_KEYS", "FakeProviderServer", "FaultTarget"]

FaultTarget = Account | Literal["media"]


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
        limits = rate_limits or RateLimits()
        self.rate_limits = limits
        self._state = ServerState(
            clock,
            unix_offset=time.time() - clock() if unix_offset is None else unix_offset,
            library=MediaLibrary(media_dir),
            signer=LinkSigner(link_ttl),
            rate_limits=limits,
            request_log_limit=request_log_limit,
            media_origin=lambda: self.media_url,
        )
        self._listeners = Listeners(
            api_host,
            media_host,
            port=port,
            media_port=media_port,
            api_handler=ApiHandler(self._state).handle,
            media_handler=lambda request: handle_media(self._state, request),
            log=self._state.requests.append,
        )

    # --- lifecycle ---------------------------------------------------------------------

    def start(self) -> Self:
        self._listeners.start()
        return self

    def stop(self) -> None:
        """Close both listeners, cancel open connections (and held requests), join the thread."""
        self._listeners.stop()

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
        return self._listeners.running

    @property
    def port(self) -> int:
        return self._listeners.port

    @property
    def media_port(self) -> int:
        return self._listeners.media_port

    @property
    def base_url(self) -> str:
        """API base for all four providers, e.g. http://127.0.0.1:PORT."""
        return f"http://{self.api_host}:{self.port}"

    @property
    def media_url(self) -> str:
        return f"http://{self.media_host}:{self.media_port}"

    # --- configuration -----------------------------------------------------------------

    def set_key(self, account: Account, key: str) -> None:
        _check_account(account)
        with self._state.lock:
            self._state.keys[account] = key

    def key(self, account: Account) -> str:
        with self._state.lock:
            return self._state.keys[account]

    def set_balance(self, account: Account, amount: float) -> None:
        _check_account(account)
        with self._state.lock:
            self._state.balances[account] = amount

    def add_task(self, provider_id: ProviderId, task_id: str, script: TaskScript) -> str:
        """Start `script`'s timeline now (on the injected clock). Replaces a task of that id."""
        if provider_id not in PROVIDER_IDS:
            raise ValueError(f"unknown provider {provider_id!r}; expected one of {PROVIDER_IDS}")
        now = self._clock()
        trace_id = "trace-" + asset_id(task_id, "trace").replace("-", "")[:16]
        task = TaskEntry(provider_id, task_id, script, now, trace_id)
        with self._state.lock:
            self._state.tasks[(provider_id, task_id)] = task
            for timed in script.faults:
                scope: Scope = (
                    ("account", PROVIDER_ACCOUNT[provider_id])
                    if timed.account_wide
                    else ("task", task_id)
                )
                self._state.faults.add(
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
        with self._state.lock:
            self._state.tasks.pop((provider_id, task_id), None)

    def phase_of(self, provider_id: ProviderId, task_id: str) -> PhaseName:
        """The neutral phase a task is in now (what a correct client should be showing)."""
        with self._state.lock:
            task = self._state.tasks[(provider_id, task_id)]
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
        with self._state.lock:
            return self._state.faults.add(
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
        with self._state.lock:
            self._state.network_up = up

    @property
    def network_up(self) -> bool:
        with self._state.lock:
            return self._state.network_up

    def remove_fault(self, rule_id: int) -> bool:
        with self._state.lock:
            return self._state.faults.remove(rule_id)

    def clear_faults(self) -> None:
        with self._state.lock:
            self._state.faults.clear()

    # --- what happened -----------------------------------------------------------------

    @property
    def requests(self) -> list[RequestRecord]:
        """A snapshot of the request log, oldest first."""
        return self._state.requests.snapshot()

    @property
    def connections_accepted(self) -> int:
        """TCP connections accepted so far on both hosts (keep-alive checks)."""
        return self._listeners.accepted

    @property
    def violations(self) -> list[Violation]:
        return self._state.violations.snapshot()

    def clear_requests(self) -> None:
        self._state.requests.clear()
        self._state.violations.clear()

    # --- helpers for clients under test --------------------------------------------------

    def status_url(self, provider_id: ProviderId, task_id: str) -> str:
        return f"{self.base_url}{status_path(provider_id, task_id)}"

    def balance_url(self, account: Account) -> str:
        return f"{self.base_url}{balance_path(account)}"

    def auth_headers(self, provider_id: ProviderId, *, balance: bool = False) -> dict[str, str]:
        """The headers a correct client sends for this provider's status (or balance) call."""
        account = PROVIDER_ACCOUNT[provider_id]
        key = self.key(account)
        if account == "mountsea" and not balance:
            return {"Authorization": f"Bearer {key}"}
        return {"X-API-Key" if account == "mountsea" else "x-api-key": key}

    def media_link(self, kind: MediaKind, name: str, ext: str) -> str:
        """A freshly signed media URL (valid for `link_ttl` from now)."""
        return self._state.link(kind, name, ext, self._state.unix(self._clock()))


def _check_account(account: str) -> None:
    if account not in ACCOUNTS:
        raise ValueError(f"unknown account {account!r}; expected one of {ACCOUNTS}")
