"""File → Export task list… on one profile and File → Import task list… on another, through the
real window, its menus and its file dialogs; a hostile file is refused and changes nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui.domain.model import TaskSnapshot
from gui.domain.states import TaskState
from gui.domain.tracked_task import HistoryEntry, TrackedTask, Watch
from gui.fake_provider import DEFAULT_KEYS, Phase, TaskScript
from gui.storage.ledger import Ledger
from gui.storage.paths import app_paths
from gui.storage.task_list_file import export_document
from gui.ui.task_list_transfer import TaskListTransfer
from tests.ui_helpers import OFFSCREEN_NOISE, Windows, WindowUnderTest, windows_fixture

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[Windows]:
    yield from windows_fixture(qtbot, qt_loop)


def _transfer(shown: WindowUnderTest) -> TaskListTransfer:
    found = shown.window.findChild(TaskListTransfer)
    assert found is not None
    return found


def _file_menu_texts(shown: WindowUnderTest) -> list[str]:
    return [a.text() for a in shown.window.file_menu.actions()]


def _choose_in_dialog(shown: WindowUnderTest, path: Path) -> None:
    """What a user does in the file dialog the action opened: pick a name, press Save/Open."""
    dialogs = [d for d in shown.window.findChildren(QFileDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialogs[0].selectFile(str(path))
    dialogs[0].accept()


def _report(shown: WindowUnderTest) -> str:
    transfer = _transfer(shown)
    shown.qtbot.waitUntil(lambda: transfer.report_box is not None)
    assert transfer.report_box is not None
    return transfer.report_box.text()


def test_export_on_one_profile_and_import_on_another_merges_and_reports(
    windows: Windows, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for task_id in ("song-a", "song-b"):
        windows.server.add_task("sunor", task_id, TaskScript([Phase("succeeded")]))
    windows.server.add_task("crun", "song-c", TaskScript([Phase("running")]))
    first = windows.open()
    texts = _file_menu_texts(first)
    at = texts.index("Export task list…")
    assert texts[at : at + 3] == [
        "Export task list…",
        "Export selected tasks…",
        "Import task list…",
    ]
    assert texts[-1] == "Quit"
    for task_id in ("song-a", "song-b"):
        first.controller.add_from_text(task_id, "sunor")
        first.wait_for_state(task_id, "Finished")
    first.controller.add_from_text("song-c", "crun")

    exported = tmp_path / "moving.json"
    _transfer(first).export_all_action.trigger()
    _choose_in_dialog(first, exported)
    assert "Exported 3 task(s)" in _report(first)
    data = exported.read_bytes()
    for key in DEFAULT_KEYS.values():
        assert key.encode() not in data
    assert json.loads(data)["format"] == "tunewatch-task-list"

    # Another machine: its own profile, already tracking song-b (not finished there yet).
    monkeypatch.setenv("TUNEWATCH_HOME", str(tmp_path / "other-machine"))
    windows.server.add_task("sunor", "mine", TaskScript([Phase("running")]))
    second = windows.open()
    second.controller.add_from_text("mine", "sunor")
    _transfer(second).import_action.trigger()
    _choose_in_dialog(second, exported)
    report = _report(second)
    assert "3 added, 0 merged" in report, report
    second.qtbot.waitUntil(lambda: second.row("song-a") is not None)
    assert second.task("song-a").state is TaskState.SUCCEEDED
    assert second.task("song-a").snapshot is not None
    assert second.row("mine") is not None
    titles = {c.title for c in second.task("song-a").snapshot.clips}  # type: ignore[union-attr]
    assert titles and None not in titles

    # Again: nothing is duplicated, and the report says so.
    _transfer(second).import_from(exported)
    second.qtbot.waitUntil(lambda: "3 skipped" in _report(second))
    assert sorted(t.task_id for t in second.services.engine.tasks) == [
        "mine",
        "song-a",
        "song-b",
        "song-c",
    ]
    ledger = Ledger(second.services.paths.ledger)
    try:
        assert len(ledger) == 4
    finally:
        ledger.close()


def test_export_selected_writes_only_the_selection(windows: Windows, tmp_path: Path) -> None:
    for task_id in ("keep-1", "keep-2", "other"):
        windows.server.add_task("sunor", task_id, TaskScript([Phase("running")]))
    shown = windows.open()
    for task_id in ("keep-1", "keep-2", "other"):
        shown.controller.add_from_text(task_id, "sunor")
    shown.select("keep-1")
    transfer = _transfer(shown)
    shown.window.file_menu.aboutToShow.emit()
    assert transfer.export_selected_action.isEnabled()
    transfer.export_selected_action.trigger()
    path = tmp_path / "selection.json"
    _choose_in_dialog(shown, path)
    assert "Exported 1 task(s)" in _report(shown)
    assert [t["task_id"] for t in json.loads(path.read_text())["tasks"]] == ["keep-1"]


def test_a_hostile_file_is_refused_with_a_reason_and_changes_nothing(
    windows: Windows, tmp_path: Path
) -> None:
    windows.server.add_task("sunor", "mine", TaskScript([Phase("running")]))
    shown = windows.open()
    shown.controller.add_from_text("mine", "sunor")
    before = shown.services.engine.tasks
    hostile = tmp_path / "hostile.json"
    entries = [
        {"provider": "sunor", "task_id": "fine", "state": None},
        {"provider": "sunor", "task_id": "x/../../etc", "state": None},
    ]
    hostile.write_text(
        json.dumps({"format": "tunewatch-task-list", "version": 1, "tasks": entries})
    )
    _transfer(shown).import_from(hostile)
    text = _report(shown)
    assert "hostile.json was not imported; your task list is unchanged." in text
    assert "Task 2 in the file" in text and "not a task ID" in text
    box = _transfer(shown).report_box
    assert box is not None and box.icon() is QMessageBox.Icon.Warning
    assert shown.services.engine.tasks == before
    assert shown.row("fine") is None


def test_a_task_that_finished_before_start_is_merged_not_added_twice(
    windows: Windows, tmp_path: Path
) -> None:
    """The engine keeps tasks that had finished before start in the ledger only."""
    done = TrackedTask(
        "sunor",
        "old-song",
        added_at=1_700_000_000.0,
        tracking_since=1_700_000_000.0,
        watch=Watch.DONE,
        snapshot=TaskSnapshot("sunor", "old-song", TaskState.SUCCEEDED, "success"),
        history=(HistoryEntry(1_700_000_050.0, TaskState.SUCCEEDED, "success"),),
    )
    ledger = Ledger(app_paths().ledger)
    try:
        ledger.put_all([done])
    finally:
        ledger.close()
    shown = windows.open()
    assert ("sunor", "old-song") not in {t.key for t in shown.services.engine.tasks}
    elsewhere = done.with_changes(
        history=(HistoryEntry(1_700_000_010.0, TaskState.RUNNING, "running"), *done.history)
    )
    path = tmp_path / "from-elsewhere.json"
    path.write_bytes(export_document([elsewhere]))
    _transfer(shown).import_from(path)
    assert "0 added, 1 merged" in _report(shown)
    merged = shown.services.engine.get(("sunor", "old-song"))
    assert merged is not None
    assert [h.state for h in merged.history] == [TaskState.RUNNING, TaskState.SUCCEEDED]
    assert len(shown.services.ledger) == 1


def test_a_greyed_out_export_says_why(windows: Windows) -> None:
    windows.server.add_task("sunor", "one", TaskScript([Phase("running")]))
    shown = windows.open()
    transfer = _transfer(shown)
    shown.window.file_menu.aboutToShow.emit()
    assert not transfer.export_all_action.isEnabled()
    assert transfer.export_all_action.toolTip() == "There are no tasks to export yet."
    shown.controller.add_from_text("one", "sunor")
    shown.window.table.clearSelection()
    shown.window.file_menu.aboutToShow.emit()
    assert transfer.export_all_action.isEnabled()
    assert transfer.export_all_action.statusTip() == ""
    assert not transfer.export_selected_action.isEnabled()
    assert transfer.export_selected_action.statusTip() == (
        "Select the tasks to export in the list first."
    )
