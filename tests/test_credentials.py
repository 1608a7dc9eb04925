"""The credential store against fake keyring backends; the OS keychain is never touched."""

from __future__ import annotations

import asyncio
import logging
import threading
import traceback
from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import SecretService, chainer, fail, null
from keyring.compat import properties
from keyring.errors import InitError, KeyringLocked, PasswordDeleteError, PasswordSetError

from gui.storage.credentials import SERVICE_NAME, CredentialStore
from gui.storage.key_env import env_var_name
from gui.storage.key_rules import (
    ACCOUNTS,
    CredentialError,
    InvalidAccountError,
    InvalidKeyError,
    KeyringAccessError,
    KeyringUnavailableError,
    KeySource,
)
from gui.storage.keyring_backend import describe_backend

SECRET = "sk-live-0123456789abcdef"


class InMemoryKeyring(KeyringBackend):
    """A dict-backed backend. Its priority raises so keyring never auto-registers it as viable."""

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("test-only backend, never selected automatically")

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}
        self.calls: list[str] = []
        self.threads: set[int] = set()

    def get_password(self, service: str, username: str) -> str | None:
        self._note("get")
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._note("set")
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._note("delete")
        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError("No such password!")

    def _note(self, op: str) -> None:
        self.calls.append(op)
        self.threads.add(threading.get_ident())


class PlaintextKeyring(InMemoryKeyring):
    """Stands in for keyrings.alt.file.PlaintextKeyring: works, but would write a plain file."""


class RaisingKeyring(InMemoryKeyring):
    """Every operation fails with the given exception."""

    def __init__(self, exc: Exception) -> None:
        super().__init__()
        self.exc = exc

    def get_password(self, service: str, username: str) -> str | None:
        self._note("get")
        raise self.exc

    def set_password(self, service: str, username: str, password: str) -> None:
        self._note("set")
        raise self.exc

    def delete_password(self, service: str, username: str) -> None:
        self._note("delete")
        raise self.exc


class EchoingKeyring(InMemoryKeyring):
    """A badly behaved backend that quotes the password in its error."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise PasswordSetError(f"cannot store {password!r} for {username}")


class GatedKeyring(InMemoryKeyring):
    """Blocks inside every call until released, like a keyring waiting on an unlock prompt."""

    def __init__(self) -> None:
        super().__init__()
        self.entered = threading.Event()
        self.release = threading.Event()

    def _note(self, op: str) -> None:
        super()._note(op)
        self.entered.set()
        # If this ran on the event loop thread, nothing could release it: fail instead of hanging.
        if not self.release.wait(5):
            raise RuntimeError("never released: the keyring call blocked the event loop")


@pytest.fixture
def memory() -> InMemoryKeyring:
    return InMemoryKeyring()


@pytest.fixture
def store(memory: InMemoryKeyring) -> CredentialStore:
    return CredentialStore(memory, env={})


@pytest.fixture
def installed(memory: InMemoryKeyring) -> Iterator[InMemoryKeyring]:
    """The in-memory backend installed as keyring's configured backend for one test."""
    previous = keyring.get_keyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)


# --- accounts -------------------------------------------------------------------------------


def test_accounts_and_env_var_names() -> None:
    assert ACCOUNTS == ("mountsea", "sunor", "crun")
    assert env_var_name("sunor") == "TUNEWATCH_KEY_SUNOR"
    assert env_var_name("mountsea") == "TUNEWATCH_KEY_MOUNTSEA"
    assert env_var_name("crun") == "TUNEWATCH_KEY_CRUN"


@pytest.mark.parametrize("account", ["", "SUNOR", "suno", "mountsea ", "../etc"])
def test_unknown_accounts_are_refused(store: CredentialStore, account: str) -> None:
    with pytest.raises(InvalidAccountError):
        env_var_name(account)
    with pytest.raises(ValueError):  # also a ValueError, for callers that only know that
        store.get_key_sync(account)
    with pytest.raises(InvalidAccountError):
        store.set_key_sync(account, SECRET)
    with pytest.raises(InvalidAccountError):
        store.delete_key_sync(account)


