"""Clean up what a killed download leaves behind: hidden `.part` files beside the final
names (download.py and storage/atomic.py write those, then rename). One that no live process
holds (gui/storage/part_lock.py) can never be completed, so it is deleted — on the next export
into that folder and, for the library, when the app starts."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from gui.storage.part_lock import is_held

log = logging.getLogger(__name__)


def is_part_name(name: str) -> bool:
    """The names our temporary files get: hidden, ending in ".part"."""
    return name.startswith(".") and name.endswith(".part") and len(name) > len("..part")


def remove_stale_parts(folder: Path) -> list[Path]:
    """Delete the unheld `.part` files directly in `folder`; returns what was removed."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return removed
    for entry in entries:
        if not is_part_name(entry.name) or not entry.is_file(follow_symlinks=False):
            continue
        path = Path(entry.path)
        if is_held(path):
            continue  # still being written by this or another Tunewatch
        try:
            path.unlink()
        except FileNotFoundError:
            continue  # its writer finished or discarded it just now
        except OSError as error:
            log.warning("could not remove a leftover partial file %s: %s", path.name, error)
            continue
        removed.append(path)
    if removed:
        log.info("removed %d leftover partial file(s) in %s", len(removed), folder)
    return removed


def remove_stale_parts_in_library(root: Path) -> list[Path]:
    """The library is root/<provider>/<task id>/: clean every task folder (a start-up job,
    run off the event loop — a big library has a folder per task)."""
    removed = remove_stale_parts(root)
    for provider in _subfolders(root):
        for task in _subfolders(provider):
            removed += remove_stale_parts(task)
    return removed


def _subfolders(folder: Path) -> list[Path]:
    try:
        return [Path(e.path) for e in os.scandir(folder) if e.is_dir(follow_symlinks=False)]
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return []
