"""Finding the API key for a terminal command. When there is none: two short lines, what to do
first, then why (the keyring's own technical words go to the log, see --verbose)."""

from __future__ import annotations

import logging
import sys

from gui.domain.wording import localize
from gui.i18n import translate
from gui.storage.credentials import CredentialStore
from gui.storage.key_env import env_var_name
from gui.storage.key_rules import ACCOUNT_LABELS, CredentialError, KeyringAccessError, KeySource
from gui.storage.log_file import register_secret

log = logging.getLogger(__name__)


class KeyUnavailableError(Exception):
    """No usable key: `fix` says what to do, `reason` why, each one short line for a person."""

    def __init__(self, fix: str, reason: str) -> None:
        super().__init__(f"{reason} {fix}")  # one line, where one is needed (a task's problem)
        self.fix = fix
        self.reason = reason


def print_key_problem(problem: KeyUnavailableError) -> None:
    """The fix first, then the reason: two lines on standard error."""
    print(f"tunewatch: {problem.fix}", file=sys.stderr)
    print(f"tunewatch: {problem.reason}", file=sys.stderr)


def resolve_key(account: str, store: CredentialStore | None = None) -> str:
    store = store or CredentialStore()
    label, variable = ACCOUNT_LABELS[account], env_var_name(account)
    try:
        lookup = store.get_key_sync(account)
    except CredentialError as error:
        log.info("the keyring did not give the %s key: %s", account, error.message)
        locked = isinstance(error, KeyringAccessError) and error.locked
        raise KeyUnavailableError(
            translate(
                "Terminal", "Unlock the keyring, or set {variable} to your {account} key."
            ).format(variable=variable, account=label),
            translate("Terminal", "The keyring is locked.")
            if locked
            else translate("Terminal", "The keyring could not read the {account} key.").format(
                account=label
            ),
        ) from None
    if lookup.key is None:
        if lookup.source is KeySource.ENV:  # set, but not to something a key can be
            raise KeyUnavailableError(
                translate("Terminal", "Set {variable} to just your {account} API key.").format(
                    variable=variable, account=label
                ),
                translate("Terminal", "It holds spaces, line breaks or non-ASCII characters."),
            )
        if lookup.problem:  # no usable keyring (e.g. no D-Bus session): the variable is the way
            log.info("no %s key: %s", account, localize(lookup.problem, translate))
            raise KeyUnavailableError(
                translate("Terminal", "Set {variable} to your {account} API key.").format(
                    variable=variable, account=label
                ),
                translate(
                    "Terminal", "There is no {account} key, and no system keyring to keep one in."
                ).format(account=label),
            )
        raise KeyUnavailableError(
            translate(
                "Terminal",
                "Store your {account} API key in the window's Settings, or set {variable}.",
            ).format(account=label, variable=variable),
            translate("Terminal", "No {account} key is stored.").format(account=label),
        )
    register_secret(lookup.key)  # masked in every log line from now on
    return lookup.key
