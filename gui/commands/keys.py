"""Finding the API key for a terminal command, with a plain sentence when there is none."""

from __future__ import annotations

from gui.storage.credentials import CredentialStore
from gui.storage.key_env import env_var_name
from gui.storage.key_rules import CredentialError
from gui.storage.log_file import register_secret


class KeyUnavailableError(Exception):
    pass


def resolve_key(account: str, store: CredentialStore | None = None) -> str:
    store = store or CredentialStore()
    try:
        lookup = store.get_key_sync(account)
    except CredentialError as error:
        raise KeyUnavailableError(str(error)) from None
    if lookup.key is None:
        if lookup.problem:
            raise KeyUnavailableError(f"No API key for the {account} account: {lookup.problem}")
        raise KeyUnavailableError(
            f"No API key for the {account} account. Store one in the window's settings, "
            f"or set the environment variable {env_var_name(account)}."
        )
    register_secret(lookup.key)  # masked in every log line from now on
    return lookup.key
