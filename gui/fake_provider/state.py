"""What the fake server knows: keys, balances, tasks, faults, budgets and what it saw.

One `ServerState` is shared by the control API (test thread) and the request handlers (server
thread); everything mutable sits behind `lock`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from gui.fake_provider.faults import Fault, FaultRegistry
from gui.fake_provider.http import Reply, Request
from gui.fake_provider.media import LinkSigner, MediaKind, MediaLibrary, media_path
from gui.fake_provider.ratelimit import RateLimits, RetryWindows, SlidingWindowLimiter
from gui.fake_provider.records import Journal, RequestRecord, Violation, ViolationKind
from gui.fake_provider.timeline import Phase, PhaseState, TaskScript, resolve
from gui.fake_provider.views import TaskView
from gui.fake_provider.wire.base import Account, ProviderId

Clock = Callable[[], float]

DEFAULT_KEYS: dict[Account, str] = {
    "mountsea": "fake-mountsea-key",
    "sunor": "fake-sunor-key",
    "crun": "fake-crun-key",
}
DEFAULT_BALANCES: dict[Account, float] = {"mountsea": 10000, "sunor": 950, "crun": 1000}


@dataclass(frozen=True)
class TaskEntry:
    provider_id: ProviderId
    task_id: str
    script: TaskScript
    added_at: float
    trace_id: str


@dataclass(frozen=True)
class Outcome:
    reply: Reply
    record: RequestRecord
    hold: float = 0.0  # real seconds to keep the client waiting ("timeout" fault)


class ServerState:
    def __init__(
        self,
        clock: Clock,
        *,
        unix_offset: float,
        library: MediaLibrary,
        signer: LinkSigner,
        rate_limits: RateLimits,
        request_log_limit: int | None,
        media_origin: Callable[[], str],
    ) -> None:
        self.clock = clock
        self.unix_offset = unix_offset
        self.library = library
        self.signer = signer
        self.rate_limits = rate_limits
        self.sunor_budget = (
            SlidingWindowLimiter(rate_limits.sunor_per_minute, 60.0)
            if rate_limits.sunor_per_minute
            else None
        )
        self.crun_budget = (
            SlidingWindowLimiter(rate_limits.crun_per_second, 1.0)
            if rate_limits.crun_per_second
            else None
        )
        self._media_origin = media_origin  # the media host's URL, known once it listens
        self.lock = threading.Lock()
        self.keys: dict[Account, str] = dict(DEFAULT_KEYS)
        self.balances: dict[Account, float] = dict(DEFAULT_BALANCES)
        self.tasks: dict[tuple[ProviderId, str], TaskEntry] = {}
        self.faults = FaultRegistry()
        self.network_up = True  # False: every request on both hosts goes unanswered
        self.retry_windows = RetryWindows()
        self.last_task_poll: dict[str, float] = {}
        self.requests: Journal[RequestRecord] = Journal(request_log_limit)
        self.violations: Journal[Violation] = Journal(request_log_limit)

    def unix(self, clock_time: float) -> float:
        return self.unix_offset + clock_time

    def link(self, kind: MediaKind, name: str, ext: str, now_unix: float) -> str:
        """A media URL signed at `now_unix`."""
        path = media_path(kind, name, ext)
        return f"{self._media_origin()}{path}?{self.signer.query(path, now_unix)}"

    def view(self, task: TaskEntry, now: float, *, force_success: bool) -> TaskView:
        """What the task looks like at `now`, for a wire format to render."""
        state = resolve(task.script, now - task.added_at)
        if force_success and state.name != "succeeded":
            state = PhaseState(Phase("succeeded"), state.elapsed, state.elapsed, 1.0)
        now_unix = self.unix(now)
        return TaskView(
            task_id=task.task_id,
            script=task.script,
            state=state,
            created_unix=self.unix(task.added_at),
            now_unix=now_unix,
            trace_id=task.trace_id,
            link=lambda kind, name, ext: self.link(kind, name, ext, now_unix),
        )

    def violate(
        self, now: float, kind: ViolationKind, account: str, task_id: str | None, detail: str
    ) -> None:
        self.violations.append(Violation(now, kind, account, task_id, detail))


def record_of(
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
