"""Runs exports and the automatic "keep finished tracks" archive from the window: a progress
bar with Cancel in the status bar, plain-words results, and "Open folder" afterwards."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QProgressBar, QPushButton

from gui.domain.errors import ProviderError
from gui.domain.model import Clip, TaskSnapshot
from gui.domain.tracked_task import TrackedTask
from gui.domain.wording import localize
from gui.i18n import translate
from gui.media.export_folder import starting_folder
from gui.media.export_types import ExportError, ExportOptions, Refresh
from gui.media.exporter import export_snapshot
from gui.media.library import Library
from gui.providers import get_provider
from gui.services import Services
from gui.ui.main_window import MainWindow

log = logging.getLogger(__name__)

Spawn = Callable[..., "asyncio.Task[object]"]


class ExportRunner(QObject):
    saved = Signal(object)  # TaskKey: the library now holds this task's tracks

    def __init__(self, services: Services, window: MainWindow, spawn: Spawn) -> None:
        super().__init__(window)
        self.services = services
        self.window = window
        self.library = Library(services.paths.library)
        self._spawn = spawn
        self._job: asyncio.Task[object] | None = None
        self._saving: set[tuple[str, str]] = set()
        self.last_folder: Path | None = None
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setMaximumWidth(220)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_button = QPushButton(self.tr("Open folder"))
        self.open_button.setObjectName("openExportFolder")
        self.open_button.setVisible(False)
        self.open_button.clicked.connect(self.open_last_folder)
        self.copy_path_button = QPushButton(self.tr("Copy path"))
        self.copy_path_button.setObjectName("copyFolderPath")
        self.copy_path_button.clicked.connect(self._copy_unopened_path)
        self._unopened: Path | None = None  # the folder no file manager could open
        bar = window.statusBar()
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        # Shown with the message they belong to, gone with it (status_message.py).
        window.messages.manage(self.open_button, self.copy_path_button)

    # --- where files are -----------------------------------------------------------------

    def local_copy(self, task: TrackedTask, clip: Clip) -> Path | None:
        return self.library.local_audio(task.provider, task.task_id, clip)

    def open_last_folder(self) -> None:
        if self.last_folder is not None:
            self.open_path(self.last_folder)

    def open_path(self, path: Path) -> bool:
        """Show a folder in the file manager; when none answers, say so and offer its path."""
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            return True
        self._unopened = path
        self.window.messages.show(
            self.tr("Could not open {folder}: no file manager answered.").format(folder=path),
            30_000,
            [self.copy_path_button],
        )
        return False

    def _copy_unopened_path(self) -> None:
        if self._unopened is not None:
            QGuiApplication.clipboard().setText(str(self._unopened))
            self.window.statusBar().showMessage(
                self.tr("Copied {folder}").format(folder=self._unopened), 5000
            )

    # --- export --------------------------------------------------------------------------

    def choose_folder_and_export(self, tasks: list[TrackedTask], clip: Clip | None = None) -> None:
        """Ask for a folder without a modal loop (it would stall asyncio), then export."""
        # A folder that exists: otherwise Qt opens the working folder with Choose disabled.
        start = str(starting_folder(self.services.settings.download_folder))
        dialog = QFileDialog(self.window, self.tr("Export to folder"), start)
        dialog.setDirectory(start)
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(lambda folder: self.export(tasks, Path(folder), clip))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def export(self, tasks: list[TrackedTask], folder: Path, clip: Clip | None = None) -> None:
        if self._job is not None and not self._job.done():
            self.window.statusBar().showMessage(self.tr("An export is already running."), 5000)
            return
        self._job = self._spawn(self._export(tasks, folder, clip))

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()

    async def _export(self, tasks: list[TrackedTask], folder: Path, clip: Clip | None) -> None:
        settings = self.services.settings
        options = ExportOptions(
            dest=folder,
            template=settings.filename_template,
            artist=settings.artist,
            album=settings.album,
        )
        self._show_progress(True)
        written = 0
        problems: list[str] = []
        try:
            for task in tasks:
                if task.snapshot is None or not task.snapshot.clips:
                    # A finished task without files never gets any: no "yet" for it.
                    why = (
                        self.tr("{name}: it has no files to export.")
                        if task.is_finished
                        else self.tr("{name}: nothing to export yet.")
                    )
                    problems.append(why.format(name=task.title or task.task_id))
                    continue
                try:
                    result = await export_snapshot(
                        self.services.client,
                        task.snapshot,
                        options,
                        allow_local=self.services.provider_is_local(task.provider),
                        refresh=self._refresher(task),
                        progress=self._progress,
                        clips=[clip] if clip is not None else None,
                    )
                except (ExportError, ValueError, OSError) as error:
                    reason = localize(str(getattr(error, "message", error)), translate)
                    problems.append(
                        self.tr("{name}: {reason}").format(
                            name=task.title or task.task_id, reason=reason
                        )
                    )
                    continue
                written += len(result.files)
                problems.extend(localize(w, translate) for w in result.all_warnings[:3])
        except asyncio.CancelledError:
            self.window.statusBar().showMessage(
                self.tr("Export cancelled; no half-written file was left."), 8000
            )
            raise
        finally:
            self._show_progress(False)
        self.last_folder = folder
        if written == 1:
            summary = self.tr("Exported 1 file to {folder}.").format(folder=folder)
        else:
            summary = self.tr("Exported {count} files to {folder}.").format(
                count=written, folder=folder
            )
        if not written and problems:
            summary = self.tr("Nothing was exported.")  # not "Exported 0 files to …"
        if problems:
            summary += " " + " ".join(problems[:2])
        self.window.messages.show(summary, 15_000, [self.open_button] if written else [])

    def _progress(self, _clip: Clip, done: int, total: int | None) -> None:
        if total:
            self.progress.setRange(0, 1000)
            self.progress.setValue(round(done / total * 1000))
        else:
            self.progress.setRange(0, 0)  # busy indicator when the size is unknown

    def _show_progress(self, visible: bool) -> None:
        self.progress.setVisible(visible)
        self.cancel_button.setVisible(visible)
        if visible:
            self.open_button.setVisible(False)
            self.progress.setRange(0, 0)

    def _refresher(self, task: TrackedTask) -> Refresh:
        """Re-poll the task for fresh links when a media link has expired."""

        async def refresh() -> TaskSnapshot:
            provider = get_provider(task.provider)
            key = await self.services.key_for(provider.account)
            if not key:
                raise ExportError(
                    self.tr("The link expired and no API key is available to get a fresh one.")
                )
            try:
                # Through the engine: the account's budget and any Retry-After hold it too.
                result = await self.services.engine.check_once(task.provider, task.task_id, key)
            except ProviderError as error:
                raise ExportError(
                    self.tr(
                        "The link expired and a fresh one could not be fetched: {reason}"
                    ).format(reason=localize(error.message, translate))
                ) from error
            return result.snapshot

        return refresh

    # --- the archive ---------------------------------------------------------------------

    def keep(self, task: TrackedTask) -> None:
        """Save a finished task's tracks into the library (once; quietly unless it fails)."""
        if task.key in self._saving or task.snapshot is None:
            return
        self._saving.add(task.key)
        self._spawn(self._keep(task))

    async def _keep(self, task: TrackedTask) -> None:
        assert task.snapshot is not None
        try:
            await self.library.save(
                self.services.client,
                task.snapshot,
                allow_local=self.services.provider_is_local(task.provider),
                refresh=self._refresher(task),
                artist=self.services.settings.artist,
                album=self.services.settings.album,
            )
        except (ExportError, OSError) as error:
            message = localize(str(getattr(error, "message", error)), translate)
            self.window.statusBar().showMessage(
                self.tr("Could not keep “{name}” locally: {reason}").format(
                    name=task.title or task.task_id, reason=message
                ),
                15_000,
            )
        finally:
            self._saving.discard(task.key)
        self.saved.emit(task.key)
