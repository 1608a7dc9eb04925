"""What an export promises about a power cut: every file is on disk (fsync) before it gets its
final name, tags included, and the folder (the names) is synced once at the end. A power cut
cannot be staged in a test, so the calls into the OS are recorded (the only stand-in here): the
export itself runs for real against the fake provider."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gui.fake_provider import FakeProviderServer
from gui.media.exporter import ExportOptions, export_snapshot
from gui.polling.status_check import make_client
from tests.test_exporter import MUSIC, clock, finished, server  # noqa: F401  # fixtures

pytestmark = pytest.mark.asyncio


async def test_every_file_is_synced_before_its_name_and_the_folder_after(
    server: FakeProviderServer,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    events: list[tuple[str, tuple[int, int]]] = []  # ("sync" | "name", (device, inode))
    synced_size: dict[tuple[int, int], int] = {}  # what each file held when last synced
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        real_fsync(fd)
        info = os.fstat(fd)
        events.append(("sync", (info.st_dev, info.st_ino)))
        synced_size[(info.st_dev, info.st_ino)] = info.st_size

    def replace(source: str | Path, target: str | Path) -> None:
        info = os.stat(source)
        events.append(("name", (info.st_dev, info.st_ino)))
        real_replace(source, target)

    dest = tmp_path / "out"
    async with make_client() as client:
        snapshot = await finished(client, server, "sunor", MUSIC)
        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "replace", replace)
        result = await export_snapshot(client, snapshot, ExportOptions(dest), allow_local=True)
        monkeypatch.undo()
    assert len(result.files) == 8  # two clips: audio, cover, lyrics, sidecar
    folder = os.stat(dest)
    for path in result.files:
        info = os.stat(path)
        file = (info.st_dev, info.st_ino)
        named = events.index(("name", file))
        synced = [n for n, event in enumerate(events) if event == ("sync", file)]
        assert synced and synced[-1] < named, f"{path.name} was not on disk before its name"
        # Nothing added after its last sync (a tag written after it would not be on disk).
        assert synced_size[file] == info.st_size, path.name
    last_name = max(n for n, (kind, _) in enumerate(events) if kind == "name")
    assert ("sync", (folder.st_dev, folder.st_ino)) in events[last_name:]
