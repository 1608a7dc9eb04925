"""The credential store against a real Secret Service (gnome-keyring), cross-checked with secret-tool.

Run it with `scripts/with_secret_service.sh .venv/bin/python -m pytest -m secret_service`.
Without a Secret Service it skips, unless TUNEWATCH_REQUIRE_SECRET_SERVICE=1 (CI) makes it fail.
Every test uses a fresh service name, so real "tunewatch" keys are never read or overwritten.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
from collections.abc import Iterator
from typing import NoReturn

import pytest
from keyring.backends import SecretService

from gui.storage.credentials import CredentialStore
from gui.storage.key_rules import KeyringAccessError, KeySource

pytestmark = pytest.mark.secret_service

REQUIRE_ENV = "TUNEWATCH_REQUIRE_SECRET_SERVICE"
SECRET_SERVICE_CLASS = "keyring.backends.SecretService.Keyring"
ACCOUNT = "sunor"


def _unavailable(reason: str) -> NoReturn:
    reason = reason.rstrip(".") + "."
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"No usable Secret Service: {reason} {REQUIRE_ENV}=1 makes this a failure.")
    pytest.skip(
        f"No usable Secret Service: {reason} Run under scripts/with_secret_service.sh "
        "(needs the Debian packages dbus, gnome-keyring, libsecret-tools)."
    )


def _secret_tool(*args: str, secret: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["secret-tool", *args],
        input=secret,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


@pytest.fixture
def real_store() -> Iterator[CredentialStore]:
    """A store on keyring's default backend, which must be the Secret Service, under a unique name."""
    if shutil.which("secret-tool") is None:
        _unavailable("secret-tool is not installed (Debian package libsecret-tools)")
    try:
        SecretService.Keyring.priority  # noqa: B018 - raises with the reason when not viable
    except RuntimeError as exc:
        _unavailable(str(exc))

    store = CredentialStore(env={}, service=f"tunewatch-test-{secrets.token_hex(6)}")
    status = store.backend_status_sync()
    if status.backend_class != SECRET_SERVICE_CLASS:
        _unavailable(f"keyring's default backend is {status.backend_class} ({status.describe()})")
    try:
        store.get_key_sync(ACCOUNT)  # locked and no prompter -> "Prompt dismissed"
    except KeyringAccessError as exc:
        _unavailable(exc.message)

    yield store
    _secret_tool("clear", "service", store.service)


def test_key_stored_by_us_is_seen_by_secret_tool(real_store: CredentialStore) -> None:
    key = secrets.token_urlsafe(24)
    real_store.set_key_sync(ACCOUNT, key)

    found = _secret_tool("lookup", "service", real_store.service, "username", ACCOUNT)
    assert found.returncode == 0, found.stderr
    assert found.stdout.rstrip("\n") == key


def test_key_stored_by_secret_tool_is_seen_by_us(real_store: CredentialStore) -> None:
    key = secrets.token_urlsafe(24)
    stored = _secret_tool(
        "store",
        "--label=Tunewatch test key",
        "service",
        real_store.service,
        "username",
        ACCOUNT,
        secret=key,
    )
    assert stored.returncode == 0, stored.stderr

    lookup = real_store.get_key_sync(ACCOUNT)
    assert lookup.key == key
    assert lookup.source is KeySource.KEYRING
    assert lookup.backend == "GNOME Keyring (Secret Service)"


def test_delete_removes_it_for_everyone(real_store: CredentialStore) -> None:
    real_store.set_key_sync(ACCOUNT, secrets.token_urlsafe(24))
    assert real_store.delete_key_sync(ACCOUNT) is True

    found = _secret_tool("lookup", "service", real_store.service, "username", ACCOUNT)
    assert found.returncode != 0
    assert found.stdout == ""
    assert real_store.get_key_sync(ACCOUNT).found is False
    assert real_store.delete_key_sync(ACCOUNT) is False


@pytest.mark.asyncio
async def test_async_round_trip(real_store: CredentialStore) -> None:
    key = secrets.token_urlsafe(24)
    await real_store.set_key(ACCOUNT, f"  {key}\n")
    assert (await real_store.get_key(ACCOUNT)).key == key
    assert (await real_store.backend_status()).name == "GNOME Keyring (Secret Service)"
    assert await real_store.delete_key(ACCOUNT) is True
