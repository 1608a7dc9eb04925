"""Keys and accounts: a refused key is reported once and pauses its tasks; the settings dialog
stores keys in the keyring (never in settings.json), tests them, and refuses unsafe URLs."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from gui.domain.events import AccountProblem, EngineEvent
from gui.fake_provider import DEFAULT_KEYS, Fault, MusicResult, Phase, TaskScript
from gui.storage.credentials import SERVICE_NAME
from gui.ui.settings_dialog import SettingsDialog
from gui.ui.task_table_model import Column
from tests.ui_helpers import OFFSCREEN_NOISE, Windows, WindowUnderTest, windows_fixture

pytestmark = OFFSCREEN_NOISE

QUICK = TaskScript([Phase("running", 0.3), Phase("succeeded")], MusicResult(titles=["Done"]))


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[Windows]:
    yield from windows_fixture(qtbot, qt_loop)


def open_dialog(shown: WindowUnderTest, account: str = "") -> SettingsDialog:
    shown.controller.open_settings(account)
    dialog = shown.controller.settings_dialog
    assert dialog is not None
    # The keys are looked up in the keyring in the background; wait until that is shown.
    shown.qtbot.waitUntil(lambda: dialog.keyring_label.text().startswith("Keys are stored in"))
    shown.qtbot.waitUntil(lambda: dialog.forms["crun"].key_source.text() != "…")
    return dialog


def click_save(shown: WindowUnderTest, dialog: SettingsDialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    shown.qtbot.mouseClick(save, Qt.MouseButton.LeftButton)


def type_into(shown: WindowUnderTest, field: QLineEdit, text: str) -> None:
    field.clear()
    shown.qtbot.keyClicks(field, text)


def test_a_refused_key_is_reported_once_and_fixing_it_resumes_the_tasks(
    windows: Windows,
) -> None:
    windows.keyring.set_password(SERVICE_NAME, "sunor", "a-wrong-key")
    for task_id in ("auth-1", "auth-2"):
        windows.server.add_task("sunor", task_id, QUICK)
    windows.server.add_task("crun", "other-account", QUICK)
    shown = windows.open()
    problems: list[AccountProblem] = []

    def note(event: EngineEvent) -> None:
        if isinstance(event, AccountProblem) and event.kind == "auth":
            problems.append(event)

    shown.services.engine.subscribe(note)
    shown.controller.add_from_text("auth-1 auth-2", "sunor")
    shown.controller.add_from_text("other-account", "crun")

    banner = shown.window.account_banner
    shown.qtbot.waitUntil(lambda: banner.isVisible())
    for task_id in ("auth-1", "auth-2"):
        shown.qtbot.waitUntil(
            lambda t=task_id: shown.text(t, Column.NEXT_CHECK) == "paused: key problem"
        )
    shown.wait_for_state("other-account", "Finished")  # another account is not held up
    assert list(banner.problems) == ["sunor"]
    assert "(+" not in banner.label.text()
    assert "Tasks of this account are paused until the key changes." in banner.label.text()
    assert banner.button.isVisible()
    assert [(p.account, p.message is not None) for p in problems] == [("sunor", True)]
    shown.select("auth-1")
    assert "paused until the key changes" in shown.detail_text("detailProblem")

    shown.qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)  # "Fix…"
    dialog = open_dialog(shown, "sunor")
    assert dialog.isVisible()
    type_into(shown, dialog.forms["sunor"].key, DEFAULT_KEYS["sunor"])
    click_save(shown, dialog)
    shown.qtbot.waitUntil(lambda: shown.controller.settings_dialog is None)

    shown.wait_for_state("auth-1", "Finished")
    shown.wait_for_state("auth-2", "Finished")
    assert not banner.isVisible()
    assert [(p.account, p.message is None) for p in problems] == [
        ("sunor", False),
        ("sunor", True),
    ]
    assert windows.keyring.key("sunor") == DEFAULT_KEYS["sunor"]


def test_settings_keep_the_key_in_the_keyring_and_the_url_in_settings_json(
    windows: Windows,
) -> None:
    windows.keyring.delete_password(SERVICE_NAME, "sunor")
    shown = windows.open()
    dialog = open_dialog(shown)
    form = dialog.forms["sunor"]
    assert form.key.echoMode() is form.key.EchoMode.Password
    assert form.key.text() == ""  # a stored key is never shown, not even masked
    new_key = "sk-sunor-typed-in-settings-0123"
    type_into(shown, form.key, new_key)
    type_into(shown, form.base_url, windows.server.base_url + "/")
    click_save(shown, dialog)
    shown.qtbot.waitUntil(lambda: shown.controller.settings_dialog is None)

    assert windows.keyring.key("sunor") == new_key
    settings_file = shown.services.paths.settings
    text = settings_file.read_text(encoding="utf-8")
    assert new_key not in text
    for key in DEFAULT_KEYS.values():
        assert key not in text
    saved = json.loads(text)
    assert saved["accounts"]["sunor"]["base_url"] == windows.server.base_url
    assert shown.window.statusBar().currentMessage() == "Settings saved."


def test_test_key_shows_the_balance_or_the_refusal(windows: Windows) -> None:
    shown = windows.open()
    dialog = open_dialog(shown)
    form = dialog.forms["sunor"]
    result = form.test_result

    shown.qtbot.mouseClick(form.test_button, Qt.MouseButton.LeftButton)  # the stored key
    shown.qtbot.waitUntil(lambda: result.text().startswith("✔"))
    assert result.text().startswith("✔ The key works. Balance: 950")

    type_into(shown, form.key, "not-the-right-key")
    shown.qtbot.mouseClick(form.test_button, Qt.MouseButton.LeftButton)
    shown.qtbot.waitUntil(lambda: result.text().startswith("✖"))
    assert "not-the-right-key" not in result.text()  # a key is never echoed back


@pytest.mark.parametrize("url", ["http://example.com", "ftp://127.0.0.1/"])
def test_an_unsafe_base_url_is_refused_inline(windows: Windows, url: str) -> None:
    shown = windows.open()
    before = shown.services.settings.account("crun").base_url
    dialog = open_dialog(shown)
    type_into(shown, dialog.forms["crun"].base_url, url)
    click_save(shown, dialog)
    assert dialog.error_label.text() != ""
    assert shown.controller.settings_dialog is dialog  # still open, to fix the URL
    assert dialog.isVisible()
    assert shown.services.settings.account("crun").base_url == before
    assert not shown.services.paths.settings.exists()  # nothing was written


def test_rate_limiting_is_shown_as_waiting_not_as_a_key_problem(windows: Windows) -> None:
    windows.server.add_task("sunor", "limited", TaskScript([Phase("running")]))
    windows.server.inject(Fault("429", retry_after=1), account="sunor", times=1)
    shown = windows.open()
    shown.controller.add_from_text("limited", "sunor")
    banner = shown.window.account_banner
    shown.qtbot.waitUntil(lambda: "rate limiting" in banner.label.text())
    assert not banner.button.isVisible()  # no "Fix…": Settings cannot fix a rate limit
    shown.qtbot.waitUntil(lambda: shown.text("limited", Column.NEXT_CHECK).startswith("retrying"))
    assert banner.isVisible()  # still waiting out the Retry-After
    assert "Rate limited" in shown.detail_text("detailProblem")
    # The pane's summary line names the provider and says the next check is a retry.
    summary = next(line for line in shown.detail_texts() if line.startswith("sunor.cc · "))
    assert "next check: retrying" in summary
    shown.wait_for_state("limited", "Generating")  # after the wait, checking goes on
    shown.qtbot.waitUntil(lambda: not banner.isVisible())
