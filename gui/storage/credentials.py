"""API keys per account, kept in the OS keyring; an environment variable overrides for headless use.

Plain Python, no Qt. Keyring calls block (D-Bus round trips, possibly an unlock prompt), so the
async methods run them in a worker thread; the `*_sync` twins are for the CLI.

We refuse to store a key when the only backend would keep it in plain text, or would drop it
(keyring's `fail` and `null` backends): the user gets a sentence saying what is wrong and what to do,
never a silent downgrade. No message, exception, repr or log line ever contains a key.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import os
import re
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, Literal, NoReturn

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

__all__ = [
    "ACCOUNTS",
    "ACCOUNT_LABELS",
    "SERVICE_NAME",
    "BackendStatus",
    "CredentialError",
    "CredentialStore",
    "InvalidAccountError",
    "InvalidKeyError",
    "KeyLookup",
    "KeySource",
    "KeyringAccessError",
    "KeyringUnavailableError",
    "describe_backend",
    "env_var_name",
    "validate_account",
]

log = logging.getLogger(__name__)

SERVICE_NAME: Final = "tunewatch"

# One key per account: MountSea's Suno and Producer APIs share the "mountsea" key.
ACCOUNTS: Final[tuple[str, ...]] = ("mountsea", "sunor", "crun")
ACCOUNT_LABELS: Final[Mapping[str, str]] = {
    "mountsea": "MountSea",
    "sunor": "sunor.cc",
    "crun": "crun.ai",
}

ENV_PREFIX: Final = "TUNEWATCH_KEY_"

_WHAT_TO_DO = "Install and unlock GNOME Keyring or KWallet, or set {env} in the environment."

_TYPO_LIKE = re.compile(r"[A-Za-z0-9_.-]{0,16}")

# Control characters (newlines above all) would corrupt the Authorization header.
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")

# Secret Service errors that mean "locked" arrive in several shapes: keyring's KeyringLocked,
# InitError("... Prompt dismissed..") when no prompter can run, or secretstorage's own classes.
_LOCKED_EXCEPTION_NAMES = frozenset(
    {"KeyringLocked", "LockedException", "PromptDismissedException"}
)
_LOCKED_WORDS = ("prompt dismissed", "locked")

# Display names for the backends a settings dialog is likely to show.
_BACKEND_LABELS: Final[Mapping[str, str]] = {
    "keyring.backends.SecretService.Keyring": "GNOME Keyring (Secret Service)",
    "keyring.backends.libsecret.Keyring": "GNOME Keyring (libsecret)",
    "keyring.backends.kwallet.DBusKeyring": "KWallet",
    "keyring.backends.kwallet.DBusKeyringKWallet4": "KWallet 4",
    "keyring.backends.macOS.Keyring": "macOS Keychain",
    "keyring.backends.Windows.WinVaultKeyring": "Windows Credential Manager",
    "keyring.backends.fail.Keyring": "no keyring backend",
    "keyring.backends.null.Keyring": "keyring disabled (null backend)",
    "keyring.backends.chainer.ChainerBackend": "keyring chainer",
    "keyrings.alt.file.PlaintextKeyring": "plain-text file (keyrings.alt)",
    "keyrings.alt.file.EncryptedKeyring": "encrypted file (keyrings.alt)",
}


# --- accounts -------------------------------------------------------------------------------


def validate_account(account: str) -> str:
    """Return `account` if it is one of ACCOUNTS, else raise InvalidAccountError."""
    if account not in ACCOUNTS:
        # Quote only what looks like a mistyped name: with swapped arguments this is the key.
        shown = f" {account!r}" if _TYPO_LIKE.fullmatch(account) else ""
        raise InvalidAccountError(
            f"Unknown account{shown}; expected one of: {', '.join(ACCOUNTS)}.", account=None
        )
    return account


def env_var_name(account: str) -> str:
    """The environment variable that overrides the keyring: "sunor" -> "TUNEWATCH_KEY_SUNOR"."""
    return ENV_PREFIX + validate_account(account).upper()


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


# --- backend status -------------------------------------------------------------------------


@dataclass(frozen=True)
class BackendStatus:
    """What the settings dialog shows about where keys live."""

    usable: bool
    name: str  # for people: "GNOME Keyring (Secret Service)"
    backend_class: str  # for support: "keyring.backends.SecretService.Keyring"
    problem: str | None = None  # why it is unusable, e.g. "it keeps secrets in a plain-text file"

    def describe(self) -> str:
        if self.usable:
            return self.name
        return f"No system keyring is available ({self.problem})."


def _class_path(obj: object) -> str:
    cls = type(obj)
    return f"{cls.__module__}.{cls.__qualname__}"


def _display_name(backend: KeyringBackend) -> str:
    path = _class_path(backend)
    if path in _BACKEND_LABELS:
        return _BACKEND_LABELS[path]
    try:
        return str(type(backend).name)
    except Exception:  # a third-party classproperty; never let a label crash the dialog
        return path


def _plaintext_reason(backend: KeyringBackend) -> str | None:
    """Why `backend` would keep keys in a file rather than in a system keyring, if it would."""
    for cls in type(backend).__mro__:
        if "plaintext" in cls.__name__.lower():
            return f"{_class_path(backend)} keeps secrets in a plain-text file"
        # keyrings.alt: file-based backends keyring itself calls "not recommended".
        if cls.__module__.startswith("keyrings.alt"):
            return f"{_class_path(backend)} keeps secrets in a file, not in a system keyring"
    return None


def _no_backend_reason() -> str:
    reason = "the keyring package found no backend"
    if sys.platform.startswith("linux"):
        if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            reason += "; there is no D-Bus session, so no Secret Service can answer"
        else:
            reason += "; no Secret Service or KWallet answered on the D-Bus session"
    return reason


def _effective_backend(backend: KeyringBackend) -> tuple[KeyringBackend | None, str | None]:
    """The backend we would actually talk to, or None and the reason there is none.

    keyring's chainer writes to its highest-priority member and reads from all of them, plain
    text ones included; we unwrap it and use its best member that keeps secrets properly.
    """
    if isinstance(backend, chainer.ChainerBackend):
        members: list[KeyringBackend] = list(backend.backends)
        if not members:
            return None, _no_backend_reason()
        secure = [m for m in members if _plaintext_reason(m) is None]
        secure = [m for m in secure if not isinstance(m, (fail.Keyring, null.Keyring))]
        if not secure:
            reasons = "; ".join(r for m in members if (r := _plaintext_reason(m)))
            return None, reasons or _no_backend_reason()
        return secure[0], None
    if isinstance(backend, fail.Keyring):
        return None, _no_backend_reason()
    if isinstance(backend, null.Keyring):
        return None, "keyring is disabled (the null backend discards every secret)"
    reason = _plaintext_reason(backend)
    if reason:
        return None, reason
    return backend, None


def describe_backend(backend: KeyringBackend) -> BackendStatus:
    """Whether `backend` can hold our keys, and what to call it. May block (chainer discovery)."""
    effective, problem = _effective_backend(backend)
    if effective is None:
        return BackendStatus(
            usable=False,
            name=_display_name(backend),
            backend_class=_class_path(backend),
            problem=problem,
        )
    return BackendStatus(
        usable=True, name=_display_name(effective), backend_class=_class_path(effective)
    )


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
            return f"from environment variable {self.env_var}"
        if self.source is KeySource.KEYRING:
            return f"stored in {self.backend}"
        return self.problem or "not set"


# --- the store ------------------------------------------------------------------------------


class CredentialStore:
    """Reads, stores and deletes API keys; thread-safe, blocking calls kept off the event loop.

    `backend`: a keyring backend to use; None means keyring's configured one, looked up on every
    call (cheap after the first) so `keyring.set_keyring()` takes effect.
    `env`: where overrides are read; None means `os.environ`, read live.
    `service`: the keyring service name; tests pass a unique one so real keys are never touched.
    """

    def __init__(
        self,
        backend: KeyringBackend | None = None,
        env: Mapping[str, str] | None = None,
        *,
        service: str = SERVICE_NAME,
    ) -> None:
        if not service.strip():
            raise ValueError("service name must not be empty")
        self._backend = backend
        self._env = env
        self._service = service
        # Serialise keyring access: concurrent Secret Service unlocks would stack prompts.
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        backend = "default" if self._backend is None else _class_path(self._backend)
        return f"CredentialStore(service={self._service!r}, backend={backend})"

    @property
    def service(self) -> str:
        return self._service

    # -- async API for the GUI --

    async def get_key(self, account: str) -> KeyLookup:
        validate_account(account)
        # The environment never blocks; only go to a thread for the keyring.
        from_env = self._lookup_env(account)
        if from_env is not None:
            return from_env
        return await asyncio.to_thread(self.get_key_sync, account)

    async def set_key(self, account: str, key: str) -> None:
        await asyncio.to_thread(self.set_key_sync, account, key)

    async def delete_key(self, account: str) -> bool:
        return await asyncio.to_thread(self.delete_key_sync, account)

    async def backend_status(self) -> BackendStatus:
        return await asyncio.to_thread(self.backend_status_sync)

    # -- sync API for the CLI (and the worker threads above) --

    def env_override(self, account: str) -> str | None:
        """The name of the environment variable overriding this account's key, if one is set."""
        found = self._lookup_env(validate_account(account))
        return found.env_var if found is not None else None

    def get_key_sync(self, account: str) -> KeyLookup:
        """The key and where it came from. No usable keyring -> no key plus `problem`."""
        validate_account(account)
        from_env = self._lookup_env(account)
        if from_env is not None:
            return from_env
        env_var = env_var_name(account)
        with self._lock:
            backend, status = self._resolve()
            if backend is None:
                return KeyLookup(
                    account=account,
                    source=KeySource.NONE,
                    env_var=env_var,
                    problem=self._unavailable_message(account, status),
                )
            try:
                key = backend.get_password(self._service, account)
            except Exception as exc:
                self._raise_access_error(exc, account, status, "read", secret=None)
        if key is None or not key.strip():
            return KeyLookup(account=account, source=KeySource.NONE, env_var=env_var)
        return KeyLookup(
            account=account,
            source=KeySource.KEYRING,
            env_var=env_var,
            key=key.strip(),
            backend=status.name,
        )

    def set_key_sync(self, account: str, key: str) -> None:
        """Store `key` (stripped) in the keyring. An environment override, if set, still wins."""
        validate_account(account)
        key = _clean_key(key, account)
        with self._lock:
            backend, status = self._writable_backend(account)
            try:
                backend.set_password(self._service, account, key)
            except Exception as exc:
                self._raise_access_error(exc, account, status, "store", secret=key)
        log.info("Stored the %s key in %s", account, status.name)

    def _writable_backend(self, account: str) -> tuple[KeyringBackend, BackendStatus]:
        """The backend to store into, or the plain-words reason there is none."""
        backend, status = self._resolve()
        if backend is None:
            raise KeyringUnavailableError(
                self._unavailable_message(account, status),
                account=account,
                reason=status.problem or "unknown",
            )
        return backend, status

    def delete_key_sync(self, account: str) -> bool:
        """Remove the stored key; False if there was none. Leaves the environment alone."""
        validate_account(account)
        with self._lock:
            backend, status = self._writable_backend(account)
            try:
                # Look first: backends signal "nothing to delete" inconsistently.
                if backend.get_password(self._service, account) is None:
                    return False
                backend.delete_password(self._service, account)
            except Exception as exc:
                self._raise_access_error(exc, account, status, "delete", secret=None)
        log.info("Deleted the %s key from %s", account, status.name)
        return True

    def backend_status_sync(self) -> BackendStatus:
        with self._lock:
            return self._resolve()[1]

    # -- internals --

    def _lookup_env(self, account: str) -> KeyLookup | None:
        env_var = env_var_name(account)
        env = os.environ if self._env is None else self._env
        value = env.get(env_var, "").strip()
        # An empty variable counts as unset, so `TUNEWATCH_KEY_X=` can switch an override off.
        if not value:
            return None
        if not _sendable(value):
            return KeyLookup(
                account=account,
                source=KeySource.ENV,
                env_var=env_var,
                problem=f"{env_var} holds characters an API key cannot have (spaces, line breaks "
                "or non-ASCII); set it to just the key.",
            )
        return KeyLookup(account=account, source=KeySource.ENV, env_var=env_var, key=value)

    def _resolve(self) -> tuple[KeyringBackend | None, BackendStatus]:
        configured = self._backend
        if configured is None:
            try:
                configured = keyring.get_keyring()
            except Exception as exc:  # e.g. a bad PYTHON_KEYRING_BACKEND or keyringrc.cfg
                problem = f"keyring could not load its configured backend: {exc}"
                return None, BackendStatus(False, "none", "", problem)
        effective, _ = _effective_backend(configured)
        return effective, describe_backend(configured)

    @staticmethod
    def _unavailable_message(account: str, status: BackendStatus) -> str:
        return f"No system keyring is available ({status.problem}). " + _WHAT_TO_DO.format(
            env=env_var_name(account)
        )

    @staticmethod
    def _raise_access_error(
        exc: Exception,
        account: str,
        status: BackendStatus,
        verb: Literal["read", "store", "delete"],
        secret: str | None,
    ) -> NoReturn:
        detail = f"{type(exc).__name__}: {exc}"
        if secret:
            detail = detail.replace(secret, "***")
        lowered = detail.lower()
        locked = type(exc).__name__ in _LOCKED_EXCEPTION_NAMES or any(
            word in lowered for word in _LOCKED_WORDS
        )
        env = env_var_name(account)
        if locked:
            message = (
                f"{status.name} is locked, or its unlock prompt was dismissed, so the "
                f"{ACCOUNT_LABELS[account]} key could not be {_PAST[verb]}. "
                f"Unlock the keyring and try again, or set {env} in the environment."
            )
        else:
            message = (
                f"{status.name} could not {verb} the {ACCOUNT_LABELS[account]} key ({detail}). "
                f"Check that the keyring is running and unlocked, or set {env} in the environment."
            )
        log.warning("Keyring %s failed for %s: %s", verb, account, detail)
        # `from None`: the original exception (and its traceback) may quote the key.
        raise KeyringAccessError(
            message, account=account, backend=status.name, locked=locked
        ) from None


_PAST: Final[Mapping[str, str]] = {"read": "read", "store": "stored", "delete": "deleted"}


def _clean_key(key: str, account: str) -> str:
    stripped = key.strip()
    label = ACCOUNT_LABELS[account]
    if not stripped:
        raise InvalidKeyError(f"The {label} key is empty.", account=account)
    if _CONTROL_CHARS.search(stripped):
        raise InvalidKeyError(
            f"The {label} key contains a line break or control character; paste just the key.",
            account=account,
        )
    if not _sendable(stripped):
        raise InvalidKeyError(
            f"The {label} key contains characters an API key cannot have (spaces or non-ASCII, "
            "often an invisible character copied from a web page); paste just the key.",
            account=account,
        )
    return stripped


def _sendable(key: str) -> bool:
    """HTTP headers carry printable ASCII only; anything else would never reach the API."""
    return all("!" <= ch <= "~" for ch in key)
