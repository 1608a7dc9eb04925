"""Suno's `stream` state as a "near" signal, on the pure functions with the real MountSea Suno
policy: what a finished task's stream window records, what the duration book learns from it,
and how a task that does not stream yet, or streams since a given time, is asked."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from gui.domain.model import TaskSnapshot
from gui.domain.states import TaskState
from gui.domain.tracked_task import HistoryEntry, TrackedTask
from gui.polling.eta import DurationBook, FinishedRun, StreamWindow, finished_run, stream_window
from gui.polling.schedule import (
    DENSE_GAP,
    AfterStream,
    Observed,
    finish_distribution,
    next_check_delay,
    observe,
    stream_began_after,
)
from gui.providers import get_provider

T0 = 1_780_000_000.0
SUNO = get_provider("mountsea-suno").poll_policy


def answer(state: TaskState, finished: float | None = None) -> TaskSnapshot:
    return TaskSnapshot(
        "mountsea-suno",
        "t",
        state,
        state.value,
        created_at=datetime.fromtimestamp(T0, UTC),
        finished_at=datetime.fromtimestamp(T0 + finished, UTC) if finished else None,
        task_type="music",
    )


def learned(*, streams: bool = True) -> DurationBook:
    """40 earlier songs: 10-127 s before their stream, each first seen streaming 12 s after the
    answer before it, finishing 25-35 s after their stream began (done 41-168 s in)."""
    runs = []
    for n in range(40):
        before = 10.0 + 3 * n
        seconds = before + 6 + 25 + (n % 6) * 2
        window = StreamWindow(before, before + 12) if streams else None
        runs.append(FinishedRun("mountsea-suno", "music", seconds, window))
    return DurationBook(runs)


def delay(seen: Observed, book: DurationBook) -> float:
    model = book.model("mountsea-suno", "music")
    return next_check_delay(SUNO, model, seen, random.Random(1))


def test_the_engine_keeps_the_answer_before_the_first_stream_until_the_end() -> None:
    task = TrackedTask("mountsea-suno", "t", added_at=T0, tracking_since=T0)
    running = task.with_changes(snapshot=answer(TaskState.RUNNING), last_polled_at=T0 + 25)
    assert stream_began_after(running, answer(TaskState.RUNNING)) is None
    assert stream_began_after(running, answer(TaskState.STREAMING)) == T0 + 25
    streaming = running.with_changes(
        snapshot=answer(TaskState.STREAMING), last_polled_at=T0 + 40, stream_began_after=T0 + 25
    )
    assert stream_began_after(streaming, answer(TaskState.STREAMING)) == T0 + 25
    assert stream_began_after(streaming, answer(TaskState.SUCCEEDED, 70)) == T0 + 25
    assert stream_began_after(task, answer(TaskState.STREAMING)) is None  # nothing before it


def test_a_finished_task_records_when_it_was_seen_to_start_streaming() -> None:
    history = (
        HistoryEntry(T0 + 1, TaskState.RUNNING, "running"),
        HistoryEntry(T0 + 40, TaskState.STREAMING, "stream"),
        HistoryEntry(T0 + 72, TaskState.SUCCEEDED, "success"),
    )
    task = TrackedTask("mountsea-suno", "t", added_at=T0, tracking_since=T0).with_changes(
        snapshot=answer(TaskState.SUCCEEDED, finished=70), history=history
    )
    assert stream_window(task.with_changes(stream_began_after=T0 + 25)) == StreamWindow(25, 40)
    assert finished_run(task.with_changes(stream_began_after=T0 + 25)) == FinishedRun(
        "mountsea-suno", "music", 70.0, StreamWindow(25, 40)
    )
    assert stream_window(task) is None  # not known when the stream began
    unreported = task.with_changes(snapshot=answer(TaskState.SUCCEEDED), stream_began_after=T0)
    assert stream_window(unreported) is None  # no finish time from the provider


def test_streams_are_learned_from_five_runs_seen_streaming() -> None:
    runs = [FinishedRun("mountsea-suno", "music", 60.0, StreamWindow(20, 25))] * 4
    book = DurationBook([*runs, FinishedRun("mountsea-suno", "music", 60.0)] * 2)
    assert book.model("mountsea-suno", "music").streams is not None  # 8 of 10 streamed
    few = DurationBook([*runs, *[FinishedRun("mountsea-suno", "music", 60.0)] * 6])
    assert few.model("mountsea-suno", "music").streams is None  # 4 streamed
    streams = learned().model("mountsea-suno", "music").streams
    assert streams is not None
    not_yet = streams.not_streaming_at(100)  # the runs still before their stream at 100 s
    assert not_yet is not None and min(not_yet.seen) >= 25
    after = streams.after_stream_began(StreamWindow(60, 72))  # measured from first seen
    assert after is not None and min(after.seen) >= 19 and max(after.seen) <= 29


def test_a_task_not_streaming_yet_is_asked_sparsely_where_the_durations_alone_ask_densely() -> None:
    # At 60 s these songs are likely done within a minute, so by the durations alone the next
    # check comes within the dense gap; but every earlier one streamed for 25 s or more first.
    assert delay(Observed(age=60), learned(streams=False)) <= DENSE_GAP + 1
    assert delay(Observed(age=60), learned()) >= 25


def test_once_it_streams_the_checks_gather_where_such_streams_ended() -> None:
    book = learned()
    window = StreamWindow(60, 72)
    seen = Observed(age=72, streaming=True, stream=window)
    assert isinstance(finish_distribution(book.model("mountsea-suno", "music"), seen), AfterStream)
    # Such songs ran 19 s or more after they were first seen streaming: no check for a while
    # (the durations alone would ask within the dense gap, as below).
    assert delay(seen, book) >= 8
    near = Observed(age=88, streaming=True, stream=window)
    assert delay(near, book) <= DENSE_GAP + 1  # 25-35 s after 60-72 s: now


def test_without_streams_learned_a_streaming_task_is_asked_by_its_durations() -> None:
    book = learned(streams=False)
    seen = Observed(age=72, streaming=True, stream=StreamWindow(60, 72))
    model = book.model("mountsea-suno", "music")
    assert finish_distribution(model, seen) == model.distribution
    assert delay(seen, book) <= DENSE_GAP + 1


def test_the_engine_path_reads_the_stream_window_from_the_task() -> None:
    history = (HistoryEntry(T0 + 1, TaskState.RUNNING, "running"),)
    before = TrackedTask("mountsea-suno", "t", added_at=T0, tracking_since=T0).with_changes(
        snapshot=answer(TaskState.RUNNING), last_polled_at=T0 + 60, history=history
    )
    first = observe(before, answer(TaskState.STREAMING), T0 + 65)
    assert first.stream == StreamWindow(60, 65)
    later = before.with_changes(
        snapshot=answer(TaskState.STREAMING),
        last_polled_at=T0 + 70,
        stream_began_after=T0 + 60,
        history=(*history, HistoryEntry(T0 + 65, TaskState.STREAMING, "stream")),
    )
    assert observe(later, answer(TaskState.STREAMING), T0 + 75).stream == StreamWindow(60, 65)
