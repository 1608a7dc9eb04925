"""The task ledger: every tracked task in one SQLite file, written before its first poll.

WAL mode so a reader (the window at start-up) never waits for the poller; every change in a
transaction, so a kill -9 loses at most the poll that was in flight. No API key is stored here."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from gui.domain.model import RawJson, TaskSnapshot
from gui.domain.states import TaskState
from gui.domain.task_row import TaskRow
from gui.domain.tracked_task import HistoryEntry, TaskKey, TrackedTask, Watch
from gui.storage import task_rows
from gui.storage.private_files import private_file, tighten_sqlite_side_files

# Each migration brings the schema from version N to N+1; never edit one that has shipped.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE tasks (
        id INTEGER PRIMARY KEY,
        provider TEXT NOT NULL,
        task_id TEXT NOT NULL,
        added_at REAL NOT NULL,
        tracking_since REAL NOT NULL,
        watch TEXT NOT NULL,
        state TEXT,
        snapshot TEXT,
        raw TEXT,
        problem TEXT,
        last_polled_at REAL,
        next_poll_at REAL,
        poll_count INTEGER NOT NULL DEFAULT 0,
        UNIQUE (provider, task_id)
    );
    CREATE TABLE history (
        task INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
        at REAL NOT NULL,
        state TEXT NOT NULL,
        provider_status TEXT
    );
    CREATE INDEX history_by_task ON history (task, at);
    """,
    # 2: the variation the user starred as the keeper. Keyed by the task's identity rather than
    # its row, so removing a task and undoing the removal keeps the star.
    """
    CREATE TABLE keepers (
        provider TEXT NOT NULL,
        task_id TEXT NOT NULL,
        clip TEXT NOT NULL,
        PRIMARY KEY (provider, task_id)
    );
    """,
    # 3: one small list row per task (gui/storage/task_rows.py), so start-up reads those
    # instead of every task's JSON; filled from the existing tasks when migrating.
    task_rows.CREATE,
]

_COLUMNS = (
    "provider, task_id, added_at, tracking_since, watch, snapshot, raw, problem, "
    "last_polled_at, next_poll_at, poll_count"
)


