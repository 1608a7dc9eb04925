"""A hidden `.part` file is locked by the process writing it, for as long as it may still be
renamed into place. A lock dies with its process (even under kill -9), so a `.part` that
nobody holds is the leftover of a download or write that was killed: safe to delete."""

from __future__ import annotations

import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: an open file cannot be deleted there anyway
    fcntl = None  # type: ignore[assignment]


class PartLock:
    """Held from when the part file is created until it is renamed or discarded."""

    def __init__(self, path: Path) -> None:
        self._fd: int | None = None
        if fcntl is None:
            return
        try:
            self._fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.release()  # no lock (odd file system): the part is just not protected

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock
            self._fd = None


def is_held(path: Path) -> bool:
    """True while a live process holds `path`'s lock (or it cannot be told: keep it)."""
    if fcntl is None:
        return True
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return False
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # BlockingIOError: a live writer holds it; any other: cannot be told
        return True
    finally:
        os.close(fd)
    return False
