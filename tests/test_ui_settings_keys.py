"""The key rows of Settings tell the truth: with no keyring the dialog says in plain words what is
missing and the way forward (start one, or TUNEWATCH_KEY_… — also for an app started from a
menu) and disables what cannot act; Test key and Remove key are offered only for a key that is
there, and say why when they are not."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from keyring.backends import fail

from gui.fake_provider import DEFAULT_KEYS
from gui.storage.credentials import SERVICE_NAME, CredentialStore
from gui.ui.settings_dialog import SettingsDialog
from tests.ui_helpers import OFFSCREEN_NOISE, Windows, WindowUnderTest, windows_fixture

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[Windows]:
    yield from windows_fixture(qtbot, qt_loop)


def open_dialog(shown: WindowUnderTest) -> SettingsDialog:
    shown.controller.open_settings("")
    dialog = shown.controller.settings_dialog
    assert dialog is not None
    shown.qtbot.waitUntil(lambda: all(f.state is not None for f in dialog.forms.values()))
    return dialog


def test_without_a_keyring_the_dialog_says_what_is_missing_and_disables_what_cannot_act(
    windows: Windows,
) -> None:
    shown = windows.open()
    shown.services.store = CredentialStore(fail.Keyring(), env={})
    dialog = open_dialog(shown)

    said = dialog.keyring_label.text()
    assert said.startswith("Keys cannot be saved: no system keyring")
    assert "TUNEWATCH_KEY_SUNOR" in said and "~/.config/environment.d/" in said
    assert "D-Bus" not in said and "keyring package" not in said  # technical words: tooltip
    assert "keyring package found no backend" in dialog.keyring_label.toolTip()
    for account, form in dialog.forms.items():
        variable = f"TUNEWATCH_KEY_{account.upper()}"
        assert not form.key.isEnabled()
        assert form.key.placeholderText() == f"No keyring: set {variable} instead"
        assert "replace the stored one" not in form.key.placeholderText()
        assert not form.test_button.isEnabled()
        assert form.test_button.toolTip() == "There is no key to test"
        assert form.remove_button is not None and not form.remove_button.isEnabled()
        assert form.remove_button.toolTip() == "No key is stored"


def test_a_key_from_the_environment_can_be_tested_but_not_removed_here(
    windows: Windows,
) -> None:
    shown = windows.open()
    shown.services.store = CredentialStore(
        fail.Keyring(), env={"TUNEWATCH_KEY_SUNOR": DEFAULT_KEYS["sunor"]}
    )
    dialog = open_dialog(shown)
    form = dialog.forms["sunor"]
    assert form.key_source.text() == "Set by the environment variable TUNEWATCH_KEY_SUNOR."
    assert not form.key.isEnabled()
    assert form.test_button.isEnabled()
    assert form.remove_button is not None and not form.remove_button.isEnabled()
    assert "remove it from the environment" in form.remove_button.toolTip()


def test_with_a_keyring_only_a_stored_key_can_be_tested_or_removed(windows: Windows) -> None:
    windows.keyring.delete_password(SERVICE_NAME, "crun")
    shown = windows.open()
    dialog = open_dialog(shown)
    assert dialog.keyring_label.text().startswith("Keys are stored in")

    stored = dialog.forms["sunor"]
    assert stored.key.placeholderText() == "Paste a new key to replace the stored one"
    assert stored.test_button.isEnabled()
    assert stored.remove_button is not None and stored.remove_button.isEnabled()

    missing = dialog.forms["crun"]
    assert missing.key.isEnabled()
    assert missing.key.placeholderText() == "Paste the API key"
    assert missing.key_source.text() == "Not set."
    assert not missing.test_button.isEnabled()
    assert missing.test_button.toolTip() == "Paste a key first, then test it"
    assert missing.remove_button is not None and not missing.remove_button.isEnabled()
    shown.qtbot.keyClicks(missing.key, "a-new-key")
    assert missing.test_button.isEnabled()
