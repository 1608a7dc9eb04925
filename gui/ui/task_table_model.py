"""The task table: one row per tracked task. Live updates are coalesced and reach only the rows
that changed (dataChanged), so selection and scroll position never jump."""

from __future__ import annotations

import heapq
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from enum import IntEnum
from functools import cache
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QIcon

from gui.domain.events import EngineEvent, TaskAdded, TaskRemoved, TaskUpdated
from gui.domain.states import TaskState
from gui.domain.task_row import TaskRow
from gui.domain.tracked_task import TaskKey, TrackedTask, Watch
from gui.domain.wording import QT_TRANSLATE_NOOP, localize
from gui.i18n import translate
from gui.polling.eta import Estimate
from gui.providers import get_provider
from gui.ui.appearance import current_state_colour
from gui.ui.state_icons import state_icon
from gui.ui.task_groups import StateGroup, count_groups, group_of_kind
from gui.ui.task_text import (
    STATE_COLOURS,
    STATE_COLOURS_DARK,
    elapsed_line,
    elapsed_seconds,
    elapsed_words,
    eta_words,
    next_check_words,
    state_words,
    title_words,
)

Index = QModelIndex | QPersistentModelIndex
# What one painted cell shows: words, the state icon, the words' colour, their alignment
# (None: the view's own). Read by the table's delegate (task_cell_delegate.py) in one call.
CellLook = tuple[str, QIcon | None, QBrush | None, Qt.AlignmentFlag | None]


class Column(IntEnum):
    TITLE = 0
    PROVIDER = 1
    STATE = 2
    PROGRESS = 3
    ELAPSED = 4
    NEXT_CHECK = 5
    CLIPS = 6
    ADDED = 7
    ETA = 8  # last in the model (saved sort columns keep their numbers); shown after Elapsed


# English; headerData translates them (context "TaskTable").
HEADERS = {
    Column.TITLE: QT_TRANSLATE_NOOP("TaskTable", "Title"),
    Column.PROVIDER: QT_TRANSLATE_NOOP("TaskTable", "Provider"),
    Column.STATE: QT_TRANSLATE_NOOP("TaskTable", "State"),
    Column.PROGRESS: QT_TRANSLATE_NOOP("TaskTable", "Progress"),
    Column.ELAPSED: QT_TRANSLATE_NOOP("TaskTable", "Elapsed"),
    Column.NEXT_CHECK: QT_TRANSLATE_NOOP("TaskTable", "Next check"),
    Column.CLIPS: QT_TRANSLATE_NOOP("TaskTable", "Clips"),
    Column.ADDED: QT_TRANSLATE_NOOP("TaskTable", "Added"),
    Column.ETA: QT_TRANSLATE_NOOP("TaskTable", "ETA"),
}

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # native values for sorting
TASK_ROLE = Qt.ItemDataRole.UserRole + 2  # the full TrackedTask (read from the ledger if need be)
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 3  # 0..1 or None, for the progress delegate

SORT_PIECE = 5_000  # rows sorted at once off the loop (see sorted_rows)
FLUSH_MS = 250  # coalesce a burst of poll results into one repaint per row
TICK_MS = 1000  # "elapsed" and "next check" count down once a second


