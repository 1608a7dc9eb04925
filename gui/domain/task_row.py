"""A task's line in the list: the few facts the table shows, sorts, filters and counts by.

With 100 000 tracked tasks the full `TrackedTask`s (snapshot, clips, lyrics, raw JSON, history)
took ~680 MB; a `TaskRow` is a few hundred bytes. The ledger keeps one per task beside the full
record, so start-up reads rows, and a task's details are loaded when someone asks for them."""

from __future__ import annotations

import sys
from typing import NamedTuple

from gui.domain.states import TaskState
from gui.domain.tracked_task import TaskKey, TrackedTask, Watch


class TaskRow(NamedTuple):
    """A tuple: built ~10x faster than a frozen dataclass, and as small."""

    key: TaskKey  # (provider id, task id); one tuple shared by every index of the row
    added_at: float
    watch: Watch
    state: TaskState | None
    title: str | None
    progress: float | None  # 0..1 as the provider last said; None when it gives none
    clip_count: int
    # Clip titles and tags not already in the title, casefolded: what the text filter searches
    # besides the task ID and the title.
    search: str
    started: float  # when the provider says the task began (else when it was added)
    ended: float | None  # when it finished; None while it runs
    error: str | None  # the provider's error message, if it failed
    problem: str | None
    last_polled_at: float | None
    next_poll_at: float | None

    @property
    def provider(self) -> str:
        return self.key[0]

    @property
    def task_id(self) -> str:
        return self.key[1]

    @property
    def is_finished(self) -> bool:
        return self.state is not None and self.state.is_terminal

    @classmethod
    def of(cls, task: TrackedTask) -> TaskRow:
        snapshot = task.snapshot
        title = task.title
        words: list[str] = []
        started = task.added_at
        ended: float | None = None
        if snapshot is not None:
            for clip in snapshot.clips:
                for text in (clip.title, clip.tags):
                    if text and (not title or text.casefold() not in title.casefold()):
                        words.append(text.casefold())
            if snapshot.created_at is not None:
                started = snapshot.created_at.timestamp()
            if snapshot.state.is_terminal:
                ended = (
                    snapshot.finished_at.timestamp()
                    if snapshot.finished_at
                    else task.last_polled_at
                )
        return cls(
            key=task.key,
            added_at=task.added_at,
            watch=task.watch,
            state=task.state,
            title=title,
            progress=snapshot.progress if snapshot else None,
            clip_count=len(snapshot.clips) if snapshot else 0,
            search=compact_words(words),
            started=started,
            ended=ended,
            error=snapshot.error.message if snapshot and snapshot.error else None,
            problem=task.problem,
            last_polled_at=task.last_polled_at,
            next_poll_at=task.next_poll_at,
        )


def compact_words(words: list[str]) -> str:
    """Each distinct text once; interned, since most tasks share their tags."""
    return sys.intern("\n".join(dict.fromkeys(words)))
