"""`tunewatch status TASK_ID` without --provider asks each account that has a key, like the
window's Auto, and shows the answer of the provider that knows the ID; a missing key is two short
lines, the fix first (issue 12, C12). Real subprocesses against the fake provider server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from gui.fake_provider import DEFAULT_KEYS, FakeProviderServer, MusicResult, Phase, TaskScript
from gui.storage.paths import app_paths
from gui.storage.settings import load_settings, save_settings
from tests.cli_helpers import run_cli

KEYS = {str(account): key for account, key in DEFAULT_KEYS.items()}
TASK_ID = "5b1d0c7e-4a2f-4e9b-8c3d-7f6a2e1b9d40"
DONE = TaskScript([Phase("succeeded")], MusicResult(titles=["Neon Rain"]))


@pytest.fixture
def server() -> Iterator[FakeProviderServer]:
    with FakeProviderServer() as fake:
        # Every account's saved address is the fake server, as the window's Settings would keep.
        paths = app_paths()
        settings = load_settings(paths.settings)
        for account in ("mountsea", "sunor", "crun"):
            settings.account(account).base_url = fake.base_url
        paths.settings.parent.mkdir(parents=True, exist_ok=True)
        save_settings(paths.settings, settings)
        yield fake


def asked(server: FakeProviderServer) -> list[str]:
    return [r.route for r in server.requests if r.task_id == TASK_ID]


@pytest.mark.parametrize("choice", [[], ["--provider", "auto"]], ids=["no-provider", "auto"])
def test_status_without_a_provider_finds_the_account_that_knows_the_id(
    server: FakeProviderServer, choice: list[str]
) -> None:
    server.add_task("crun", TASK_ID, DONE)
    run = run_cli(["status", *choice, "--json", TASK_ID], keys=KEYS)
    assert run.code == 0, run.err
    snapshot = run.json()
    assert snapshot["provider"] == "crun" and snapshot["state"] == "succeeded"
    # The others were asked and said "not found"; crun's answer was the check: asked once.
    assert asked(server).count("crun.status") == 1
    assert {"mountsea-suno.status", "sunor.status"} <= set(asked(server))


def test_the_human_summary_names_the_provider_found(server: FakeProviderServer) -> None:
    server.add_task("sunor", TASK_ID, DONE)
    run = run_cli(["status", TASK_ID], keys=KEYS)
    assert run.code == 0, run.err
    assert run.out.splitlines()[0].startswith(f"sunor.cc task {TASK_ID}")
    assert "Neon Rain" in run.out


def test_an_id_no_account_knows_is_exit_5(server: FakeProviderServer) -> None:
    run = run_cli(["status", TASK_ID], keys=KEYS)
    assert run.code == 5
    assert run.out == ""
    assert run.err.strip().startswith(f"tunewatch: No account knows {TASK_ID}")


def test_only_accounts_with_a_key_are_asked(server: FakeProviderServer) -> None:
    server.add_task("crun", TASK_ID, DONE)
    run = run_cli(["status", "--json", TASK_ID], keys={"crun": KEYS["crun"]})
    assert run.code == 0, run.err
    assert asked(server) == ["crun.status"]


def test_auto_with_no_key_at_all_says_what_to_set_and_sends_nothing(
    server: FakeProviderServer,
) -> None:
    run = run_cli(["status", TASK_ID], keys={})
    assert run.code == 4
    fix, reason = run.assert_fix_then_reason()
    assert "TUNEWATCH_KEY_SUNOR" in fix
    assert "none has one" in reason
    assert server.requests == []


def test_a_missing_key_is_two_short_lines_the_fix_first(server: FakeProviderServer) -> None:
    run = run_cli(
        ["status", "--provider", "mountsea-producer", "--base-url", server.base_url, TASK_ID],
        keys={},
    )
    assert run.code == 4
    fix, reason = run.assert_fix_then_reason()
    assert fix == "tunewatch: Set TUNEWATCH_KEY_MOUNTSEA to your MountSea API key."
    assert "keyring" in reason
    # The keyring's own technical words (no backend, D-Bus) are for the log, not the user.
    assert "D-Bus" not in run.err and "keyring package" not in run.err
    assert server.requests == []


def test_base_url_without_a_provider_is_a_usage_error(server: FakeProviderServer) -> None:
    run = run_cli(["status", "--base-url", server.base_url, TASK_ID], keys=KEYS)
    assert run.code == 2
    assert "--base-url needs --provider" in run.err
    assert server.requests == []
