"""The portable task list: a JSON file to move tracked tasks to another machine, and the merge
rules for bringing one in. Plain Python, no Qt; the window and `tunewatch import` share it.

A file is `{"format": "tunewatch-task-list", "version": 1, "exported_at": ..., "tasks": [...]}`;
each task is what `tunewatch list --json` prints for it (the last snapshot's fields plus
`watch`, `problem`, `added_at` and `history`), so that output imports too. Nothing read from a
file is trusted: every field is type-checked, strings and sizes are capped, task IDs are checked
like pasted ones, links must be http(s), and anything unknown is dropped — never stored."""

from __future__ import annotations

import json
import math
import time
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from gui.domain.errors import InvalidTaskIdError
from gui.domain.model import Clip, ClipKind, TaskError, TaskSnapshot
from gui.domain.secret_scrub import scrub_text, secret_forms
from gui.domain.states import TaskState
from gui.domain.task_ids import validate_task_id
from gui.domain.tracked_task import HistoryEntry, TaskKey, TrackedTask, Watch
from gui.domain.urls import clean_media_url
from gui.domain.wording import QT_TRANSLATE_NOOP

FORMAT_NAME = "tunewatch-task-list"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 64 * 1024 * 1024  # ~10 000 tasks with lyrics take a few MB
MAX_TASKS = 100_000
MAX_HISTORY = 1_000  # per task
MAX_CLIPS = 64  # per task
MAX_DEPTH = 12  # the format nests 5 deep; anything deeper is not a task list
MAX_TEXT = 100_000  # lyrics are the longest text a task has
MAX_SHORT_TEXT = 2_000  # everything that is not lyrics, tags or a problem
LATEST_PLAUSIBLE = 4_102_444_800.0  # 2100-01-01: a timestamp beyond it is not a real time
# Why a file is not imported, and what was (English; shown translated, gui.domain.wording).
FILE_TOO_BIG = QT_TRANSLATE_NOOP(
    "Problems", "The file is {size} MB; a task list is at most {limit} MB. Is it the right file?"
)
NOT_TEXT = QT_TRANSLATE_NOOP("Problems", "The file is not text (UTF-8): not a task list.")
TOO_DEEP = QT_TRANSLATE_NOOP("Problems", "The file nests too deeply to be a task list.")
NOT_JSON_FILE = QT_TRANSLATE_NOOP("Problems", "The file is not valid JSON ({error}).")
NOT_A_TASK_LIST = QT_TRANSLATE_NOOP("Problems", "The file is JSON, but not a Tunewatch task list.")
NO_VERSION = QT_TRANSLATE_NOOP("Problems", "The task list has no valid format version.")
NEWER_FORMAT = QT_TRANSLATE_NOOP(
    "Problems",
    "The task list was written by a newer Tunewatch (format {version}); update Tunewatch to "
    "import it.",
)
NO_TASKS = QT_TRANSLATE_NOOP("Problems", "The task list has no list of tasks.")
TOO_MANY_TASKS = QT_TRANSLATE_NOOP("Problems", "The file lists {count} tasks; at most {limit}.")
BAD_TASK = QT_TRANSLATE_NOOP(
    "Problems", "Task {number} in the file: {reason}. Nothing was imported."
)
IMPORT_SUMMARY = QT_TRANSLATE_NOOP(
    "Problems", "{added} added, {merged} merged, {skipped} skipped (already up to date)"
)
_URL_FIELDS = ("audio_url", "stream_url", "image_url", "video_url")
_LONG_FIELDS = ("lyrics", "tags")
_SHORT_CLIP_FIELDS = ("id", "title", "model", "format", "stem")
# Names that would carry a secret. The format has none; a file that brings one is dropped from
# memory with the rest of the unknown fields, and an export never writes one.
_SECRET_WORDS = ("key", "token", "secret", "password", "authorization", "bearer", "cookie")


