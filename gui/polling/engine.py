"""The polling engine's public face: one asyncio task per tracked, unfinished task, all sharing one
HTTP client and a per-account request budget. It records everything in the ledger and tells
followers. Here: what callers read and the controls (the task registry: start, add, remove,
restore, poll now, pause, resume, a new key, close). Behind it, one file per part:
engine_core.py (shared state, storing and telling), poll_loop.py (one task's polling steps),
account_reactions.py (rate-limit holds, key problems, reachability notes), check_once.py (a check
that is not a poll)."""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable

from gui.domain.events import AccountProblem, TaskAdded, TaskRemoved, TaskUpdated
from gui.domain.task_ids import validate_task_id
from gui.domain.tracked_task import HistoryEntry, TaskKey, TrackedTask, Watch
from gui.polling.account import MAX_IN_FLIGHT_PER_ACCOUNT
from gui.polling.check_once import CheckOnce
from gui.polling.engine_core import AccountConfig, KeyLookup
from gui.polling.eta import Estimate, estimate, task_age
from gui.polling.poll_loop import PollLoop
from gui.polling.status_check import StatusResult
from gui.providers import PROVIDERS, get_provider

log = logging.getLogger(__name__)

__all__ = ["MAX_IN_FLIGHT_PER_ACCOUNT", "AccountConfig", "Engine", "KeyLookup"]


class Engine(PollLoop, CheckOnce):
    """Built with `Engine(ledger, client, keys, accounts, policies, rng, clock=…)` (engine_core)."""

    # --- reading -------------------------------------------------------------------------

    @property
    def tasks(self) -> list[TrackedTask]:
        """The tasks held in memory: every unfinished one, and those added or checked since
        start. Tasks that had finished before start stay in the ledger (100 000 of them would
        take ~700 MB); `get` reads one of those on demand."""
        return list(self._tasks.values())

    def get(self, key: TaskKey) -> TrackedTask | None:
        task = self._tasks.get(key)
        return task if task is not None else self._ledger.get(key)

    def eta(self, task: TrackedTask, now: float | None = None) -> Estimate | None:
        """When a running task will likely be done; None when it is not running."""
        if task.watch is not Watch.ACTIVE or task.snapshot is None or task.is_finished:
            return None
        at = self._clock() if now is None else now
        answered = task_age(task, task.last_polled_at) if task.last_polled_at else None
        return estimate(
            self.durations.model_for(task),
            task_age(task, at),
            task.snapshot.progress,
            answered_age=answered,
            pace=self._progress_pace.get(task.key),
        )

    def account_problem(self, account: str) -> str | None:
        state = self._accounts.get(account)
        return state.auth_problem if state else None

    def account_offline(self, account: str) -> bool:
        """The account cannot be reached (said in the status bar): its tasks wait for it."""
        state = self._accounts.get(account)
        return state is not None and state.reach.announced

    # --- controls ------------------------------------------------------------------------

    def start(
        self,
        only: Collection[TaskKey] | None = None,
        loaded: Iterable[TrackedTask] | None = None,
    ) -> None:
        """Load the ledger's unfinished tasks and resume polling every active one where it left
        off (`only`: resume just these, as `tunewatch watch` does; `loaded`: the unfinished
        tasks already read, e.g. off the event loop by the window). One asyncio task per active
        task; none for a finished one."""
        for task in self._ledger.unfinished() if loaded is None else loaded:
            if task.provider not in PROVIDERS:
                log.warning("ignoring a task of unknown provider %r", task.provider)
                continue
            self._tasks[task.key] = task
            if task.watch is Watch.ACTIVE and (only is None or task.key in only):
                self._start_runner(task.key)

    def add(
        self, provider_id: str, task_id: str, first_answer: StatusResult | None = None
    ) -> tuple[TrackedTask, bool]:
        """Track a task (written to the ledger before its first poll). False: already tracked.

        `first_answer`: what the provider already said about it (Auto's probe), taken as the
        first check, so the task never shows "Waiting for first check" nor is asked twice."""
        provider = get_provider(provider_id)
        task_id = validate_task_id(task_id)
        task, created = self._ledger.add(provider.id, task_id, at=self._clock())
        if not created:
            return self._tasks.get(task.key, task), False
        # Due at once, not after the provider's "first delay": a pasted ID is an existing
        # task that may have finished an hour ago. The account's slots and budget spread a
        # big paste, longest-due (oldest paste) first; the provider's pacing starts after.
        task = task.with_changes(next_poll_at=self._clock())
        history: tuple[HistoryEntry, ...] = ()
        if first_answer is not None:
            self._account(provider).obey_rate_headers(first_answer.rate_limit)
            task, history = self._answered(first_answer, task, self._clock(), self.policy(provider))
        self._store(task, history)
        self._tell(TaskAdded(task))
        if history:  # what a first poll's answer tells (a finished task is kept, notified)
            self._tell(TaskUpdated(task, state_changed=True))
        if task.watch is Watch.ACTIVE:
            self._start_runner(task.key)
        return task, True

    def remove(self, key: TaskKey) -> TrackedTask | None:
        self._runners.stop(key)
        self._progress_pace.pop(key, None)
        removed = self._ledger.remove(key)
        task = self._tasks.pop(key, removed)
        if task is not None:
            self._tell(TaskRemoved(task))
        return task

    def restore(self, task: TrackedTask) -> None:
        """Undo a removal: the task comes back with its history, and resumes if it was active."""
        if task.key in self._tasks:
            return
        self._ledger.restore(task)
        self._tasks[task.key] = task
        self._tell(TaskAdded(task))
        if task.watch is Watch.ACTIVE:
            self._start_runner(task.key)

    def poll_now(self, key: TaskKey) -> None:
        task = self._tasks.get(key)
        if task is None or task.watch is Watch.DONE:
            return
        if task.watch is not Watch.ACTIVE:
            self.resume(key)  # polls at once
            return  # (writing back the copy read above would undo the resume)
        self._update(task.with_changes(next_poll_at=self._clock()))
        self._runners.wake(key)
        account = self._accounts.get(get_provider(task.provider).account)
        if account is not None:
            account.reach.probe_now()  # during an outage: ask at once, not at the next probe

    def pause(self, key: TaskKey) -> None:
        task = self._tasks.get(key)
        if task is None or task.watch is not Watch.ACTIVE:
            return
        self._runners.stop(key)
        self._update(task.with_changes(watch=Watch.PAUSED, next_poll_at=None, problem=None))

    def resume(self, key: TaskKey) -> None:
        """Resume a paused, given-up or not-found task (the give-up clock starts again)."""
        task = self._tasks.get(key)
        if task is None or task.watch in (Watch.ACTIVE, Watch.DONE):
            return
        now = self._clock()
        self._update(
            task.with_changes(
                watch=Watch.ACTIVE, tracking_since=now, next_poll_at=now, problem=None
            )
        )
        self._start_runner(key)

    def pause_all(self) -> None:
        for key in list(self._tasks):
            self.pause(key)

    def resume_all(self) -> None:
        for key, task in list(self._tasks.items()):
            if task.watch is Watch.PAUSED:
                self.resume(key)

    def key_changed(self, account: str) -> None:
        """A new key was stored: every task paused by a refused key tries again."""
        state = self._accounts.get(account)
        if state is not None and state.replace_key():
            self._tell(AccountProblem(account, None))

    async def close(self) -> None:
        """Cancel and await every poll. The caller closes the HTTP client afterwards."""
        await self._runners.close()
