"""An engine on virtual time against a fake server on the same clock: both read the loop's
time, so the server's request log, Retry-After windows and budgets are in virtual seconds."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from gui.domain.events import AccountProblem
from gui.fake_provider import DEFAULT_KEYS, FakeProviderServer, RateLimits
from gui.polling.engine import AccountConfig, Engine
from gui.polling.status_check import DEFAULT_TIMEOUT, STATUS_DEADLINE
from gui.providers.base import PollPolicy
from gui.storage.ledger import Ledger
from tests.engine_helpers import Harness
from tests.reliability.virtual_time import UNIX0, VirtualTimeLoop, client


def virtual_server(
    loop: VirtualTimeLoop, rate_limits: RateLimits | None = None
) -> FakeProviderServer:
    """A fake server whose clock is the loop's (thread-safe: it only reads a float)."""
    return FakeProviderServer(clock=loop.time, unix_offset=UNIX0, rate_limits=rate_limits)


@asynccontextmanager
async def virtual_engine(
    loop: VirtualTimeLoop,
    server: FakeProviderServer,
    ledger_path: Path,
    *,
    policies: Mapping[str, PollPolicy] | None = None,
    http_timeout: httpx.Timeout = DEFAULT_TIMEOUT,
    deadline: float = STATUS_DEADLINE,
    seed: int = 1,
) -> AsyncIterator[Harness]:
    """The real engine (real providers' pacing unless `policies`), on virtual time."""
    keys: dict[str, str | None] = {account: key for account, key in DEFAULT_KEYS.items()}

    async def key_for(account: str) -> str | None:
        return keys.get(account)

    ledger = Ledger(ledger_path)
    http = client(loop, http_timeout)
    engine = Engine(
        ledger,
        http,
        key_for,
        lambda _account: AccountConfig(base_url=server.base_url),
        policies=policies,
        rng=random.Random(seed),
        clock=loop.unix,
        status_deadline=deadline,
    )
    harness = Harness(engine, ledger, server, keys)
    engine.subscribe(harness.events.append)
    try:
        engine.start()
        yield harness
    finally:
        await engine.close()
        await http.aclose()
        ledger.close()


def offline_events(harness: Harness, account: str) -> list[AccountProblem]:
    return [
        e
        for e in harness.events
        if isinstance(e, AccountProblem) and e.kind == "offline" and e.account == account
    ]
