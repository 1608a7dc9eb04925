"""The ledger's list rows: one small `task_rows` record per task, written with the task.

A task's full record is ~4 kB (snapshot and raw JSON), so reading 100 000 of them means reading
~600 MB of pages; their rows are ~250 bytes each, and the window starts from those. The full
record is read when someone asks for one task (`Ledger.get`)."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterable

from gui.domain.states import TaskState
from gui.domain.task_row import TaskRow
from gui.domain.tracked_task import TrackedTask, Watch

CREATE = """
CREATE TABLE task_rows (
    task INTEGER PRIMARY KEY REFERENCES tasks(id) ON DELETE CASCADE,
    provider TEXT NOT NULL,
    task_id TEXT NOT NULL,
    added_at REAL NOT NULL,
    watch TEXT NOT NULL,
    state TEXT,
    title TEXT,
    progress REAL,
    clip_count INTEGER NOT NULL,
    search TEXT NOT NULL,
    started REAL NOT NULL,
    ended REAL,
    error TEXT,
    problem TEXT,
    last_polled_at REAL,
    next_poll_at REAL
)
"""

_FIELDS = (
    "provider, task_id, added_at, watch, state, title, progress, clip_count, search, started, "
    "ended, error, problem, last_polled_at, next_poll_at"
)


def _values(row: TaskRow) -> tuple[object, ...]:
    return (
        row.provider,
        row.task_id,
        row.added_at,
        row.watch.value,
        row.state.value if row.state else None,
        row.title,
        row.progress,
        row.clip_count,
        row.search,
        row.started,
        row.ended,
        row.error,
        row.problem,
        row.last_polled_at,
        row.next_poll_at,
    )


def put(db: sqlite3.Connection, task_row_id: int, task: TrackedTask) -> None:
    """Write (or replace) the row of the task stored under `task_row_id`."""
    db.execute(
        f"INSERT OR REPLACE INTO task_rows (task, {_FIELDS}) VALUES ({', '.join('?' * 16)})",
        (task_row_id, *_values(TaskRow.of(task))),
    )


def put_all(db: sqlite3.Connection, stored: Iterable[tuple[int, TrackedTask]]) -> None:
    db.executemany(
        f"INSERT OR REPLACE INTO task_rows (task, {_FIELDS}) VALUES ({', '.join('?' * 16)})",
        ((row_id, *_values(TaskRow.of(task))) for row_id, task in stored),
    )


def read_chunk(
    db: sqlite3.Connection, after: int, limit: int, *, finished_only: bool, newest_first: bool
) -> tuple[list[TaskRow], int]:
    """Up to `limit` rows stored after `after` (a ledger row id; 0: from the start), oldest or
    newest stored first, and the last id read."""
    if newest_first:
        where, order, after = "task < ?", "DESC", after or 2**63 - 1
    else:
        where, order = "task > ?", "ASC"
    where += " AND watch = 'done'" if finished_only else ""
    cursor = db.execute(
        f"SELECT task, {_FIELDS} FROM task_rows WHERE {where} ORDER BY task {order} LIMIT ?",
        (after, limit),
    )
    rows: list[TaskRow] = []
    last = after
    # One tight loop (~2 µs a row): the columns' types are the schema's, so no checks per value.
    for last, p, t, a, w, s, ti, pr, n, se, st, en, er, pb, lp, np in cursor:  # noqa: B007
        rows.append(
            TaskRow(
                (_intern(p), t),
                a,
                _WATCHES[w],
                _STATES[s],
                ti,
                pr,
                n,
                _intern(se),
                st,
                en,
                er,
                pb,
                lp,
                np,
            )
        )
    return rows, last


def unfinished_ids(db: sqlite3.Connection) -> list[int]:
    return [r[0] for r in db.execute("SELECT task FROM task_rows WHERE watch != 'done'")]


def succeeded_since_ids(db: sqlite3.Connection, since: float) -> list[int]:
    return [
        r[0]
        for r in db.execute(
            "SELECT task FROM task_rows WHERE state = 'succeeded' AND last_polled_at >= ?",
            (since,),
        )
    ]


_WATCHES = {w.value: w for w in Watch}
_STATES: dict[str | None, TaskState | None] = {s.value: s for s in TaskState} | {None: None}
_intern = sys.intern
