"""Ctrl-C (SIGINT) or SIGTERM in the terminal closes the window the normal way.

A Python signal handler only runs when Python code does, and an idle Qt event loop runs none, so
Ctrl-C went unanswered until a mouse move, then ended in a KeyboardInterrupt traceback
(asyncio.Runner cancels the main coroutine). Here the C-level handler writes the signal number to
a socket (signal.set_wakeup_fd), a QSocketNotifier wakes the Qt loop, and the window is closed:
its closeEvent sets `closed`, which the main coroutine awaits before its orderly shutdown.
"""

from __future__ import annotations

import signal
import socket
import threading
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QSocketNotifier

HANDLED = (signal.SIGINT, signal.SIGTERM)


def close_on_interrupt(close: Callable[[], object]) -> Callable[[], None]:
    """Route SIGINT and SIGTERM to `close`; returns what puts the previous handlers back."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None  # signal handlers can only be set from the main thread
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    previous = {number: signal.getsignal(number) for number in HANDLED}

    def noted(_number: int, _frame: FrameType | None) -> None:
        """The work is done by the notifier: it runs on the Qt loop, not inside a handler."""

    for number in HANDLED:
        signal.signal(number, noted)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)

    def woken() -> None:
        try:
            received = reader.recv(64)
        except BlockingIOError:
            return
        if any(number in received for number in HANDLED):
            close()

    notifier.activated.connect(woken)

    def restore() -> None:
        notifier.setEnabled(False)
        signal.set_wakeup_fd(previous_fd)
        for number, handler in previous.items():
            signal.signal(number, handler)
        reader.close()
        writer.close()

    return restore
