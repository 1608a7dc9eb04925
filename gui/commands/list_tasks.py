"""`tunewatch list`: the tracked tasks, straight from the ledger."""

from __future__ import annotations

import argparse
import json
from datetime import datetime

from gui.domain.tracked_task import TrackedTask, Watch
from gui.domain.wording import QT_TRANSLATE_NOOP
from gui.i18n import translate
from gui.providers import get_provider
from gui.storage.ledger import Ledger
from gui.storage.paths import app_paths
from gui.storage.task_list_file import task_entry

# English here; translated when printed (--json keeps the `watch` value itself).
_NOT_WATCHED = {
    Watch.PAUSED: QT_TRANSLATE_NOOP("Terminal", "Paused"),
    Watch.GIVEN_UP: QT_TRANSLATE_NOOP("Terminal", "Given up"),
    Watch.NOT_FOUND: QT_TRANSLATE_NOOP("Terminal", "Not found"),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=translate("Cli", "print a JSON array"))


def as_json(task: TrackedTask) -> dict[str, object]:
    """The same entry a task-list file holds, so `list --json > FILE` imports elsewhere."""
    return task_entry(task)


def run(args: argparse.Namespace) -> int:
    path = app_paths().ledger
    tasks: list[TrackedTask] = []
    if path.exists():
        ledger = Ledger(path)
        try:
            tasks = ledger.all()
        finally:
            ledger.close()
    if args.json:
        print(json.dumps([as_json(t) for t in tasks], ensure_ascii=False))
        return 0
    if not tasks:
        print(
            translate(
                "Terminal",
                "No tasks are tracked yet. Add one with `tunewatch watch --provider P TASK_ID`.",
            )
        )
        return 0
    for task in tasks:
        if task.state:
            state = translate("TaskState", task.state.label)
        else:
            state = translate("Terminal", "Not checked yet")
        if task.watch in _NOT_WATCHED:  # say why it is no longer checked
            state = translate("Terminal", _NOT_WATCHED[task.watch])
        added = datetime.fromtimestamp(task.added_at).strftime("%Y-%m-%d %H:%M")
        title = task.title or ""
        print(
            f"{added}  {get_provider(task.provider).name:<17} {task.task_id:<38} {state:<18} {title}"
        )
    return 0
