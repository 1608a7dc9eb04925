"""Shared pieces for the engine tests: fast policies, an engine wired to a fake server, waiting."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from gui.domain.events import AccountProblem, EngineEvent, TaskUpdated
from gui.domain.tracked_task import TaskKey
from gui.fake_provider import DEFAULT_KEYS, FakeProviderServer, RateLimits
from gui.polling.engine import AccountConfig, Engine
from gui.polling.status_check import make_client
from gui.providers import PROVIDER_IDS
from gui.providers.base import PollPolicy
from gui.storage.ledger import Ledger

# Fast pacing for tests: the real advice (3-15 s first polls) is covered in test_schedule.py.
FAST = PollPolicy(
    first_delay=0.05,
    initial_interval=0.1,
    max_interval=0.2,
    backoff=1.2,
    give_up_after=30,
    min_task_interval=0.05,
)
# sunor's "≤ 1 request/s per task" is advice the fake server only records; fast tests poll
# faster on purpose, so they switch that check off (tests of the floor switch it back on).
NO_TASK_RATE = RateLimits(sunor_task_interval=0.0)


def fast(**changes: float | None) -> dict[str, PollPolicy]:
    """FAST for every provider, with `changes` applied (e.g. give_up_after=0.3)."""
    policy = PollPolicy(**{**_fields(FAST), **changes})  # type: ignore[arg-type]
    return dict.fromkeys(PROVIDER_IDS, policy)


def _fields(policy: PollPolicy) -> dict[str, object]:
    return {name: getattr(policy, name) for name in PollPolicy.__dataclass_fields__}


@contextmanager
def fake_server(
    rate_limits: RateLimits = NO_TASK_RATE, **kw: object
) -> Iterator[FakeProviderServer]:
    with FakeProviderServer(rate_limits=rate_limits, **kw) as server:  # type: ignore[arg-type]
        yield server


@dataclass
class Harness:
    engine: Engine
    ledger: Ledger
    server: FakeProviderServer
    keys: dict[str, str | None]
    events: list[EngineEvent] = field(default_factory=list)

    def updates(self, key: TaskKey) -> list[TaskUpdated]:
        return [e for e in self.events if isinstance(e, TaskUpdated) and e.task.key == key]

    def problems(self, kind: str = "auth") -> list[AccountProblem]:
        return [e for e in self.events if isinstance(e, AccountProblem) and e.kind == kind]

    def requests_for(self, task_id: str) -> list[float]:
        return [r.time for r in self.server.requests if r.task_id == task_id]


@asynccontextmanager
async def running_engine(
    server: FakeProviderServer,
    ledger_path: Path,
    *,
    policies: Mapping[str, PollPolicy] | None = None,
    keys: Mapping[str, str | None] | None = None,
    interval: Callable[[str], float | None] = lambda _account: None,
    base_urls: Mapping[str, str] | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    start: bool = True,
) -> AsyncIterator[Harness]:
    """An engine on a fresh client and ledger, pointed at `server`; everything closed after."""
    given: Mapping[str, str | None] = DEFAULT_KEYS if keys is None else keys  # type: ignore[assignment]
    key_table = dict(given)

    async def key_for(account: str) -> str | None:
        return key_table.get(account)

    def accounts(account: str) -> AccountConfig:
        base_url = (base_urls or {}).get(account, server.base_url)
        return AccountConfig(base_url=base_url, interval=interval(account))

    ledger = Ledger(ledger_path)
    if transport is None:
        client = make_client()
    else:  # the app's client settings, on a transport the test controls
        client = httpx.AsyncClient(transport=transport, follow_redirects=False, trust_env=False)
    engine = Engine(
        ledger,
        client,
        key_for,
        accounts,
        policies=fast() if policies is None else policies,
        rng=random.Random(1),
    )
    harness = Harness(engine, ledger, server, key_table)
    engine.subscribe(harness.events.append)
    try:
        if start:
            engine.start()
        yield harness
    finally:
        await engine.close()
        await client.aclose()
        ledger.close()


async def wait_for(condition: Callable[[], object], within: float = 2.0, what: str = "") -> None:
    """Poll `condition` every 10 ms until it is true; fail after `within` seconds."""
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {within} s waiting for {what or condition}")
        await asyncio.sleep(0.01)


def files_containing(folder: Path, secret: str) -> list[Path]:
    """The files in `folder` whose bytes contain `secret` (the ledger, its -wal and -shm)."""
    return [p for p in folder.iterdir() if p.is_file() and secret.encode() in p.read_bytes()]


def max_in_window(times: list[float], span: float) -> int:
    """The most requests any `span`-second window holds (windows start at a request)."""
    ordered = sorted(times)
    best, start = 0, 0
    for end, at in enumerate(ordered):
        while ordered[start] <= at - span:
            start += 1
        best = max(best, end - start + 1)
    return best
