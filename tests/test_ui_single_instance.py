"""One Tunewatch per profile: a second launch hands its IDs to the running one."""

from __future__ import annotations

import hashlib
import os
import socket
import stat
import tempfile
import time
from pathlib import Path

import pytest

from gui.ui.single_instance import InstanceServer, decode_message, hand_over, peer_uid, server_name


def test_a_second_launch_hands_its_ids_to_the_running_window(qtbot, tmp_path: Path) -> None:
    name = server_name(tmp_path / "profile")
    received: list[dict[str, object]] = []
    listener = InstanceServer(name, received.append)
    try:
        message: dict[str, object] = {"ids": ["task-1", "task-2"], "provider": "sunor"}
        assert hand_over(name, message) is True
        qtbot.waitUntil(lambda: received == [message])
        assert hand_over(name, {"ids": [], "provider": "auto"}) is True
        qtbot.waitUntil(lambda: len(received) == 2)
        assert received[1] == {"ids": [], "provider": "auto"}
    finally:
        listener.close()


def test_nobody_listening_means_this_launch_opens_the_window(qtbot, tmp_path: Path) -> None:
    assert hand_over(server_name(tmp_path / "nobody"), {"ids": ["x"]}) is False


def test_profiles_have_their_own_names(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    assert server_name(tmp_path / "a") == server_name(tmp_path / "a" / ".." / "a")


def test_a_closed_instance_takes_no_more_messages(qtbot, tmp_path: Path) -> None:
    name = server_name(tmp_path / "profile")
    received: list[dict[str, object]] = []
    listener = InstanceServer(name, received.append)
    listener.close()
    assert hand_over(name, {"ids": ["late"]}) is False
    assert received == []


# --- hardening: the socket is this user's alone (issue 12, A4) -------------------------------


def runtime(tmp_path: Path) -> dict[str, str]:
    return {"XDG_RUNTIME_DIR": str(tmp_path / "run")}


def test_the_socket_lives_in_the_users_runtime_folder_made_0700(qtbot, tmp_path: Path) -> None:
    name = server_name(tmp_path / "profile", runtime(tmp_path))
    assert Path(name).parent == tmp_path / "run" / "tunewatch"
    listener = InstanceServer(name, lambda message: None)
    try:
        assert listener.listening and listener.problem is None
        assert stat.S_IMODE((tmp_path / "run" / "tunewatch").stat().st_mode) == 0o700
    finally:
        listener.close()


def test_without_a_runtime_folder_the_socket_is_in_a_private_temp_folder(tmp_path: Path) -> None:
    folder = Path(server_name(tmp_path / "profile", {})).parent
    assert folder.parent == Path(tempfile.gettempdir())
    assert folder.name == f"tunewatch-{os.getuid()}"  # checked for owner and mode before use


def test_a_socket_another_user_made_in_shared_tmp_gets_nothing(qtbot, tmp_path: Path) -> None:
    """Before: the name was `tunewatch-<digest>` in /tmp; whoever listened there first got
    every launch's IDs, and the launch exited without a window."""
    profile = tmp_path / "profile"
    digest = hashlib.sha256(str(profile.resolve()).encode()).hexdigest()[:16]
    squatter = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    squat_path = Path(tempfile.gettempdir()) / f"tunewatch-{digest}"
    squat_path.unlink(missing_ok=True)
    squatter.bind(str(squat_path))
    squatter.listen(1)
    squatter.setblocking(False)
    try:
        assert hand_over(server_name(profile, runtime(tmp_path)), {"ids": ["t"]}) is False
        with pytest.raises(BlockingIOError):
            squatter.accept()  # nobody connected to it
    finally:
        squatter.close()
        squat_path.unlink(missing_ok=True)


@pytest.mark.skipif(os.getuid() != 0, reason="making a folder of another user needs root")
def test_a_folder_another_user_owns_is_never_used(qtbot, tmp_path: Path) -> None:
    env = runtime(tmp_path)
    taken = tmp_path / "run" / "tunewatch"
    taken.mkdir(parents=True)
    name = server_name(tmp_path / "profile", env)
    mine = InstanceServer(name, lambda message: None)  # listening there while it is ours…
    os.chown(taken, 65534, 65534)  # …then another user owns the folder
    try:
        assert hand_over(name, {"ids": ["t"]}) is False
        refused = InstanceServer(name + "-2", lambda message: None)
        assert not refused.listening
        assert refused.problem is not None and "belongs to another user" in refused.problem
        assert "second window" in refused.problem  # says what that means
    finally:
        mine.close()


def test_a_peer_of_another_user_is_not_trusted(qtbot, tmp_path: Path) -> None:
    name = server_name(tmp_path / "profile", runtime(tmp_path))
    received: list[dict[str, object]] = []
    listener = InstanceServer(name, received.append)
    try:
        # The launch checks who listens: "another user" here is any uid but ours.
        assert hand_over(name, {"ids": ["t"]}, expected_uid=os.getuid() + 1) is False
        assert hand_over(name, {"ids": ["mine"]}) is True
        qtbot.waitUntil(lambda: received == [{"ids": ["mine"], "provider": "auto"}])
    finally:
        listener.close()
    # And the window checks who connects.
    strict = InstanceServer(name, received.append, expected_uid=os.getuid() + 1)
    try:
        assert hand_over(name, {"ids": ["x"]}) is True  # the bytes go out…
        qtbot.wait(100)
        assert received == [{"ids": ["mine"], "provider": "auto"}]  # …and are dropped unread
    finally:
        strict.close()


def test_peer_uid_is_read_from_the_socket(tmp_path: Path) -> None:
    left, right = socket.socketpair(socket.AF_UNIX)
    with left, right:
        assert peer_uid(left.fileno()) == os.getuid()


def raw_peer(name: str) -> socket.socket:
    peer = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    peer.connect(name)
    peer.setblocking(False)
    return peer


def test_a_message_without_an_end_is_capped_and_the_peer_dropped(qtbot, tmp_path: Path) -> None:
    name = server_name(tmp_path / "profile", runtime(tmp_path))
    received: list[dict[str, object]] = []
    listener = InstanceServer(name, received.append)
    sent = 0
    dropped = False
    try:
        with raw_peer(name) as peer:
            chunk = b'{"ids": ["' + b"a" * 65536
            deadline = time.monotonic() + 10
            while sent < 5 * 1024 * 1024 and time.monotonic() < deadline:
                try:
                    sent += peer.send(chunk)
                except BlockingIOError:
                    qtbot.wait(5)  # let the window read (and drop us)
                except (BrokenPipeError, ConnectionResetError):
                    dropped = True
                    break
            if not dropped:
                qtbot.waitUntil(lambda: _closed(peer))
                dropped = True
        assert dropped and sent < 5 * 1024 * 1024  # cut off long before 5 MB were taken
        assert received == []
        assert hand_over(name, {"ids": ["after"]}) is True  # the window still listens
        qtbot.waitUntil(lambda: received == [{"ids": ["after"], "provider": "auto"}])
    finally:
        listener.close()


def _closed(peer: socket.socket) -> bool:
    try:
        return peer.recv(1) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def test_ids_that_are_not_strings_never_become_tasks(qtbot, tmp_path: Path) -> None:
    """`null` and `1e999` used to arrive as tasks "None" and "inf"."""
    name = server_name(tmp_path / "profile", runtime(tmp_path))
    received: list[dict[str, object]] = []
    listener = InstanceServer(name, received.append)
    try:
        with raw_peer(name) as peer:
            peer.sendall(b'{"ids": [null, 1e999, 7, {"a": 1}, ["b"], "real-id"], "provider": 5}\n')
            peer.sendall(b'{"ids": [NaN, "x"]}\n')  # not JSON at all: ignored whole
            peer.sendall(b'["not", "a", "message"]\n')
            qtbot.waitUntil(lambda: len(received) == 1)
            qtbot.wait(50)
        assert received == [{"ids": ["real-id"], "provider": "auto"}]
    finally:
        listener.close()
    assert decode_message(b'{"ids": "a-string"}\n') == {"ids": [], "provider": "auto"}
