"""Filling the task list at start-up without freezing the window that is already shown.

The engine gets the unfinished tasks in full (it polls them); every finished task comes as a
compact row (gui/domain/task_row.py), read from the ledger in chunks in a thread, put in the
table's order in a thread, and inserted in batches with the event loop running in between.
No nested event processing: the window paints between the batches because this coroutine
awaits, never because it pumps events itself."""

from __future__ import annotations

import asyncio
import gc
import time

from gui.domain.task_row import TaskRow
from gui.services import Services
from gui.ui.task_table_model import Column, TaskTableModel

READ_CHUNK = 2_000  # rows per ledger read in the thread (~5 ms, holding the GIL in bursts)
INSERT_BATCH = 250  # rows per beginInsertRows (~1-2 ms)
# Batches go in until this much time is spent, then the loop runs: the window repaints once
# per turn (~4 ms for the table here, whatever the row count), not once per batch.
TURN_BUDGET = 0.004
# Then a real pause, not sleep(0): with sleep(0) the next turn ran before the timers that were
# due (a freeze meter saw 7-8 batches, 30-45 ms, between two of its wake-ups); after a 1 ms
# timer they run first (worst gap 20-29 ms), and the list still fills in as fast.
TURN_PAUSE = 0.001


async def load_task_list(services: Services, model: TaskTableModel) -> None:
    # The cyclic collector would walk the growing list again and again (80 ms stalls at
    # 100 000 rows); the rows are kept for good, so they are frozen out of its sight after.
    collecting = gc.isenabled()
    gc.disable()
    try:
        await _load(services, model)
    finally:
        if collecting:
            gc.enable()
        gc.freeze()


async def _load(services: Services, model: TaskTableModel) -> None:
    unfinished = await asyncio.to_thread(services.ledger.unfinished)
    # The finished tasks' durations (ETA, schedule) come from a ledger query that takes ~1 s
    # with 100 000 tasks: read them here, off the loop, before the first answer asks for them.
    await asyncio.to_thread(lambda: services.engine.durations)
    services.engine.start(loaded=unfinished)
    model.set_tasks(services.engine.tasks)
    column, descending = model.sort_order
    # Listed by when they were added (the default): the ledger gives the rows about in that
    # order, so each chunk is shown as it comes and the first page is there at once. Any other
    # order needs every row first.
    in_order = column is Column.ADDED
    rows: list[TaskRow] = []
    after = 0
    while True:
        chunk, after = await asyncio.to_thread(
            services.ledger.read_rows,
            after,
            READ_CHUNK,
            finished_only=True,
            newest_first=in_order and descending,
        )
        if not chunk:
            break
        if in_order and model.sort_order == (column, descending):
            await insert_in_batches(model, chunk)
        else:
            rows.extend(chunk)
    await insert_in_batches(model, rows)


async def insert_in_batches(model: TaskTableModel, rows: list[TaskRow]) -> None:
    order = model.sort_order
    pending = await asyncio.to_thread(model.sorted_rows, rows)
    while pending:
        if model.sort_order != order:  # the user clicked a header meanwhile
            order = model.sort_order
            pending = await asyncio.to_thread(model.sorted_rows, pending)
        turn_ends = time.perf_counter() + TURN_BUDGET
        while pending and time.perf_counter() < turn_ends:
            model.append_rows(pending[:INSERT_BATCH])
            pending = pending[INSERT_BATCH:]
        await asyncio.sleep(TURN_PAUSE)  # let the window paint and the engine run
