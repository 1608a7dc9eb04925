"""A big task list: the ledger's compact rows, the table filling in batches, details read when
asked for, and a 100 000-task start-up that starts no asyncio task per finished task."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt

from gui.domain.model import Clip, RawJson, TaskError, TaskSnapshot
from gui.domain.states import TaskState
from gui.domain.task_row import TaskRow
from gui.domain.tracked_task import HistoryEntry, TrackedTask, Watch
from gui.fake_provider import Phase, TaskScript
from gui.storage.ledger import MIGRATIONS, Ledger
from gui.storage.paths import app_paths
from gui.ui.task_filter import StateGroup, TaskFilterProxy
from gui.ui.task_list_loading import INSERT_BATCH, insert_in_batches
from gui.ui.task_table_model import TASK_ROLE, Column, TaskTableModel
from tests.conftest import run_in_loop
from tests.ui_helpers import Windows


def finished(task_id: str, added_at: float, title: str = "Song", **extra: Any) -> TrackedTask:
    snapshot = TaskSnapshot(
        provider="sunor",
        task_id=task_id,
        state=TaskState.SUCCEEDED,
        provider_status="success",
        created_at=datetime.fromtimestamp(added_at + 2, UTC),
        finished_at=datetime.fromtimestamp(added_at + 62, UTC),
        clips=(
            Clip(id=f"{task_id}-a", title=title, tags="dream pop", lyrics="la la", duration=61.0),
            Clip(id=f"{task_id}-b", title=f"{title} (v2)", tags="dream pop, slow"),
        ),
        raw=RawJson(f'{{"status": "success", "data": {{"id": "{task_id}"}}}}'),
    )
    return TrackedTask(
        provider="sunor",
        task_id=task_id,
        added_at=added_at,
        tracking_since=added_at,
        watch=Watch.DONE,
        snapshot=snapshot,
        last_polled_at=added_at + 63,
        poll_count=7,
        history=(
            HistoryEntry(added_at + 1, TaskState.RUNNING, "running"),
            HistoryEntry(added_at + 63, TaskState.SUCCEEDED, "success"),
        ),
        **extra,
    )


def running(task_id: str, added_at: float) -> TrackedTask:
    return TrackedTask(provider="crun", task_id=task_id, added_at=added_at, tracking_since=added_at)


def write_many_finished(path: Path, count: int) -> None:
    """A ledger file of `count` finished tasks, fast: one written by the app, copied in SQL
    (task, history and list row) under new IDs and times."""
    ledger = Ledger(path)
    ledger.put_all([finished("done-000000", 0.0)])
    ledger.close()
    db = sqlite3.connect(path)
    copies = (
        f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count - 1})"
    )
    db.executescript(
        f"""
        {copies}
        INSERT INTO tasks (provider, task_id, added_at, tracking_since, watch, state, snapshot,
                           raw, problem, last_polled_at, next_poll_at, poll_count)
        SELECT provider, printf('done-%06d', i), i, i, watch, state,
               replace(snapshot, 'done-000000', printf('done-%06d', i)),
               replace(raw, 'done-000000', printf('done-%06d', i)),
               problem, last_polled_at + i, next_poll_at, poll_count
        FROM tasks, n WHERE task_id = 'done-000000';
        INSERT INTO history (task, at, state, provider_status)
        SELECT t.id, h.at + t.added_at, h.state, h.provider_status
        FROM tasks t, history h WHERE t.task_id != 'done-000000' AND h.task = 1;
        INSERT INTO task_rows (task, provider, task_id, added_at, watch, state, title, progress,
                               clip_count, search, started, ended, error, problem,
                               last_polled_at, next_poll_at)
        SELECT t.id, r.provider, t.task_id, t.added_at, r.watch, r.state, r.title, r.progress,
               r.clip_count, r.search, r.started + t.added_at, r.ended + t.added_at, r.error,
               r.problem, r.last_polled_at + t.added_at, r.next_poll_at
        FROM tasks t, task_rows r WHERE t.task_id != 'done-000000' AND r.task = 1;
        """
    )
    db.close()


def shown_ids(proxy: TaskFilterProxy) -> list[str]:
    return [proxy.index(row, 0).data(TASK_ROLE).task_id for row in range(proxy.rowCount())]


def test_the_ledger_keeps_a_row_per_task_that_matches_the_task(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "l.sqlite3")
    done = finished("done-1", 100.0, title="Neon Rain")
    ledger.put_all([done])
    ledger.add("crun", "new-1", at=200.0)
    rows, after = ledger.read_rows()
    assert rows == [TaskRow.of(done), TaskRow.of(running("new-1", 200.0))]
    assert rows[0].title == "Neon Rain" and rows[0].clip_count == 2
    assert rows[0].ended == done.added_at + 62  # the provider's finish time
    assert ledger.read_rows(after) == ([], after)
    newest, position = ledger.read_rows(limit=1, newest_first=True)  # the default sort's order
    assert [r.task_id for r in newest] == ["new-1"]
    assert [r.task_id for r in ledger.read_rows(position, newest_first=True)[0]] == ["done-1"]
    assert [r.task_id for r in ledger.read_rows(finished_only=True)[0]] == ["done-1"]
    # A poll's answer updates the row with the task.
    failed = running("new-1", 200.0).with_changes(
        snapshot=TaskSnapshot(
            "crun", "new-1", TaskState.FAILED, "failed", error=TaskError("No credits", "402")
        ),
        watch=Watch.DONE,
    )
    ledger.save(failed)
    assert ledger.read_rows()[0][1] == TaskRow.of(failed)
    assert TaskRow.of(failed).error == "No credits"
    assert [t.task_id for t in ledger.unfinished()] == []
    ledger.remove(done.key)  # the row goes with the task
    assert [r.task_id for r in ledger.read_rows()[0]] == ["new-1"]


def test_an_older_ledger_gets_its_rows_when_it_is_opened(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite3"
    current = Ledger(path)
    current.put_all([finished("old-1", 10.0, title="Before"), running("old-2", 20.0)])
    current.close()
    db = sqlite3.connect(path)  # as schema 2 left it: no rows table
    db.executescript("DROP TABLE task_rows; PRAGMA user_version = 2;")
    db.close()
    upgraded = Ledger(path)
    assert upgraded.schema_version == len(MIGRATIONS) == 3
    rows = upgraded.read_rows()[0]
    assert [(r.task_id, r.title, r.watch) for r in rows] == [
        ("old-1", "Before", Watch.DONE),
        ("old-2", None, Watch.ACTIVE),
    ]
    assert [t.task_id for t in upgraded.unfinished()] == ["old-2"]


def test_the_list_fills_in_batches_in_order_and_keeps_the_selection(
    qt_loop: Any, qtbot: Any
) -> None:
    model = TaskTableModel()
    proxy = TaskFilterProxy()
    proxy.setSourceModel(model)
    model.sort(Column.ADDED, Qt.SortOrder.DescendingOrder)
    live = running("live", 2_500.5)  # sorts in the middle of the finished ones
    model.set_tasks([live])
    selection = QItemSelectionModel(proxy)
    selection.select(
        proxy.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    inserts: list[int] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserts.append(last - first + 1))
    rows = [TaskRow.of(finished(f"t{i:05d}", float(i))) for i in range(5_000)]

    run_in_loop(qtbot, qt_loop, insert_in_batches(model, rows))

    assert model.rowCount() == 5_001
    expected = [f"t{i:05d}" for i in range(4_999, 2_500, -1)]
    expected += ["live"] + [f"t{i:05d}" for i in range(2_500, -1, -1)]
    assert [row.task_id for row in model.rows] == expected
    # Whole batches, split only where the live row sits: not one signal per row.
    assert sum(inserts) == 5_000 and len(inserts) <= 5_000 // INSERT_BATCH + 2
    assert [i.data(TASK_ROLE).task_id for i in selection.selectedRows()] == ["live"]
    assert model.counts[StateGroup.FINISHED] == 5_000 and model.counts[StateGroup.ACTIVE] == 1


def test_a_finished_tasks_details_are_read_from_the_ledger_when_asked_for(
    tmp_path: Path, qapp: Any
) -> None:
    ledger = Ledger(tmp_path / "l.sqlite3")
    stored = [finished(f"t{i}", float(i), title=f"Song {i}") for i in range(3)]
    ledger.put_all(stored)
    asked: list[tuple[str, str]] = []

    def load(key: tuple[str, str]) -> TrackedTask | None:
        asked.append(key)
        return ledger.get(key)

    model = TaskTableModel(load_task=load)
    model.append_rows(ledger.read_rows()[0])
    # The table shows, sorts and filters from the rows alone.
    assert model.index(1, Column.TITLE).data() == "Song 1"
    assert model.index(1, Column.CLIPS).data() == "2"
    assert model.index(1, Column.ELAPSED).data() == "1 min 00 s"
    assert model.index(1, Column.NEXT_CHECK).data() == "—"
    proxy = TaskFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_text("SLOW")  # a tag of the second clip only
    assert proxy.rowCount() == 3
    proxy.set_text("song 2")
    assert proxy.rowCount() == 1
    assert asked == []

    task = model.index(1, 0).data(TASK_ROLE)
    assert asked == [("sunor", "t1")]
    assert task == stored[1]  # snapshot, clips, history: what was saved
    assert task.snapshot.clips[0].lyrics == "la la"
    assert task.snapshot.raw.value == {"status": "success", "data": {"id": "t1"}}
    assert len(task.history) == 2
    assert model.index(0, 0, QModelIndex()).data(TASK_ROLE).task_id == "t0"


def test_start_up_with_100_000_finished_tasks_polls_only_the_unfinished_ones(
    qtbot: Any, qt_loop: asyncio.AbstractEventLoop
) -> None:
    write_many_finished(app_paths().ledger, 100_000)
    ledger = Ledger(app_paths().ledger)
    ledger.put_all([running(f"running-{i}", time.time() + i) for i in range(3)])
    ledger.close()
    opened = Windows(qtbot, qt_loop)
    for i in range(3):
        opened.server.add_task("crun", f"running-{i}", TaskScript([Phase("running")]))
    try:
        shown = opened.open()  # the start-up run_window does
        assert shown.window.model.rowCount() == 100_003
        polls = [t for t in asyncio.all_tasks(qt_loop) if t.get_name().startswith("poll ")]
        assert sorted(t.get_name() for t in polls) == [
            f"poll ('crun', 'running-{i}')" for i in range(3)
        ]
        assert len(shown.services.engine.tasks) == 3  # finished ones stay in the ledger
        assert shown.window.model.counts[StateGroup.FINISHED] == 100_000
        shown.window.select_task(("sunor", "done-054321"))
        assert shown.window.detail.task is not None
        assert shown.window.detail.task.task_id == "done-054321"
        assert shown.window.detail.task.snapshot is not None
    finally:
        opened.close_all()


def test_rows_sorted_in_pieces_come_out_as_one_stable_sort(qapp: Any) -> None:
    model = TaskTableModel()
    model.sort(Column.TITLE, Qt.SortOrder.DescendingOrder)
    # Many equal titles: a merge that broke ties differently would reorder them.
    rows = [
        TaskRow.of(finished(f"t{i:05d}", float(i), title=f"Song {i % 7}")) for i in range(12_345)
    ]
    expected = sorted(rows, key=lambda row: (row.title or "").casefold(), reverse=True)
    assert model.sorted_rows(rows) == expected
    model.sort(Column.ADDED, Qt.SortOrder.AscendingOrder)
    assert model.sorted_rows(list(reversed(rows))) == rows
