"""The window through network loss: started offline, the network lost again mid-run, then
back — the status bar says it once per account ("… can't be reached — retrying"), no row
carries it, and checking resumes on its own."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from gui.domain.events import AccountProblem, EngineEvent
from gui.fake_provider import MusicResult, Phase, TaskScript
from gui.ui.task_table_model import Column
from tests.ui_helpers import OFFSCREEN_NOISE, Windows, windows_fixture

pytestmark = OFFSCREEN_NOISE

SONG = TaskScript([Phase("running", 4), Phase("succeeded")], MusicResult(titles=["Back"]))
SCREENSHOT = os.environ.get("TUNEWATCH_SCREENSHOT_DIR")  # set to look at the window


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[Windows]:
    yield from windows_fixture(qtbot, qt_loop)


def test_offline_is_said_once_in_the_status_bar_and_checking_resumes(windows: Windows) -> None:
    for task_id in ("net-1", "net-2", "net-3"):
        windows.server.add_task("sunor", task_id, SONG)
    windows.server.add_task("crun", "net-4", SONG)
    windows.server.set_network(up=False)  # start offline
    shown = windows.open()
    offline: list[AccountProblem] = []

    def note(event: EngineEvent) -> None:
        if isinstance(event, AccountProblem) and event.kind == "offline":
            offline.append(event)

    shown.services.engine.subscribe(note)
    shown.controller.add_from_text("net-1 net-2 net-3", "sunor")
    shown.controller.add_from_text("net-4", "crun")
    banner = shown.window.account_banner
    shown.qtbot.waitUntil(lambda: banner.isVisible() and "(+1 more)" in banner.label.text())
    assert "can't be reached — retrying" in banner.label.text()
    assert not banner.button.isVisible()  # nothing to fix in Settings
    shown.qtbot.wait(800)  # several probe rounds
    if SCREENSHOT:
        shown.window.grab().save(str(Path(SCREENSHOT) / "offline.png"))
    assert all(task.problem is None for task in shown.model_tasks)  # not per row
    for task_id in ("net-1", "net-2", "net-3", "net-4"):  # they wait: no "checking…" lie
        assert shown.text(task_id, Column.NEXT_CHECK) == "waiting"
    assert "next check: waiting" in "\n".join(shown.detail_texts())

    windows.server.set_network(up=True)
    for task_id in ("net-1", "net-2", "net-3", "net-4"):
        shown.wait_for_state(task_id, "Generating")
    shown.qtbot.waitUntil(lambda: not banner.isVisible())

    windows.server.set_network(up=False)  # lost mid-run
    shown.qtbot.waitUntil(lambda: banner.isVisible())
    shown.qtbot.wait(500)
    windows.server.set_network(up=True)
    for task_id in ("net-1", "net-2", "net-3", "net-4"):
        shown.wait_for_state(task_id, "Finished")
    shown.qtbot.waitUntil(lambda: not banner.isVisible())

    for account in ("sunor", "crun"):
        said = [e.message is not None for e in offline if e.account == account]
        assert said == [True, False, True, False], (account, offline)
