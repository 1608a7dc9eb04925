"""One Tunewatch per profile: a second launch hands its IDs to the running one."""

from __future__ import annotations

from pathlib import Path

from gui.ui.single_instance import InstanceServer, hand_over, server_name


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
