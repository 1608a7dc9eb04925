"""The poll loop: the steps of one task's polling, from its wait to the next check — the give-up
clock, the provider's per-task floor, a usable key, the account's turn (reachability probe, slot,
budget), the request, then what its answer or failure does to the task and when to ask again."""

from __future__ import annotations

import asyncio
import logging

from gui.domain.errors import InvalidTaskIdError, ProviderError, RateLimitedError
from gui.domain.events import AccountProblem
from gui.domain.tracked_task import HistoryEntry, TaskKey, TrackedTask, Watch
from gui.polling import problem_words as words
from gui.polling.account import AccountState
from gui.polling.account_reactions import AccountReactions
from gui.polling.eta import finished_run
from gui.polling.failures import Streak, after_failure
from gui.polling.schedule import (
    delay_after_answer,
    observe,
    progress_pace,
    retry_delay,
    stream_began_after,
)
from gui.polling.status_check import StatusResult, check_status
from gui.providers import get_provider
from gui.providers.base import PollPolicy, Provider

log = logging.getLogger(__name__)


class PollLoop(AccountReactions):
    """One runner per polled task (runners.py) runs `_run` until the task ends."""

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
            try:
                result = await check_status(
                    self._client,
                    provider,
                    self._base_url(provider),
                    key[1],
                    api_key,
                    self._status_deadline,
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