def test_swapped_arguments_do_not_leak_the_key(store: CredentialStore) -> None:
    with pytest.raises(InvalidAccountError) as caught:
        store.set_key_sync(SECRET, "sunor")
    assert SECRET not in str(caught.value)
    with pytest.raises(InvalidAccountError, match="Unknown account 'sunorr'"):
        store.get_key_sync("sunorr")


# --- round trip -----------------------------------------------------------------------------


def test_set_get_delete_round_trip(store: CredentialStore, memory: InMemoryKeyring) -> None:
    store.set_key_sync("sunor", SECRET)
    assert memory.secrets == {(SERVICE_NAME, "sunor"): SECRET}

    lookup = store.get_key_sync("sunor")
    assert lookup.key == SECRET
    assert lookup.found
    assert lookup.source is KeySource.KEYRING
    assert lookup.editable
    assert lookup.env_var == "TUNEWATCH_KEY_SUNOR"
    assert lookup.describe() == f"stored in {lookup.backend}"

    assert store.get_key_sync("crun").found is False  # accounts are separate
    assert store.delete_key_sync("sunor") is True
    assert memory.secrets == {}
    assert store.get_key_sync("sunor").found is False
    assert store.delete_key_sync("sunor") is False  # deleting nothing is not an error


def test_missing_key(store: CredentialStore) -> None:
    lookup = store.get_key_sync("mountsea")
    assert lookup.key is None
    assert lookup.source is KeySource.NONE
    assert lookup.problem is None
    assert lookup.describe() == "not set"
    assert lookup.editable


def test_service_name_is_injectable(memory: InMemoryKeyring) -> None:
    CredentialStore(memory, env={}, service="tunewatch-test").set_key_sync("crun", SECRET)
    assert memory.secrets == {("tunewatch-test", "crun"): SECRET}
    assert CredentialStore(memory, env={}).get_key_sync("crun").found is False


def test_default_backend_is_keyrings_configured_one(installed: InMemoryKeyring) -> None:
    store = CredentialStore(env={})
    store.set_key_sync("mountsea", SECRET)
    assert keyring.get_password(SERVICE_NAME, "mountsea") == SECRET
    assert store.get_key_sync("mountsea").key == SECRET
    assert store.backend_status_sync().usable


def test_keys_are_stripped(store: CredentialStore, memory: InMemoryKeyring) -> None:
    store.set_key_sync("sunor", f"  {SECRET}\n")
    assert memory.secrets[(SERVICE_NAME, "sunor")] == SECRET


@pytest.mark.parametrize("bad", ["", "   ", "\n\t", f"{SECRET}\n{SECRET}", "a\x00b"])
def test_empty_or_broken_keys_are_refused(
    store: CredentialStore, memory: InMemoryKeyring, bad: str
) -> None:
    with pytest.raises(InvalidKeyError) as caught:
        store.set_key_sync("sunor", bad)
    assert SECRET not in str(caught.value)
    assert memory.calls == []


# --- environment override -------------------------------------------------------------------


def test_env_override_wins_and_reports_source(memory: InMemoryKeyring) -> None:
    memory.secrets[(SERVICE_NAME, "sunor")] = "stored-key"
    store = CredentialStore(memory, env={"TUNEWATCH_KEY_SUNOR": "  from-env  "})

    lookup = store.get_key_sync("sunor")
    assert lookup.key == "from-env"
    assert lookup.source is KeySource.ENV
    assert not lookup.editable
    assert lookup.describe() == "from environment variable TUNEWATCH_KEY_SUNOR"
    assert store.env_override("sunor") == "TUNEWATCH_KEY_SUNOR"
    assert store.env_override("crun") is None
    assert memory.calls == []  # the keyring was not even asked

    assert store.get_key_sync("crun").source is KeySource.NONE  # other accounts unaffected


def test_empty_env_var_counts_as_unset(memory: InMemoryKeyring) -> None:
    memory.secrets[(SERVICE_NAME, "crun")] = SECRET
    store = CredentialStore(memory, env={"TUNEWATCH_KEY_CRUN": "  "})
    assert store.get_key_sync("crun").source is KeySource.KEYRING
    assert store.env_override("crun") is None


