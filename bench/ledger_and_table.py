"""10 000 tracked tasks scroll smoothly and start up fast.

Builds a ledger of 10 000 finished tasks (real provider JSON, two clips, four history entries
each) in a temporary TUNEWATCH_HOME, then measures: loading it, feeding the table model, sorting
and filtering through the proxy, the first show of the main window, scrolling page by page, and a
burst of 10 000 live updates (coalesced dataChanged vs. a model reset per update).

    .venv/bin/python -m bench.ledger_and_table [--tasks N]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/ledger_and_table.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QMessageLogContext, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QColor, QIcon, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView

from bench._common import (
    FRAME_BUDGET_MS,
    finished_tasks,
    machine,
    ms,
    percentile,
    print_table,
    ratio,
    set_offscreen,
    time_call,
    write_ledger,
)
from bench._update_lag import Lag, Shown, measure_update_lag
from gui.domain.events import TaskAdded, TaskUpdated
from gui.domain.task_row import TaskRow
from gui.domain.tracked_task import TrackedTask
from gui.storage.ledger import Ledger
from gui.storage.paths import app_paths
from gui.ui.main_window import MainWindow
from gui.ui.task_filter import TaskFilterProxy, matches_text
from gui.ui.task_table_model import FLUSH_MS, SORT_ROLE, Column, TaskTableModel

FRAME_BUDGET = FRAME_BUDGET_MS / 1000
# Warnings of a headless machine, not of the app (as in tests/ui_helpers.py).
HEADLESS_NOISE = ("does not support propagateSizeHints", "PulseAudioService: pa_context_connect")


def _qt_message(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    if not any(noise in message for noise in HEADLESS_NOISE):
        print(f"Qt: {message}", file=sys.stderr)


TYPICAL_UPDATES, TYPICAL_ROUNDS = 75, 10
ADDED_TASKS = 50  # a pasted list of IDs, added one by one into the full table
NAIVE_UPDATES = 4  # the reset-per-update baseline is timed on this many, then extrapolated
CPP_BASELINE_ROWS = 2_000  # per-page paint cost of a C++ model does not depend on its length


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument(
        "--lag-rows", type=int, default=100_000, help="rows listed while the lag is measured"
    )
    parser.add_argument("--lag-seconds", type=float, default=10.0)
    parser.add_argument(
        "--lag-sizes",
        default="default,800x600",
        help="window sizes the lag is measured at: 'default' (the size it opens at, 1280x760) "
        "or WxH, comma-separated",
    )
    parser.add_argument("--lag-only", action="store_true", help="measure only the lag")
    parser.add_argument("--screenshots", type=Path, help="save the lag window here (PNG)")
    args = parser.parse_args(argv)
    count = args.tasks
    set_offscreen()
    print(f"ledger_and_table: {count:,} tasks — {machine()}, load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="tunewatch-bench-") as home:
        os.environ["TUNEWATCH_HOME"] = home
        ledger_path = app_paths().ledger
        start = time.perf_counter()
        tasks = finished_tasks(count)
        generated = time.perf_counter() - start
        write_ledger(ledger_path, tasks)
        written = time.perf_counter() - start - generated
        size_mb = sum(p.stat().st_size for p in ledger_path.parent.glob("tasks.sqlite3*")) / 1e6
        raw_kb = sum(len(str(t.snapshot.raw)) for t in tasks if t.snapshot) / len(tasks) / 1e3
        print(
            f"setup: {count:,} snapshots built in {generated:.1f} s, ledger written in "
            f"{written:.1f} s ({size_mb:.0f} MB on disk, raw JSON ≈ {raw_kb:.1f} kB a task)"
        )
        loaded = tasks if args.lag_only else bench_ledger(ledger_path)
        qInstallMessageHandler(_qt_message)
        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(app, QApplication)
        if not args.lag_only:
            bench_model(loaded)
            bench_window(app, loaded)
        # Last: it runs the window under a qasync loop, which closes when it is done.
        templates = [TaskRow.of(task) for task in loaded[:300]]
        for size in args.lag_sizes.split(","):
            wanted = None if size == "default" else _size(size)
            shot = args.screenshots / f"lag-{size}.png" if args.screenshots else None
            lag = measure_update_lag(
                app, templates, args.lag_rows, 1_000, args.lag_seconds, wanted, shot
            )
            print_lag(args.lag_rows, args.lag_seconds, *lag)
    return 0


def _size(text: str) -> tuple[int, int]:
    width, height = text.lower().split("x")
    return int(width), int(height)


def print_lag(
    rows: int, seconds: float, idle: Lag, busy: Lag, rate: float, repaint: float, shown: Shown
) -> None:
    print(f"\nlag window: {shown.describe()}")
    print_table(
        f"Event-loop lag of the shown window, {rows:,} finished rows + 1,000 running "
        f"tasks each updated once a second ({rate:,.0f} updates/s, {seconds:.0f} s) — "
        "baseline: the same window idle; one frame is 16.7 ms",
        ("measure", "updating", "idle", "ratio"),
        [
            ("lag p50", ms(busy.p50), ms(idle.p50), ratio(busy.p50, idle.p50)),
            ("lag p99", ms(busy.p99), ms(idle.p99), ratio(busy.p99, idle.p99)),
            ("worst", ms(busy.worst), ms(idle.worst), ratio(busy.worst, idle.worst)),
            ("probe wake-ups", f"{busy.samples:,}", f"{idle.samples:,}", ""),
            ("one repaint of the visible table (a floor)", ms(repaint), "", ""),
        ],
    )
    print(
        f"\nledger_and_table: lag p99 {ms(busy.p99)} with 1,000 tasks updating every second over "
        f"{rows:,} rows (goal < 16 ms), {ratio(busy.p99, FRAME_BUDGET)} a frame; "
        f"{ratio(busy.p99, idle.p99)} the idle window's p99, {ratio(busy.p99, repaint)} one repaint; "
        f"window {shown.window[0]}x{shown.window[1]}, {shown.bars_on_screen} bars on screen; "
        f"load average {os.getloadavg()[0]:.1f}"
    )


# --- the ledger ---------------------------------------------------------------------------


def bench_ledger(path: Path) -> list[TrackedTask]:
    def open_close() -> None:
        Ledger(path).close()

    def load() -> list[TrackedTask]:
        ledger = Ledger(path)
        try:
            return ledger.all()
        finally:
            ledger.close()

    def raw_rows() -> None:
        with sqlite3.connect(path) as db:
            db.execute(
                "SELECT task, at, state, provider_status FROM history ORDER BY task, at, rowid"
            ).fetchall()
            db.execute("SELECT * FROM tasks ORDER BY added_at, id").fetchall()

    with sqlite3.connect(path) as db:
        texts: list[tuple[str, str]] = db.execute("SELECT snapshot, raw FROM tasks").fetchall()

    opened = time_call(open_close)
    loaded_in = time_call(load)
    rows_in = time_call(raw_rows)
    snapshot_json = time_call(lambda: [json.loads(snapshot) for snapshot, _raw in texts])
    raw_json = time_call(lambda: [json.loads(raw) for _snapshot, raw in texts])
    tasks = load()
    per_task = loaded_in / len(tasks)
    print_table(
        "Ledger (SQLite, WAL) — baseline: reading the same rows with no decoding",
        ("measure", "time", "baseline", "ratio"),
        [
            ("open (schema check)", ms(opened), "", ""),
            ("Ledger.all()", ms(loaded_in), ms(rows_in), ratio(loaded_in, rows_in)),
            ("  per task", f"{per_task * 1e6:.0f} µs", "", ""),
            ("  of which json.loads(snapshot)", ms(snapshot_json), "", ""),
            ("  of which json.loads(raw) — read only by 'Copy raw JSON'", ms(raw_json), "", ""),
            (
                "  the rest: row → TrackedTask objects",
                ms(loaded_in - rows_in - snapshot_json - raw_json),
                "",
                "",
            ),
        ],
    )
    return tasks


# --- the model and the proxy --------------------------------------------------------------

DEFAULT_SORT = (Column.ADDED, Qt.SortOrder.DescendingOrder)  # MainWindow's initial sort


def header_click(
    sort: Callable[[int, Qt.SortOrder], None],
    settle: Callable[[], object],
    column: Column,
    order: Qt.SortOrder,
    repeat: int = 3,
) -> float:
    """Median seconds of `sort(column, order)` plus `settle()`, from the default sort each time.
    `sort` is what a header click calls (`proxy.sort`, which forwards to the model, or the
    view's `sortByColumn`); `settle` is what follows it: the proxy rebuilding its row mapping
    (filtering every row) as an attached view makes it, the repaint."""
    samples = []
    for _ in range(repeat):
        sort(*DEFAULT_SORT)
        settle()
        start = time.perf_counter()
        sort(column, order)
        settle()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def bench_model(tasks: list[TrackedTask]) -> None:
    model = TaskTableModel()
    fed = time_call(lambda: model.set_tasks(tasks), repeat=5)
    rows = [("TaskTableModel.set_tasks", ms(fed), ms(FRAME_BUDGET), ratio(fed, FRAME_BUDGET))]

    proxy = TaskFilterProxy()
    proxy.setSourceModel(model)
    for column in Column:

        def python_sort(column: Column = column) -> None:
            keys = [model.index(row, column).data(SORT_ROLE) for row in range(model.rowCount())]
            sorted(range(len(keys)), key=keys.__getitem__)

        # Ascending, as a click on a header does, from the window's default sort (ADDED
        # descending); for ADDED itself that is a reversal: the header's second click.
        sorted_in = header_click(proxy.sort, proxy.rowCount, column, Qt.SortOrder.AscendingOrder)
        baseline = time_call(python_sort)
        rows.append(
            (
                f"proxy.sort by {column.name} (model sorts, proxy re-maps)",
                ms(sorted_in),
                ms(baseline),
                ratio(sorted_in, baseline),
            )
        )
    proxy.sort(*DEFAULT_SORT)

    def filter_text() -> None:
        proxy.set_text("neon")
        proxy.set_text("")

    rows_for_filter = [TaskRow.of(task) for task in tasks]

    def python_filter() -> None:
        [row for row in rows_for_filter if matches_text(row, "neon")]

    filtered = time_call(filter_text) / 2
    baseline = time_call(python_filter)
    rows.append(
        (
            "proxy filter (type 'neon', then clear) each",
            ms(filtered),
            ms(baseline),
            ratio(filtered, baseline),
        )
    )
    print_table(
        f"Table model and proxy, {model.rowCount():,} rows — baseline: one frame (set_tasks); "
        "the same keys read once through data(SORT_ROLE) and sorted/filtered in Python (proxy)",
        ("measure", "time", "baseline", "ratio"),
        rows,
    )


# --- the window ---------------------------------------------------------------------------


def show_window(app: QApplication, tasks: list[TrackedTask]) -> tuple[MainWindow, list[float]]:
    """What run_window does for the table: build, feed, show, first events. Returns the window
    and the seconds of each step."""
    start = time.perf_counter()
    model = TaskTableModel()
    window = MainWindow(model)
    built = time.perf_counter()
    model.set_tasks(tasks)
    fed = time.perf_counter()
    window.show()
    app.processEvents()
    shown = time.perf_counter()
    return window, [built - start, fed - built, shown - fed, shown - start]


def close_window(app: QApplication, window: MainWindow) -> None:
    window.close()
    window.deleteLater()
    app.processEvents()


def bench_window(app: QApplication, tasks: list[TrackedTask]) -> None:
    cold, cold_steps = show_window(app, [])
    close_window(app, cold)
    empty, empty_steps = show_window(app, [])
    close_window(app, empty)
    window, steps = show_window(app, tasks)
    names = ("build MainWindow", "model.set_tasks (+ its sort)", "show + processEvents", "total")
    print_table(
        f"First show of the main window — baseline: the same window with 0 tasks "
        f"(the very first window of the process took {ms(cold_steps[-1])}: style, fonts, media)",
        ("step", f"{len(tasks):,} tasks", "0 tasks", "ratio"),
        [
            (name, ms(full), ms(base), ratio(full, base))
            for name, full, base in zip(names, steps, empty_steps, strict=True)
        ],
    )
    try:
        bench_scrolling(app, window)
        bench_header_clicks(app, window)
        bench_live_updates(app, window)
        bench_adds(app, window)
    finally:
        close_window(app, window)


def scroll_pages(app: QApplication, table: QTableView) -> tuple[list[float], int]:
    """Scroll from top to bottom one page at a time, painting each page; seconds per page and
    rows per page."""
    bar = table.verticalScrollBar()
    step = max(bar.pageStep(), 1)
    positions = [*range(0, bar.maximum() + 1, step)]
    if positions[-1] != bar.maximum():
        positions.append(bar.maximum())
    frames: list[float] = []
    for position in positions:
        start = time.perf_counter()
        bar.setValue(position)
        table.viewport().repaint()  # paints now, as a real frame would
        app.processEvents()
        frames.append(time.perf_counter() - start)
    return frames, table.rowAt(table.viewport().height() - 1) - table.rowAt(0) + 1


def cpp_model_view(window: MainWindow, rows: int) -> QTableView:
    """The same page drawn from a C++ model: QStandardItemModel holding the first `rows` rows'
    text, icon, colour and alignment, in a bare QTableView of the same size and row height."""
    source = window.proxy
    columns = source.columnCount()
    items = QStandardItemModel(rows, columns)
    for row in range(rows):
        for column in range(columns):
            index = source.index(row, column)
            item = QStandardItem(str(index.data() or ""))
            icon = index.data(Qt.ItemDataRole.DecorationRole)
            if isinstance(icon, QIcon):
                item.setIcon(icon)
            colour = index.data(Qt.ItemDataRole.ForegroundRole)
            if isinstance(colour, QColor):
                item.setForeground(colour)
            alignment = index.data(Qt.ItemDataRole.TextAlignmentRole)
            if isinstance(alignment, int):
                item.setTextAlignment(Qt.AlignmentFlag(alignment))
            items.setItem(row, column, item)
    view = QTableView()
    view.setModel(items)
    items.setParent(view)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(window.table.verticalHeader().defaultSectionSize())
    for column in range(columns):
        view.setColumnWidth(column, window.table.columnWidth(column))
    view.resize(window.table.size())
    return view


def bench_scrolling(app: QApplication, window: MainWindow) -> None:
    frames, rows_shown = scroll_pages(app, window.table)
    baseline_view = cpp_model_view(window, min(CPP_BASELINE_ROWS, window.proxy.rowCount()))
    baseline_view.show()
    app.processEvents()
    baseline_view.viewport().repaint()  # the first paint lays out and warms caches: not a page
    baseline_frames, _ = scroll_pages(app, baseline_view)
    baseline_view.close()
    baseline_view.deleteLater()
    app.processEvents()
    mean = sum(frames) / len(frames)
    base_mean = sum(baseline_frames) / len(baseline_frames)
    p95, base_p95 = percentile(frames, 0.95), percentile(baseline_frames, 0.95)
    print_table(
        f"Scrolling page by page: {len(frames)} pages of {rows_shown} rows, each painted — "
        f"baselines: a 60 fps frame ({FRAME_BUDGET_MS:.1f} ms); the same page from a C++ model "
        "(QStandardItemModel, bare QTableView of the same size)",
        ("measure", "Tunewatch", "C++ model", "ratio to C++", "ratio to frame"),
        [
            (
                "mean per page",
                ms(mean),
                ms(base_mean),
                ratio(mean, base_mean),
                ratio(mean, FRAME_BUDGET),
            ),
            (
                "p95 per page",
                ms(p95),
                ms(base_p95),
                ratio(p95, base_p95),
                ratio(p95, FRAME_BUDGET),
            ),
            (
                "worst page",
                ms(max(frames)),
                ms(max(baseline_frames)),
                "",
                ratio(max(frames), FRAME_BUDGET),
            ),
            ("pages per second", f"{1 / mean:,.0f}", f"{1 / base_mean:,.0f}", "", ""),
            ("whole list", ms(sum(frames)), "", "", ""),
        ],
    )


def bench_header_clicks(app: QApplication, window: MainWindow) -> None:
    """Sorting as the user does it, with a task selected, until the page is repainted: a click
    on a header (QHeaderView.setSortIndicator, whose sortIndicatorChanged makes the view call
    proxy.sort → model.sort once), and the view's sortByColumn, which the window calls to
    restore the saved sort (with sorting enabled, Qt then sorts a second time itself)."""
    table = window.table
    header = table.horizontalHeader()
    chosen = window.model.tasks[len(window.model.tasks) // 3]
    window.select_task(chosen.key)
    app.processEvents()

    def settle() -> None:
        table.viewport().repaint()
        app.processEvents()

    def click(column: int, order: Qt.SortOrder) -> None:
        header.setSortIndicator(column, order)

    rows = []
    for column in Column:
        clicked = header_click(click, settle, column, Qt.SortOrder.AscendingOrder)
        rows.append((f"click on {column.name}", ms(clicked), ratio(clicked, FRAME_BUDGET)))
    restored = header_click(table.sortByColumn, settle, Column.TITLE, Qt.SortOrder.AscendingOrder)
    rows.append(
        ("table.sortByColumn(TITLE) — sorts twice", ms(restored), ratio(restored, FRAME_BUDGET))
    )
    click(*DEFAULT_SORT)
    settle()
    kept = [task.key for task in window.selected_tasks()] == [chosen.key]
    rows.append(("selected task still selected after the clicks", "yes" if kept else "NO", ""))
    print_table(
        f"Header clicks in the window ({window.proxy.rowCount():,} rows): ascending, from the "
        "default sort (Added, descending), until repainted — baseline: one 60 fps frame",
        ("measure", "time", "ratio to frame"),
        rows,
    )


def bench_live_updates(app: QApplication, window: MainWindow) -> None:
    model = window.model
    tasks = model.tasks
    chosen = tasks[len(tasks) // 2]
    window.select_task(chosen.key)
    app.processEvents()
    scrolled_to = window.table.verticalScrollBar().value()
    now = time.time()
    events = [
        TaskUpdated(task.with_changes(poll_count=task.poll_count + 1, last_polled_at=now))
        for task in tasks
    ]

    # A typical flush: what the engine delivers in one FLUSH_MS at ~300 polls/s.
    typical: list[float] = []
    for batch in range(TYPICAL_ROUNDS):
        chunk = events[batch * TYPICAL_UPDATES : (batch + 1) * TYPICAL_UPDATES]
        began = time.perf_counter()
        for event in chunk:
            model.on_engine_event(event)
        model.flush()
        app.processEvents()
        typical.append(time.perf_counter() - began)
    recount = time_call(model.counts_changed.emit, repeat=5)  # the status bar's counts

    began = time.perf_counter()
    for event in events:
        model.on_engine_event(event)
    queued = time.perf_counter()
    model.flush()
    flushed = time.perf_counter()
    app.processEvents()
    painted = time.perf_counter()
    coalesced, queueing = painted - began, queued - began
    selected = [task.key for task in window.selected_tasks()]
    began = time.perf_counter()
    model.refresh_all()  # what-if: one dataChanged spanning every row instead of one per row
    app.processEvents()
    one_signal = time.perf_counter() - began
    kept_selection = selected == [chosen.key]
    kept_scroll = window.table.verticalScrollBar().value() == scrolled_to

    # The anti-pattern: every poll result resets the model (it re-sorts its rows, the proxy
    # re-filters every row, the view forgets its selection).
    rows = model.tasks
    naive_times: list[float] = []
    for event in events[:NAIVE_UPDATES]:
        row = model.row_of(event.task.key)
        assert row is not None
        start = time.perf_counter()
        rows[row] = event.task
        model.set_tasks(rows)
        app.processEvents()
        naive_times.append(time.perf_counter() - start)
    naive_each = sum(naive_times) / len(naive_times)
    naive_total = naive_each * len(events)
    naive_selection = [task.key for task in window.selected_tasks()] == [chosen.key]

    print_table(
        f"Live updates: a burst of {len(events):,} TaskUpdated events (a poll storm) — baseline: "
        f"beginResetModel/endResetModel per update (timed on {NAIVE_UPDATES}, extrapolated)",
        ("measure", "coalesced", "reset per update", "ratio"),
        [
            ("on_engine_event × N (queueing)", ms(queueing), "", ""),
            ("flush (one dataChanged per row)", ms(flushed - queued), "", ""),
            ("repaint (processEvents)", ms(painted - flushed), "", ""),
            ("total for the burst", ms(coalesced), ms(naive_total), ratio(naive_total, coalesced)),
            ("  for reference: one dataChanged over all rows", ms(one_signal), "", ""),
            (
                f"typical flush: {TYPICAL_UPDATES} updates (≈{FLUSH_MS} ms at 300 polls/s)",
                ms(statistics.median(typical)),
                "",
                "",
            ),
            ("  of which the status-bar recount (counts_changed)", ms(recount), "", ""),
            ("per update", f"{coalesced / len(events) * 1e6:.0f} µs", ms(naive_each), ""),
            (
                "selected task still selected",
                "yes" if kept_selection else "NO",
                "yes" if naive_selection else "no",
                "",
            ),
            ("scroll position kept", "yes" if kept_scroll else "NO", "", ""),
        ],
    )
    print(f"selected before: {chosen.task_id}; after the coalesced burst: {selected}")


def bench_adds(app: QApplication, window: MainWindow) -> None:
    """A pasted list of IDs: the controller adds them one by one, so each one is a TaskAdded
    (beginInsertRows at its sorted place, then counts_changed) into the full table."""
    model = window.model
    now = time.time()
    new = [
        task.with_changes(task_id=f"pasted-{index:04d}-{task.task_id}", added_at=now + index)
        for index, task in enumerate(model.tasks[:ADDED_TASKS])
    ]
    each: list[float] = []
    began = time.perf_counter()
    for task in new:
        start = time.perf_counter()
        model.on_engine_event(TaskAdded(task))
        each.append(time.perf_counter() - start)
    app.processEvents()
    total = time.perf_counter() - began
    recount = time_call(model.counts_changed.emit, repeat=3)
    rows = len(model.tasks)
    print_table(
        f"Adding {len(new)} tasks one by one (a pasted list of IDs) to the {rows - len(new):,}-row "
        "window — baseline: one 60 fps frame",
        ("measure", "time", "ratio to frame"),
        [
            ("all of them, until repainted", ms(total), ratio(total, FRAME_BUDGET)),
            ("per task (median)", ms(statistics.median(each)), ""),
            ("  of which the status-bar recount", ms(recount), ""),
            ("per 100 IDs pasted (extrapolated)", ms(total / len(new) * 100), ""),
        ],
    )


if __name__ == "__main__":
    raise SystemExit(main())
