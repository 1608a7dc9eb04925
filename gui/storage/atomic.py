"""Files are written to a temporary name beside the target, then renamed into place: a crash
never leaves a half-written file under the final name."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from gui.storage.file_modes import share_like_umask
from gui.storage.part_lock import PartLock


def write_atomically(path: Path, data: bytes, *, shared: bool = False) -> None:
    """`shared`: the file gets the mode the umask gives new files (exports), not mkstemp's 0600."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    lock = PartLock(Path(temp_name))  # a killed write leaves an unheld part: cleaned up later
    try:
        if shared:
            share_like_umask(fd)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    finally:
        lock.release()


def sync_file(path: Path) -> None:
    """Put a file changed in place (a part file tagged after its download) on disk."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_part(path: Path, data: bytes, *, shared: bool = False) -> tuple[Path, PartLock]:
    """`data` in a hidden part file beside `path`, not yet synced (see `sync_together`); the
    caller renames it into place, or deletes it, and then releases the lock."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    part = Path(temp_name)
    lock = PartLock(part)
    try:
        if shared:
            share_like_umask(fd)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except BaseException:
        part.unlink(missing_ok=True)
        lock.release()
        raise
    return part, lock


def sync_together(paths: Sequence[Path]) -> None:
    """fsync every file, all at once: the file system commits them to its journal together,
    where one after the other each waits for a commit of its own (~3 ms each on a busy disk)."""
    if len(paths) <= 1:
        for path in paths:
            sync_file(path)
        return
    with ThreadPoolExecutor(max_workers=len(paths), thread_name_prefix="fsync") as pool:
        for done in [pool.submit(sync_file, path) for path in paths]:
            done.result()  # the first failure, if any, is raised here


def sync_folder(folder: Path) -> None:
    """Put the names given in `folder` (renames) on disk: once per export, not per file. Where a
    folder cannot be opened for that (Windows), the file system keeps renames in order itself."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
