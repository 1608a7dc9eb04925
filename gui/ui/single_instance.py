"""One Tunewatch per profile: a second launch hands its task IDs to the running window (like
Transmission) over a local socket, then exits."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

CONNECT_TIMEOUT_MS = 500


def server_name(profile_dir: Path) -> str:
    digest = hashlib.sha256(str(profile_dir.resolve()).encode()).hexdigest()[:16]
    return f"tunewatch-{digest}"


def hand_over(name: str, message: dict[str, object]) -> bool:
    """True when a running instance took the message (this process should then exit)."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(json.dumps(message).encode() + b"\n")
    socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later launches; calls `on_message` with each decoded message."""

    def __init__(self, name: str, on_message: Callable[[dict[str, object]], None]) -> None:
        super().__init__()
        self._on_message = on_message
        self._server = QLocalServer(self)
        QLocalServer.removeServer(name)  # a stale socket left by a crash would block listening
        self._server.listen(name)
        self._server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            line = bytes(socket.readLine().data())
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if isinstance(message, dict):
                self._on_message(message)

    def close(self) -> None:
        self._server.close()