def test_env_override_works_without_any_keyring() -> None:
    store = CredentialStore(fail.Keyring(), env={"TUNEWATCH_KEY_MOUNTSEA": SECRET})
    lookup = store.get_key_sync("mountsea")
    assert lookup.key == SECRET
    assert lookup.source is KeySource.ENV


def test_env_defaults_to_os_environ(
    memory: InMemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = CredentialStore(memory)
    monkeypatch.setenv("TUNEWATCH_KEY_SUNOR", SECRET)  # read live, after construction
    assert store.get_key_sync("sunor").source is KeySource.ENV


# --- unusable backends ----------------------------------------------------------------------


def _empty_chainer(monkeypatch: pytest.MonkeyPatch) -> KeyringBackend:
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    return chainer.ChainerBackend()


def _plaintext_only_chainer(monkeypatch: pytest.MonkeyPatch) -> KeyringBackend:
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [PlaintextKeyring()])
    return chainer.ChainerBackend()


UNUSABLE = {
    "fail": lambda mp: fail.Keyring(),
    "null": lambda mp: null.Keyring(),
    "plaintext": lambda mp: PlaintextKeyring(),
    "empty-chainer": _empty_chainer,
    "plaintext-chainer": _plaintext_only_chainer,
}


@pytest.mark.parametrize("kind", list(UNUSABLE))
def test_unusable_backend_refuses_to_store_and_writes_nothing(
    kind: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    backend = UNUSABLE[kind](monkeypatch)
    written: list[str] = []
    for op in ("set_password", "delete_password"):
        monkeypatch.setattr(backend, op, lambda *a, op=op: written.append(op))
    env: dict[str, str] = {}
    store = CredentialStore(backend, env=env)

    with pytest.raises(KeyringUnavailableError) as caught:
        store.set_key_sync("sunor", SECRET)
    message = caught.value.message
    assert message.startswith("No system keyring is available (")
    assert "GNOME Keyring or KWallet" in message
    assert "TUNEWATCH_KEY_SUNOR" in message
    assert caught.value.reason in message
    assert SECRET not in str(caught.value)

    assert written == []
    assert env == {}
    assert list(home.rglob("*")) == []
    if isinstance(backend, PlaintextKeyring):
        assert backend.secrets == {}

    lookup = store.get_key_sync("sunor")  # reading is not a crash: no key, and why
    assert lookup.key is None
    assert lookup.source is KeySource.NONE
    assert lookup.problem is not None
    assert lookup.problem.startswith("No system keyring is available")
    assert lookup.describe() == lookup.problem

    with pytest.raises(KeyringUnavailableError):
        store.delete_key_sync("sunor")

    status = store.backend_status_sync()
    assert not status.usable
    assert status.problem
    assert status.describe().startswith("No system keyring is available")


def test_plaintext_backend_is_named_as_the_problem() -> None:
    status = describe_backend(PlaintextKeyring())
    assert not status.usable
    assert status.problem is not None
    assert "plain-text file" in status.problem


def test_chainer_uses_its_best_non_plaintext_member(
    monkeypatch: pytest.MonkeyPatch, memory: InMemoryKeyring
) -> None:
    plaintext = PlaintextKeyring()
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [plaintext, memory])
    store = CredentialStore(chainer.ChainerBackend(), env={})
    store.set_key_sync("sunor", SECRET)
    assert plaintext.secrets == {}
    assert memory.secrets == {(SERVICE_NAME, "sunor"): SECRET}
    assert store.backend_status_sync().usable


def test_status_names_real_backends() -> None:
    # Constructing the Secret Service backend does no D-Bus I/O; only using it would.
    status = describe_backend(SecretService.Keyring())
    assert status.usable
    assert status.name == "GNOME Keyring (Secret Service)"
    assert status.describe() == "GNOME Keyring (Secret Service)"
    assert status.backend_class == "keyring.backends.SecretService.Keyring"


# --- keyring errors -------------------------------------------------------------------------


LOCKED = {
    "KeyringLocked": KeyringLocked("Failed to unlock the collection!"),
    "prompt-dismissed": InitError("Failed to create the collection: Prompt dismissed.."),
}