class TaskListFileError(ValueError):
    """The file is not a task list Tunewatch can import; the message says why, for a person."""


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What importing would do; nothing is written until it is applied."""

    added: list[TrackedTask] = field(default_factory=list)
    merged: list[TrackedTask] = field(default_factory=list)  # the merged record to store
    skipped: list[TaskKey] = field(default_factory=list)  # already known, nothing new

    def summary(self) -> str:
        return IMPORT_SUMMARY.format(
            added=len(self.added), merged=len(self.merged), skipped=len(self.skipped)
        )


# --- writing ----------------------------------------------------------------------------------


def task_entry(task: TrackedTask, *, with_status_history: bool = False) -> dict[str, Any]:
    """One task as `tunewatch list --json` prints it (and as the file holds it)."""
    body: dict[str, Any] = (
        task.snapshot.to_json()
        if task.snapshot
        else {"provider": task.provider, "task_id": task.task_id, "state": None}
    )
    history: list[dict[str, Any]] = []
    for entry in task.history:
        item: dict[str, Any] = {"at": entry.at, "state": entry.state.value}
        if with_status_history and entry.provider_status is not None:
            item["provider_status"] = entry.provider_status
        history.append(item)
    body.update(
        watch=task.watch.value,
        problem=task.problem,
        added_at=datetime.fromtimestamp(task.added_at).astimezone().isoformat(timespec="seconds"),
        history=history,
    )
    return body


def export_document(
    tasks: Iterable[TrackedTask], known_keys: Iterable[str] = (), now: float | None = None
) -> bytes:
    """The file's bytes. `known_keys`: the stored API keys; should one ever have found its way
    into a task's text (a problem message quoting a header, say), it is masked, not exported."""
    document = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": datetime.fromtimestamp(time.time() if now is None else now)
        .astimezone()
        .isoformat(timespec="seconds"),
        "tasks": [task_entry(task, with_status_history=True) for task in tasks],
    }
    forms = secret_forms(known_keys)
    return json.dumps(_scrub(document, forms), indent=1, ensure_ascii=False).encode("utf-8")


def _scrub(value: Any, forms: list[str]) -> Any:
    """Known keys masked (as in a snapshot), and any field named like a secret left out."""
    if isinstance(value, str):
        return scrub_text(value, forms)
    if isinstance(value, list):
        return [_scrub(item, forms) for item in value]
    if isinstance(value, dict):
        return {
            name: _scrub(item, forms)
            for name, item in value.items()
            if not any(word in name.lower() for word in _SECRET_WORDS)
        }
    return value


# --- reading ----------------------------------------------------------------------------------


def read_capped(path: Path) -> bytes:
    """At most one byte over the cap is read, so a huge file is refused without filling memory."""
    with path.open("rb") as handle:
        return handle.read(MAX_FILE_BYTES + 1)


def read_document(
    data: bytes, providers: Collection[str], now: float | None = None
) -> list[TrackedTask]:
    """Every task in the file, checked; raises TaskListFileError for anything malformed.
    `providers`: the provider IDs this Tunewatch knows (gui.providers.PROVIDER_IDS)."""
    if len(data) > MAX_FILE_BYTES:
        raise TaskListFileError(
            FILE_TOO_BIG.format(size=f"{len(data) / 1e6:.0f}", limit=f"{MAX_FILE_BYTES / 1e6:.0f}")
        )
    try:
        text = data.decode("utf-8-sig")
        document = json.loads(text, parse_constant=_refuse_constant)
    except UnicodeDecodeError:
        raise TaskListFileError(NOT_TEXT) from None
    except RecursionError:
        raise TaskListFileError(TOO_DEEP) from None
    except ValueError as error:
        raise TaskListFileError(NOT_JSON_FILE.format(error=error)) from None
    _check_depth(document)
    if isinstance(document, list):
        entries: Any = document  # `tunewatch list --json` output: the tasks alone
    elif isinstance(document, dict):
        if document.get("format") != FORMAT_NAME:
            raise TaskListFileError(NOT_A_TASK_LIST)
        version = document.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise TaskListFileError(NO_VERSION)
        if version > FORMAT_VERSION:
            raise TaskListFileError(NEWER_FORMAT.format(version=version))
        entries = document.get("tasks")
        if not isinstance(entries, list):
            raise TaskListFileError(NO_TASKS)
    else:
        raise TaskListFileError(NOT_A_TASK_LIST)
    if len(entries) > MAX_TASKS:
        raise TaskListFileError(TOO_MANY_TASKS.format(count=len(entries), limit=MAX_TASKS))
    moment = time.time() if now is None else now
    tasks: dict[TaskKey, TrackedTask] = {}
    for number, entry in enumerate(entries, start=1):
        try:
            task = _task(entry, moment, providers)
        except _Bad as bad:
            raise TaskListFileError(
                BAD_TASK.format(number=number, reason=str(bad).rstrip("."))
            ) from None
        if task.key in tasks:  # the same task twice in one file: merge, as with the ledger
            task = merge_tasks(tasks[task.key], task) or tasks[task.key]
        tasks[task.key] = task
    return list(tasks.values())


