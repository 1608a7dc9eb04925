"""The ledger on real SQLite files: round trips, duplicates, history, undo, migrations."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from gui.domain.model import Clip, RawJson, TaskError, TaskSnapshot, raw_value
from gui.domain.states import TaskState
from gui.domain.tracked_task import HistoryEntry, Watch
from gui.storage.ledger import MIGRATIONS, Ledger


def finished_snapshot() -> TaskSnapshot:
    return TaskSnapshot(
        provider="sunor",
        task_id="t-1",
        state=TaskState.FAILED,
        provider_status="failure",
        error=TaskError("Upstream provider returned an error", code="4001", trace_id="tr-9"),
        created_at=datetime(2025, 1, 15, 10, 30, tzinfo=UTC),
        clips=(Clip(id="c1", title="Summer Days", audio_url="https://cdn1.suno.ai/c1.mp3"),),
        credits_refunded=True,
        raw={"code": 200, "data": {"status": "failure"}},
    )


def test_a_task_is_on_disk_before_any_poll(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "tasks.sqlite3")
    ledger.add("sunor", "t-1", at=1000.0)
    # Another connection (another process after a crash) sees it at once.
    rows = sqlite3.connect(tmp_path / "tasks.sqlite3").execute(
        "SELECT provider, task_id FROM tasks"
    )
    assert rows.fetchall() == [("sunor", "t-1")]


def test_tracking_twice_does_not_duplicate(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "l.sqlite3")
    first, created = ledger.add("sunor", "t-1", at=1.0)
    again, created_again = ledger.add("sunor", "t-1", at=2.0)
    assert created and not created_again
    assert again.added_at == first.added_at == 1.0
    assert len(ledger) == 1
    ledger.add("crun", "t-1")  # the same ID at another provider is another task
    assert len(ledger) == 2


def test_snapshot_error_history_and_raw_json_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite3"
    ledger = Ledger(path)
    task, _ = ledger.add("sunor", "t-1", at=1.0)
    entries = (
        HistoryEntry(5.0, TaskState.QUEUED, "pending"),
        HistoryEntry(9.0, TaskState.FAILED, "failure"),
    )
    ledger.save(
        task.with_changes(snapshot=finished_snapshot(), watch=Watch.DONE, poll_count=2), entries
    )
    ledger.close()

    reopened = Ledger(path).get(("sunor", "t-1"))
    assert reopened is not None
    assert reopened.watch is Watch.DONE
    assert reopened.snapshot == finished_snapshot()
    assert reopened.snapshot.raw == {"code": 200, "data": {"status": "failure"}}
    assert reopened.snapshot.error == TaskError(
        "Upstream provider returned an error", "4001", "tr-9"
    )
    assert [h.state for h in reopened.history] == [TaskState.QUEUED, TaskState.FAILED]


def test_remove_then_restore_brings_back_everything(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "l.sqlite3")
    task, _ = ledger.add("sunor", "t-1", at=1.0)
    ledger.save(
        task.with_changes(snapshot=finished_snapshot()),
        (HistoryEntry(2.0, TaskState.FAILED, "failure"),),
    )
    removed = ledger.remove(("sunor", "t-1"))
    assert removed is not None and len(ledger) == 0
    ledger.restore(removed)
    back = ledger.get(("sunor", "t-1"))
    assert back == removed


def test_a_late_save_does_not_resurrect_a_removed_task(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "l.sqlite3")
    task, _ = ledger.add("sunor", "t-1")
    ledger.remove(task.key)
    ledger.save(task.with_changes(poll_count=3), (HistoryEntry(2.0, TaskState.RUNNING, "running"),))
    assert len(ledger) == 0


def test_wal_mode_and_schema_version(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "l.sqlite3")
    assert ledger.schema_version == len(MIGRATIONS)
    mode = sqlite3.connect(tmp_path / "l.sqlite3").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_a_newer_schema_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite3"
    Ledger(path).close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    with pytest.raises(RuntimeError, match="newer Tunewatch"):
        Ledger(path)


def test_a_version_1_ledger_is_migrated_without_losing_tasks(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0] + "; PRAGMA user_version = 1;")
    db.execute(
        "INSERT INTO tasks (provider, task_id, added_at, tracking_since, watch) "
        "VALUES ('crun', 'old-task', 1.0, 1.0, 'active')"
    )
    db.commit()
    db.close()
    ledger = Ledger(path)
    assert ledger.schema_version == len(MIGRATIONS) >= 2
    assert [t.task_id for t in ledger.all()] == ["old-task"]
    ledger.set_keeper(("crun", "old-task"), "clip-b")
    assert ledger.keeper(("crun", "old-task")) == "clip-b"


def test_the_keeper_survives_remove_and_undo(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "l.sqlite3")
    task, _ = ledger.add("sunor", "t-1")
    ledger.set_keeper(task.key, "clip-a")
    removed = ledger.remove(task.key)
    assert removed is not None
    ledger.restore(removed)
    assert ledger.keeper(task.key) == "clip-a"
    ledger.set_keeper(task.key, None)
    assert ledger.keeper(task.key) is None


def test_raw_json_is_read_back_lazily_and_stored_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite3"
    ledger = Ledger(path)
    task, _ = ledger.add("sunor", "t-1")
    ledger.save(task.with_changes(snapshot=finished_snapshot()))
    loaded = ledger.get(task.key)
    assert loaded is not None and loaded.snapshot is not None
    assert isinstance(loaded.snapshot.raw, RawJson)  # not decoded at load
    ledger.save(loaded.with_changes(poll_count=5))  # saved again without decoding it
    again = Ledger(path).get(task.key)
    assert again is not None and again.snapshot is not None
    assert raw_value(again.snapshot.raw) == {"code": 200, "data": {"status": "failure"}}
