"""What an account and an API key may be, the errors a key operation raises, and a lookup's result.

No keyring and no environment here: just the rules both the keyring store and the environment
override apply. No message, exception or repr ever contains a key.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from gui.domain.wording import QT_TRANSLATE_NOOP

__all__ = [
    "ACCOUNTS",
    "ACCOUNT_LABELS",
    "CredentialError",
    "InvalidAccountError",
    "InvalidKeyError",
    "KeyLookup",
    "KeySource",
    "KeyringAccessError",
    "KeyringUnavailableError",
    "clean_key",
    "is_sendable",
    "validate_account",
]

# One key per account: MountSea's Suno and Producer APIs share the "mountsea" key.
ACCOUNTS: Final[tuple[str, ...]] = ("mountsea", "sunor", "crun")
ACCOUNT_LABELS: Final[Mapping[str, str]] = {
    "mountsea": "MountSea",
    "sunor": "sunor.cc",
    "crun": "crun.ai",
}

_TYPO_LIKE = re.compile(r"[A-Za-z0-9_.-]{0,16}")

# Control characters (newlines above all) would corrupt the Authorization header.
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")


# --- errors ---------------------------------------------------------------------------------


class CredentialError(Exception):
    """A key could not be read, stored or deleted. `message` is shown to the user as is."""

    def __init__(self, message: str, *, account: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.account = account


class InvalidAccountError(CredentialError, ValueError):
    """Not one of ACCOUNTS (a programming or typing error, not an environment problem)."""


class InvalidKeyError(CredentialError, ValueError):
    """Empty, only whitespace, or containing control characters. The key is never quoted."""


class KeyringUnavailableError(CredentialError):
    """No usable keyring backend: none at all, disabled, or one that keeps secrets in plain text."""

    def __init__(self, message: str, *, account: str | None = None, reason: str) -> None:
        super().__init__(message, account=account)
        self.reason = reason


class KeyringAccessError(CredentialError):
    """The keyring exists but refused: locked, unlock prompt dismissed, or any backend failure."""

    def __init__(
        self, message: str, *, account: str | None = None, backend: str, locked: bool
    ) -> None:
        super().__init__(message, account=account)
        self.backend = backend
        self.locked = locked


# --- accounts and keys ----------------------------------------------------------------------


def validate_account(account: str) -> str:
    """Return `account` if it is one of ACCOUNTS, else raise InvalidAccountError."""
    if account not in ACCOUNTS:
        # Quote only what looks like a mistyped name: with swapped arguments this is the key.
        shown = f" {account!r}" if _TYPO_LIKE.fullmatch(account) else ""
        raise InvalidAccountError(
            f"Unknown account{shown}; expected one of: {', '.join(ACCOUNTS)}.", account=None
        )
    return account


def is_sendable(key: str) -> bool:
    """HTTP headers carry printable ASCII only; anything else would never reach the API."""
    return all("!" <= ch <= "~" for ch in key)


# What is wrong with a key, and where it comes from (English; shown translated).
EMPTY_KEY = QT_TRANSLATE_NOOP("Problems", "The {account} key is empty.")
KEY_CONTROL_CHARACTER = QT_TRANSLATE_NOOP(
    "Problems",
    "The {account} key contains a line break or control character; paste just the key.",
)
KEY_UNSENDABLE = QT_TRANSLATE_NOOP(
    "Problems",
    "The {account} key contains characters an API key cannot have (spaces or non-ASCII, often "
    "an invisible character copied from a web page); paste just the key.",
)
FROM_ENV = QT_TRANSLATE_NOOP("Problems", "from environment variable {variable}")
STORED_IN = QT_TRANSLATE_NOOP("Problems", "stored in {keyring}")
NOT_SET = QT_TRANSLATE_NOOP("Problems", "not set")


def clean_key(key: str, account: str) -> str:
    """`key` stripped, or InvalidKeyError saying (without quoting it) why it cannot be a key."""
    stripped = key.strip()
    label = ACCOUNT_LABELS[account]
    if not stripped:
        raise InvalidKeyError(EMPTY_KEY.format(account=label), account=account)
    if _CONTROL_CHARS.search(stripped):
        raise InvalidKeyError(
            KEY_CONTROL_CHARACTER.format(account=label),
            account=account,
        )
    if not is_sendable(stripped):
        raise InvalidKeyError(
            KEY_UNSENDABLE.format(account=label),
            account=account,
        )
    return stripped


# --- lookups --------------------------------------------------------------------------------


class KeySource(enum.Enum):
    ENV = "env"
    KEYRING = "keyring"
    NONE = "none"


@dataclass(frozen=True)
class KeyLookup:
    """The result of reading one account's key. `key` is left out of repr on purpose."""

    account: str
    source: KeySource
    env_var: str
    key: str | None = field(default=None, repr=False)
    backend: str | None = None  # display name of the keyring the key came from
    problem: str | None = None  # why the keyring could not be read (no key was found)

    @property
    def found(self) -> bool:
        return self.key is not None

    @property
    def editable(self) -> bool:
        """False when the environment variable wins: editing the keyring would change nothing."""
        return self.source is not KeySource.ENV

    def describe(self) -> str:
        """A phrase for the settings dialog: where the key comes from, or why there is none."""
        if self.source is KeySource.ENV:
            return FROM_ENV.format(variable=self.env_var)
        if self.source is KeySource.KEYRING:
            return STORED_IN.format(keyring=self.backend)
        return self.problem or NOT_SET
