"""File → Export task list… / Export selected tasks… / Import task list…: the window's side of
gui/storage/task_list_file.py. File dialogs open without a modal loop (stack.md); reading and
writing run off the event loop; the report is one non-modal message box."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui.domain.tracked_task import TrackedTask
from gui.domain.wording import localize
from gui.i18n import translate
from gui.services import Services
from gui.storage.atomic import write_atomically
from gui.storage.key_rules import ACCOUNTS
from gui.storage.task_list_file import (
    ImportPlan,
    TaskListFileError,
    export_document,
    read_capped,
)
from gui.ui.main_window import MainWindow

log = logging.getLogger(__name__)

Spawn = Callable[[Coroutine[Any, Any, Any]], "asyncio.Task[Any]"]
FILE_FILTER = "Tunewatch task list (*.json);;All files (*)"


class TaskListTransfer(QObject):
    finished = Signal(str)  # the report shown, for whoever waits on it (tests)

    def __init__(self, services: Services, window: MainWindow, spawn: Spawn) -> None:
        super().__init__(window)
        self.services = services
        self.window = window
        self._spawn = spawn
        self.report_box: QMessageBox | None = None
        self.export_all_action = QAction(self.tr("Export task list…"), window)
        self.export_all_action.setObjectName("exportTaskListAction")
        self.export_all_action.triggered.connect(lambda: self.choose_file_and_export(False))
        self.export_selected_action = QAction(self.tr("Export selected tasks…"), window)
        self.export_selected_action.setObjectName("exportSelectedTasksAction")
        self.export_selected_action.triggered.connect(lambda: self.choose_file_and_export(True))
        self.import_action = QAction(self.tr("Import task list…"), window)
        self.import_action.setObjectName("importTaskListAction")
        self.import_action.triggered.connect(self.choose_file_and_import)
        menu = window.file_menu
        before = window.file_menu_quit_separator
        menu.insertSeparator(before)
        for action in (self.export_all_action, self.export_selected_action, self.import_action):
            menu.insertAction(before, action)
        menu.setToolTipsVisible(True)  # a greyed-out export says why when pointed at
        menu.aboutToShow.connect(self._update_enabled)

    def _update_enabled(self) -> None:
        # The demo's tasks live on a fake server inside this app: a file of them would only
        # add tasks no real provider knows to whichever list imports it.
        demo = self.tr(
            "The demo's tasks are not yours to export; go back to your tasks first."
        )
        nothing = self.tr("There are no tasks to export yet.")
        unselected = self.tr("Select the tasks to export in the list first.")
        if self.services.is_demo:
            all_reason: str | None = demo
            selected_reason: str | None = demo
        else:
            all_reason = None if self.services.engine.tasks else nothing
            selected_reason = None if self.window.selected_tasks() else unselected
        _explain(self.export_all_action, all_reason)
        _explain(self.export_selected_action, selected_reason)

    # --- export ---------------------------------------------------------------------------

    def choose_file_and_export(self, selected_only: bool) -> None:
        if self.services.is_demo:  # the actions are only greyed out once the menu was shown
            return
        tasks = self.window.selected_tasks() if selected_only else self.services.engine.tasks
        if not tasks:
            self.window.statusBar().showMessage(self.tr("There are no tasks to export."), 5000)
            return
        start = str(Path.home() / "tunewatch-tasks.json")
        dialog = QFileDialog(self.window, self.tr("Export task list"), start, FILE_FILTER)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("json")
        dialog.fileSelected.connect(lambda name: self.export_to(Path(name), tasks))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def export_to(self, path: Path, tasks: list[TrackedTask]) -> asyncio.Task[Any]:
        return self._spawn(self._export(path, list(tasks)))

    async def _export(self, path: Path, tasks: list[TrackedTask]) -> None:
        keys = []
        for account in ACCOUNTS:
            try:
                keys.append(await self.services.key_for(account))
            except Exception:  # a locked keyring: its keys cannot be in the tasks either
                continue
        data = export_document(tasks, [k for k in keys if k])
        try:
            await asyncio.to_thread(write_atomically, path, data)
        except OSError as error:
            self._report(
                self.tr("The task list could not be written to {path}: {reason}").format(
                    path=path, reason=error.strerror or error
                ),
                error=True,
            )
            return
        self._report(
            self.tr("Exported {count} task(s) to {path}.").format(count=len(tasks), path=path)
        )

    # --- import ---------------------------------------------------------------------------

    def choose_file_and_import(self) -> None:
        dialog = QFileDialog(
            self.window, self.tr("Import task list"), str(Path.home()), FILE_FILTER
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda name: self.import_from(Path(name)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def import_from(self, path: Path) -> asyncio.Task[Any]:
        return self._spawn(self._import(path))

    async def _import(self, path: Path) -> None:
        try:
            data = await asyncio.to_thread(read_capped, path)
            plan = self.services.plan_import(data)
        except OSError as error:
            self._report(
                self.tr("{path} could not be read: {reason}").format(
                    path=path, reason=error.strerror or error
                ),
                error=True,
            )
            return
        except TaskListFileError as error:
            self._report(
                self.tr("{path} was not imported; your task list is unchanged.\n\n{reason}").format(
                    path=path.name, reason=localize(str(error), translate)
                ),
                error=True,
            )
            return
        self.services.apply_import(plan)
        log.info(
            "imported %s: %d added, %d merged, %d skipped",
            path.name,
            len(plan.added),
            len(plan.merged),
            len(plan.skipped),
        )
        self._report(self.import_summary(plan, path))

    def import_summary(self, plan: ImportPlan, path: Path) -> str:
        return self.tr(
            "Imported {name}: {added} added, {merged} merged with tasks already here, "
            "{skipped} skipped (nothing new)."
        ).format(
            name=path.name,
            added=len(plan.added),
            merged=len(plan.merged),
            skipped=len(plan.skipped),
        )

    # --- reporting ------------------------------------------------------------------------

    def _report(self, text: str, error: bool = False) -> None:
        self.window.statusBar().showMessage(text.split("\n")[0], 10_000)
        if self.report_box is not None:
            self.report_box.done(0)  # one report at a time
        box = QMessageBox(
            QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information,
            self.tr("Task list"),
            text,
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setObjectName("taskListReport")
        box.finished.connect(lambda _result: self._report_closed(box))
        box.open()  # window-modal without a nested event loop
        self.report_box = box
        self.finished.emit(text)

    def _report_closed(self, box: QMessageBox) -> None:
        if self.report_box is box:
            self.report_box = None
        box.deleteLater()


def _explain(action: QAction, reason: str | None) -> None:
    """Enabled with no tip, or greyed out with the reason as its tooltip and status tip."""
    action.setEnabled(reason is None)
    action.setToolTip(reason or "")
    action.setStatusTip(reason or "")
