"""The polling engine: one asyncio task per tracked, unfinished task, all sharing one HTTP client
and a per-account request budget. It records everything in the ledger and tells followers."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping
from dataclasses import dataclass

import httpx

from gui.domain.errors import (
    InvalidTaskIdError,
    MissingKeyError,
    NetworkError,
    ProviderError,
    RateLimitedError,
    UnreachableError,
)
from gui.domain.events import AccountProblem, EngineEvent, TaskAdded, TaskRemoved, TaskUpdated
from gui.domain.task_ids import validate_task_id
from gui.domain.tracked_task import HistoryEntry, TaskKey, TrackedTask, Watch
from gui.polling import problem_words as words
from gui.polling.account import MAX_IN_FLIGHT_PER_ACCOUNT, AccountState
from gui.polling.eta import DurationBook, Estimate, FinishedRun, estimate, finished_run, task_age
from gui.polling.failures import Streak, after_failure, rate_limit_wait
from gui.polling.runners import Runners
from gui.polling.schedule import (
    delay_after_answer,
    effective_policy,
    observe,
    progress_pace,
    retry_delay,
    stream_began_after,
)
from gui.polling.status_check import STATUS_DEADLINE, StatusResult, check_status
from gui.providers import PROVIDERS, get_provider
from gui.providers.base import PollPolicy, Provider
from gui.storage.ledger import Ledger

log = logging.getLogger(__name__)

__all__ = ["MAX_IN_FLIGHT_PER_ACCOUNT", "AccountConfig", "Engine", "KeyLookup"]

KeyLookup = Callable[[str], Awaitable[str | None]]  # account -> key (None: no key)


@dataclass(frozen=True, slots=True)
class AccountConfig:
    base_url: str | None = None  # None: the provider's default
    interval: float | None = None  # None: the provider's advice with backoff


class Engine:
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

    @property
    def durations(self) -> DurationBook:
        """How long finished tasks took, per provider and task type (ETA and schedule)."""
        if self._durations is None:
            runs = self._ledger.finished_durations()
            self._durations = DurationBook(
                (FinishedRun(*run) for run in reversed(runs)), self._documented_durations
            )
        return self._durations

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

    def policy(self, provider: Provider) -> PollPolicy:
        base = self._policies.get(provider.id, provider.poll_policy)
        return effective_policy(base, self._account_config(provider.account).interval)

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

    # --- one check outside polling --------------------------------------------------------

    async def check_once(
        self, provider_id: str, task_id: str, api_key: str | None = None
    ) -> StatusResult:
        """One status check that is not a task's poll (Auto's detection, an export's fresh
        link), through the account's slots and budget like every poll: it waits its turn, and
        a 429 or an exhausted X-RateLimit window it meets holds the whole account. Raises the
        ProviderError as `check_status` does (MissingKeyError without a key)."""
        provider = get_provider(provider_id)
        account = self._account(provider)
        key = api_key or await self._keys(provider.account)
        if not key:
            raise MissingKeyError(words.NO_KEY_SHORT.format(account=provider.account))
        sent = await account.take_turn(self._clock())
        try:
            result = await check_status(
                self._client,
                provider,
                self._base_url(provider),
                task_id,
                key,
                self._status_deadline,
            )
        except ProviderError as error:
            account.end_turn(sent)
            account.obey_rate_headers(error.rate_limit)
            self._note_reachability(account, provider, error, probe=False)
            if isinstance(error, RateLimitedError):
                self._hold_for_rate_limit(account, provider, error)
            raise
        account.end_turn(sent)
        account.obey_rate_headers(result.rate_limit)
        self._note_reachability(account, provider, None, probe=False)
        return result

    def _base_url(self, provider: Provider) -> str:
        config = self._account_config(provider.account)
        return (config.base_url or provider.default_base_url).rstrip("/")

    def _hold_for_rate_limit(
        self, account: AccountState, provider: Provider, error: RateLimitedError
    ) -> float:
        """No request of the account before the wait the provider named; said once a spell."""
        wait = rate_limit_wait(error)
        if account.start_rate_limit(wait):
            self._tell(
                AccountProblem(
                    provider.account,
                    words.RATE_LIMITED_ACCOUNT.format(
                        provider=provider.name, seconds=f"{wait:.0f}"
                    ),
                    kind="rate_limited",
                )
            )
        return wait

    # --- the poll loop -------------------------------------------------------------------

    def _start_runner(self, key: TaskKey) -> None:
        self._runners.start(key, lambda: self._run(key))

    async def _run(self, key: TaskKey) -> None:
        """Poll until the task ends; an unexpected error (a bug, a full disk) is reported on
        the task and retried with back-off instead of silently ending its polling."""
        failures = 0
        while True:
            try:
                await self._poll_until_done(key)
                return
            except Exception as error:
                failures += 1
                wait = retry_delay(failures, self.policy(get_provider(key[0])).initial_interval)
                # The type only: an exception's text may quote a payload or a header.
                log.error(
                    "polling %s failed (%s); retrying in %.0f s", key, type(error).__name__, wait
                )
                task = self._tasks.get(key)
                if task is None or task.watch is not Watch.ACTIVE:
                    return
                try:
                    self._update(
                        task.with_changes(
                            problem=words.UNEXPECTED_ERROR.format(
                                error=type(error).__name__, seconds=f"{wait:.0f}"
                            ),
                            next_poll_at=self._clock() + wait,
                        )
                    )
                except Exception:
                    await asyncio.sleep(wait)  # could not even record it: wait here instead

    async def _poll_until_done(self, key: TaskKey) -> None:
        provider = get_provider(key[0])
        account = self._account(provider)
        streak = Streak()
        while True:
            # .get: a follower may have removed the task from inside the last update.
            found = self._tasks.get(key)
            if found is None or found.watch is not Watch.ACTIVE:
                return
            await self._runners.sleep_until(key, found.next_poll_at)
            policy = self.policy(provider)
            if self._gave_up(self._tasks[key], policy):
                return
            await self._wait_for_task_floor(self._tasks[key], policy)
            api_key = await self._usable_key(provider, account, key)
            # While the account cannot be reached, one task probes and the others wait here.
            probe = await account.reach.wait_turn()
            generation = account.key_generation
            sent = await account.take_turn(self._tasks[key].next_poll_at or self._clock())
            if account.auth_problem is not None or generation != account.key_generation:
                account.end_turn(sent)  # never sent: let it leave the window normally
                account.reach.inconclusive(probe=probe)  # nor did the probe: another may
                continue  # the key was refused or replaced while we waited for the budget
            self._runners.request_going_out(key)
            task = self._tasks[key]
            config = self._account_config(provider.account)
            base_url = (config.base_url or provider.default_base_url).rstrip("/")
            try:
                result = await check_status(
                    self._client, provider, base_url, key[1], api_key, self._status_deadline
                )
            except (ProviderError, InvalidTaskIdError) as error:
                failure: ProviderError | InvalidTaskIdError | None = error
            else:
                failure = None
            finally:
                account.end_turn(sent)
            # Taken when the answer arrived, so last_polled_at + min_task_interval is a floor
            # on the provider's clock too, however long the request took.
            now = self._clock()
            if self._note_reachability(account, provider, failure, probe=probe):
                # No answer at all: the account's outage, not this task's problem. The time is
                # kept all the same: the provider's per-task floor counts what it may have seen.
                self._update(self._tasks.get(key, task).with_changes(last_polled_at=now))
                continue
            if failure is not None:
                stop = self._on_failure(
                    failure, task, now, account, provider, policy, generation, streak
                )
                if stop:
                    return
                continue
            streak.reset()
            if self._on_answer(result, task, now, account, provider, policy):
                return

    def _gave_up(self, task: TrackedTask, policy: PollPolicy) -> bool:
        if self._clock() - task.tracking_since <= policy.give_up_after:
            return False
        minutes = policy.give_up_after / 60
        self._update(
            task.with_changes(
                watch=Watch.GIVEN_UP,
                next_poll_at=None,
                problem=words.GAVE_UP.format(minutes=f"{minutes:.0f}"),
            )
        )
        return True

    async def _wait_for_task_floor(self, task: TrackedTask, policy: PollPolicy) -> None:
        # Never ask about one task faster than the provider allows (sunor: 1/s), not even
        # for "poll now" or a jittered interval that came out below the floor.
        if task.last_polled_at is not None:
            floor = task.last_polled_at + policy.min_task_interval - self._clock()
            if floor > 0:
                await asyncio.sleep(floor)

    def _on_failure(
        self,
        failure: ProviderError | InvalidTaskIdError,
        task: TrackedTask,
        now: float,
        account: AccountState,
        provider: Provider,
        policy: PollPolicy,
        generation: int,
        streak: Streak,
    ) -> bool:
        """Record a failed check and schedule the next (failures.py); True when polling this
        task stops. Here only what the failure does to the account and who is told."""
        if isinstance(failure, ProviderError):
            # sunor sends X-RateLimit-* on errors too; they count just the same.
            account.obey_rate_headers(failure.rate_limit)
        if isinstance(failure, RateLimitedError):
            self._hold_for_rate_limit(account, provider, failure)
        outcome = after_failure(failure, task, now, policy, streak, self._rng)
        if outcome.refused_key is not None and generation == account.key_generation:
            self._set_auth_problem(account, outcome.refused_key)  # not for a replaced key
        self._update(outcome.task)
        return outcome.stop

    def _on_answer(
        self,
        result: StatusResult,
        task: TrackedTask,
        now: float,
        account: AccountState,
        provider: Provider,
        policy: PollPolicy,
    ) -> bool:
        """Record a good answer and schedule the next check; True when the task has ended."""
        account.obey_rate_headers(result.rate_limit)
        if account.end_rate_limit():
            self._tell(AccountProblem(provider.account, None, kind="rate_limited"))
        task, history = self._answered(result, task, now, policy)
        self._update(task, history, state_changed=bool(history))
        return task.watch is Watch.DONE

    def _answered(
        self, result: StatusResult, task: TrackedTask, now: float, policy: PollPolicy
    ) -> tuple[TrackedTask, tuple[HistoryEntry, ...]]:
        """The task after a good answer, with its next check scheduled, and the state entry."""
        snapshot = result.snapshot
        history: tuple[HistoryEntry, ...] = ()
        if snapshot.state != task.state:
            history = (HistoryEntry(now, snapshot.state, snapshot.provider_status),)
        done = snapshot.state.is_terminal
        next_poll_at = None
        if not done:
            # Sparse while a finish is unlikely, dense around the likely one (schedule.py).
            model = self.durations.model(task.provider, snapshot.task_type)
            wait = delay_after_answer(policy, model, task, snapshot, now, self._rng)
            next_poll_at = now + wait
            pace = progress_pace(observe(task, snapshot, now))
            if pace is not None:
                self._progress_pace[task.key] = pace  # for the ETA shown until the next answer
        task = task.with_changes(
            snapshot=snapshot,
            problem=None,
            last_polled_at=now,
            poll_count=task.poll_count + 1,
            watch=Watch.DONE if done else Watch.ACTIVE,
            next_poll_at=next_poll_at,
            history=task.history + history,
            stream_began_after=stream_began_after(task, snapshot),
        )
        run = finished_run(task) if history else None
        if run is not None:
            self.durations.record(run)  # the next ETA and schedule of its kind learn from it
        return task, history

    # --- an account's problems -----------------------------------------------------------

    def _note_reachability(
        self,
        account: AccountState,
        provider: Provider,
        failure: ProviderError | InvalidTaskIdError | None,
        *,
        probe: bool,
    ) -> bool:
        """Track whether the account answers at all; True when this request got no answer.
        Said once per outage and once when it ends, not per task and retry."""
        if isinstance(failure, UnreachableError):
            if account.reach.lost(probe=probe):
                message = words.UNREACHABLE.format(provider=provider.name)
                self._tell(AccountProblem(provider.account, message, kind="offline"))
            return True
        if isinstance(failure, NetworkError):
            account.reach.inconclusive(probe=probe)  # slow, not gone: this task retries
        elif account.reach.answered(probe=probe):
            self._tell(AccountProblem(provider.account, None, kind="offline"))
        return False

    async def _usable_key(self, provider: Provider, account: AccountState, key: TaskKey) -> str:
        """Wait while the account's key is refused or missing; then return the key."""
        while True:
            if account.auth_problem is None:
                try:
                    api_key = await self._keys(provider.account)
                except Exception as error:  # a locked keyring, for instance
                    api_key = None
                    reason = str(error)
                else:
                    reason = ""
                if api_key:
                    return api_key
                self._set_auth_problem(
                    account,
                    reason or words.NO_KEY.format(account=provider.account),
                )
            message = account.auth_problem or ""
            if account.marked_waiting != message:
                # Once per problem, not once per waiting task: 10 000 tasks of one account
                # would otherwise each walk all 10 000 (seconds of a frozen window).
                account.marked_waiting = message
                self._mark_waiting(provider.account, message)
            else:
                self._mark_one_waiting(key, message)  # e.g. its answer arrived after the marking
            await account.key_changed.wait()

    def _set_auth_problem(self, account: AccountState, message: str) -> None:
        if account.refuse_key(message):
            self._tell(AccountProblem(account.name, message))

    def _mark_waiting(self, account: str, message: str) -> None:
        for key, task in list(self._tasks.items()):
            if get_provider(task.provider).account == account:
                self._mark_one_waiting(key, message)

    def _mark_one_waiting(self, key: TaskKey, message: str) -> None:
        task = self._tasks.get(key)
        if task is None or task.watch is not Watch.ACTIVE:
            return
        if task.problem != message or task.next_poll_at is not None:
            self._update(task.with_changes(problem=message, next_poll_at=None))

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
