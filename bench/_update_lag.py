"""Event-loop lag of the shown window while 1 000 tasks update every second, over a big list.

The window runs under a real qasync loop, as `tunewatch` does. 1 000 running tasks (full, as
the engine delivers them) sit among N finished rows; each running task gets one `TaskUpdated`
per second (progress, poll count, next check), spread evenly over the second as the engine's
jittered schedule spreads them. The model coalesces them (FLUSH_MS) and the clock ticks once a
second. A probe coroutine asks to wake every 5 ms; its lateness is the lag a user feels (a
frame is 16.7 ms). Baseline: the same window idle. The engine's own CPU per poll (HTTP, ledger)
is bench.engine_throughput's."""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QApplication

from gui.domain.events import TaskUpdated
from gui.domain.model import TaskSnapshot
from gui.domain.states import TaskState
from gui.domain.task_row import TaskRow
from gui.domain.tracked_task import TrackedTask
from gui.ui.main_window import MainWindow
from gui.ui.task_table_model import HEADERS, PROGRESS_ROLE, Column, TaskTableModel

PROBE_EVERY = 0.005
UPDATE_SLOT = 0.010  # updates go out in 100 slots a second


@dataclass(frozen=True)
class Lag:
    p50: float
    p99: float
    worst: float
    samples: int


@dataclass(frozen=True)
class Shown:
    """What the measured window showed: its size, the table's width, the columns on screen and
    how many progress bars were drawn in the visible rows."""

    window: tuple[int, int]
    table_width: int
    columns: tuple[str, ...]
    rows_on_screen: int
    bars_on_screen: int

    def describe(self) -> str:
        return (
            f"window {self.window[0]}x{self.window[1]}, table {self.table_width} px, "
            f"{self.rows_on_screen} rows and {self.bars_on_screen} progress bars on screen, "
            f"columns: {', '.join(self.columns)}"
        )


def what_is_shown(window: MainWindow) -> Shown:
    table = window.table
    header = table.horizontalHeader()
    columns = tuple(HEADERS[c] for c in Column if not header.isSectionHidden(c))
    first, last = table.rowAt(0), table.rowAt(table.viewport().height() - 1)
    last = table.model().rowCount() - 1 if last < 0 else last
    rows = range(max(first, 0), last + 1)
    bars = 0
    if not header.isSectionHidden(Column.PROGRESS):
        model = table.model()
        bars = sum(
            isinstance(model.index(row, Column.PROGRESS).data(PROGRESS_ROLE), float) for row in rows
        )
    size = window.size()
    return Shown((size.width(), size.height()), table.viewport().width(), columns, len(rows), bars)


def many_rows(templates: Sequence[TaskRow], count: int, now: float) -> list[TaskRow]:
    """`count` finished rows made from the templates, each with its own ID and time."""
    return [
        templates[i % len(templates)]._replace(
            key=(templates[i % len(templates)].provider, f"finished-{i:06d}"),
            added_at=now - 90 * 86400 + i * 60.0,
        )
        for i in range(count)
    ]


def running_tasks(count: int, now: float, next_check_in: float = 1.0) -> list[TrackedTask]:
    providers = ("mountsea-suno", "sunor", "crun")
    return [
        TrackedTask(
            provider=providers[i % 3],
            task_id=f"running-{i:04d}",
            added_at=now - i,
            tracking_since=now - i,
            snapshot=TaskSnapshot(
                providers[i % 3], f"running-{i:04d}", TaskState.RUNNING, "running", progress=0.1
            ),
            next_poll_at=now + next_check_in,
            poll_count=1,
        )
        for i in range(count)
    ]


async def _probe(seconds: float) -> list[float]:
    gaps: list[float] = []
    end = time.perf_counter() + seconds
    last = time.perf_counter()
    while last < end:
        await asyncio.sleep(PROBE_EVERY)
        now = time.perf_counter()
        gaps.append(max(now - last - PROBE_EVERY, 0.0))
        last = now
    return gaps


async def _update(model: TaskTableModel, tasks: list[TrackedTask], seconds: float) -> int:
    """Each task once a second, spread over 100 slots; returns the updates sent."""
    sent = 0
    per_slot = max(len(tasks) * UPDATE_SLOT, 1.0)
    start = time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        due = int(elapsed / UPDATE_SLOT * per_slot)
        while sent < due:
            index = sent % len(tasks)
            task = tasks[index]
            assert task.snapshot is not None
            progress = min((task.snapshot.progress or 0.0) + 0.01, 0.99)
            now = time.time()
            tasks[index] = task.with_changes(
                snapshot=TaskSnapshot(
                    task.provider, task.task_id, TaskState.RUNNING, "running", progress=progress
                ),
                poll_count=task.poll_count + 1,
                last_polled_at=now,
                next_poll_at=now + 1,
            )
            model.on_engine_event(TaskUpdated(tasks[index]))
            sent += 1
        await asyncio.sleep(UPDATE_SLOT)
    return sent


def _lag(gaps: list[float]) -> Lag:
    ordered = sorted(gaps)
    return Lag(
        p50=statistics.median(ordered),
        p99=ordered[min(int(0.99 * len(ordered)), len(ordered) - 1)],
        worst=ordered[-1],
        samples=len(ordered),
    )


def measure_update_lag(
    app: QApplication,
    templates: Sequence[TaskRow],
    rows: int,
    active: int = 1_000,
    seconds: float = 10.0,
    size: tuple[int, int] | None = None,
    screenshot: Path | None = None,
) -> tuple[Lag, Lag, float, float, Shown]:
    """(lag while idle, lag while `active` tasks update every second, updates per second, the
    median time of one repaint of the visible table: the floor of a turn that paints, what the
    window showed). The window keeps the size it opens at (1280x760 on a desktop screen) unless
    `size` is given; the running tasks are the newest, so they are the rows on screen."""
    os.environ.setdefault("QT_API", "pyside6")
    import qasync

    now = time.time()
    model = TaskTableModel()
    window = MainWindow(model)
    live = running_tasks(active, now)
    model.set_tasks(live)
    model.append_rows(model.sorted_rows(many_rows(templates, rows, now)))
    if size is not None:
        window.resize(*size)
    window.show()
    app.processEvents()  # before the loop runs: nothing is nested
    shown = what_is_shown(window)
    repaints = []
    for _ in range(15):
        began = time.perf_counter()
        window.table.viewport().repaint()
        repaints.append(time.perf_counter() - began)

    async def scenario() -> tuple[Lag, Lag, float]:
        await asyncio.sleep(0.5)  # first paint
        idle = _lag(await _probe(3.0))
        probing = asyncio.get_running_loop().create_task(_probe(seconds))
        sent = await _update(model, list(live), seconds)
        busy = _lag(await probing)
        if screenshot is not None:
            window.grab().save(str(screenshot))
        return idle, busy, sent / seconds

    try:
        with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
            return (*runner.run(scenario()), statistics.median(repaints), shown)
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()  # outside any coroutine: the loop has ended
