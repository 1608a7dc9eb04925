"""The poller against the fake provider on loopback: 100, 1 000 and 5 000 tasks over the four
providers, 0.2 s poll intervals, the providers' rate limits off (and 1 000 with them on).

The fake server runs in its own process (bench/_fake_server.py), so the CPU time measured here is
the engine's alone: HTTP client, parsing, scheduling, ledger writes. Baselines, with as many
tasks: the "throwaway script" users write today — poll each task in turn with a fresh httpx
client per request — and a reasonable script: one shared AsyncClient, one asyncio task per task,
each checked every 5 s. Also: what 100 000 active tasks (one asyncio task each) cost while they
wait for their next check. Goal (issue 10): CPU per poll <= 0.33x the naive loop's.

The engine runs as shipped: `make_client()`'s pool and the engine's own per-account cap on
requests in flight (`gui.polling.engine.MAX_IN_FLIGHT_PER_ACCOUNT`: each account's `in_flight`
semaphore, taken before its rate budget). The benchmark only wraps them to time them: after the
engine creates an account, its semaphore is replaced by a timed one of the same size and its
budget's `acquire` is timed; the client's transport is wrapped. Nothing in gui/ is patched.

    .venv/bin/python -m bench.engine_throughput [--seconds S] [--warmup S] [--tasks 100,1000,5000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as `python bench/engine_throughput.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from bench._common import machine, ms, percentile, print_table, ratio
from bench._fake_server import bench_tasks
from gui.domain.events import EngineEvent, TaskAdded, TaskUpdated
from gui.domain.tracked_task import HistoryEntry, TaskKey, TrackedTask
from gui.fake_provider import DEFAULT_KEYS
from gui.polling.account import DueOrderSlots
from gui.polling.engine import MAX_IN_FLIGHT_PER_ACCOUNT, AccountConfig, Engine
from gui.polling.status_check import make_client
from gui.providers import PROVIDERS, get_provider
from gui.providers.base import PollPolicy
from gui.storage.ledger import Ledger

INTERVAL = 0.2  # seconds between polls of one task, where the provider allows it
TASK_COUNTS = (100, 1_000, 5_000)  # limits off: the engine's own ceiling
LIMITED_COUNTS = (1_000,)  # limits on: the providers' budgets are met exactly
SHARED_INTERVAL = 5.0  # the reasonable script checks every task every 5 s
SHARED_IN_FLIGHT = 20  # and sends at most this many requests at once, as the engine's pool
IDLE_RUNNERS = 100_000
# What the fake enforces when its limits are on (RateLimits defaults): account -> (limit, window s)
LIMITS = {"sunor": (120, 60.0), "crun": (15, 1.0)}
KEYS: dict[str, str] = {str(account): key for account, key in DEFAULT_KEYS.items()}


def fast_policy(base: PollPolicy, *, limited: bool) -> PollPolicy:
    """Poll every INTERVAL. With limits on, keep the provider's budgets and its 1 s per-task
    floor (what the app obeys); with them off, drop both to see the engine's own ceiling."""
    fast = replace(
        base,
        first_delay=INTERVAL,
        initial_interval=INTERVAL,
        max_interval=INTERVAL,
        backoff=1.0,
        give_up_after=3600,
    )
    if limited:
        return fast
    return replace(
        fast, requests_per_minute=None, requests_per_second=None, min_task_interval=INTERVAL
    )


# --- measuring instruments ----------------------------------------------------------------


class TimedLedger(Ledger):
    """The real ledger, timing every save (one per poll, plus schedule changes)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.saves = 0
        self.save_seconds = 0.0

    def save(self, task: TrackedTask, new_history: Iterable[HistoryEntry] = ()) -> None:
        start = time.perf_counter()
        super().save(task, new_history)
        self.save_seconds += time.perf_counter() - start
        self.saves += 1


class _TimedStream(httpx.AsyncByteStream):
    def __init__(self, inner: httpx.AsyncByteStream, done: Callable[[], None]) -> None:
        self._inner = inner
        self._done = done

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._inner.aclose()
        finally:
            self._done()


class TimedTransport(httpx.AsyncBaseTransport):
    """Wraps the app client's own transport (make_client's pool), logging each request's
    latency from the moment httpx gets it (pool wait included) until the body is read."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self._inner = inner
        self.latencies: list[float] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        started = time.perf_counter()
        response = await self._inner.handle_async_request(request)
        assert isinstance(response.stream, httpx.AsyncByteStream)

        def done() -> None:
            self.latencies.append(time.perf_counter() - started)

        response.stream = _TimedStream(response.stream, done)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


