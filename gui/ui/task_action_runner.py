"""Runs what the user picked for the selected tasks (poll, pause, copy, export, remove) and undoes
a removal."""

from __future__ import annotations

import json

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication

from gui.domain.events import EngineEvent, TaskAdded
from gui.domain.model import raw_value
from gui.domain.tracked_task import TrackedTask
from gui.polling.engine import Engine
from gui.ui.export_runner import ExportRunner
from gui.ui.main_window import MainWindow
from gui.ui.task_actions import TaskAction


class TaskActionRunner(QObject):
    def __init__(self, engine: Engine, window: MainWindow, exports: ExportRunner) -> None:
        super().__init__(window)
        self.engine = engine
        self.window = window
        self.exports = exports
        self._removed: list[TrackedTask] = []
        engine.subscribe(self._on_engine_event)

    def _on_engine_event(self, event: EngineEvent) -> None:
        """A removed task added again (pasted, Undo) is no longer Undo's to bring back."""
        if not isinstance(event, TaskAdded) or not self._removed:
            return
        self._removed = [task for task in self._removed if task.key != event.task.key]
        if not self._removed:
            self.window.show_undo(None)

    def run_action(self, action: TaskAction | str, tasks: list[TrackedTask]) -> None:
        if action == "pause_all":
            self.engine.pause_all()
        elif action == "resume_all":
            self.engine.resume_all()
        elif action is TaskAction.POLL_NOW:
            for task in tasks:
                self.engine.poll_now(task.key)
        elif action is TaskAction.PAUSE:
            for task in tasks:
                self.engine.pause(task.key)
        elif action in (TaskAction.RESUME, TaskAction.RETRY):
            for task in tasks:
                self.engine.resume(task.key)
        elif action is TaskAction.COPY_ID:
            QGuiApplication.clipboard().setText("\n".join(t.task_id for t in tasks))
            self.window.statusBar().showMessage(self.tr("Task ID copied."), 3000)
        elif action is TaskAction.COPY_JSON and tasks and tasks[0].snapshot:
            raw = raw_value(tasks[0].snapshot.raw)
            QGuiApplication.clipboard().setText(json.dumps(raw, indent=2, ensure_ascii=False))
            self.window.statusBar().showMessage(
                self.tr("Raw JSON of the last answer copied."), 3000
            )
        elif action is TaskAction.EXPORT:
            self.exports.choose_folder_and_export([t for t in tasks if t.is_finished])
        elif action is TaskAction.REMOVE:
            self.remove(tasks)
        self.window.refresh_detail()

    def remove(self, tasks: list[TrackedTask]) -> None:
        # Where the first removed row was: the row after it moves up into its place.
        rows = [row for task in tasks if (row := self._visible_row(task.key)) is not None]
        removed = [t for t in (self.engine.remove(task.key) for task in tasks) if t is not None]
        if removed:
            self._removed = removed
            self.window.show_undo(self._removed_message(removed))
            if rows:
                self._select_row_near(min(rows))

    def _removed_message(self, removed: list[TrackedTask]) -> str:
        if len(removed) == 1:
            return self.tr("Removed {name}.").format(name=removed[0].name)
        names = ", ".join(task.name for task in removed[:3])
        if len(removed) > 3:
            names = self.tr("{names} and {count} more").format(names=names, count=len(removed) - 3)
        return self.tr("Removed {count} tasks: {names}.").format(count=len(removed), names=names)

    def _visible_row(self, key: tuple[str, str]) -> int | None:
        model, proxy = self.window.model, self.window.proxy
        row = model.row_of(key)
        if row is None:
            return None
        index = proxy.mapFromSource(model.index(row, 0))
        return index.row() if index.isValid() else None

    def _select_row_near(self, row: int) -> None:
        """Select the row now at `row` (the last one if the list got shorter), so the detail
        pane shows the next task instead of going blank."""
        count = self.window.proxy.rowCount()
        if count == 0:
            return
        index = self.window.proxy.index(min(row, count - 1), 0)
        self.window.table.selectRow(index.row())
        self.window.table.scrollTo(index)

    def undo_remove(self) -> None:
        removed, self._removed = self._removed, []  # restoring reports each task as added
        for task in removed:
            self.engine.restore(task)
        if removed:
            self.window.select_task(removed[-1].key)
        self.window.show_undo(None)
        self.window.statusBar().showMessage(self.tr("Restored."), 3000)
