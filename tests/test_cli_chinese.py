"""The terminal commands speak the user's language: Chinese under a zh_CN locale (no Qt
application: the translator is used directly), English when Settings says so; `--json` keys and
values never change."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping

import pytest

from gui.fake_provider import FakeProviderServer, ManualClock
from gui.storage.paths import app_paths
from gui.storage.settings import Settings, save_settings
from tests.cli_helpers import REPO, CliRun, cli_env
from tests.test_cli_status import KEYS, T0, TASK_ID, UNIX0, place, status_args


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


@pytest.fixture
def server(clock: ManualClock) -> Iterator[FakeProviderServer]:
    with FakeProviderServer(clock=clock, unix_offset=UNIX0 - T0) as fake:
        yield fake


def run_in_locale(args: list[str], locale: str, keys: Mapping[str, str] | None = None) -> CliRun:
    env = {k: v for k, v in cli_env(keys).items() if not k.startswith(("LC_", "LANGUAGE"))}
    env["LANG"] = locale
    proc = subprocess.run(
        [sys.executable, "-m", "gui", *args],
        env=env,
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return CliRun(proc.returncode, proc.stdout, proc.stderr)


def test_status_of_a_failed_task_is_told_in_chinese(
    server: FakeProviderServer, clock: ManualClock
) -> None:
    place(server, clock, "sunor", "failed")
    run = run_in_locale(["status", *status_args(server, "sunor", TASK_ID)], "zh_CN.UTF-8", KEYS)
    assert run.code == 1, run.err
    head, *rest = run.out.splitlines()
    assert head == f"sunor.cc 任务 {TASK_ID}：失败（failure）"
    body = "\n".join(rest)
    assert "原因：The vocals went flat" in body  # the provider's own words stay as they came
    assert "该任务的积分已退还" in body
    assert "reason" not in body and "refunded" not in body


def test_a_missing_key_is_explained_in_chinese_and_still_names_the_variable(
    server: FakeProviderServer,
) -> None:
    run = run_in_locale(["status", *status_args(server, "crun", TASK_ID)], "zh_CN.UTF-8", {})
    assert run.code == 4
    assert run.out == ""
    lines = run.err.splitlines()
    assert lines and all(line.startswith("tunewatch: ") for line in lines)
    assert "TUNEWATCH_KEY_CRUN" in run.err
    assert "密钥" in run.err
    assert not any(word in run.err for word in ("key", "Set ", "keyring"))
    assert server.requests == []


def test_a_refused_key_is_a_chinese_sentence_with_the_http_status(
    server: FakeProviderServer, clock: ManualClock
) -> None:
    place(server, clock, "crun", "succeeded")
    run = run_in_locale(
        ["status", *status_args(server, "crun", TASK_ID)], "zh_CN.UTF-8", {"crun": "sk-wrong-1"}
    )
    assert run.code == 4
    line = run.assert_one_error_line()
    assert line.startswith("tunewatch: crun.ai 拒绝了该 API 密钥。"), line
    assert "HTTP 401" in line and "sk-wrong-1" not in line


def test_json_stays_the_same_in_every_language(
    server: FakeProviderServer, clock: ManualClock
) -> None:
    place(server, clock, "mountsea-producer", "failed")
    args = ["status", *status_args(server, "mountsea-producer", "--json", TASK_ID)]
    chinese = run_in_locale(args, "zh_CN.UTF-8", KEYS)
    english = run_in_locale(args, "C.UTF-8", KEYS)
    assert chinese.code == english.code == 1
    assert json.loads(chinese.out) == json.loads(english.out)
    assert json.loads(chinese.out)["state"] == "failed"


def test_the_settings_language_wins_over_the_locale(
    server: FakeProviderServer, clock: ManualClock
) -> None:
    # TUNEWATCH_HOME (conftest) is this test's own profile; the subprocess inherits it.
    assert os.environ["TUNEWATCH_HOME"]
    save_settings(app_paths().settings, Settings(language="en"))
    place(server, clock, "mountsea-suno", "streaming")
    run = run_in_locale(
        ["status", *status_args(server, "mountsea-suno", TASK_ID)], "zh_CN.UTF-8", KEYS
    )
    assert run.code == 3
    assert "Streaming preview (stream)" in run.out.splitlines()[0]
    save_settings(app_paths().settings, Settings(language="zh_CN"))
    run = run_in_locale(["status", *status_args(server, "mountsea-suno", TASK_ID)], "C", KEYS)
    assert "可试听预览（stream）" in run.out.splitlines()[0]


def test_a_usage_error_is_worded_in_chinese_with_exit_status_2() -> None:
    run = run_in_locale(["status", "--provider", "nope", "x"], "zh_CN.UTF-8")
    assert run.code == 2
    assert run.err.splitlines()[-1].startswith("tunewatch: 参数 --provider：无效的选项 'nope'")


def test_help_is_in_chinese_down_to_argparse_headings() -> None:
    run = run_in_locale(["status", "--help"], "zh_CN.UTF-8")
    assert run.code == 0
    assert run.out.startswith("用法：tunewatch status")
    assert "位置参数" in run.out and "显示此帮助信息并退出" in run.out
    assert "服务商给你的任务 ID" in run.out
    english = run_in_locale(["status", "--help"], "C.UTF-8")
    assert english.out.startswith("usage: tunewatch status")
    assert "show this help message and exit" in english.out