class TaskTableModel(QAbstractTableModel):
    counts_changed = Signal()
    # Once a second while a task runs: "elapsed" and "next check" are computed when painted,
    # so the view repaints what it shows. A dataChanged over every row instead made the proxy
    # walk all of them: 120-170 ms a second with 100 000 rows.
    clock_ticked = Signal()

    def __init__(
        self,
        account_problem: Callable[[str], str | None] = lambda _account: None,
        parent: QObject | None = None,
        *,
        load_task: Callable[[TaskKey], TrackedTask | None] = lambda _key: None,
        eta: Callable[[TrackedTask], Estimate | None] = lambda _task: None,
        account_offline: Callable[[str], bool] = lambda _account: False,
    ) -> None:
        super().__init__(parent)
        self._account_offline = account_offline  # its tasks wait for the network
        self._eta = eta  # when a running task will likely be done (the engine's estimate)
        # One compact row per task (gui/domain/task_row.py); the full task only for those
        # that came in full (live ones, from the engine). Others are loaded when asked for.
        self._rows: list[TaskRow] = []
        self._full: dict[TaskKey, TrackedTask] = {}
        self._load_task = load_task
        self._row_of: dict[TaskKey, int] = {}
        self._unfinished = 0  # rows whose clocks tick
        self._pending: dict[TaskKey, TrackedTask] = {}
        self._sort: Column | None = None
        # Kept up to date on every change, so the filter buttons never recount 10 000 tasks.
        self._counts = dict.fromkeys(StateGroup, 0)
        self._provider_counts: dict[str, dict[StateGroup, int]] = {}
        self._descending = False
        self._account_problem = account_problem
        self._flush_timer = QTimer(self, singleShot=True, interval=FLUSH_MS)
        self._flush_timer.timeout.connect(self.flush)
        self._tick_timer = QTimer(self, interval=TICK_MS)
        self._tick_timer.timeout.connect(self._tick)
        self._tick_timer.start()
        # The clock reading of the last tick: every Elapsed shown until the next one (the cells,
        # painted whenever, and the detail pane via `clock_reading`) is of this same moment.
        self._now = time.time()

    # --- feeding -------------------------------------------------------------------------

    def set_tasks(self, tasks: Iterable[TrackedTask]) -> None:
        self.beginResetModel()  # once, at start-up
        self._full = {task.key: task for task in tasks}
        self._rows = [TaskRow.of(task) for task in self._full.values()]
        if self._sort is not None:
            self._rows.sort(key=self._sort_key, reverse=self._descending)
        self._row_of = {row.key: index for index, row in enumerate(self._rows)}
        self._counts = count_groups(self._rows)
        self._provider_counts = {
            provider: count_groups(row for row in self._rows if row.provider == provider)
            for provider in {row.provider for row in self._rows}
        }
        self._unfinished = sum(not row.is_finished for row in self._rows)
        self._pending.clear()
        self.endResetModel()
        self.counts_changed.emit()

    def on_engine_event(self, event: EngineEvent) -> None:
        if isinstance(event, TaskAdded):
            self.add(event.task)
        elif isinstance(event, TaskUpdated):
            self._pending[event.task.key] = event.task
            if not self._flush_timer.isActive():
                self._flush_timer.start()
        elif isinstance(event, TaskRemoved):
            self.remove(event.task.key)

    def add(self, task: TrackedTask) -> None:
        if task.key in self._row_of:
            self._pending[task.key] = task
            self.flush()
            return
        self._full[task.key] = task
        added = TaskRow.of(task)
        row = self._insertion_row(added)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, added)
        self._count(added, +1)
        self._reindex_from(row)
        self.endInsertRows()
        self.counts_changed.emit()

    def append_rows(self, rows: Sequence[TaskRow]) -> None:
        """Insert a batch of rows, already in the current sort order (`sorted_rows`), with one
        beginInsertRows per run that lands in one place: start-up fills a 100 000-row list
        in batches between which the window keeps painting. Rows already listed are skipped."""
        batch = [row for row in rows if row.key not in self._row_of]
        while batch:
            at = self._insertion_row(batch[0])
            run = len(batch)
            if at < len(self._rows):  # only the rows that sort before the one already there
                limit = self._sort_key(self._rows[at]) if self._sort is not None else None
                run = next(
                    (i for i, row in enumerate(batch) if not self._sorts_before(row, limit)),
                    len(batch),
                )
                run = max(run, 1)
            self.beginInsertRows(QModelIndex(), at, at + run - 1)
            self._rows[at:at] = batch[:run]
            kinds = Counter((r.provider, r.state, r.watch) for r in batch[:run])
            for (provider, state, watch), count in kinds.items():
                self._count_kind(state, watch, count, provider)
            self._reindex_from(at)
            self.endInsertRows()
            batch = batch[run:]
        self.counts_changed.emit()

    def _sorts_before(self, row: TaskRow, limit: Any) -> bool:
        if limit is None:
            return True
        key = self._sort_key(row)
        return bool(key > limit if self._descending else key < limit)

    def sorted_rows(self, rows: Sequence[TaskRow]) -> list[TaskRow]:
        """The rows in this model's current order; plain Python, so it can run in a thread."""
        if self._sort is None:
            return list(rows)
        column, descending = self._sort, self._descending

        def key(row: TaskRow) -> Any:
            return self._sort_value(row, column)

        # In pieces, merged: one sort of 100 000 rows holds the GIL for ~50-100 ms (the window
        # would freeze that long); pieces of SORT_PIECE rows and a merge in Python do not.
        pieces = [
            sorted(rows[start : start + SORT_PIECE], key=key, reverse=descending)
            for start in range(0, len(rows), SORT_PIECE)
        ]
        if len(pieces) <= 1:
            return pieces[0] if pieces else []
        return list(heapq.merge(*pieces, key=key, reverse=descending))

    @property
    def sort_order(self) -> tuple[Column | None, bool]:
        return self._sort, self._descending

    def _count(self, row: TaskRow, delta: int) -> None:
        self._count_kind(row.state, row.watch, delta, row.provider)

    def _count_kind(
        self, state: TaskState | None, watch: Watch, delta: int, provider: str | None = None
    ) -> None:
        group = group_of_kind(state, watch)
        tallies = [self._counts]
        if provider is not None:  # the state filter's counts follow the provider filter
            per_provider = self._provider_counts.get(provider)
            if per_provider is None:  # (not setdefault: building the default cost 10 µs a row)
                per_provider = self._provider_counts[provider] = dict.fromkeys(StateGroup, 0)
            tallies.append(per_provider)
        for counts in tallies:
            counts[StateGroup.ALL] += delta
            if group is not None:
                counts[group] += delta
        if state is None or not state.is_terminal:
            self._unfinished += delta

    @property
    def counts(self) -> dict[StateGroup, int]:
        return dict(self._counts)

    def counts_for(self, provider: str | None) -> dict[StateGroup, int]:
        """The counts of one provider's tasks (None: every provider's)."""
        if provider is None:
            return dict(self._counts)
        return dict(self._provider_counts.get(provider) or dict.fromkeys(StateGroup, 0))

    # --- sorting -------------------------------------------------------------------------
    # The model sorts its own rows (the proxy only filters): Qt's proxy sort calls data() in
    # Python ~27 times per row, 1-2 s for 10 000 tasks; sorting the list here takes ~20 ms.
    # Rows are ordered when sorted or added, not re-sorted on every poll, so a row whose
    # values change stays where the user is looking.

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column < 0:  # Qt's "unsorted": keep the rows as they are
            self._sort = None
            return
        self._sort = Column(column)
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        remembered = [(self._rows[i.row()].key, i.column()) for i in persistent if i.isValid()]
        self._rows.sort(key=self._sort_key, reverse=self._descending)
        self._row_of = {row.key: index for index, row in enumerate(self._rows)}
        moved = [self.index(self._row_of[key], column) for key, column in remembered]
        self.changePersistentIndexList([i for i in persistent if i.isValid()], moved)
        self.layoutChanged.emit()

    def _sort_key(self, task: TaskRow) -> Any:
        assert self._sort is not None
        return self._sort_value(task, self._sort)

    def _insertion_row(self, task: TaskRow) -> int:
        """Where a new task goes under the current sort (binary search: adds stay cheap)."""
        if self._sort is None:
            return len(self._rows)
        key = self._sort_key(task)
        low, high = 0, len(self._rows)
        while low < high:
            middle = (low + high) // 2
            other = self._sort_key(self._rows[middle])
            before = other > key if self._descending else other < key
            if before or other == key:  # equal keys: after the existing ones (stable)
                low = middle + 1
            else:
                high = middle
        return low

    def remove(self, key: TaskKey) -> None:
        self._pending.pop(key, None)
        row = self._row_of.get(key)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        self._count(self._rows[row], -1)
        del self._rows[row]
        del self._row_of[key]
        self._full.pop(key, None)
        self._reindex_from(row)
        self.endRemoveRows()
        self.counts_changed.emit()

    def _reindex_from(self, row: int) -> None:
        """Only the rows after an insertion or removal move: renumber those, not all of them."""
        for index in range(row, len(self._rows)):
            self._row_of[self._rows[index].key] = index

    def flush(self) -> None:
        """Apply the queued updates: one dataChanged per run of adjacent changed rows (the
        running tasks usually sit together at the top: 250 updates, one signal)."""
        pending, self._pending = self._pending, {}
        changed: list[int] = []
        recounted = False
        for key, task in pending.items():
            row = self._row_of.get(key)
            if row is None:
                continue
            updated = TaskRow.of(task)
            before = self._rows[row]
            # Most updates are a running task still running: its counts stay where they are
            # (recounting both ways was a third of a flush), and nobody is told they changed.
            if before.state is not updated.state or before.watch is not updated.watch:
                self._count(before, -1)
                self._count(updated, +1)
                recounted = True
            self._rows[row] = updated
            self._full[key] = task
            changed.append(row)
        last_column = _COLUMN_COUNT - 1
        for first, last in _runs(sorted(changed)):
            self.dataChanged.emit(self.index(first, 0), self.index(last, last_column))
        if recounted:
            self.counts_changed.emit()

    def refresh_all(self) -> None:
        """Repaint everything (e.g. an account problem appeared); no reset, nothing moves."""
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(Column) - 1)
            )

    def clock_reading(self) -> float:
        """The moment the running clocks show (read once a second, at the tick)."""
        return self._now

    def _tick(self) -> None:
        self._now = time.time()
        if self._unfinished:
            self.clock_ticked.emit()

    # --- reading -------------------------------------------------------------------------

    @property
    def tasks(self) -> list[TrackedTask]:
        """Every listed task in full (reads the finished ones from the ledger: for tests and
        small lists; the window reads `rows`, or one task with `full_task`)."""
        found = (self.full_task(row.key) for row in self._rows)
        return [task for task in found if task is not None]

    @property
    def rows(self) -> list[TaskRow]:
        return list(self._rows)

    def task_at(self, row: int) -> TaskRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def full_task(self, key: TaskKey) -> TrackedTask | None:
        """The task with its snapshot and history: held for live tasks, else read now."""
        task = self._full.get(key)
        return task if task is not None else self._load_task(key)

    def row_of(self, key: TaskKey) -> int | None:
        return self._row_of.get(key)

    def account_problem(self, account: str) -> str | None:
        """Why the account's tasks wait for a new key, if they do (not rate limiting)."""
        return self._account_problem(account)

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Qt's own index() asks rowCount and columnCount (two Python calls) to check the range;
        # the proxy calls index() for every cell it maps, so the check is done here, in one.
        if 0 <= row < len(self._rows) and 0 <= column < _COLUMN_COUNT and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMN_COUNT  # (len(Column) walks the enum)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("TaskTable", HEADERS[Column(section)])
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.ToolTipRole
            and section == Column.ELAPSED
        ):
            return translate(
                "TaskTable",
                "From the provider's start time (else from when the task was added) to its "
                "finish (else now)",
            )
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A paint asks ~10 roles of every visible cell, most of them unanswered: say so first.
        if role not in _ANSWERED_ROLES or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        task = self._rows[row]
        column = _COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(task, column)
        if role == SORT_ROLE:
            return self._sort_value(task, column)
        if role == TASK_ROLE:
            return self.full_task(task.key)
        if role == PROGRESS_ROLE and column is Column.PROGRESS:
            return _live_progress(task)
        if role == Qt.ItemDataRole.DecorationRole and column is Column.STATE:
            return self._icon(task)
        if role == Qt.ItemDataRole.ForegroundRole and column is Column.STATE:
            return QColor(current_state_colour(task.state))  # the light or the dark set
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is Column.ELAPSED:  # which clock the number is on
                return self._tooltip(task) + "\n" + elapsed_line(task, self._now)
            return self._tooltip(task)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            Column.CLIPS,
            Column.ELAPSED,
            Column.PROGRESS,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def cell_look(self, row: int, column: int, dark: bool) -> CellLook | None:
        """What `data()` gives a painted cell (display, decoration, foreground, alignment), in
        one Python call instead of seven data() calls through the proxy (each of those also
        calls rowCount and columnCount): 20 visible rows cost ~10 ms of such calls a repaint."""
        if not 0 <= row < len(self._rows):
            return None
        task = self._rows[row]
        shown = _COLUMNS[column]
        text = self._display(task, shown)
        if shown is Column.STATE:
            return text, state_icon(task.state, dark), _state_brush(task.state, dark), None
        return text, None, None, _ALIGNMENT.get(shown)

    def _icon(self, task: TaskRow) -> QIcon:
        return state_icon(task.state)

    def _display(self, task: TaskRow, column: Column) -> str:
        if column is Column.TITLE:
            return title_words(task.title) or task.task_id
        if column is Column.PROVIDER:
            return get_provider(task.provider).name
        if column is Column.STATE:
            return state_words(task)
        if column is Column.PROGRESS:
            progress = _live_progress(task)
            return f"{progress:.0%}" if progress is not None else ""
        if column is Column.ELAPSED:
            return elapsed_words(task, self._now)
        if column is Column.NEXT_CHECK:
            account = get_provider(task.provider).account
            return next_check_words(
                task, self._account_problem(account), offline=self._account_offline(account)
            )
        if column is Column.CLIPS:
            return str(task.clip_count) if task.clip_count else ""
        if column is Column.ETA:
            return eta_words(self._estimate(task))
        # A strftime pattern, so each language orders day and month its own way.
        return time.strftime(translate("TaskTable", "%b %d %H:%M"), time.localtime(task.added_at))

    def _sort_value(self, task: TaskRow, column: Column) -> Any:
        if column is Column.TITLE:
            return (task.title or task.task_id).casefold()
        if column is Column.STATE:
            return state_words(task)
        if column is Column.PROGRESS:
            return task.progress if task.progress is not None else -1.0
        if column is Column.ELAPSED:
            return elapsed_seconds(task, self._now)
        if column is Column.NEXT_CHECK:
            return task.next_poll_at if task.next_poll_at is not None else float("inf")
        if column is Column.CLIPS:
            return task.clip_count
        if column is Column.ADDED:
            return task.added_at
        if column is Column.ETA:
            estimate = self._estimate(task)
            if estimate is None or estimate.overdue:
                return float("inf")  # the unknown and the late after the likely
            return estimate.remaining if estimate.remaining is not None else estimate.usual[1]
        return self._display(task, column)

    def _estimate(self, task: TaskRow) -> Estimate | None:
        """Only a running task has an ETA; it lives in full in `_full` (from the engine)."""
        if task.is_finished or task.watch is not Watch.ACTIVE:
            return None
        full = self._full.get(task.key)
        return self._eta(full) if full is not None else None

    def _tooltip(self, task: TaskRow) -> str:
        lines = [f"{get_provider(task.provider).name} · {task.task_id}", state_words(task)]
        if task.error:
            lines.append(task.error)
        if task.problem:
            lines.append(localize(task.problem, translate))
        return "\n".join(lines)


_COLUMNS = tuple(Column)  # by number, without an enum lookup per cell
_COLUMN_COUNT = len(Column)
_ALIGNMENT = dict.fromkeys(
    (Column.CLIPS, Column.ELAPSED, Column.PROGRESS),
    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
)


@cache
def _state_brush(state: TaskState | None, dark: bool) -> QBrush:
    """The state's colour as a brush, made once per state and palette (light or dark)."""
    return QBrush(QColor((STATE_COLOURS_DARK if dark else STATE_COLOURS)[state]))


_ANSWERED_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        SORT_ROLE,
        TASK_ROLE,
        PROGRESS_ROLE,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
    )
)


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as (first, last) runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


def _live_progress(task: TaskRow) -> float | None:
    """The provider's percentage while the task runs; a finished task needs no bar."""
    if task.state is None or task.state.is_terminal:
        return None
    return task.progress
