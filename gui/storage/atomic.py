"""Files are written to a temporary name beside the target, then renamed into place: a crash
never leaves a half-written file under the final name."""

from __future__ import annotations

import os
import tempfile
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
