"""Files are written to a temporary name beside the target, then renamed into place: a crash
never leaves a half-written file under the final name."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from gui.storage.part_lock import PartLock


def write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    lock = PartLock(Path(temp_name))  # a killed write leaves an unheld part: cleaned up later
    try:
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
