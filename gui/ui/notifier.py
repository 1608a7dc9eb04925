"""Desktop integration: a tray icon with counts, and a notification when a task finishes or
fails (distinct icons), which shows the task when clicked. Off when the user says so."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from gui.domain.events import EngineEvent, TaskUpdated
from gui.domain.states import TaskState
from gui.domain.tracked_task import TaskKey, TrackedTask
from gui.domain.wording import localize
from gui.i18n import translate
from gui.providers import get_provider
from gui.ui.app_icon import app_icon
from gui.ui.status_line import count_words
from gui.ui.task_groups import StateGroup


@dataclass(frozen=True, slots=True)
class Notification:
    title: str
    body: str
    failed: bool


def notification_for(task: TrackedTask) -> Notification | None:
    """What to tell the user about a task that just ended (None: nothing to say)."""
    snapshot = task.snapshot
    if snapshot is None or not snapshot.state.is_terminal:
        return None
    name = task.title or task.task_id
    provider = get_provider(task.provider).name
    if snapshot.state is TaskState.SUCCEEDED:
        count = len(snapshot.clips)
        if count == 0:
            body = translate("Notifier", "{provider} · no files ready").format(provider=provider)
        elif count == 1:
            body = translate("Notifier", "{provider} · 1 result ready").format(provider=provider)
        else:
            body = translate("Notifier", "{provider} · {count} results ready").format(
                provider=provider, count=count
            )
        title = translate("Notifier", "Finished: {name}").format(name=name)
        return Notification(title, body, failed=False)
    state = translate("TaskState", snapshot.state.label)
    reason = localize(snapshot.error.message, translate) if snapshot.error else state
    return Notification(
        translate("Notifier", "{state}: {name}").format(state=state, name=name),
        translate("Notifier", "{provider} · {reason}").format(provider=provider, reason=reason),
        failed=True,
    )


class Notifier(QObject):
    show_task_requested = Signal(object)  # TaskKey
    show_window_requested = Signal()
    quit_requested = Signal()

    def __init__(self, parent: QWidget, enabled: bool = True) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self.sent: list[Notification] = []  # what was shown, newest last (tests read it)
        self._last_key: TaskKey | None = None
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(app_icon(), self)
            menu = QMenu(parent)
            menu.addAction(self.tr("Show Tunewatch"), self.show_window_requested.emit)
            menu.addSeparator()
            menu.addAction(self.tr("Quit"), self.quit_requested.emit)
            self.tray.setContextMenu(menu)
            self.tray.activated.connect(lambda _reason: self.show_window_requested.emit())
            self.tray.messageClicked.connect(self._clicked)
            self.tray.show()

    def on_engine_event(self, event: EngineEvent) -> None:
        if not (isinstance(event, TaskUpdated) and event.state_changed and self.enabled):
            return
        note = notification_for(event.task)
        if note is None:
            return
        self.sent.append(note)
        self._last_key = event.task.key
        if self.tray is not None and QSystemTrayIcon.supportsMessages():
            icon = (
                QSystemTrayIcon.MessageIcon.Critical
                if note.failed
                else QSystemTrayIcon.MessageIcon.Information
            )
            # Notification servers read markup: provider text must arrive as text.
            self.tray.showMessage(html.escape(note.title), html.escape(note.body), icon, 8000)

    def update_counts(self, counts: dict[StateGroup, int]) -> None:
        if self.tray is not None:
            self.tray.setToolTip(self.tr("Tunewatch — {counts}").format(counts=count_words(counts)))

    def _clicked(self) -> None:
        if self._last_key is not None:
            self.show_task_requested.emit(self._last_key)