class _Bad(Exception):
    pass


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _check_depth(document: Any) -> None:
    """Iterative, so a hostile nesting cannot exhaust the stack while being measured."""
    pending: list[tuple[Any, int]] = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise TaskListFileError(TOO_DEEP)
        if isinstance(value, dict):
            pending.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            pending.extend((item, depth + 1) for item in value)


def _task(entry: Any, now: float, providers: Collection[str]) -> TrackedTask:
    if not isinstance(entry, dict):
        raise _Bad("not an object")
    provider = _text(entry, "provider", MAX_SHORT_TEXT, required=True)
    if provider not in providers:
        raise _Bad(f"unknown provider {provider[:40]!r}")
    raw_id = _text(entry, "task_id", MAX_SHORT_TEXT, required=True)
    try:
        task_id = validate_task_id(raw_id)
    except InvalidTaskIdError as error:
        raise _Bad(str(error)) from None
    state = _enum(entry, "state", TaskState)
    snapshot = _snapshot(entry, provider, task_id, state) if state is not None else None
    watch = _enum(entry, "watch", Watch) or Watch.ACTIVE
    if snapshot is not None and snapshot.state.is_terminal:
        watch = Watch.DONE
    elif watch is Watch.DONE:
        watch = Watch.ACTIVE  # "done" without a final state: check it again
    history_raw = entry.get("history", [])
    if not isinstance(history_raw, list) or len(history_raw) > MAX_HISTORY:
        raise _Bad(f"'history' must be a list of at most {MAX_HISTORY} entries")
    history = []
    for item in history_raw:
        if not isinstance(item, dict):
            raise _Bad("a history entry is not an object")
        at = _moment(item, "at")
        item_state = _enum(item, "state", TaskState)
        if at is None or item_state is None:
            raise _Bad("a history entry needs 'at' and 'state'")
        history.append(HistoryEntry(at, item_state, _text(item, "provider_status", MAX_SHORT_TEXT)))
    added_at = _moment(entry, "added_at") or now
    return TrackedTask(
        provider=provider,
        task_id=task_id,
        added_at=added_at,
        tracking_since=now,  # the give-up clock starts on this machine
        watch=watch,
        snapshot=snapshot,
        problem=None,  # the other machine's trouble (a key, a network) is not this one's
        next_poll_at=now if watch is Watch.ACTIVE else None,
        history=tuple(sorted(history, key=lambda h: h.at)),
    )


def _snapshot(entry: dict[str, Any], provider: str, task_id: str, state: TaskState) -> TaskSnapshot:
    progress = _number(entry, "progress")
    if progress is not None and not 0.0 <= progress <= 1.0:
        raise _Bad("'progress' must be between 0 and 1")
    error = entry.get("error")
    task_error = None
    if error is not None:
        if not isinstance(error, dict):
            raise _Bad("'error' must be an object")
        task_error = TaskError(
            message=_text(error, "message", MAX_TEXT) or "",
            code=_text(error, "code", MAX_SHORT_TEXT),
            trace_id=_text(error, "trace_id", MAX_SHORT_TEXT),
        )
    clips_raw = entry.get("clips", [])
    if not isinstance(clips_raw, list) or len(clips_raw) > MAX_CLIPS:
        raise _Bad(f"'clips' must be a list of at most {MAX_CLIPS} clips")
    refunded = entry.get("credits_refunded")
    if refunded is not None and not isinstance(refunded, bool):
        raise _Bad("'credits_refunded' must be true, false or null")
    return TaskSnapshot(
        provider=provider,
        task_id=task_id,
        state=state,
        provider_status=_text(entry, "provider_status", MAX_SHORT_TEXT),
        progress=progress,
        error=task_error,
        created_at=_datetime(entry, "created_at"),
        finished_at=_datetime(entry, "finished_at"),
        clips=tuple(_clip(clip) for clip in clips_raw),
        task_type=_text(entry, "task_type", MAX_SHORT_TEXT),
        credits_refunded=refunded,
    )


