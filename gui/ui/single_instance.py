"""One Tunewatch per profile: a second launch hands its task IDs to the running window (like
Transmission) over a local socket, then exits.

The socket is this user's alone: it lives in the user's runtime folder (XDG_RUNTIME_DIR, or a
0700 folder of ours in the temp folder — never a predictable name in the shared /tmp), and both
ends check that the other end is the same user (SO_PEERCRED) before trusting it. Otherwise
another local user could listen first and every launch would hand its IDs to them and exit.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import stat
import struct
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from gui.i18n import translate
from gui.storage.settings import AUTO_PROVIDER

CONNECT_TIMEOUT_MS = 500
MAX_MESSAGE_BYTES = 64 * 1024  # a hand-over is a few IDs; more without a newline is an attack
_WINDOWS = sys.platform.startswith("win")

Message = dict[str, object]


class InstanceSocketError(Exception):
    """The private folder for the socket cannot be made safe; `message` is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def socket_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where this user's sockets live: the user's runtime folder, else a folder of ours in the
    temp folder (made 0700 and checked by `private_dir` before use)."""
    environ = os.environ if env is None else env
    base = environ.get("XDG_RUNTIME_DIR")
    if base:
        return Path(base) / "tunewatch"
    if sys.platform == "darwin":
        return Path(platformdirs.user_runtime_dir("tunewatch", appauthor=False))
    # No runtime folder (a server, a container): the folder's owner and mode are checked.
    return Path(tempfile.gettempdir()) / f"tunewatch-{os.getuid()}"


def private_dir(path: Path, create: bool = True) -> Path:
    """`path` as a folder only this user can enter; raises InstanceSocketError when another user
    owns it (someone made it first) or it is not a real folder."""
    if create:
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=0o700, parents=True)
    info = path.lstat()
    if not stat.S_ISDIR(info.st_mode):
        raise InstanceSocketError(
            translate(
                "InstanceServer", "{path} is not a folder (a link or a file is in its place)"
            ).format(path=path)
        )
    if info.st_uid != os.getuid():
        raise InstanceSocketError(
            translate("InstanceServer", "{path} belongs to another user").format(path=path)
        )
    if stat.S_IMODE(info.st_mode) & 0o077:
        path.chmod(0o700)
    return path


def server_name(profile_dir: Path, env: Mapping[str, str] | None = None) -> str:
    """The socket of a profile: a full path in the private folder (on Windows, a pipe name
    that UserAccessOption restricts to this user)."""
    digest = hashlib.sha256(str(profile_dir.resolve()).encode()).hexdigest()[:16]
    name = f"tunewatch-{digest}"
    if _WINDOWS:
        return name
    return str(socket_dir(env) / name)


def peer_uid(descriptor: int) -> int | None:
    """The user id at the other end of a Unix socket (None where the OS does not say)."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None or descriptor < 0:
        return None
    with socket.socket(fileno=os.dup(descriptor)) as view:
        creds = view.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
    return int(struct.unpack("3i", creds)[1])


def _same_user(qsocket: QLocalSocket, expected_uid: int | None) -> bool:
    if expected_uid is None:
        return True
    uid = peer_uid(int(qsocket.socketDescriptor()))
    return uid is None or uid == expected_uid


def _own_uid() -> int | None:
    return os.getuid() if hasattr(os, "getuid") else None


def hand_over(name: str, message: Message, expected_uid: int | None = -1) -> bool:
    """True when a running instance of this user took the message (this process should then
    exit). A listener of another user is never told anything."""
    uid = _own_uid() if expected_uid == -1 else expected_uid
    if not _WINDOWS:
        try:
            private_dir(Path(name).parent, create=False)
        except (InstanceSocketError, OSError):
            return False  # no folder of ours: nobody of ours is listening
    qsocket = QLocalSocket()
    qsocket.connectToServer(name)
    if not qsocket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    if not _same_user(qsocket, uid):
        qsocket.abort()
        return False
    qsocket.write(json.dumps(message).encode() + b"\n")
    qsocket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    qsocket.disconnectFromServer()
    return True


def decode_message(line: bytes) -> Message | None:
    """A hand-over line as {"ids": [str, …], "provider": str}; None when it is not one. IDs that
    are not strings (null, 1e999, objects) are dropped: they are no task's ID."""
    try:
        value = json.loads(line, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        return None
    if not isinstance(value, dict):
        return None
    raw_ids = value.get("ids")
    ids = [i for i in raw_ids if isinstance(i, str)] if isinstance(raw_ids, list) else []
    provider = value.get("provider")
    return {"ids": ids, "provider": provider if isinstance(provider, str) else AUTO_PROVIDER}


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


class InstanceServer(QObject):
    """Listens for later launches; calls `on_message` with each decoded message. When it cannot
    listen, `problem` says why in words (the window shows it) instead of failing quietly."""

    def __init__(
        self,
        name: str,
        on_message: Callable[[Message], None],
        expected_uid: int | None = -1,
    ) -> None:
        super().__init__()
        self._on_message = on_message
        self._uid = _own_uid() if expected_uid == -1 else expected_uid
        self._server = QLocalServer(self)
        self._peers: set[QLocalSocket] = set()
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.problem: str | None = None
        try:
            if not _WINDOWS:
                private_dir(Path(name).parent)
        except (InstanceSocketError, OSError) as error:
            self._failed(getattr(error, "message", str(error)))
            return
        QLocalServer.removeServer(name)  # a stale socket left by a crash would block listening
        if not self._server.listen(name):
            self._failed(self._server.errorString())
            return
        self._server.newConnection.connect(self._accept)

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    def _failed(self, why: str) -> None:
        self.problem = QCoreApplication.translate(
            "InstanceServer",
            "Tunewatch could not open its hand-over socket ({why}); another launch will open "
            "a second window instead of adding its tasks here.",
        ).format(why=why)

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            peer = self._server.nextPendingConnection()
            if not _same_user(peer, self._uid):
                peer.abort()
                peer.deleteLater()
                continue
            self._peers.add(peer)
            peer.setReadBufferSize(MAX_MESSAGE_BYTES + 1)
            peer.readyRead.connect(lambda s=peer: self._read(s))
            peer.disconnected.connect(lambda s=peer: self._forget(s))

    def _forget(self, peer: QLocalSocket) -> None:
        if peer in self._peers:
            self._peers.discard(peer)
            peer.deleteLater()

    def _read(self, peer: QLocalSocket) -> None:
        while peer.canReadLine():
            line = bytes(peer.readLine(MAX_MESSAGE_BYTES + 1).data())
            if not line.endswith(b"\n"):
                peer.abort()  # longer than a message may be
                return
            message = decode_message(line)
            if message is not None:
                self._on_message(message)
        if peer.bytesAvailable() >= MAX_MESSAGE_BYTES:
            peer.abort()  # a message without an end: drop the peer, keep nothing of it

    def close(self) -> None:
        self._server.close()
        for peer in list(self._peers):  # owned here, so nothing outlives the listener
            peer.readyRead.disconnect()
            peer.disconnected.disconnect()
            peer.abort()
            peer.deleteLater()
        self._peers.clear()
