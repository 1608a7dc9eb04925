"""Permissions of files meant to be shared (exported music): what the user's umask allows.

Temporary files from `tempfile.mkstemp` are created 0600 whatever the umask; exported tracks are
renamed into place from such files, so they are given the mode a plain `open()` would have given
them (0666 minus the umask: 0644 under the usual 022) before the rename."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

_umask_lock = threading.Lock()


def current_umask() -> int:
    """The process's umask, read without changing it where the OS allows (Linux /proc)."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii", errors="replace")
    except OSError:
        status = ""
    found = re.search(r"^Umask:\s*([0-7]+)$", status, re.MULTILINE)
    if found:
        return int(found.group(1), 8)
    with _umask_lock:  # elsewhere: set and restore at once (other threads are not writing files)
        mask = os.umask(0o077)
        os.umask(mask)
    return mask


def shared_file_mode() -> int:
    return 0o666 & ~current_umask()


def share_like_umask(fd_or_path: int | Path) -> None:
    """Give a (temporary) file the mode the umask gives new files."""
    if isinstance(fd_or_path, int):
        os.fchmod(fd_or_path, shared_file_mode())
    else:
        os.chmod(fd_or_path, shared_file_mode())