def timed_client() -> tuple[httpx.AsyncClient, TimedTransport]:
    """The app's client (make_client: timeouts, no redirects, its pool limits), its transport
    wrapped by a TimedTransport."""
    client = make_client()
    transport = TimedTransport(client._transport)
    client._transport = transport
    return client, transport


class TimedSemaphore(DueOrderSlots):
    """Stands in for one account's cap on requests in flight (`AccountState.in_flight`), logging
    how long each request waited for a slot (before its rate budget)."""

    def __init__(self, value: int) -> None:
        super().__init__(value)
        self.waits: list[float] = []

    async def acquire(self, due: float = 0.0) -> None:
        started = time.perf_counter()
        await super().acquire(due)
        self.waits.append(time.perf_counter() - started)


@dataclass
class AccountTimers:
    """One account's instruments: the wait for a slot, then the wait for the rate budget
    (while holding the slot)."""

    slots: TimedSemaphore
    budget_waits: list[float] = field(default_factory=list)


class TimedAccounts(dict[str, Any]):
    """Replaces `Engine._accounts`. When the engine creates an account (a fresh `_Account`, no
    slot taken yet), its `in_flight` semaphore is swapped for a TimedSemaphore of the same size
    and its budget's `acquire` is wrapped with a timer. The engine's code runs unchanged."""

    def __init__(self) -> None:
        super().__init__()
        self.timers: dict[str, AccountTimers] = {}

    def __setitem__(self, name: str, account: Any) -> None:
        semaphore = account.in_flight
        assert isinstance(semaphore, DueOrderSlots) and not semaphore.locked()
        slots = TimedSemaphore(MAX_IN_FLIGHT_PER_ACCOUNT)
        timers = AccountTimers(slots)
        account.in_flight = slots
        budget_acquire = account.budget.acquire

        async def timed_acquire() -> object:
            started = time.perf_counter()
            sent = await budget_acquire()
            timers.budget_waits.append(time.perf_counter() - started)
            return sent

        account.budget.acquire = timed_acquire  # an instance attribute shadows the method
        self.timers[name] = timers
        super().__setitem__(name, account)

    def counts(self) -> dict[str, tuple[int, int]]:
        """Per account: how many slot waits and budget waits are logged so far."""
        return {name: (len(t.slots.waits), len(t.budget_waits)) for name, t in self.timers.items()}


@dataclass
class PollCounter:
    """Counts polls: answered (a new snapshot: poll_count moved) and failed (last_polled_at
    moved without one: a timeout, a 429...), and how late each answer came versus its plan."""

    answered: int = 0
    failed: int = 0
    lags: list[float] = field(default_factory=list)
    _last: dict[TaskKey, TrackedTask] = field(default_factory=dict)

    def on_event(self, event: EngineEvent) -> None:
        if isinstance(event, TaskAdded):
            self._last[event.task.key] = event.task
        if not isinstance(event, TaskUpdated):
            return
        task = event.task
        before = self._last.get(task.key)
        self._last[task.key] = task
        if before is None or task.last_polled_at in (None, before.last_polled_at):
            return
        if task.poll_count > before.poll_count:
            self.answered += 1
        else:
            self.failed += 1
        if before.next_poll_at is not None and task.last_polled_at is not None:
            self.lags.append(task.last_polled_at - before.next_poll_at)


# --- the fake server process ---------------------------------------------------------------


