"""The commits that matter survive a power cut, and nobody else can read the task list.

WAL with synchronous=NORMAL can lose the last commits on power loss (not on an app crash);
the ledger commits a new task, a final state, an undo and an import with synchronous=FULL.
A trace callback sees what SQLite is told, in order, on the real database file."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from gui.domain.model import TaskSnapshot
from gui.domain.states import TaskState
from gui.domain.tracked_task import HistoryEntry, Watch
from gui.storage.ledger import Ledger


@pytest.fixture
def traced(tmp_path: Path) -> Iterator[tuple[Ledger, list[str]]]:
    ledger = Ledger(tmp_path / "data" / "tasks.sqlite3")
    statements: list[str] = []
    ledger._db.set_trace_callback(statements.append)
    yield ledger, statements
    ledger.close()


def commits_and_mode(statements: list[str]) -> list[str]:
    """For each COMMIT, the synchronous mode in force when it ran."""
    mode = "NORMAL"
    seen = []
    for statement in statements:
        text = statement.strip().upper()
        if text.startswith("PRAGMA SYNCHRONOUS="):
            mode = text.split("=", 1)[1]
        elif text == "COMMIT":
            seen.append(mode)
    return seen


def snapshot(state: TaskState) -> TaskSnapshot:
    return TaskSnapshot("sunor", "t1", state, state.value)


def test_adding_a_task_commits_with_full_sync(traced: tuple[Ledger, list[str]]) -> None:
    ledger, statements = traced
    ledger.add("sunor", "t1")
    assert commits_and_mode(statements) == ["FULL"]
    statements.clear()
    ledger.add("sunor", "t1")  # a duplicate writes nothing
    assert commits_and_mode(statements) == []


def test_a_final_state_commits_with_full_sync_and_progress_does_not(
    traced: tuple[Ledger, list[str]],
) -> None:
    ledger, statements = traced
    task, _ = ledger.add("sunor", "t1")
    statements.clear()
    running = task.with_changes(snapshot=snapshot(TaskState.RUNNING), poll_count=1)
    ledger.save(running, [HistoryEntry(time.time(), TaskState.RUNNING, "running")])
    done = running.with_changes(snapshot=snapshot(TaskState.SUCCEEDED), watch=Watch.DONE)
    ledger.save(done, [HistoryEntry(time.time(), TaskState.SUCCEEDED, "success")])
    assert commits_and_mode(statements) == ["NORMAL", "FULL"]
    # And the connection is back on NORMAL for the many commits that follow.
    assert ledger._db.execute("PRAGMA synchronous").fetchone()[0] == 1  # 1 = NORMAL


def test_undo_and_import_commit_with_full_sync(traced: tuple[Ledger, list[str]]) -> None:
    ledger, statements = traced
    task, _ = ledger.add("sunor", "t1")
    removed = ledger.remove(task.key)
    assert removed is not None
    statements.clear()
    ledger.restore(removed)
    ledger.put_all([removed.with_changes(task_id="t2")])
    assert commits_and_mode(statements) == ["FULL", "FULL"]


def test_the_data_folder_and_ledger_files_are_private_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        ledger = Ledger(tmp_path / "home" / "data" / "tasks.sqlite3")
        ledger.add("sunor", "t1")
        folder = tmp_path / "home" / "data"
        files = {p.name: stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()}
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert files == {
            "tasks.sqlite3": 0o600,
            "tasks.sqlite3-wal": 0o600,
            "tasks.sqlite3-shm": 0o600,
        }
        ledger.close()
    finally:
        os.umask(old)


def test_an_existing_readable_ledger_is_tightened(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    Ledger(folder / "tasks.sqlite3").close()
    folder.chmod(0o755)
    (folder / "tasks.sqlite3").chmod(0o644)
    Ledger(folder / "tasks.sqlite3").close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "tasks.sqlite3").stat().st_mode) == 0o600
