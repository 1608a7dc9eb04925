"""`tunewatch watch` and `tunewatch list` as a user runs them: real subprocesses against fake
servers in this process.

`tunewatch watch` uses the providers' real pacing (first poll after 3 s for MountSea Suno, 4 s
for Producer, 5 s for sunor, 15 s for crun), so these tests take seconds, not milliseconds; the
slow ones run their subprocesses side by side."""

from __future__ import annotations

import itertools
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from gui import cli
from gui.commands import exit_codes
from gui.domain.model import TaskSnapshot
from gui.domain.states import TaskState
from gui.domain.tracked_task import HistoryEntry, Watch
from gui.fake_provider import (
    DEFAULT_KEYS,
    Failure,
    FakeProviderServer,
    Fault,
    ManualClock,
    Phase,
    TaskScript,
)
from gui.providers import get_provider
from gui.storage.ledger import Ledger

TUNEWATCH = str(Path(sys.executable).with_name("tunewatch"))


def _env(home: Path, *accounts: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUNEWATCH_KEY_")}
    env["TUNEWATCH_HOME"] = str(home)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"  # never the OS keychain
    for account in accounts:
        env[f"TUNEWATCH_KEY_{account.upper()}"] = DEFAULT_KEYS[account]  # type: ignore[index]
    return env


@dataclass
class Watcher:
    provider: str
    process: subprocess.Popen[str]
    home: Path

    def finish(self, timeout: float = 30) -> tuple[int, str, str]:
        out, err = self.process.communicate(timeout=timeout)
        return self.process.returncode, out, err


def start_watch(
    server: FakeProviderServer, home: Path, provider: str, *task_ids: str, as_json: bool = False
) -> Watcher:
    args = [TUNEWATCH, "watch", "--provider", provider, "--base-url", server.base_url]
    # The user-facing --interval keeps crun's 15 s first wait out of the test's time.
    args += ["--interval", "1"]
    args += ["--json"] if as_json else []
    process = subprocess.Popen(
        [*args, *task_ids],
        env=_env(home, get_provider(provider).account),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return Watcher(provider, process, home)


@pytest.fixture
def servers() -> Iterator[list[FakeProviderServer]]:
    """Start as many servers as a test wants; all stopped afterwards."""
    started: list[FakeProviderServer] = []
    yield started
    for server in started:
        server.stop()


def ledger_rows(home: Path) -> dict[str, tuple[str, int, list[str]]]:
    """task id -> (watch, poll count, history states), read like any other process would."""
    path = home / "data" / "tasks.sqlite3"
    if not path.exists():
        return {}
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tasks = db.execute("SELECT id, task_id, watch, poll_count FROM tasks").fetchall()
        result = {}
        for row_id, task_id, watch, polls in tasks:
            states = [
                s
                for (s,) in db.execute(
                    "SELECT state FROM history WHERE task=? ORDER BY at", (row_id,)
                )
            ]
            result[task_id] = (watch, polls, states)
        return result
    except sqlite3.OperationalError:  # the watcher is still creating the schema
        return {}
    finally:
        db.close()


def wait_until(condition: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def json_lines(out: str) -> dict[str, list[dict[str, object]]]:
    by_task: dict[str, list[dict[str, object]]] = {}
    for line in out.splitlines():
        body = json.loads(line)
        by_task.setdefault(str(body["task_id"]), []).append(body)
    return by_task


def test_watch_follows_all_four_providers_to_their_end(
    servers: list[FakeProviderServer], tmp_path: Path
) -> None:
    def server_with(provider: str, tasks: dict[str, TaskScript]) -> FakeProviderServer:
        server = FakeProviderServer().start()
        servers.append(server)
        for task_id, script in tasks.items():
            server.add_task(provider, task_id, script)  # type: ignore[arg-type]
        return server

    # Polls land near 3, 6, 10.5 s (Suno), 4, 8 s (Producer), 5, 10 s (sunor), 15 s (crun).
    suno = server_with(
        "mountsea-suno",
        {
            # Queued through the first two polls: still one "queued" line.
            "ms-ok": TaskScript([Phase("queued", 7.5), Phase("running", 1.5), Phase("succeeded")]),
            "ms-stream": TaskScript(
                [Phase("running", 1.5), Phase("streaming", 6.5), Phase("succeeded")]
            ),
        },
    )
    producer = server_with(
        "mountsea-producer",
        {
            "mp-fail": TaskScript(
                [Phase("running", 6.5), Phase("failed")],
                failure=Failure("Prompt rejected", trace_id="trace-777"),
            )
        },
    )
    sunor = server_with(
        "sunor",
        {
            "su-ok": TaskScript([Phase("running", 7.5), Phase("succeeded")]),
            "su-late": TaskScript([Phase("queued", 7.5), Phase("timed_out")]),
        },
    )
    crun = server_with("crun", {"cr-ok": TaskScript([Phase("running", 8), Phase("succeeded")])})
    lost = server_with("mountsea-suno", {})

    watchers = [
        start_watch(suno, tmp_path / "suno", "mountsea-suno", "ms-ok", "ms-stream", as_json=True),
        start_watch(producer, tmp_path / "producer", "mountsea-producer", "mp-fail"),
        start_watch(sunor, tmp_path / "sunor", "sunor", "su-ok", "su-late", as_json=True),
        start_watch(crun, tmp_path / "crun", "crun", "cr-ok", as_json=True),
        start_watch(lost, tmp_path / "lost", "mountsea-suno", "no-such-task"),
    ]
    results = {w.home.name: w.finish(timeout=40) for w in watchers}

    code, out, err = results["suno"]
    assert code == exit_codes.SUCCEEDED, err
    lines = json_lines(out)
    assert set(lines) == {"ms-ok", "ms-stream"}
    order = ["queued", "running", "streaming", "succeeded"]
    for task_lines in lines.values():
        assert task_lines[0]["state"] is None  # "tracked", before the first answer
        assert task_lines[-1]["state"] == "succeeded" and task_lines[-1]["watch"] == "done"
        states = [str(line["state"]) for line in task_lines[1:]]
        assert states == sorted(states, key=order.index)  # never backwards
        for line in task_lines:
            assert {"provider", "task_id", "state", "watch", "at"} <= set(line)
        # One line per change: no two in a row the same but for the time stamp.
        shown = [{k: v for k, v in line.items() if k != "at"} for line in task_lines]
        assert all(a != b for a, b in itertools.pairwise(shown))
    assert "streaming" in [line["state"] for line in lines["ms-stream"]]
    assert [line["state"] for line in lines["ms-ok"]].count("queued") == 1
    clips = lines["ms-ok"][-1]["clips"]
    assert isinstance(clips, list) and len(clips) == 2

    code, out, err = results["producer"]
    assert code == exit_codes.FAILED, err
    assert "mp-fail" in out and "Failed" in out and "Prompt rejected" in out

    code, out, err = results["sunor"]
    assert code == exit_codes.FAILED, err  # the worst outcome: one timed out
    finals = {task: task_lines[-1]["state"] for task, task_lines in json_lines(out).items()}
    assert finals == {"su-ok": "succeeded", "su-late": "timed_out"}

    code, out, err = results["crun"]
    assert code == exit_codes.SUCCEEDED, err
    assert json_lines(out)["cr-ok"][-1]["state"] == "succeeded"

    code, out, err = results["lost"]
    assert code == exit_codes.NOT_FOUND, err
    assert "Not found" in out.splitlines()[-1]
    assert ledger_rows(tmp_path / "lost")["no-such-task"][0] == "not_found"  # kept

    for _code, _out, errors in results.values():
        assert "Traceback" not in errors
    for watcher in watchers:  # every task stays in the ledger with its history
        for watch, _polls, states in ledger_rows(watcher.home).values():
            assert watch in ("done", "not_found")
            assert watch == "not_found" or states[-1] in ("succeeded", "failed", "timed_out")


def test_a_killed_watch_loses_nothing_and_a_restart_finishes(
    servers: list[FakeProviderServer], tmp_path: Path
) -> None:
    clock = ManualClock()
    server = FakeProviderServer(clock=clock).start()
    servers.append(server)
    script = TaskScript([Phase("queued", 10), Phase("running", 10), Phase("succeeded")])
    for task_id in ("k1", "k2"):
        server.add_task("mountsea-suno", task_id, script)

    first = start_watch(server, tmp_path, "mountsea-suno", "k1", "k2")
    wait_until(
        lambda: (
            all(polls >= 1 for _w, polls, _s in ledger_rows(tmp_path).values())
            and len(ledger_rows(tmp_path)) == 2
        ),
        8,
        "the first poll of both tasks",
    )
    first.process.send_signal(signal.SIGKILL)
    first.process.communicate(timeout=5)
    assert first.process.returncode == -signal.SIGKILL

    rows = ledger_rows(tmp_path)
    assert set(rows) == {"k1", "k2"}
    for watch, polls, states in rows.values():
        assert watch == "active" and polls >= 1 and states == ["queued"]
    key = DEFAULT_KEYS["mountsea"].encode()
    for path in (tmp_path / "data").iterdir():
        assert key not in path.read_bytes(), path

    clock.advance(25)  # meanwhile, the tasks finished
    second = start_watch(server, tmp_path, "mountsea-suno", "k1", "k2")
    code, out, err = second.finish(timeout=15)
    assert code == exit_codes.SUCCEEDED, err
    assert "Traceback" not in err
    assert out.count("Finished") == 2
    rows = ledger_rows(tmp_path)
    for watch, polls, states in rows.values():
        assert watch == "done" and polls >= 2 and states == ["queued", "succeeded"]
    for path in (tmp_path / "data").iterdir():
        assert key not in path.read_bytes(), path

    listed = subprocess.run(
        [TUNEWATCH, "list", "--json"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        check=True,
    )
    tasks = {t["task_id"]: t for t in json.loads(listed.stdout)}
    assert set(tasks) == {"k1", "k2"}
    assert [h["state"] for h in tasks["k1"]["history"]] == ["queued", "succeeded"]


def test_ctrl_c_stops_cleanly_and_the_tasks_stay_tracked(
    servers: list[FakeProviderServer], tmp_path: Path
) -> None:
    server = FakeProviderServer(clock=ManualClock()).start()
    servers.append(server)
    server.add_task("mountsea-suno", "hold-on", TaskScript([Phase("running")]))
    server.inject(Fault("timeout", hold=30), task_id="hold-on")  # the first poll hangs
    watcher = start_watch(server, tmp_path, "mountsea-suno", "hold-on")
    wait_until(lambda: server.requests, 8, "the first poll to be on the wire")
    started = time.monotonic()
    watcher.process.send_signal(signal.SIGINT)
    code, out, err = watcher.finish(timeout=10)
    assert time.monotonic() - started < 3  # the hanging request did not hold it up
    assert code == exit_codes.INTERRUPTED
    assert "Traceback" not in err and "interrupted; the tasks stay tracked" in err
    assert "hold-on" in out
    rows = ledger_rows(tmp_path)
    assert rows["hold-on"][0] == "active"
    listed = subprocess.run(
        [TUNEWATCH, "list"], env=_env(tmp_path), capture_output=True, text=True, check=True
    )
    assert "hold-on" in listed.stdout


def test_watch_without_a_key_says_so_at_once_and_exits_4(tmp_path: Path) -> None:
    env = _env(tmp_path)  # no TUNEWATCH_KEY_SUNOR, no keyring
    result = subprocess.run(
        [TUNEWATCH, "watch", "--provider", "sunor", "--base-url", "http://127.0.0.1:9", "t1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=5,  # at once, not when the first poll is due
    )
    assert result.returncode == exit_codes.KEY_PROBLEM
    assert "TUNEWATCH_KEY_SUNOR" in result.stderr and "Traceback" not in result.stderr


def _seed_ledger(home: Path) -> None:
    ledger = Ledger(home / "data" / "tasks.sqlite3")
    try:
        ledger.add("sunor", "listed-done", at=1_700_000_000)
        done = TaskSnapshot("sunor", "listed-done", TaskState.SUCCEEDED, "success")
        task = ledger.get(("sunor", "listed-done"))
        assert task is not None
        ledger.save(
            task.with_changes(snapshot=done, watch=Watch.DONE),
            [HistoryEntry(1_700_000_010, TaskState.SUCCEEDED, "success")],
        )
        ledger.add("crun", "listed-lost", at=1_700_000_100)
        lost = ledger.get(("crun", "listed-lost"))
        assert lost is not None
        ledger.save(lost.with_changes(watch=Watch.NOT_FOUND))
    finally:
        ledger.close()


def test_list_prints_the_tracked_tasks(
    _isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["list"]) == 0
    assert "No tasks are tracked yet" in capsys.readouterr().out
    _seed_ledger(_isolated_home)
    assert cli.main(["list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2
    assert "listed-done" in out[0] and "sunor" in out[0].lower() and "Finished" in out[0]
    assert "listed-lost" in out[1] and "Not found" in out[1]
    assert cli.main(["list", "--json"]) == 0
    tasks = json.loads(capsys.readouterr().out)
    assert [t["task_id"] for t in tasks] == ["listed-done", "listed-lost"]
    assert tasks[0]["state"] == "succeeded" and tasks[0]["watch"] == "done"
    assert tasks[0]["history"] == [{"at": 1_700_000_010, "state": "succeeded"}]
    assert tasks[1]["state"] is None and tasks[1]["watch"] == "not_found"


def test_watch_on_a_finished_task_reports_it_at_once(
    _isolated_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed_ledger(_isolated_home)
    monkeypatch.setenv("TUNEWATCH_KEY_SUNOR", "unused")
    started = time.monotonic()
    code = cli.main(["watch", "--provider", "sunor", "--json", "listed-done"])
    assert code == exit_codes.SUCCEEDED
    assert time.monotonic() - started < 2
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line)["state"] == "succeeded"


def test_an_interval_outside_the_allowed_range_is_bad_usage(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = cli.main(["watch", "--provider", "sunor", "--interval", "0.01", "t1"])
    assert code == 2
    assert "--interval must be between" in capsys.readouterr().err
