"""How the engine reacts at the account level, for every task of the account at once: a rate
limit holds the account (said once a spell), a refused or missing key pauses its tasks until a new
key is stored (said once, marked once), and an outage is said once when it starts and once when it
ends — not once per task and retry."""

from __future__ import annotations

from gui.domain.errors import (
    InvalidTaskIdError,
    NetworkError,
    ProviderError,
    RateLimitedError,
    UnreachableError,
)
from gui.domain.events import AccountProblem
from gui.domain.tracked_task import TaskKey, Watch
from gui.polling import problem_words as words
from gui.polling.account import AccountState
from gui.polling.engine_core import EngineCore
from gui.polling.failures import rate_limit_wait
from gui.providers import get_provider
from gui.providers.base import Provider


class AccountReactions(EngineCore):
    """The account-level side effects of a check: holds, key problems, reachability notes."""

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
