"""Leftover hidden .part files of a killed download are removed; parts still being written
(held by a live process, this one or another) and the user's own files are never touched."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from keyring.backends import fail

from gui.media.stale_parts import remove_stale_parts, remove_stale_parts_in_library
from gui.services import open_services
from gui.storage.atomic import write_atomically
from gui.storage.credentials import CredentialStore
from gui.storage.part_lock import PartLock, is_held
from gui.storage.paths import app_paths


def _part(folder: Path, name: str = ".Song - 1234abcd.k2j3h4g5.part") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(b"half a song")
    return path


def test_an_unheld_part_is_removed_and_everything_else_kept(tmp_path: Path) -> None:
    stale = _part(tmp_path)
    held = _part(tmp_path, ".Other - 99999999.abcdefgh.part")
    lock = PartLock(held)
    mine = tmp_path / "notes.part"  # not hidden: the user's file, not ours
    mine.write_text("keep")
    (tmp_path / ".folder.part").mkdir()
    song = tmp_path / "Song - 1234abcd.mp3"
    song.write_bytes(b"ID3")
    try:
        assert remove_stale_parts(tmp_path) == [stale]
        assert held.exists() and mine.exists() and song.exists()
        assert (tmp_path / ".folder.part").is_dir()
    finally:
        lock.release()
    assert remove_stale_parts(tmp_path) == [held]  # released: now it is a leftover


def test_a_part_held_by_another_process_is_stale_once_that_process_is_killed(
    tmp_path: Path,
) -> None:
    part = _part(tmp_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from gui.storage.part_lock import PartLock\n"
            f"lock = PartLock(Path({str(part)!r}))\n"
            "print('held', flush=True)\n"
            "time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert is_held(part)
        assert remove_stale_parts(tmp_path) == []
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(10)
        deadline = time.monotonic() + 5
        while is_held(part) and time.monotonic() < deadline:
            time.sleep(0.01)  # the kernel drops the lock as the process goes
        assert remove_stale_parts(tmp_path) == [part]
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()


def test_the_library_is_cleaned_task_folder_by_task_folder(tmp_path: Path) -> None:
    stale = [_part(tmp_path / "sunor" / f"task-{n}") for n in range(3)]
    kept = tmp_path / "sunor" / "task-0" / "Song.mp3"
    write_atomically(kept, b"ID3 whole")  # an atomic write leaves no part behind
    assert sorted(remove_stale_parts_in_library(tmp_path)) == sorted(stale)
    assert kept.read_bytes() == b"ID3 whole"
    assert remove_stale_parts_in_library(tmp_path / "missing") == []


def test_the_app_start_cleans_the_library_and_the_export_folder(tmp_path: Path) -> None:
    # What the window runs off the event loop when it starts (gui/ui/app.py).
    services = open_services(app_paths(), CredentialStore(fail.Keyring(), env={}))
    try:
        services.settings.download_folder = str(tmp_path / "exports")
        left = [
            _part(services.paths.library / "sunor" / "a-task"),
            _part(tmp_path / "exports"),
        ]
        assert services.remove_stale_parts() == 2
        assert not any(path.exists() for path in left)
    finally:
        asyncio.run(services.close())