class Ledger:
    def __init__(self, path: Path) -> None:
        private_file(path)  # folder 0700, file 0600: titles, lyrics and raw answers inside
        self.path = path
        # Autocommit mode; transactions are explicit (`with self._db:`).
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        # NORMAL survives a crash of the app; the commits that matter (a task added, a final
        # state, an undo or import) run with FULL, which survives a power cut (`durable`).
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._migrate()
        tighten_sqlite_side_files(path)

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        version = self.schema_version
        if version > len(MIGRATIONS):
            raise RuntimeError(
                f"{self.path} was written by a newer Tunewatch (schema {version}); "
                "update Tunewatch to open it."
            )
        for number in range(version, len(MIGRATIONS)):
            with self._transaction():
                for statement in _split(MIGRATIONS[number]):
                    self._db.execute(statement)
                if number == 2:
                    self._fill_task_rows()
                self._db.execute(f"PRAGMA user_version = {number + 1}")

    def _fill_task_rows(self) -> None:
        records = self._db.execute(f"SELECT id, {_COLUMNS} FROM tasks").fetchall()
        task_rows.put_all(self._db, ((r[0], _task_from_row(r[1:], [])) for r in records))

    def close(self) -> None:
        self._db.close()

    # --- writing -------------------------------------------------------------------------

    def add(self, provider: str, task_id: str, at: float | None = None) -> tuple[TrackedTask, bool]:
        """Track a task; returns (the task, True) or (the existing task, False) for a duplicate."""
        now = time.time() if at is None else at
        existing = self.get((provider, task_id))
        if existing is not None:
            return existing, False
        task = TrackedTask(provider=provider, task_id=task_id, added_at=now, tracking_since=now)
        with self._transaction(durable=True):
            self._insert(task)
        return task, True

    def save(self, task: TrackedTask, new_history: Iterable[HistoryEntry] = ()) -> None:
        """Store the task's current state (and any new history entries) in one transaction."""
        snapshot_json, raw_json = _snapshot_columns(task.snapshot)
        final = task.state is not None and task.state.is_terminal
        with self._transaction(durable=final):
            cursor = self._db.execute(
                "UPDATE tasks SET tracking_since=?, watch=?, state=?, snapshot=?, raw=?, problem=?, "
                "last_polled_at=?, next_poll_at=?, poll_count=? WHERE provider=? AND task_id=?",
                (
                    task.tracking_since,
                    task.watch.value,
                    task.state.value if task.state else None,
                    snapshot_json,
                    raw_json,
                    task.problem,
                    task.last_polled_at,
                    task.next_poll_at,
                    task.poll_count,
                    task.provider,
                    task.task_id,
                ),
            )
            if cursor.rowcount == 0:
                return  # removed meanwhile: a late poll must not bring it back
            self._insert_history(task.key, new_history)
            found = self._db.execute(
                "SELECT id FROM tasks WHERE provider=? AND task_id=?", task.key
            ).fetchone()
            task_rows.put(self._db, int(found[0]), task)

    def remove(self, key: TaskKey) -> TrackedTask | None:
        """Forget a task; the returned copy (with history) can be given to `restore` for undo."""
        task = self.get(key)
        if task is not None:
            with self._transaction():
                self._db.execute("DELETE FROM tasks WHERE provider=? AND task_id=?", key)
        return task

    def restore(self, task: TrackedTask) -> None:
        with self._transaction(durable=True):
            self._insert(task)
            self._insert_history(task.key, task.history)

    def put_all(self, tasks: Iterable[TrackedTask]) -> None:
        """Store these tasks with their histories, replacing any stored under the same identity,
        in one transaction: an import lands whole or not at all."""
        with self._transaction(durable=True):
            for task in tasks:
                self._db.execute("DELETE FROM tasks WHERE provider=? AND task_id=?", task.key)
                self._insert(task)
                self._insert_history(task.key, task.history)

    def set_keeper(self, key: TaskKey, clip: str | None) -> None:
        """Star one clip of a task as the keeper (None: no keeper)."""
        with self._transaction():
            if clip is None:
                self._db.execute("DELETE FROM keepers WHERE provider=? AND task_id=?", key)
            else:
                self._db.execute(
                    "INSERT OR REPLACE INTO keepers (provider, task_id, clip) VALUES (?,?,?)",
                    (*key, clip),
                )

    def keeper(self, key: TaskKey) -> str | None:
        row = self._db.execute(
            "SELECT clip FROM keepers WHERE provider=? AND task_id=?", key
        ).fetchone()
        return str(row[0]) if row else None

    # --- reading -------------------------------------------------------------------------

    def get(self, key: TaskKey) -> TrackedTask | None:
        row = self._db.execute(
            f"SELECT id, {_COLUMNS} FROM tasks WHERE provider=? AND task_id=?", key
        ).fetchone()
        if row is None:
            return None
        history = self._db.execute(
            "SELECT at, state, provider_status FROM history WHERE task=? ORDER BY at, rowid",
            (row[0],),
        ).fetchall()
        return _task_from_row(row[1:], [_history_entry(h) for h in history])

    def all(self) -> list[TrackedTask]:
        """Every tracked task, oldest first, each with its history (two queries in all)."""
        histories: dict[int, list[HistoryEntry]] = {}
        for task_row, at, state, status in self._db.execute(
            "SELECT task, at, state, provider_status FROM history ORDER BY task, at, rowid"
        ):
            histories.setdefault(task_row, []).append(_history_entry((at, state, status)))
        rows = self._db.execute(f"SELECT id, {_COLUMNS} FROM tasks ORDER BY added_at, id")
        return [_task_from_row(row[1:], histories.get(row[0], [])) for row in rows]

    def read_rows(
        self,
        after: int = 0,
        limit: int = 5000,
        *,
        finished_only: bool = False,
        newest_first: bool = False,
    ) -> tuple[list[TaskRow], int]:
        """The list rows of up to `limit` tasks stored after `after` (a position returned by the
        previous call; 0 for the first), and the position to go on from. In the order the tasks
        were stored (about the order they were added), oldest or newest first."""
        return task_rows.read_chunk(
            self._db, after, limit, finished_only=finished_only, newest_first=newest_first
        )

    def unfinished(self) -> list[TrackedTask]:
        """Every task still watched, paused, given up or not found, in full: what the engine
        needs at start. Finished tasks are read as rows (`read_rows`) and in full on demand."""
        return self._by_ids(task_rows.unfinished_ids(self._db))

    def succeeded_since(self, since: float) -> list[TrackedTask]:
        """Tasks that succeeded and were last checked at `since` (Unix seconds) or later."""
        return self._by_ids(task_rows.succeeded_since_ids(self._db, since))

    def _by_ids(self, ids: list[int]) -> list[TrackedTask]:
        tasks: list[TrackedTask] = []
        for start in range(0, len(ids), 500):  # SQLite's limit on bound parameters
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            histories: dict[int, list[HistoryEntry]] = {}
            for task_row, at, state, status in self._db.execute(
                "SELECT task, at, state, provider_status FROM history "
                f"WHERE task IN ({marks}) ORDER BY task, at, rowid",
                chunk,
            ):
                histories.setdefault(task_row, []).append(_history_entry((at, state, status)))
            for row in self._db.execute(
                f"SELECT id, {_COLUMNS} FROM tasks WHERE id IN ({marks})", chunk
            ):
                tasks.append(_task_from_row(row[1:], histories.get(row[0], [])))
        return sorted(tasks, key=lambda task: task.added_at)

    def finished_durations(self, limit: int = 2000) -> list[tuple[str, str | None, float]]:
        """(provider, task type, seconds) of the most recent succeeded tasks, newest first:
        created → finished as the provider reported them, else first seen → first seen
        succeeded (a task first seen already finished tells nothing and is left out)."""
        found: list[tuple[str, str | None, float]] = []
        rows = self._db.execute(
            "SELECT t.provider, json_extract(t.snapshot, '$.task_type'), "
            "json_extract(t.snapshot, '$.created_at'), json_extract(t.snapshot, '$.finished_at'), "
            "(SELECT h.at FROM history h WHERE h.task = t.id ORDER BY h.at, h.rowid LIMIT 1), "
            "(SELECT h.state FROM history h WHERE h.task = t.id ORDER BY h.at, h.rowid LIMIT 1), "
            "(SELECT min(h.at) FROM history h WHERE h.task = t.id AND h.state = 'succeeded') "
            "FROM tasks t WHERE t.state = 'succeeded' ORDER BY t.id DESC LIMIT ?",
            (limit,),
        )
        for provider, task_type, created, finished, seen_at, seen_state, done_at in rows:
            seconds: float | None = None
            if isinstance(created, str) and isinstance(finished, str):
                try:
                    seconds = (_parse_time(finished) - _parse_time(created)).total_seconds()
                except ValueError:
                    seconds = None
            seen_unfinished = seen_state is not None and not TaskState(seen_state).is_terminal
            if seconds is None and seen_unfinished and done_at is not None:
                seconds = float(done_at) - float(seen_at)
            if seconds is not None and seconds > 0:
                kind = task_type if isinstance(task_type, str) else None
                found.append((str(provider), kind, seconds))
        return found

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM tasks").fetchone()[0])

    # --- internals -----------------------------------------------------------------------

    def _transaction(self, durable: bool = False) -> _Transaction:
        return _Transaction(self._db, durable)

    def _insert(self, task: TrackedTask) -> None:
        snapshot_json, raw_json = _snapshot_columns(task.snapshot)
        cursor = self._db.execute(
            f"INSERT INTO tasks ({_COLUMNS}, state) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                task.provider,
                task.task_id,
                task.added_at,
                task.tracking_since,
                task.watch.value,
                snapshot_json,
                raw_json,
                task.problem,
                task.last_polled_at,
                task.next_poll_at,
                task.poll_count,
                task.state.value if task.state else None,
            ),
        )
        assert cursor.lastrowid is not None
        task_rows.put(self._db, cursor.lastrowid, task)

    def _insert_history(self, key: TaskKey, entries: Iterable[HistoryEntry]) -> None:
        rows = [(e.at, e.state.value, e.provider_status, *key) for e in entries]
        if rows:
            self._db.executemany(
                "INSERT INTO history (task, at, state, provider_status) "
                "SELECT id, ?, ?, ? FROM tasks WHERE provider=? AND task_id=?",
                rows,
            )


