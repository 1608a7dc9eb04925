"""Files only this user may read: the task list holds task IDs, titles, lyrics and the raw
answers of providers, so its folder is 0700 and the database with its -wal and -shm 0600,
whatever the umask (another local user has no business reading them)."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def private_folder(path: Path) -> Path:
    """Create `path` (and parents) with mode 0700; tighten it when it exists and is ours."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    _tighten(path, 0o700)
    return path


def private_file(path: Path) -> Path:
    """Create `path` empty with mode 0600 unless it exists; tighten it when it is ours."""
    private_folder(path.parent)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    _tighten(path, 0o600)
    return path


def tighten_sqlite_side_files(database: Path) -> None:
    """SQLite makes its -wal and -shm with the database's mode; say so explicitly anyway."""
    for suffix in SQLITE_SIDE_FILES:
        side = database.with_name(database.name + suffix)
        with contextlib.suppress(FileNotFoundError):
            _tighten(side, 0o600)


def _tighten(path: Path, mode: int) -> None:
    info = path.stat()
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return  # not ours to change (a shared TUNEWATCH_HOME set up by an administrator)
    if stat.S_IMODE(info.st_mode) & ~mode:
        path.chmod(mode)
