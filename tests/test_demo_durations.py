"""The demo's tasks take 10-55 s, not the minutes the providers document: its ETA and its schedule
start from that, so the demo shows every state change as it happens."""

from __future__ import annotations

import asyncio
from pathlib import Path

from gui.fake_provider import demo_duration_range
from gui.polling.eta import DurationBook
from gui.services import open_services
from gui.storage.credentials import CredentialStore
from gui.storage.paths import AppPaths
from tests.ui_helpers import InMemoryKeyring


def test_the_demo_takes_its_own_tasks_durations_as_usual(tmp_path: Path) -> None:
    low, high = demo_duration_range()
    assert 5 <= low < high <= 60
    paths = AppPaths(data=tmp_path / "d", config=tmp_path / "c", cache=tmp_path / "k")
    services = open_services(paths, CredentialStore(InMemoryKeyring(), env={}), demo=True)
    try:
        model = services.engine.durations.model("sunor", "music")
        assert model.usual == (low, high) and not model.learned
    finally:
        asyncio.run(services.close())
    # A real profile keeps the providers' documented ranges.
    assert DurationBook().model("sunor", "music").usual == (30, 300)