class _Transaction:
    """BEGIN … COMMIT; a durable one commits with synchronous=FULL (WAL then syncs on every
    commit, so a power cut right after it cannot lose it; NORMAL could)."""

    def __init__(self, db: sqlite3.Connection, durable: bool = False) -> None:
        self._db = db
        self._durable = durable

    def __enter__(self) -> None:
        if self._durable:
            self._db.execute("PRAGMA synchronous=FULL")  # cannot change inside a transaction
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, value: object, tb: object) -> None:
        try:
            self._db.execute("COMMIT" if kind is None else "ROLLBACK")
        finally:
            if self._durable:
                self._db.execute("PRAGMA synchronous=NORMAL")


def _split(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _snapshot_columns(snapshot: TaskSnapshot | None) -> tuple[str | None, str | None]:
    if snapshot is None:
        return None, None
    if isinstance(snapshot.raw, RawJson):
        raw: str | None = snapshot.raw.text  # never decoded: store the text as it came
    else:
        # ASCII escapes: a lone surrogate ("\\ud800" is valid JSON) cannot be stored as UTF-8.
        raw = json.dumps(snapshot.raw) if snapshot.raw is not None else None
    return json.dumps(snapshot.to_json()), raw


def _parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _history_entry(row: tuple[float, str, str | None]) -> HistoryEntry:
    return HistoryEntry(at=row[0], state=TaskState(row[1]), provider_status=row[2])


def _task_from_row(row: tuple[object, ...], history: list[HistoryEntry]) -> TrackedTask:
    (provider, task_id, added_at, since, watch, snapshot, raw, problem, polled, next_at, count) = (
        row
    )
    parsed = None
    if isinstance(snapshot, str):
        parsed = TaskSnapshot.from_json(
            json.loads(snapshot), raw=RawJson(raw) if isinstance(raw, str) else None
        )
    return TrackedTask(
        provider=str(provider),
        task_id=str(task_id),
        added_at=float(added_at),  # type: ignore[arg-type]
        tracking_since=float(since),  # type: ignore[arg-type]
        watch=Watch(str(watch)),
        snapshot=parsed,
        problem=problem if isinstance(problem, str) else None,
        last_polled_at=polled if isinstance(polled, float) else None,
        next_poll_at=next_at if isinstance(next_at, float) else None,
        poll_count=int(count),  # type: ignore[call-overload]
        history=tuple(history),
    )
