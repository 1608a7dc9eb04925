"""The ETA in the window: a running task says about how long is left (learned from finished
ones) or what is usual (documented ranges), and one running far too long says so."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from gui.fake_provider import ManualClock, Phase, TaskScript
from gui.polling.eta import FinishedRun
from gui.ui.task_table_model import Column
from tests.ui_helpers import OFFSCREEN_NOISE, WindowsOn, make_server

pytestmark = OFFSCREEN_NOISE

RUNNING = TaskScript([Phase("running")])
CREATED_AGO = 600.0  # the overdue task was created ten minutes ago; crun's usually take ~1 min


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[WindowsOn]:
    clock = ManualClock(0.0)
    # The server's payload times are unix_offset + its clock: ten minutes in the past at 0.
    server = make_server(clock=clock, unix_offset=time.time() - CREATED_AGO)
    server.add_task("crun", "overdue", RUNNING)
    clock.advance(CREATED_AGO - 10)  # ... and the other one 10 s ago
    server.add_task("crun", "fresh", RUNNING)
    server.add_task("mountsea-producer", "new-kind", RUNNING)
    opened = WindowsOn(qtbot, qt_loop, server)
    try:
        yield opened
    finally:
        opened.close_all()


def test_a_running_task_shows_its_eta_and_an_overdue_one_says_it_takes_longer(
    windows: WindowsOn, tmp_path: Path
) -> None:
    shown = windows.open()
    durations = shown.services.engine.durations
    for seconds in (55, 58, 60, 61, 62, 64, 66):  # crun songs finished before
        durations.record(FinishedRun("crun", "music", seconds))
    for provider, task_id in [
        ("crun", "overdue"),
        ("crun", "fresh"),
        ("mountsea-producer", "new-kind"),
    ]:
        shown.controller.add_from_text(task_id, provider)

    def etas_shown() -> None:
        assert re.fullmatch(r"~[0-9]+ s left", shown.text("fresh", Column.ETA))
        assert shown.text("overdue", Column.ETA) == "taking longer than usual"
        # No finished Producer task yet: its documented range (30-120 s) says what is usual.
        assert shown.text("new-kind", Column.ETA) == "usually 30 s–2 min"

    shown.qtbot.waitUntil(etas_shown, timeout=5000)
    left = int(shown.text("fresh", Column.ETA)[1:].split()[0])
    assert 40 <= left <= 55  # ~60 s songs, 10 s in
    header = shown.window.table.horizontalHeader()
    assert header.visualIndex(Column.ETA) == header.visualIndex(Column.ELAPSED) + 1

    shown.select("overdue")
    shown.qtbot.waitUntil(lambda: shown.detail_text("detailEta") != "", timeout=3000)
    assert shown.detail_text("detailEta").startswith("Estimate: taking longer than usual (usually")
    shown.select("fresh")
    shown.qtbot.waitUntil(
        lambda: bool(re.fullmatch(r"Estimate: ~[0-9]+ s left", shown.detail_text("detailEta"))),
        timeout=3000,
    )
    picture = Path(os.environ.get("TUNEWATCH_SHOT_DIR", tmp_path)) / "eta-window.png"
    shown.window.grab().save(str(picture))
    assert picture.stat().st_size > 0
