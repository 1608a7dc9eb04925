"""An unexpected exception — in a Qt slot, an asyncio task or callback, or one our code logs as an
error — is reported in ONE non-modal dialog with the details to copy and the log's path. More
errors while it is open are added to it, never stacked as new dialogs. Nothing is stopped: the
ledger writes each change in its own transaction, so an exception in the window cannot leave it
half-written, and the event loop keeps running.

Hooks: sys.excepthook (PySide6 sends an exception escaping a slot or a virtual there), the
asyncio loop's exception handler (tasks nobody awaited, callbacks, qasync's slots), and a
logging handler for errors logged with a traceback by `gui.*` (the controller's background work,
the engine's followers)."""

from __future__ import annotations

import asyncio
import logging
import platform
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui import __version__
from gui.storage.log_file import current_log_file, secret_filter

log = logging.getLogger(__name__)
MAX_KEPT_REPORTS = 10  # a storm of the same error must not grow the dialog without end

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], Any]


class _ErrorBridge(logging.Handler):
    """Errors our own code logs with a traceback are unexpected too."""

    def __init__(self, reporter: ErrorReporter) -> None:
        super().__init__(logging.ERROR)
        self._reporter = reporter

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith("gui.") or record.name == __name__:
            return
        details = record.exc_text or (
            "".join(traceback.format_exception(*record.exc_info)) if record.exc_info else None
        )
        if details:
            self._reporter.report_text(record.getMessage(), details)


class ErrorReporter(QObject):
    _arrived = Signal(str, str)  # summary, details; queued to the GUI thread when from a worker
    shown = Signal(int)  # how many errors the dialog holds now

    def __init__(self, parent: QWidget, log_file: Callable[[], Path | None] = current_log_file):
        super().__init__(parent)
        self._parent = parent
        self._log_file = log_file
        self.dialog: QDialog | None = None
        self.count = 0
        self._reports: list[str] = []
        self._previous_hook: ExceptHook | None = None
        self._bridge: _ErrorBridge | None = None
        self._arrived.connect(self._show, Qt.ConnectionType.QueuedConnection)

    # --- hooks ----------------------------------------------------------------------------

    def install(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        self._previous_hook = sys.excepthook
        sys.excepthook = self._excepthook
        if loop is not None:
            loop.set_exception_handler(self._loop_exception)
        self._bridge = _ErrorBridge(self)
        logging.getLogger().addHandler(self._bridge)

    def uninstall(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        if sys.excepthook == self._excepthook and self._previous_hook is not None:
            sys.excepthook = self._previous_hook
        if loop is not None and not loop.is_closed():
            loop.set_exception_handler(None)
        if self._bridge is not None:
            logging.getLogger().removeHandler(self._bridge)
            self._bridge = None

    def _excepthook(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        try:
            self.report(error, kind, tb)
        finally:
            previous = self._previous_hook
            # A test harness's hook (pytest-qt) still learns of it; the default one would
            # print an unmasked traceback to the terminal, and the log has it already.
            if previous is not None and previous is not sys.__excepthook__:
                previous(kind, error, tb)

    def _loop_exception(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        error = context.get("exception")
        if isinstance(error, BaseException):
            self.report(error, summary=str(context.get("message") or ""))
        else:
            log.warning("event loop: %s", context.get("message"))

    # --- reporting ------------------------------------------------------------------------

    def report(
        self,
        error: BaseException,
        kind: type[BaseException] | None = None,
        tb: TracebackType | None = None,
        summary: str = "",
    ) -> None:
        details = "".join(
            traceback.format_exception(kind or type(error), error, tb or error.__traceback__)
        )
        # To the file first (masked there by the filter); the bridge skips this logger.
        log.error("unexpected error: %s\n%s", summary or type(error).__name__, details)
        self.report_text(summary or f"{type(error).__name__}: {error}", details)

    def report_text(self, summary: str, details: str) -> None:
        self._arrived.emit(secret_filter.mask(summary), secret_filter.mask(details))

    def _show(self, summary: str, details: str) -> None:
        self.count += 1
        self._reports = [*self._reports, f"{summary}\n{details}"][-MAX_KEPT_REPORTS:]
        dialog = self.dialog or self._build()
        count_label = dialog.findChild(QLabel, "errorCount")
        text = dialog.findChild(QPlainTextEdit, "errorDetails")
        assert count_label is not None and text is not None
        count_label.setText(
            self.tr("This happened {count} times since Tunewatch started.").format(count=self.count)
        )
        count_label.setVisible(self.count > 1)
        text.setPlainText(self.details_text())
        if not dialog.isVisible():
            dialog.show()  # non-modal: the window (and the event loop) carry on
        self.shown.emit(self.count)

    def details_text(self) -> str:
        log_file = self._log_file()
        header = [
            f"Tunewatch {__version__}, Python {platform.python_version()}, {platform.platform()}",
            f"Log: {log_file}" if log_file else "Log: (not written)",
            "",
        ]
        return "\n".join(header) + "\n\n".join(self._reports)

    def _build(self) -> QDialog:
        dialog = QDialog(self._parent)
        dialog.setObjectName("errorDialog")
        dialog.setWindowTitle(self.tr("Tunewatch: unexpected error"))
        dialog.setModal(False)
        layout = QVBoxLayout(dialog)
        heading = QLabel(
            self.tr(
                "Something went wrong inside Tunewatch. Your task list is safe and Tunewatch "
                "keeps running. If it happens again, please send these details (they never "
                "contain your API keys)."
            )
        )
        heading.setWordWrap(True)
        layout.addWidget(heading)
        count = QLabel()
        count.setObjectName("errorCount")
        layout.addWidget(count)
        text = QPlainTextEdit()
        text.setObjectName("errorDetails")
        text.setReadOnly(True)
        text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(text, 1)
        log_file = self._log_file()
        where = QLabel(
            self.tr("The log is in {path}").format(path=log_file)
            if log_file
            else self.tr("No log file could be written.")
        )
        where.setObjectName("errorLogPath")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setWordWrap(True)
        layout.addWidget(where)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton(self.tr("Copy details"))
        copy.setObjectName("copyErrorDetails")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.details_text()))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        if log_file:
            folder = QPushButton(self.tr("Open log folder"))
            folder.clicked.connect(
                lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_file.parent)))
            )
            buttons.addButton(folder, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(dialog.close)
        layout.addWidget(buttons)
        dialog.resize(720, 420)
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        return dialog

    def _closed(self, _result: int) -> None:
        self._reports = []  # a later error starts a fresh report (the count goes on)