class ServerProcess:
    def __init__(self, tasks: int, limits: bool) -> None:
        command = [sys.executable, "-m", "bench._fake_server", "--tasks", str(tasks)]
        self._process = subprocess.Popen(
            [*command, *(["--limits"] if limits else [])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).resolve().parents[1],
        )
        assert self._process.stdout is not None
        self.base_url = str(json.loads(self._process.stdout.readline())["base_url"])

    def cpu_seconds(self) -> float:
        """User + system CPU of the server process so far (Linux /proc; NaN elsewhere)."""
        try:
            fields = Path(f"/proc/{self._process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return float("nan")
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def report(self) -> dict[str, list[list[object]]]:
        out, _ = self._process.communicate("report\n", timeout=120)
        report: dict[str, list[list[object]]] = json.loads(out)
        return report

    def kill(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()


# --- one scenario ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    tasks: int
    limited: bool

    @property
    def label(self) -> str:
        return f"{self.tasks:,} tasks, limits {'on' if self.limited else 'off'}"


@dataclass
class Result:
    scenario: Scenario
    seconds: float  # measured window
    answered: int
    failed: int
    latencies: list[float]
    slot_waits: dict[str, list[float]]  # per account: for a slot (before the budget)
    budget_waits: dict[str, list[float]]  # per account: for the rate budget, holding a slot
    lags: list[float]
    cpu: float
    server_cpu: float
    saves: int
    save_seconds: float
    window: tuple[float, float]  # monotonic start and end of the measured window
    run_seconds: float = 0.0  # the whole scenario: adding tasks, warm-up, window, shutdown
    requests: list[list[object]] = field(default_factory=list)
    violations: list[list[object]] = field(default_factory=list)

    @property
    def waits(self) -> list[float]:
        return [wait for waits in self.slot_waits.values() for wait in waits]

    @property
    def all_budget_waits(self) -> list[float]:
        return [wait for waits in self.budget_waits.values() for wait in waits]

    @property
    def polls_per_second(self) -> float:
        return self.answered / self.seconds

    @property
    def cpu_per_poll(self) -> float:
        polls = self.answered + self.failed
        return self.cpu / polls if polls else float("nan")


async def run_scenario(scenario: Scenario, warmup: float, seconds: float) -> Result:
    began = time.perf_counter()
    server = ServerProcess(scenario.tasks, scenario.limited)
    try:
        with tempfile.TemporaryDirectory(prefix="tunewatch-bench-") as home:
            ledger = TimedLedger(Path(home) / "tasks.sqlite3")
            client, transport = timed_client()

            async def keys(account: str) -> str | None:
                return KEYS.get(account)

            policies = {
                p.id: fast_policy(p.poll_policy, limited=scenario.limited)
                for p in PROVIDERS.values()
            }
            engine = Engine(
                ledger,
                client,
                keys,
                lambda _account: AccountConfig(base_url=server.base_url),
                policies,
                rng=random.Random(7),
            )
            accounts = TimedAccounts()
            assert not engine._accounts  # none created yet: every account gets timed
            engine._accounts = accounts  # each account's own slots and budget, timed
            counter = PollCounter()
            engine.subscribe(counter.on_event)
            for provider_id, task_id in bench_tasks(scenario.tasks):
                engine.add(provider_id, task_id)
            await asyncio.sleep(warmup)

            answered0, failed0 = counter.answered, counter.failed
            lags0, latencies0 = len(counter.lags), len(transport.latencies)
            waits0 = accounts.counts()
            saves0, save_seconds0 = ledger.saves, ledger.save_seconds
            cpu0, server0, t0 = time.process_time(), server.cpu_seconds(), time.monotonic()
            await asyncio.sleep(seconds)
            cpu1, server1, t1 = time.process_time(), server.cpu_seconds(), time.monotonic()
            waits1 = accounts.counts()
            result = Result(
                scenario=scenario,
                seconds=t1 - t0,
                answered=counter.answered - answered0,
                failed=counter.failed - failed0,
                latencies=transport.latencies[latencies0:],
                slot_waits={
                    name: t.slots.waits[waits0.get(name, (0, 0))[0] : waits1[name][0]]
                    for name, t in accounts.timers.items()
                },
                budget_waits={
                    name: t.budget_waits[waits0.get(name, (0, 0))[1] : waits1[name][1]]
                    for name, t in accounts.timers.items()
                },
                lags=counter.lags[lags0:],
                cpu=cpu1 - cpu0,
                server_cpu=server1 - server0,
                saves=ledger.saves - saves0,
                save_seconds=ledger.save_seconds - save_seconds0,
                window=(t0, t1),
            )
            await engine.close()
            await client.aclose()
            ledger.close()
        report = server.report()
        result.requests, result.violations = report["requests"], report["violations"]
        result.run_seconds = time.perf_counter() - began
        return result
    finally:
        server.kill()


# --- the baseline ---------------------------------------------------------------------------


@dataclass
class NaiveResult:
    seconds: float
    polls: int
    latencies: list[float]
    cpu: float


@dataclass
class SharedLoopResult:
    tasks: int
    seconds: float
    polls: int
    cpu: float
    latencies: list[float]

    @property
    def polls_per_second(self) -> float:
        return self.polls / self.seconds

    @property
    def cpu_per_poll(self) -> float:
        return self.cpu / self.polls if self.polls else float("nan")


async def run_shared_loop(count: int, warmup: float, seconds: float) -> SharedLoopResult:
    """A reasonable script: one httpx.AsyncClient, one asyncio task per task, each asking every
    SHARED_INTERVAL seconds and parsing the answer; starts spread over the interval; at most
    SHARED_IN_FLIGHT requests out at once (with thousands queued in httpx's own pool, its
    bookkeeping grows as queued x connections and the script crawls: bench/README.md)."""
    server = ServerProcess(count, limits=False)
    latencies: list[float] = []
    try:
        slots = asyncio.Semaphore(SHARED_IN_FLIGHT)
        limits = httpx.Limits(max_connections=SHARED_IN_FLIGHT)
        async with httpx.AsyncClient(trust_env=False, timeout=30, limits=limits) as client:

            async def follow(provider_id: str, task_id: str, offset: float) -> None:
                provider = get_provider(provider_id)
                request = provider.status_request(server.base_url, task_id, KEYS[provider.account])
                await asyncio.sleep(offset)
                while True:
                    began = time.perf_counter()
                    async with slots:
                        reply = await client.request(
                            request.method,
                            request.url,
                            headers=request.headers,
                            params=request.params,
                        )
                    provider.parse_status(task_id, reply.status_code, reply.headers, reply.content)
                    latencies.append(time.perf_counter() - began)
                    await asyncio.sleep(SHARED_INTERVAL)

            tasks = bench_tasks(count)
            followers = [
                asyncio.create_task(follow(p, t, i * SHARED_INTERVAL / count))
                for i, (p, t) in enumerate(tasks)
            ]
            await asyncio.sleep(max(warmup, SHARED_INTERVAL))  # every task has started
            polls0, cpu0, t0 = len(latencies), time.process_time(), time.monotonic()
            await asyncio.sleep(max(seconds, SHARED_INTERVAL))  # a whole round at least
            polls1, cpu1, t1 = len(latencies), time.process_time(), time.monotonic()
            for follower in followers:
                follower.cancel()
            await asyncio.gather(*followers, return_exceptions=True)
        return SharedLoopResult(
            count, t1 - t0, polls1 - polls0, cpu1 - cpu0, latencies[polls0:polls1]
        )
    finally:
        server.kill()


@dataclass
class IdleRunners:
    count: int
    start_seconds: float  # engine.start: one asyncio task per active task
    rss_per_task: float  # bytes, runners and tasks together
    lag_p99: float  # a 5 ms probe's lateness while they all wait
    close_seconds: float


def rss_bytes() -> int:
    """Resident set size now (Linux /proc; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except OSError:
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


async def measure_idle_runners(count: int) -> IdleRunners:
    """`count` active tasks whose next check is an hour away: what their runners cost."""
    with tempfile.TemporaryDirectory(prefix="tunewatch-bench-") as home:
        ledger = Ledger(Path(home) / "tasks.sqlite3")
        later = time.time() + 3600
        waiting = [
            TrackedTask(p, t, added_at=time.time(), tracking_since=time.time(), next_poll_at=later)
            for p, t in bench_tasks(count)
        ]
        async with httpx.AsyncClient(trust_env=False) as client:

            async def keys(account: str) -> str | None:
                return KEYS.get(account)

            engine = Engine(ledger, client, keys)
            before = rss_bytes()
            start = time.perf_counter()
            engine.start(loaded=waiting)
            await asyncio.sleep(0)  # each runner runs up to its first wait
            started = time.perf_counter() - start
            await asyncio.sleep(0.5)
            grown = rss_bytes() - before
            gaps: list[float] = []
            last = time.perf_counter()
            for _ in range(400):
                await asyncio.sleep(0.005)
                now = time.perf_counter()
                gaps.append(max(now - last - 0.005, 0.0))
                last = now
            closing = time.perf_counter()
            await engine.close()
            closed = time.perf_counter() - closing
        ledger.close()
    return IdleRunners(count, started, grown / count, percentile(gaps, 0.99), closed)


def run_naive(count: int, seconds: float) -> NaiveResult:
    """The throwaway script: for each task in turn, a fresh client, one GET, parse."""
    server = ServerProcess(count, limits=False)
    try:
        tasks = bench_tasks(count)
        latencies: list[float] = []
        cpu0, start = time.process_time(), time.perf_counter()
        while time.perf_counter() - start < seconds:
            provider_id, task_id = tasks[len(latencies) % len(tasks)]
            provider = get_provider(provider_id)
            request = provider.status_request(server.base_url, task_id, KEYS[provider.account])
            began = time.perf_counter()
            with httpx.Client(trust_env=False) as client:
                reply = client.request(
                    request.method, request.url, headers=request.headers, params=request.params
                )
            provider.parse_status(task_id, reply.status_code, reply.headers, reply.content)
            latencies.append(time.perf_counter() - began)
        return NaiveResult(
            time.perf_counter() - start, len(latencies), latencies, time.process_time() - cpu0
        )
    finally:
        server.kill()


# --- reporting ------------------------------------------------------------------------------


def peak_in_window(times: list[float], span: float) -> int:
    """Most requests inside any `span`-second sliding window (times sorted)."""
    peak, left = 0, 0
    for right, moment in enumerate(times):
        while moment - times[left] >= span:
            left += 1
        peak = max(peak, right - left + 1)
    return peak


def report(
    results: list[Result],
    naives: dict[int, NaiveResult],
    shared: dict[int, SharedLoopResult],
    idle: IdleRunners | None,
) -> None:
    naive = naives[min(naives)]
    rows: list[tuple[str, ...]] = []
    for r in results:
        rows.append(
            (
                r.scenario.label,
                f"{r.polls_per_second:,.0f}",
                f"{r.failed / r.seconds:,.0f}",
                ms(_mean(r.waits)),
                ms(_mean(r.all_budget_waits)),
                ms(_mean(r.latencies)),
                ms(_mean(r.waits) + _mean(r.all_budget_waits) + _mean(r.latencies)),
                ms(percentile(r.latencies, 0.95)),
                ms(percentile(r.lags, 0.5)),
                f"{r.cpu_per_poll * 1e3:.2f} ms",
                f"{r.save_seconds / r.saves * 1e3:.2f} ms" if r.saves else "—",
                f"{r.save_seconds / r.cpu:.0%}" if r.cpu else "—",
                f"{r.cpu / r.seconds:.0%} / {r.server_cpu / r.seconds:.0%}",
                f"{r.seconds:.1f} s",
                f"{r.run_seconds:.0f} s",
            )
        )
    naive_rate = naive.polls / naive.seconds
    naive_cpu = naive.cpu / naive.polls
    rows.append(
        (
            f"naive loop, {min(naives):,} tasks (fresh client per request)",
            f"{naive_rate:,.0f}",
            "0",
            "—",
            "—",
            ms(_mean(naive.latencies)),
            ms(_mean(naive.latencies)),
            ms(percentile(naive.latencies, 0.95)),
            "—",
            f"{naive_cpu * 1e3:.2f} ms",
            "—",
            "—",
            "",
            f"{naive.seconds:.1f} s",
            "",
        )
    )
    print_table(
        f"Polling throughput, the engine as shipped (≤{MAX_IN_FLIGHT_PER_ACCOUNT} requests in "
        f"flight per account; asked: every task every {INTERVAL} s, floor 1 s per task with limits "
        "on; measured in a window after a warm-up; the window overruns when the loop is "
        "saturated). Slot wait: for the account's slot (before the budget); budget wait: for "
        "the rate budget, holding the slot; latency: in httpx, pool wait included, until the "
        "body is read. Means over all requests",
        (
            "scenario",
            "polls/s",
            "failed/s",
            "slot wait",
            "budget wait",
            "mean latency",
            "waits + latency",
            "p95 latency",
            "median lag",
            "CPU/poll",
            "ledger save",
            "ledger share",
            "CPU engine/server",
            "window",
            "run",
        ),
        rows,
    )
    rows.clear()
    for r in results:
        for account in sorted(r.slot_waits):
            slot_waits, budget_waits = r.slot_waits[account], r.budget_waits[account]
            rows.append(
                (
                    f"{r.scenario.label} · {account}",
                    f"{len(budget_waits) / r.seconds:,.1f}/s",
                    ms(_mean(slot_waits)),
                    ms(percentile(slot_waits, 0.95)) if slot_waits else "—",
                    ms(_mean(budget_waits)),
                    ms(percentile(budget_waits, 0.95)) if budget_waits else "—",
                )
            )
    print_table(
        f"Per account ({MAX_IN_FLIGHT_PER_ACCOUNT} slots each): requests let through by the budget "
        "in the window, the wait for a slot and then for the budget (holding the slot)",
        (
            "scenario · account",
            "sent",
            "slot wait",
            "p95 slot wait",
            "budget wait",
            "p95 budget wait",
        ),
        rows,
    )
    rows.clear()
    cpu_ratios: list[float] = []
    for r in results:
        if r.scenario.limited:
            continue
        base, script = naives[r.scenario.tasks], shared[r.scenario.tasks]
        base_rate, base_cpu = base.polls / base.seconds, base.cpu / base.polls
        cpu_ratios.append(r.cpu_per_poll / base_cpu)
        rows.append(
            (
                f"{r.scenario.tasks:,} tasks: polls/s sustained",
                f"{r.polls_per_second:,.0f}",
                f"{base_rate:,.1f}",
                f"{script.polls_per_second:,.0f} (asked {r.scenario.tasks / SHARED_INTERVAL:,.0f})",
                ratio(r.polls_per_second, base_rate),
                ratio(r.polls_per_second, script.polls_per_second),
            )
        )
        rows.append(
            (
                f"{r.scenario.tasks:,} tasks: CPU per poll",
                f"{r.cpu_per_poll * 1e3:.2f} ms",
                f"{base_cpu * 1e3:.2f} ms",
                f"{script.cpu_per_poll * 1e3:.2f} ms",
                ratio(r.cpu_per_poll, base_cpu),
                ratio(r.cpu_per_poll, script.cpu_per_poll),
            )
        )
    print_table(
        "Engine vs. the naive loop (each task in turn, a fresh httpx client per request) and a "
        f"shared-client script (one AsyncClient, every task every {SHARED_INTERVAL:.0f} s, "
        f"≤{SHARED_IN_FLIGHT} requests in flight), "
        "with as many tasks; the engine is asked every 0.2 s (its ceiling)",
        ("measure", "engine", "naive", "shared, 5 s", "engine/naive", "engine/shared"),
        rows,
    )
    if idle is not None:
        print_table(
            f"{idle.count:,} active tasks waiting for their next check (one asyncio task each)",
            ("measure", "value"),
            [
                ("engine.start (creates the runners)", ms(idle.start_seconds)),
                (
                    "memory per waiting task (RSS growth / tasks)",
                    f"{idle.rss_per_task / 1024:.1f} kB",
                ),
                (f"  for {idle.count:,}", f"{idle.rss_per_task * idle.count / 1e6:,.0f} MB"),
                ("event-loop lag p99 while they wait (5 ms probe)", ms(idle.lag_p99)),
                ("engine.close (cancels and awaits them)", ms(idle.close_seconds)),
            ],
        )
    _REPORTED_RATIOS.extend(cpu_ratios)
    rows.clear()
    for r in results:
        if not r.scenario.limited:
            continue
        t0, t1 = r.window
        for account, (limit, span) in LIMITS.items():
            arrivals = sorted(
                _seconds(t) for t, acct, _status, _route in r.requests if acct == account
            )
            in_window = [t for t in arrivals if t0 <= t <= t1]
            peak = peak_in_window(arrivals, span)
            refused = sum(
                1 for _t, acct, status, _r in r.requests if acct == account and status == 429
            )
            rows.append(
                (
                    f"{r.scenario.label} · {account}",
                    f"{limit}/{'min' if span == 60 else 's'}",
                    f"{peak}",
                    ratio(peak, limit),
                    f"{len(in_window) / r.seconds:.2f}/s",
                    f"{limit / span:.2f}/s",
                    str(refused),
                )
            )
        kinds: dict[str, int] = {}
        for violation in r.violations:
            kinds[str(violation[1])] = kinds.get(str(violation[1]), 0) + 1
        listed = ", ".join(f"{k}: {n}" for k, n in sorted(kinds.items())) or "none"
        rows.append((f"{r.scenario.label} · violations", "", "", "", "", "", listed))
    print_table(
        "Rate limits on: the engine's request rate per account vs. the provider's budget "
        "(peak = most requests the server saw in any window of the budget's length, whole run; "
        "goal: peak/limit ≤ 1.00 and no violations)",
        (
            "scenario · account",
            "limit",
            "peak",
            "peak/limit",
            "rate in window",
            "limit rate",
            "429s",
        ),
        rows,
    )


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def _seconds(value: object) -> float:
    assert isinstance(value, int | float)
    return float(value)


_REPORTED_RATIOS: list[float] = []


async def run_all(
    scenarios: list[Scenario], warmup: float, seconds: float
) -> tuple[list[Result], dict[int, SharedLoopResult], IdleRunners | None]:
    results = []
    for scenario in scenarios:
        results.append(await run_scenario(scenario, warmup, seconds))
        print(f"  done: {scenario.label} ({results[-1].run_seconds:.0f} s)", flush=True)
    shared: dict[int, SharedLoopResult] = {}
    for count in sorted({s.tasks for s in scenarios if not s.limited}):
        shared[count] = await run_shared_loop(count, warmup, seconds)
        print(f"  done: shared-client loop, {count:,} tasks", flush=True)
    idle = await measure_idle_runners(IDLE_RUNNERS)
    print(f"  done: {IDLE_RUNNERS:,} waiting runners", flush=True)
    return results, shared, idle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0, help="measured time per scenario")
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--tasks", default=",".join(map(str, TASK_COUNTS)), help="limits off")
    parser.add_argument(
        "--limited", default=",".join(map(str, LIMITED_COUNTS)), help="limits on ('' for none)"
    )
    args = parser.parse_args(argv)
    counts = [int(c) for c in args.tasks.split(",")]
    scenarios = [Scenario(count, False) for count in counts]
    scenarios += [Scenario(int(c), True) for c in args.limited.split(",") if c]
    print(f"engine_throughput — {machine()}")
    results, shared, idle = asyncio.run(run_all(scenarios, args.warmup, args.seconds))
    naives = {count: run_naive(count, min(args.seconds, 3.0)) for count in counts}
    report(results, naives, shared, idle)
    by_count = {r.scenario.tasks: r for r in results if not r.scenario.limited}
    worst = max(counts, key=lambda c: by_count[c].cpu_per_poll / (naives[c].cpu / naives[c].polls))
    w, n, sh = by_count[worst], naives[worst], shared[worst]
    print(
        f"\nengine_throughput: CPU per poll {ratio(w.cpu_per_poll, n.cpu / n.polls)} the naive "
        f"loop's (goal <= 0.33x; worst of {', '.join(f'{c:,}' for c in counts)} tasks: {worst:,}), "
        f"{ratio(w.cpu_per_poll, sh.cpu_per_poll)} the shared-client 5 s loop's; polls/s "
        f"{ratio(w.polls_per_second, n.polls / n.seconds)} the naive loop's"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
