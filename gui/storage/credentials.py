"""API keys per account, kept in the OS keyring; an environment variable overrides for headless use.

Plain Python, no Qt. Keyring calls block (D-Bus round trips, possibly an unlock prompt), so the
async methods run them in a worker thread; the `*_sync` twins are for the CLI.

The rules live beside this file: `key_rules.py` (accounts, keys, errors, lookups), `key_env.py`
(the `TUNEWATCH_KEY_…` override), `keyring_backend.py` (which backend is usable). No message,
exception, repr or log line ever contains a key.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from collections.abc import Mapping
from typing import Final, Literal, NoReturn

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from gui.domain.wording import QT_TRANSLATE_NOOP
from gui.storage.key_env import env_var_name, lookup_env_key
from gui.storage.key_rules import (
    ACCOUNT_LABELS,
    KeyLookup,
    KeyringAccessError,
    KeyringUnavailableError,
    KeySource,
    clean_key,
    validate_account,
)
from gui.storage.keyring_backend import (
    BackendStatus,
    class_path,
    describe_backend,
    effective_backend,
)

__all__ = ["SERVICE_NAME", "CredentialStore"]

log = logging.getLogger(__name__)

SERVICE_NAME: Final = "tunewatch"

_WHAT_TO_DO = QT_TRANSLATE_NOOP(
    "Problems", "Install and unlock GNOME Keyring or KWallet, or set {env} in the environment."
)
# What a failing keyring means for a key (English; shown translated, see gui.domain.wording).
NO_KEYRING_WHAT_TO_DO = QT_TRANSLATE_NOOP(
    "Problems", "No system keyring is available ({problem}). {what_to_do}"
)
KEYRING_LOCKED = {
    "read": QT_TRANSLATE_NOOP(
        "Problems",
        "{keyring} is locked, or its unlock prompt was dismissed, so the {account} key could not "
        "be read. Unlock the keyring and try again, or set {env} in the environment.",
    ),
    "store": QT_TRANSLATE_NOOP(
        "Problems",
        "{keyring} is locked, or its unlock prompt was dismissed, so the {account} key could not "
        "be stored. Unlock the keyring and try again, or set {env} in the environment.",
    ),
    "delete": QT_TRANSLATE_NOOP(
        "Problems",
        "{keyring} is locked, or its unlock prompt was dismissed, so the {account} key could not "
        "be deleted. Unlock the keyring and try again, or set {env} in the environment.",
    ),
}
KEYRING_FAILED = {
    "read": QT_TRANSLATE_NOOP(
        "Problems",
        "{keyring} could not read the {account} key ({detail}). Check that the keyring is "
        "running and unlocked, or set {env} in the environment.",
    ),
    "store": QT_TRANSLATE_NOOP(
        "Problems",
        "{keyring} could not store the {account} key ({detail}). Check that the keyring is "
        "running and unlocked, or set {env} in the environment.",
    ),
    "delete": QT_TRANSLATE_NOOP(
        "Problems",
        "{keyring} could not delete the {account} key ({detail}). Check that the keyring is "
        "running and unlocked, or set {env} in the environment.",
    ),
}

# Secret Service errors that mean "locked" arrive in several shapes: keyring's KeyringLocked,
# InitError("... Prompt dismissed..") when no prompter can run, or secretstorage's own classes.
_LOCKED_EXCEPTION_NAMES = frozenset(
    {"KeyringLocked", "LockedException", "PromptDismissedException"}
)
_LOCKED_WORDS = ("prompt dismissed", "locked")


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
        backend = "default" if self._backend is None else class_path(self._backend)
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
        key = clean_key(key, account)
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
        return lookup_env_key(account, os.environ if self._env is None else self._env)

    def _resolve(self) -> tuple[KeyringBackend | None, BackendStatus]:
        configured = self._backend
        if configured is None:
            try:
                configured = keyring.get_keyring()
            except Exception as exc:  # e.g. a bad PYTHON_KEYRING_BACKEND or keyringrc.cfg
                problem = f"keyring could not load its configured backend: {exc}"
                return None, BackendStatus(False, "none", "", problem)
        effective, _ = effective_backend(configured)
        return effective, describe_backend(configured)

    @staticmethod
    def _unavailable_message(account: str, status: BackendStatus) -> str:
        return NO_KEYRING_WHAT_TO_DO.format(
            problem=status.problem, what_to_do=_WHAT_TO_DO.format(env=env_var_name(account))
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
            message = KEYRING_LOCKED[verb].format(
                keyring=status.name, account=ACCOUNT_LABELS[account], env=env
            )
        else:
            message = KEYRING_FAILED[verb].format(
                keyring=status.name, account=ACCOUNT_LABELS[account], detail=detail, env=env
            )
        log.warning("Keyring %s failed for %s: %s", verb, account, detail)
        # `from None`: the original exception (and its traceback) may quote the key.
        raise KeyringAccessError(
            message, account=account, backend=status.name, locked=locked
        ) from None
