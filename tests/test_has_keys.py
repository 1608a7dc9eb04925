"""The run command opens the demo only when no account has a key."""

from __future__ import annotations

from gui.commands.has_keys import any_key_configured
from gui.storage.credentials import CredentialStore
from tests.ui_helpers import InMemoryKeyring


def test_no_key_anywhere_means_the_demo() -> None:
    assert not any_key_configured(CredentialStore(InMemoryKeyring(), env={}))


def test_a_key_in_the_keyring_or_the_environment_means_the_real_window() -> None:
    keyring = InMemoryKeyring()
    store = CredentialStore(keyring, env={})
    store.set_key_sync("crun", "ck-123")
    assert any_key_configured(store)
    assert any_key_configured(CredentialStore(InMemoryKeyring(), env={"TUNEWATCH_KEY_SUNOR": "s"}))
