"""Sending a file being downloaded to the disk while the download goes on.

A download is synced to disk (fsync) before it gets its final name, so that a power cut never
leaves a file under that name whose bytes never reached the disk. Done once at the end, that
sync waits for the whole file (~3 ms for a 3 MB song on the benchmark machine), on the event
loop. Started in a thread every MiB while the bytes still arrive, most of the writing overlaps
the network, and the final fsync only waits for the tail. The final fsync is still made: this
only moves work earlier, it promises nothing less.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from typing import IO

FLUSH_EVERY = 1024 * 1024


class FlushBehind:
    """Call `wrote` after each write to `handle`; `await settle()` before the final fsync."""

    def __init__(self, handle: IO[bytes], every: int = FLUSH_EVERY) -> None:
        self._handle = handle
        self._every = every
        self._unflushed = 0
        self._running: asyncio.Future[None] | None = None

    def wrote(self, count: int) -> None:
        self._unflushed += count
        if self._unflushed < self._every or (self._running and not self._running.done()):
            return  # one sync at a time: the next one picks up whatever came meanwhile
        self._unflushed = 0
        self._handle.flush()  # from Python's buffer to the kernel, which the thread then syncs
        # The thread syncs its own duplicate, which it closes itself: the download may close
        # (or fail and delete) its file at any moment without waiting for it.
        duplicate = os.dup(self._handle.fileno())
        self._running = asyncio.ensure_future(asyncio.to_thread(_sync_and_close, duplicate))
        self._running.add_done_callback(_consume_error)

    async def settle(self) -> None:
        """Wait for the sync in flight, if any (its error, if any, the final fsync reports)."""
        if self._running is not None:
            with contextlib.suppress(OSError):
                await asyncio.shield(self._running)


def _sync_and_close(fd: int) -> None:
    try:
        if hasattr(os, "fdatasync"):  # the data, and the size: all a later fsync still needs
            os.fdatasync(fd)
        else:
            os.fsync(fd)
    finally:
        os.close(fd)


def _consume_error(future: asyncio.Future[None]) -> None:
    if not future.cancelled():
        future.exception()  # seen here; the final fsync of the same file raises it for real
