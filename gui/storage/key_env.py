"""The `TUNEWATCH_KEY_<ACCOUNT>` environment variables: a key set there wins over the keyring.

For headless use (CI, servers without a keyring). Reading the environment never blocks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from gui.domain.wording import QT_TRANSLATE_NOOP
from gui.storage.key_rules import KeyLookup, KeySource, is_sendable, validate_account

__all__ = ["ENV_PREFIX", "env_var_name", "lookup_env_key"]

ENV_PREFIX: Final = "TUNEWATCH_KEY_"
ENV_KEY_UNSENDABLE = QT_TRANSLATE_NOOP(
    "Problems",
    "{variable} holds characters an API key cannot have (spaces, line breaks or non-ASCII); set "
    "it to just the key.",
)


def env_var_name(account: str) -> str:
    """The environment variable that overrides the keyring: "sunor" -> "TUNEWATCH_KEY_SUNOR"."""
    return ENV_PREFIX + validate_account(account).upper()


def lookup_env_key(account: str, env: Mapping[str, str]) -> KeyLookup | None:
    """The key `env` sets for `account`, a lookup naming what is wrong with it, or None if unset."""
    env_var = env_var_name(account)
    value = env.get(env_var, "").strip()
    # An empty variable counts as unset, so `TUNEWATCH_KEY_X=` can switch an override off.
    if not value:
        return None
    if not is_sendable(value):
        return KeyLookup(
            account=account,
            source=KeySource.ENV,
            env_var=env_var,
            problem=ENV_KEY_UNSENDABLE.format(variable=env_var),
        )
    return KeyLookup(account=account, source=KeySource.ENV, env_var=env_var, key=value)
