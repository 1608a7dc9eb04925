"""Which keyring backend can hold our keys, and what to call it.

We refuse a backend that would keep keys in plain text, or would drop them (keyring's `fail` and
`null` backends): the user gets a sentence saying what is wrong, never a silent downgrade.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from gui.domain.wording import QT_TRANSLATE_NOOP

__all__ = ["BackendStatus", "class_path", "describe_backend", "effective_backend"]

# Why no keyring can keep a key (English; shown translated, see gui.domain.wording).
NO_KEYRING = QT_TRANSLATE_NOOP("Problems", "No system keyring is available ({problem}).")
PLAIN_TEXT_FILE = QT_TRANSLATE_NOOP("Problems", "{backend} keeps secrets in a plain-text file")
FILE_NOT_KEYRING = QT_TRANSLATE_NOOP(
    "Problems", "{backend} keeps secrets in a file, not in a system keyring"
)
NO_BACKEND = QT_TRANSLATE_NOOP("Problems", "the keyring package found no backend")
NO_BACKEND_NO_DBUS = QT_TRANSLATE_NOOP(
    "Problems",
    "the keyring package found no backend; there is no D-Bus session, so no Secret Service can "
    "answer",
)
NO_BACKEND_NO_ANSWER = QT_TRANSLATE_NOOP(
    "Problems",
    "the keyring package found no backend; no Secret Service or KWallet answered on the D-Bus "
    "session",
)

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
        return NO_KEYRING.format(problem=self.problem)


def class_path(obj: object) -> str:
    cls = type(obj)
    return f"{cls.__module__}.{cls.__qualname__}"


def _display_name(backend: KeyringBackend) -> str:
    path = class_path(backend)
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
            return PLAIN_TEXT_FILE.format(backend=class_path(backend))
        # keyrings.alt: file-based backends keyring itself calls "not recommended".
        if cls.__module__.startswith("keyrings.alt"):
            return FILE_NOT_KEYRING.format(backend=class_path(backend))
    return None


def _no_backend_reason() -> str:
    if sys.platform.startswith("linux"):
        if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            return NO_BACKEND_NO_DBUS
        return NO_BACKEND_NO_ANSWER
    return NO_BACKEND


def effective_backend(backend: KeyringBackend) -> tuple[KeyringBackend | None, str | None]:
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
    effective, problem = effective_backend(backend)
    if effective is None:
        return BackendStatus(
            usable=False,
            name=_display_name(backend),
            backend_class=class_path(backend),
            problem=problem,
        )
    return BackendStatus(
        usable=True, name=_display_name(effective), backend_class=class_path(effective)
    )