@pytest.mark.parametrize("kind", list(LOCKED))
def test_locked_keyring_is_a_typed_error(kind: str) -> None:
    backend = RaisingKeyring(LOCKED[kind])
    store = CredentialStore(backend, env={})
    for call in (
        lambda: store.get_key_sync("crun"),
        lambda: store.set_key_sync("crun", SECRET),
        lambda: store.delete_key_sync("crun"),
    ):
        with pytest.raises(KeyringAccessError) as caught:
            call()
        err = caught.value
        assert err.locked
        assert err.account == "crun"
        assert "is locked" in err.message
        assert "TUNEWATCH_KEY_CRUN" in err.message
        assert isinstance(err, CredentialError)


def test_other_backend_failures_are_typed_errors() -> None:
    class SecretServiceNotAvailableException(Exception):  # what secretstorage raises raw
        pass

    backend = RaisingKeyring(SecretServiceNotAvailableException("no D-Bus"))
    store = CredentialStore(backend, env={})
    with pytest.raises(KeyringAccessError) as caught:
        store.get_key_sync("sunor")
    assert not caught.value.locked
    assert "could not read the sunor.cc key" in caught.value.message
    assert "no D-Bus" in caught.value.message


def test_key_never_appears_in_errors_reprs_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    store = CredentialStore(EchoingKeyring(), env={})
    with pytest.raises(KeyringAccessError) as caught:
        store.set_key_sync("mountsea", f" {SECRET} ")
    err = caught.value
    rendered = "".join(traceback.format_exception(err))
    for text in (str(err), repr(err), err.message, rendered, caplog.text):
        assert SECRET not in text
    assert "***" in err.message  # the backend's detail is kept, with the key masked

    memory = InMemoryKeyring()
    store = CredentialStore(memory, env={"TUNEWATCH_KEY_CRUN": SECRET})
    store.set_key_sync("sunor", SECRET)
    for lookup in (store.get_key_sync("sunor"), store.get_key_sync("crun")):
        assert lookup.key == SECRET
        assert SECRET not in repr(lookup)
        assert SECRET not in str(lookup)
        assert SECRET not in lookup.describe()
    assert SECRET not in repr(store)
    assert SECRET not in caplog.text


# --- async ----------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_async_round_trip(store: CredentialStore, memory: InMemoryKeyring) -> None:
    await store.set_key("sunor", SECRET)
    lookup = await store.get_key("sunor")
    assert lookup.key == SECRET
    assert lookup.source is KeySource.KEYRING
    assert (await store.backend_status()).usable
    assert await store.delete_key("sunor") is True
    assert (await store.get_key("sunor")).found is False
    assert threading.get_ident() not in memory.threads


@pytest.mark.asyncio
async def test_async_env_override_and_errors() -> None:
    store = CredentialStore(fail.Keyring(), env={"TUNEWATCH_KEY_SUNOR": SECRET})
    assert (await store.get_key("sunor")).source is KeySource.ENV
    assert (await store.get_key("crun")).problem is not None
    with pytest.raises(KeyringUnavailableError):
        await store.set_key("crun", SECRET)
    with pytest.raises(InvalidAccountError):
        await store.get_key("nope")


@pytest.mark.asyncio
@pytest.mark.parametrize("op", ["get", "set", "delete"])
async def test_async_calls_do_not_block_the_loop(op: str) -> None:
    backend = GatedKeyring()
    store = CredentialStore(backend, env={})
    calls = {
        "get": lambda: store.get_key("sunor"),
        "set": lambda: store.set_key("sunor", SECRET),
        "delete": lambda: store.delete_key("sunor"),
    }
    task = asyncio.ensure_future(calls[op]())

    ticks = 0
    while not backend.entered.is_set() and ticks < 500:
        await asyncio.sleep(0.01)
        ticks += 1
    # The keyring call is in progress and the loop still turns.
    assert backend.entered.is_set()
    assert not task.done()
    await asyncio.sleep(0.05)
    assert not task.done()

    backend.release.set()
    await asyncio.wait_for(task, 5)
    assert threading.get_ident() not in backend.threads
