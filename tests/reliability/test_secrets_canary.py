"""A canary key per account, through a whole run — the terminal (watch, status, list, export)
and the window (watch, keep, play, notifications, logs) — then a search for it: it must be
nowhere under the data, config and cache folders, the logs, the exports and their sidecars,
the programs' output, and in no request the media host received (its own request log).

The keys look like real ones and are unique, so any copy is found, raw or URL-encoded."""

from __future__ import annotations

import base64
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from gui.fake_provider import FakeProviderServer, MusicResult, Phase, TaskScript
from gui.storage.paths import app_paths
from tests.cli_helpers import run_cli
from tests.ui_helpers import (
    PLAYBACK_NOISE,
    WAIT_MS,
    InMemoryKeyring,
    WindowsOn,
    make_server,
)

CANARIES = {
    "mountsea": "sk-canary-mountsea-7Qd2Lx9Rv4Tz",
    "sunor": "sk-canary-sunor-3Hn8Wp1Ks6Jy",
    "crun": "sk-canary-crun-5Mb0Fc7Gt2Xe",
}
ACCOUNT = {
    "mountsea-suno": "mountsea",
    "mountsea-producer": "mountsea",
    "sunor": "sunor",
    "crun": "crun",
}
SONG = MusicResult(titles=["Canary Song", "Canary Song (take 2)"], clips=2, tags="pop")


def forms(key: str) -> list[bytes]:
    return [key.encode(), quote(key, safe="").encode(), base64.b64encode(key.encode())]


def leaks_in_files(roots: Iterable[Path]) -> list[str]:
    found = []
    for root in roots:
        for path in sorted(root.rglob("*")) if root.exists() else []:
            if path.is_file():
                data = path.read_bytes()
                found += [
                    f"{path}: {k}" for k in CANARIES.values() if any(f in data for f in forms(k))
                ]
    return found


def leaks_to_media_host(server: FakeProviderServer) -> list[str]:
    found = []
    for record in server.requests:
        if record.route != "media":
            continue
        seen = f"{record.path} {record.query} {record.headers}"
        found += [f"{record.path}: {k}" for k in CANARIES.values() if k in seen or quote(k) in seen]
    return found


def media_requests(server: FakeProviderServer) -> int:
    return sum(1 for record in server.requests if record.route == "media")


@pytest.fixture
def server() -> Iterator[FakeProviderServer]:
    server = make_server()
    for account, key in CANARIES.items():
        server.set_key(account, key)  # type: ignore[arg-type]
    try:
        yield server
    finally:
        server.stop()


def test_the_terminal_commands_leave_no_copy_of_the_key(
    server: FakeProviderServer, tmp_path: Path
) -> None:
    dest = tmp_path / "exported"
    output = []
    for provider in ACCOUNT:
        task_id = f"canary-{provider}"
        server.add_task(provider, task_id, TaskScript([Phase("succeeded")], SONG))  # type: ignore[arg-type]
        common = ["--provider", provider, "--base-url", server.base_url]
        runs = [
            ["watch", *common, "--json", task_id],
            ["export", *common, "--dest", str(dest), task_id],
        ]
        if provider == "sunor":  # the status command's two outputs, once
            runs += [["status", *common, "--json", task_id], ["status", *common, task_id]]
        for args in runs:
            run = run_cli(args, keys=CANARIES, timeout=60)
            assert run.code == 0, (args, run.err)
            output.append(run.out + run.err)
    listed = run_cli(["list", "--json"], keys=CANARIES)
    output.append(listed.out + listed.err)
    paths = app_paths()
    assert len(list(dest.iterdir())) >= 8  # audio, covers, lyrics, sidecars of four tasks
    assert media_requests(server) > 0  # the media host was used
    assert leaks_in_files([paths.data, paths.config, paths.cache, dest]) == []
    assert [k for k in CANARIES.values() for text in output if k in text] == []
    assert leaks_to_media_host(server) == []


@PLAYBACK_NOISE
def test_the_window_leaves_no_copy_of_the_key(
    qtbot: Any, qt_loop: Any, server: FakeProviderServer, tmp_path: Path
) -> None:
    windows = WindowsOn(qtbot, qt_loop, server)
    windows.keyring = InMemoryKeyring(CANARIES)
    try:
        for provider in ACCOUNT:
            server.add_task(provider, f"w-{provider}", TaskScript([Phase("succeeded")], SONG))  # type: ignore[arg-type]
        shown = windows.open()
        for provider in ACCOUNT:
            shown.controller.add_from_text(f"w-{provider}", provider)
        for provider in ACCOUNT:
            shown.wait_for_state(f"w-{provider}", "Finished")
        task = shown.task("w-sunor")
        assert task.snapshot is not None
        clip = task.snapshot.clips[0]
        shown.controller.playback.play(task, clip)
        qtbot.waitUntil(lambda: shown.window.player.is_playing, timeout=WAIT_MS)
        assert shown.controller.notifier.sent  # the notifications went out
        # Kept tracks (library) are written as tasks finish; wait until they are there.
        library = app_paths().library
        qtbot.waitUntil(
            lambda: len([p for p in library.rglob("*.json") if p.is_file()]) >= 4, timeout=20_000
        )
        shown.window.player.stop()
    finally:
        windows.close_all()
    paths = app_paths()
    assert media_requests(server) > 0
    assert leaks_in_files([paths.data, paths.config, paths.cache, paths.logs]) == []
    assert leaks_to_media_host(server) == []
