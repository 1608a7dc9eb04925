"""The portable task list: export from one real ledger, import into another, merge rules, and
files that must be refused without touching the list."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from gui import cli
from gui.domain.model import Clip, TaskError, TaskSnapshot
from gui.domain.states import TaskState
from gui.domain.tracked_task import HistoryEntry, TrackedTask, Watch
from gui.providers import PROVIDER_IDS
from gui.storage.ledger import Ledger
from gui.storage.task_list_file import (
    FORMAT_NAME,
    MAX_FILE_BYTES,
    TaskListFileError,
    export_document,
    merge_tasks,
    plan_import,
    read_document,
)

NOW = 1_760_000_000.0
CANARY_KEY = "sk-canary-7f3e9a1b2c4d"
SIGNED = "https://cdn.example.com/a.mp3?Expires=1760000000&Signature=abc"


def _running(task_id: str = "task-1", provider: str = "sunor") -> TrackedTask:
    snapshot = TaskSnapshot(provider, task_id, TaskState.RUNNING, "running", progress=0.4)
    return TrackedTask(
        provider,
        task_id,
        added_at=NOW - 100,
        tracking_since=NOW - 100,
        snapshot=snapshot,
        history=(
            HistoryEntry(NOW - 90, TaskState.QUEUED, "pending"),
            HistoryEntry(NOW - 60, TaskState.RUNNING, "running"),
        ),
    )


def _finished(task_id: str = "task-1", provider: str = "sunor") -> TrackedTask:
    clip = Clip(
        id="clip-1",
        title="Night Drive",
        audio_url=SIGNED,
        image_url="https://cdn.example.com/c.jpg",
        duration=182.5,
        tags="synthwave",
        lyrics="[Verse]\nneon lights",
        model_name="chirp-fenix",
        audio_format="mp3",
    )
    snapshot = TaskSnapshot(
        provider,
        task_id,
        TaskState.SUCCEEDED,
        "success",
        created_at=datetime(2025, 10, 9, 8, 0, tzinfo=UTC),
        finished_at=datetime(2025, 10, 9, 8, 1, tzinfo=UTC),
        clips=(clip,),
        task_type="music",
    )
    return TrackedTask(
        provider,
        task_id,
        added_at=NOW - 50,
        tracking_since=NOW - 50,
        watch=Watch.DONE,
        snapshot=snapshot,
        history=(
            HistoryEntry(NOW - 60, TaskState.RUNNING, "running"),
            HistoryEntry(NOW - 10, TaskState.SUCCEEDED, "success"),
        ),
    )


def _ledger(folder: Path, *tasks: TrackedTask) -> Ledger:
    ledger = Ledger(folder / "tasks.sqlite3")
    ledger.put_all(tasks)
    return ledger


def _document(*entries: Any) -> bytes:
    return json.dumps({"format": FORMAT_NAME, "version": 1, "tasks": list(entries)}).encode()


def _entry(**changes: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "provider": "sunor",
        "task_id": "task-1",
        "state": "running",
        "watch": "active",
        "history": [],
    }
    entry.update(changes)
    return entry


# --- round trip between two machines -------------------------------------------------------


def test_round_trip_between_two_real_ledgers(tmp_path: Path) -> None:
    first = _ledger(tmp_path / "machine-a", _finished("both"), _running("only-a", "crun"))
    second = _ledger(tmp_path / "machine-b", _running("both"), _running("only-b"))
    try:
        data = export_document(first.all(), known_keys=[CANARY_KEY], now=NOW)
        plan = plan_import(
            {t.key: t for t in second.all()}, read_document(data, PROVIDER_IDS, now=NOW)
        )
        assert [t.key for t in plan.added] == [("crun", "only-a")]
        assert [t.key for t in plan.merged] == [("sunor", "both")]
        assert plan.skipped == []
        second.put_all([*plan.added, *plan.merged])

        stored = {t.key: t for t in second.all()}
        assert set(stored) == {("sunor", "both"), ("crun", "only-a"), ("sunor", "only-b")}
        both = stored[("sunor", "both")]
        # The richer (finished) record wins, with every result field intact...
        assert both.state is TaskState.SUCCEEDED and both.watch is Watch.DONE
        assert both.snapshot == _finished("both").snapshot
        # ...and the history is the union of both machines', without a duplicate.
        assert [(h.state, h.provider_status) for h in both.history] == [
            (TaskState.QUEUED, "pending"),
            (TaskState.RUNNING, "running"),
            (TaskState.SUCCEEDED, "success"),
        ]
        assert both.added_at == NOW - 100  # the earlier of the two
        assert stored[("crun", "only-a")].watch is Watch.ACTIVE  # keeps being checked here

        # Importing the same file again adds nothing.
        again = plan_import(
            {t.key: t for t in second.all()}, read_document(data, PROVIDER_IDS, now=NOW)
        )
        assert (again.added, again.merged, len(again.skipped)) == ([], [], 2)
    finally:
        first.close()
        second.close()


def test_the_export_never_contains_a_key_even_one_quoted_in_a_problem() -> None:
    leaky = _running().with_changes(problem=f"HTTP 401 for Authorization: Bearer {CANARY_KEY}")
    data = export_document([leaky], known_keys=[CANARY_KEY])
    assert CANARY_KEY.encode() not in data
    assert b"[key removed]" in data


def test_key_looking_fields_in_a_file_are_never_kept_nor_exported_again() -> None:
    hostile = _entry(api_key=CANARY_KEY, authorization=f"Bearer {CANARY_KEY}")
    hostile["clips"] = [{"title": "x", "token": CANARY_KEY}]
    hostile["error"] = {"message": "nope", "secret": CANARY_KEY}
    tasks = read_document(_document(hostile), PROVIDER_IDS, now=NOW)
    assert len(tasks) == 1
    assert CANARY_KEY.encode() not in export_document(tasks)


def test_list_json_output_is_an_importable_file() -> None:
    listed = json.dumps([_entry(task_id="from-list", history=[{"at": NOW, "state": "running"}])])
    (task,) = read_document(listed.encode(), PROVIDER_IDS, now=NOW)
    assert task.key == ("sunor", "from-list") and task.history[0].at == NOW


# --- merge rules ----------------------------------------------------------------------------


def test_a_poorer_record_never_replaces_a_richer_one() -> None:
    current = _finished()
    incoming = _running()
    merged = merge_tasks(current, incoming)
    assert merged is not None  # its history brings the queued entry
    assert merged.snapshot == current.snapshot and merged.watch is Watch.DONE
    assert TaskState.QUEUED in [h.state for h in merged.history]


def test_nothing_new_is_skipped() -> None:
    assert merge_tasks(_finished(), _finished()) is None
    plan = plan_import({_finished().key: _finished()}, [_finished()])
    assert plan.skipped == [("sunor", "task-1")]
    assert plan.summary() == "0 added, 0 merged, 1 skipped (already up to date)"


def test_a_richer_answer_keeps_this_machines_watch_while_unfinished() -> None:
    current = _running().with_changes(watch=Watch.PAUSED)
    richer_snapshot = TaskSnapshot(
        "sunor", "task-1", TaskState.STREAMING, "stream", clips=(Clip(),)
    )
    incoming = _running().with_changes(snapshot=richer_snapshot)
    merged = merge_tasks(current, incoming)
    assert merged is not None
    assert merged.state is TaskState.STREAMING and merged.watch is Watch.PAUSED


def test_the_same_task_twice_in_one_file_is_one_task() -> None:
    both = _document(_entry(), _entry(state="succeeded", watch="done"))
    tasks = read_document(both, PROVIDER_IDS, now=NOW)
    assert len(tasks) == 1 and tasks[0].state is TaskState.SUCCEEDED


def test_a_finished_task_is_done_and_an_unfinished_one_is_checked_again() -> None:
    finished, running = read_document(
        _document(
            _entry(task_id="a", state="succeeded", watch="active"),
            _entry(task_id="b", state="running", watch="done", problem="key refused"),
        ),
        PROVIDER_IDS,
        now=NOW,
    )
    assert finished.watch is Watch.DONE
    assert running.watch is Watch.ACTIVE and running.problem is None


# --- hostile and malformed files ------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\xff\xfe not text", "not text"),
        (b"{not json", "not valid JSON"),
        (b'{"tasks": []}', "not a Tunewatch task list"),
        (b'"a string"', "not a Tunewatch task list"),
        (json.dumps({"format": FORMAT_NAME, "version": 99, "tasks": []}).encode(), "newer"),
        (json.dumps({"format": FORMAT_NAME, "version": "1", "tasks": []}).encode(), "version"),
        (json.dumps({"format": FORMAT_NAME, "version": 1, "tasks": {}}).encode(), "list of tasks"),
        (b"[" * 100_000 + b"]" * 100_000, "nests too deeply"),
        (_document(_entry(extra=[[[[[[[[[[[[1]]]]]]]]]]]])), "nests too deeply"),
        (_document(_entry(task_id="../../etc/passwd")), "not a task ID"),
        (_document(_entry(task_id="x" * 129)), "at most 128"),
        (_document(_entry(task_id=7)), "must be text"),
        (_document(_entry(provider="evil")), "unknown provider"),
        (_document(_entry(state="exploded")), "does not know"),
        (_document(_entry(progress="half")), "must be a number"),
        (_document(_entry(progress=True)), "must be a number"),
        (_document(_entry(progress=7)), "between 0 and 1"),
        (
            b'{"format": "tunewatch-task-list", "version": 1, "tasks": [{"provider": "sunor", '
            b'"task_id": "a", "state": "running", "progress": NaN}]}',
            "not valid JSON",
        ),
        (_document(_entry(lyrics=None, clips=[{"lyrics": "la" * 60_000}])), "at most 100000"),
        (_document(_entry(provider_status="x" * 5_000)), "at most 2000"),
        (_document(_entry(clips=[{"audio_url": "file:///etc/passwd"}])), "http(s) link"),
        (_document(_entry(clips=["song"])), "not an object"),
        (_document(_entry(history=[{"at": 1e300, "state": "running"}])), "plausible time"),
        (_document(_entry(history=[{"state": "running"}])), "needs 'at'"),
        (_document(_entry(added_at="yesterday")), "ISO-8601"),
        (_document(_entry(credits_refunded="yes")), "true, false or null"),
        (_document("task-1"), "not an object"),
    ],
)
def test_a_bad_file_is_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(TaskListFileError) as refused:
        read_document(data, PROVIDER_IDS, now=NOW)
    assert reason in str(refused.value)


def test_a_huge_file_is_refused_before_it_is_parsed() -> None:
    with pytest.raises(TaskListFileError, match="at most 67 MB"):
        read_document(b" " * (MAX_FILE_BYTES + 1), PROVIDER_IDS)


# --- the terminal ---------------------------------------------------------------------------


def test_cli_list_json_on_one_machine_imports_on_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    machine_a, machine_b = tmp_path / "a", tmp_path / "b"
    _ledger(machine_a / "data", _finished("common"), _running("a-only")).close()
    _ledger(machine_b / "data", _running("common"), _running("b-only")).close()

    monkeypatch.setenv("TUNEWATCH_HOME", str(machine_a))
    assert cli.main(["list", "--json"]) == 0
    exported = tmp_path / "tasks.json"
    exported.write_text(capsys.readouterr().out, encoding="utf-8")

    monkeypatch.setenv("TUNEWATCH_HOME", str(machine_b))
    assert cli.main(["import", str(exported)]) == 0
    assert "1 added, 1 merged, 0 skipped" in capsys.readouterr().out
    assert cli.main(["import", str(exported)]) == 0
    assert "0 added, 0 merged, 2 skipped" in capsys.readouterr().out
    ledger = Ledger(machine_b / "data" / "tasks.sqlite3")
    try:
        states = {t.task_id: t.state for t in ledger.all()}
    finally:
        ledger.close()
    assert states == {
        "common": TaskState.SUCCEEDED,
        "a-only": TaskState.RUNNING,
        "b-only": TaskState.RUNNING,
    }


def test_cli_refuses_a_hostile_file_and_leaves_the_list_untouched(
    tmp_path: Path, _isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger_path = _isolated_home / "data" / "tasks.sqlite3"
    _ledger(ledger_path.parent, _running("mine")).close()
    before = ledger_path.read_bytes()
    hostile = tmp_path / "hostile.json"
    hostile.write_bytes(_document(_entry(task_id="fine"), _entry(task_id="bad id; rm -rf")))
    assert cli.main(["import", str(hostile)]) == 2
    err = capsys.readouterr().err
    assert "was not imported" in err and "Task 2 in the file" in err
    ledger = Ledger(ledger_path)
    try:
        assert [t.task_id for t in ledger.all()] == ["mine"]
    finally:
        ledger.close()
    assert ledger_path.read_bytes() == before


def test_cli_import_of_a_missing_file_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["import", "/nonexistent/tasks.json"]) == 2
    assert "cannot read /nonexistent/tasks.json" in capsys.readouterr().err


def test_task_error_and_times_survive_the_file() -> None:
    failed = _running().with_changes(
        snapshot=TaskSnapshot(
            "sunor",
            "task-1",
            TaskState.FAILED,
            "failure",
            error=TaskError("Content policy", code="400", trace_id="tr-1"),
            credits_refunded=True,
        ),
        watch=Watch.DONE,
    )
    (back,) = read_document(export_document([failed]), PROVIDER_IDS, now=NOW)
    assert back.snapshot == failed.snapshot
