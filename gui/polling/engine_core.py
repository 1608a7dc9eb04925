"""The engine's shared state and bookkeeping: what it was built with, the tasks in memory, each
account's state, its followers, and the one way a task's change is stored and told. The other
parts of the engine (account_reactions, poll_loop, check_once, engine) build on this."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

import httpx

from gui.domain.events import EngineEvent, TaskUpdated
from gui.domain.tracked_task import HistoryEntry, TaskKey, TrackedTask
from gui.polling.account import AccountState
from gui.polling.eta import DurationBook, FinishedRun
from gui.polling.runners import Runners
from gui.polling.schedule import effective_policy
from gui.polling.status_check import STATUS_DEADLINE
from gui.providers import PROVIDERS
from gui.providers.base import PollPolicy, Provider
from gui.storage.ledger import Ledger

log = logging.getLogger(__name__)

KeyLookup = Callable[[str], Awaitable[str | None]]  # account -> key (None: no key)


@dataclass(frozen=True, slots=True)
class AccountConfig:
    base_url: str | None = None  # None: the provider's default
    interval: float | None = None  # None: the provider's advice with backoff


class EngineCore:
    """The engine's state and the bookkeeping every part of it shares: who is told, how a
    task's change is stored (ledger first), each account's shared state, the pacing policy."""

    def __init__(
        self,
        ledger: Ledger,
        client: httpx.AsyncClient,
        keys: KeyLookup,
        accounts: Callable[[str], AccountConfig] = lambda _account: AccountConfig(),
        policies: Mapping[str, PollPolicy] | None = None,
        rng: random.Random | None = None,
        *,
        clock: Callable[[], float] | None = None,
        status_deadline: float = STATUS_DEADLINE,
        documented_durations: Mapping[str, tuple[float, float]] | None = None,
    ) -> None:
        """`clock` (Unix seconds) and `status_deadline` are for tests: a virtual clock runs
        hours of polling in seconds; a short deadline cuts a slow answer off quickly.
        `documented_durations`: the usual durations per provider before any have finished
        (default: the providers' documentation; the demo's tasks are quicker)."""
        self._virtual_clock = clock
        self._clock = clock or time.time
        self._status_deadline = status_deadline
        self._ledger = ledger
        self._client = client
        self._keys = keys
        self._account_config = accounts
        self._policies = dict(policies or {})
        self._rng = rng or random.Random()
        self._tasks: dict[TaskKey, TrackedTask] = {}
        self._runners = Runners(self._clock)
        self._accounts: dict[str, AccountState] = {}
        self._followers: list[Callable[[EngineEvent], None]] = []
        self._durations: DurationBook | None = None  # read from the ledger when first needed
        self._documented_durations = documented_durations  # None: the providers' documentation
        self._progress_pace: dict[TaskKey, float] = {}  # progress per second, last two answers

    # --- following -----------------------------------------------------------------------

    def subscribe(self, follower: Callable[[EngineEvent], None]) -> None:
        self._followers.append(follower)

    def _tell(self, event: EngineEvent) -> None:
        for follower in list(self._followers):
            try:
                follower(event)
            except Exception:  # a broken follower must not stop polling
                log.exception("an engine follower failed on %r", event)

    # --- pacing and accounts -------------------------------------------------------------

    @property
    def durations(self) -> DurationBook:
        """How long finished tasks took, per provider and task type (ETA and schedule)."""
        if self._durations is None:
            runs = self._ledger.finished_durations()
            self._durations = DurationBook(
                (FinishedRun(*run) for run in reversed(runs)), self._documented_durations
            )
        return self._durations

    def policy(self, provider: Provider) -> PollPolicy:
        base = self._policies.get(provider.id, provider.poll_policy)
        return effective_policy(base, self._account_config(provider.account).interval)

    def _base_url(self, provider: Provider) -> str:
        config = self._account_config(provider.account)
        return (config.base_url or provider.default_base_url).rstrip("/")

    def _account(self, provider: Provider) -> AccountState:
        if provider.account not in self._accounts:
            sharing = [self.policy(p) for p in PROVIDERS.values() if p.account == provider.account]
            self._accounts[provider.account] = AccountState(
                provider.account, sharing, self._virtual_clock
            )
        return self._accounts[provider.account]

    # --- state ---------------------------------------------------------------------------

    def _store(self, task: TrackedTask, history: tuple[HistoryEntry, ...] = ()) -> None:
        # Disk first: if the write fails, memory keeps what the ledger has, and the next poll
        # tries again instead of the window showing a state that a restart would lose.
        self._ledger.save(task, history)
        self._tasks[task.key] = task

    def _update(
        self,
        task: TrackedTask,
        history: tuple[HistoryEntry, ...] = (),
        *,
        state_changed: bool = False,
    ) -> None:
        if task.key not in self._tasks:
            return  # removed while a poll was in flight
        self._store(task, history)
        self._tell(TaskUpdated(task, state_changed=state_changed))
