"""One status check that is not a task's poll (Auto's detection, an export's fresh link), paced
and reacted to like a poll: it takes the account's slot and budget, and what it meets (a 429, an
exhausted X-RateLimit window, an outage or its end) counts for the whole account."""

from __future__ import annotations

from gui.domain.errors import MissingKeyError, ProviderError, RateLimitedError
from gui.polling import problem_words as words
from gui.polling.account_reactions import AccountReactions
from gui.polling.status_check import StatusResult, check_status
from gui.providers import get_provider


class CheckOnce(AccountReactions):
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
