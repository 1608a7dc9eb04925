"""`tunewatch import FILE`: bring in a task list exported by the window or `tunewatch list --json`,
merged into the ledger without duplicates. A refused file leaves the task list untouched."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gui.commands import exit_codes
from gui.commands.render import localized
from gui.i18n import translate
from gui.providers import PROVIDER_IDS
from gui.storage.ledger import Ledger
from gui.storage.paths import app_paths
from gui.storage.task_list_file import (
    MAX_FILE_BYTES,
    TaskListFileError,
    plan_import,
    read_capped,
    read_document,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        metavar="FILE",
        help=translate(
            "Cli", "a task list (File → Export task list…, or list --json); - reads stdin"
        ),
    )


def read_file_capped(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    return read_capped(Path(path))


def run(args: argparse.Namespace) -> int:
    try:
        tasks = read_document(read_file_capped(args.file), PROVIDER_IDS)
    except OSError as error:
        reason = error.strerror or error
        said = translate("Terminal", "cannot read {path}: {reason}").format(
            path=args.file, reason=reason
        )
        print(f"tunewatch: {said}", file=sys.stderr)
        return exit_codes.USAGE
    except TaskListFileError as error:
        said = translate("Terminal", "{path} was not imported: {reason}").format(
            path=args.file, reason=localized(str(error))
        )
        print(f"tunewatch: {said}", file=sys.stderr)
        return exit_codes.USAGE
    ledger = Ledger(app_paths().ledger)
    try:
        known = {task.key: ledger.get(task.key) for task in tasks}
        plan = plan_import({key: task for key, task in known.items() if task}, tasks)
        ledger.put_all([*plan.added, *plan.merged])
    finally:
        ledger.close()
    print(
        translate("Terminal", "Imported {path}: {summary}.").format(
            path=args.file, summary=localized(plan.summary())
        )
    )
    return exit_codes.SUCCEEDED