def _clip(obj: Any) -> Clip:
    if not isinstance(obj, dict):
        raise _Bad("a clip is not an object")
    urls: dict[str, str | None] = {}
    for name in _URL_FIELDS:
        value = _text(obj, name, MAX_SHORT_TEXT)
        if value is not None and clean_media_url(value) is None:
            raise _Bad(f"a clip's {name!r} is not an http(s) link")
        urls[name] = value
    short = {name: _text(obj, name, MAX_SHORT_TEXT) for name in _SHORT_CLIP_FIELDS}
    long = {name: _text(obj, name, MAX_TEXT) for name in _LONG_FIELDS}
    duration = _number(obj, "duration")
    if duration is not None and not 0 <= duration < 86_400:
        raise _Bad("a clip's 'duration' is not a plausible number of seconds")
    return Clip(
        kind=_enum(obj, "kind", ClipKind) or ClipKind.SONG,
        id=short["id"],
        title=short["title"],
        audio_url=urls["audio_url"],
        stream_url=urls["stream_url"],
        image_url=urls["image_url"],
        video_url=urls["video_url"],
        duration=duration,
        tags=long["tags"],
        lyrics=long["lyrics"],
        model_name=short["model"],
        audio_format=short["format"],
        stem=short["stem"],
    )


def _text(obj: Mapping[str, Any], name: str, limit: int, required: bool = False) -> Any:
    value = obj.get(name)
    if value is None:
        if required:
            raise _Bad(f"{name!r} is missing")
        return None
    if not isinstance(value, str):
        raise _Bad(f"{name!r} must be text, not {type(value).__name__}")
    if len(value) > limit:
        raise _Bad(f"{name!r} is {len(value)} characters long; at most {limit}")
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise _Bad(f"{name!r} holds an invalid character")
    return value


def _number(obj: Mapping[str, Any], name: str) -> float | None:
    value = obj.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _Bad(f"{name!r} must be a number")
    return float(value)


def _enum(obj: Mapping[str, Any], name: str, kind: Any) -> Any:
    value = obj.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _Bad(f"{name!r} must be text")
    try:
        return kind(value)
    except ValueError:
        raise _Bad(f"{name!r} is {value[:40]!r}, which Tunewatch does not know") from None


def _datetime(obj: Mapping[str, Any], name: str) -> datetime | None:
    value = _text(obj, name, 64)
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise _Bad(f"{name!r} is not an ISO-8601 time") from None
    return moment


def _moment(obj: Mapping[str, Any], name: str) -> float | None:
    """Unix seconds, given as a number or an ISO-8601 text."""
    value = obj.get(name)
    if isinstance(value, str):
        parsed = _datetime(obj, name)
        at = parsed.timestamp() if parsed else None
    else:
        at = _number(obj, name)
    if at is not None and not 0 <= at <= LATEST_PLAUSIBLE:
        raise _Bad(f"{name!r} is not a plausible time")
    return at


# --- merging ----------------------------------------------------------------------------------


def richness(task: TrackedTask) -> tuple[int, int, int, int]:
    """How much a record knows: a final answer beats a running one, more results beat fewer."""
    snapshot = task.snapshot
    if snapshot is None:
        return (0, 0, 0, 0)
    filled = sum(value is not None for value in snapshot.to_json().values())
    filled += sum(v is not None for clip in snapshot.clips for v in clip.to_json().values())
    return (1, int(snapshot.state.is_terminal), len(snapshot.clips), filled)


def merge_tasks(current: TrackedTask, incoming: TrackedTask) -> TrackedTask | None:
    """The merged record, or None when `incoming` adds nothing to `current`."""
    history = {(h.at, h.state, h.provider_status): h for h in current.history}
    before = len(history)
    for entry in incoming.history:
        history.setdefault((entry.at, entry.state, entry.provider_status), entry)
    richer = richness(incoming) > richness(current)
    if not richer and len(history) == before and incoming.added_at >= current.added_at:
        return None
    base = incoming if richer else current
    if richer:
        # The richer answer, but what this machine is doing about the task stays its own
        # unless the answer is final.
        watch = Watch.DONE if base.is_finished else current.watch
        base = base.with_changes(
            watch=watch,
            tracking_since=current.tracking_since,
            last_polled_at=current.last_polled_at,
            poll_count=current.poll_count,
            next_poll_at=None if watch is not Watch.ACTIVE else current.next_poll_at,
            problem=None if watch is Watch.DONE else current.problem,
        )
    return base.with_changes(
        added_at=min(current.added_at, incoming.added_at),
        history=tuple(sorted(history.values(), key=lambda h: h.at)),
    )


def plan_import(
    current: Mapping[TaskKey, TrackedTask], incoming: Iterable[TrackedTask]
) -> ImportPlan:
    plan = ImportPlan()
    for task in incoming:
        existing = current.get(task.key)
        if existing is None:
            plan.added.append(task)
            continue
        merged = merge_tasks(existing, task)
        (plan.skipped.append(task.key) if merged is None else plan.merged.append(merged))
    return plan
