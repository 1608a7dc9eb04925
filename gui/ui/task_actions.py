"""Which actions a task offers, as a pure function of its state: the context menu and the
toolbar are built from it, and it is tested without opening a menu."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gui.domain.tracked_task import TrackedTask, Watch
from gui.domain.wording import QT_TRANSLATE_NOOP


class TaskAction(StrEnum):
    # English labels; menus show translate("TaskAction", action.value).
    POLL_NOW = QT_TRANSLATE_NOOP("TaskAction", "Check now")
    PAUSE = QT_TRANSLATE_NOOP("TaskAction", "Pause")
    RESUME = QT_TRANSLATE_NOOP("TaskAction", "Resume")
    RETRY = QT_TRANSLATE_NOOP("TaskAction", "Retry")
    COPY_ID = QT_TRANSLATE_NOOP("TaskAction", "Copy task ID")
    COPY_JSON = QT_TRANSLATE_NOOP("TaskAction", "Copy raw JSON")
    EXPORT = QT_TRANSLATE_NOOP("TaskAction", "Export…")
    REMOVE = QT_TRANSLATE_NOOP("TaskAction", "Remove")


SHORTCUTS = {
    TaskAction.POLL_NOW: "F5",
    TaskAction.REMOVE: "Delete",
    TaskAction.COPY_ID: "Ctrl+Shift+C",
}


@dataclass(frozen=True, slots=True)
class MenuEntry:
    action: TaskAction
    enabled: bool = True


def actions_for(tasks: list[TrackedTask]) -> list[MenuEntry | None]:
    """The menu for the selected tasks; None marks a separator."""
    if not tasks:
        return []
    active = [t for t in tasks if t.watch is Watch.ACTIVE]
    paused = [t for t in tasks if t.watch is Watch.PAUSED]
    stopped = [t for t in tasks if t.watch in (Watch.GIVEN_UP, Watch.NOT_FOUND)]
    finished_with_clips = [
        t for t in tasks if t.is_finished and t.snapshot is not None and t.snapshot.clips
    ]
    entries: list[MenuEntry | None] = []
    if active or paused or stopped:
        entries.append(MenuEntry(TaskAction.POLL_NOW))
    if active:
        entries.append(MenuEntry(TaskAction.PAUSE))
    if paused:
        entries.append(MenuEntry(TaskAction.RESUME))
    if stopped:
        entries.append(MenuEntry(TaskAction.RETRY))
    if entries:
        entries.append(None)
    entries.append(MenuEntry(TaskAction.COPY_ID))
    entries.append(
        MenuEntry(TaskAction.COPY_JSON, enabled=len(tasks) == 1 and tasks[0].snapshot is not None)
    )
    entries.append(MenuEntry(TaskAction.EXPORT, enabled=bool(finished_with_clips)))
    entries.append(None)
    entries.append(MenuEntry(TaskAction.REMOVE))
    return entries
