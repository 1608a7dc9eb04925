"""Notifications: what is said when a task ends (a pure function), and that the window says it
once per task that ends while it watches, never when notifications are off, and never again for
tasks that had ended before it opened."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from gui.domain.model import Clip, TaskError, TaskSnapshot
from gui.domain.states import TaskState
from gui.domain.tracked_task import TrackedTask
from gui.fake_provider import Failure, MusicResult, Phase, TaskScript
from gui.ui.notifier import Notification, notification_for
from gui.ui.task_table_model import Column
from tests.ui_helpers import OFFSCREEN_NOISE, Windows, WindowUnderTest, windows_fixture

pytestmark = OFFSCREEN_NOISE

SONG = Clip(id="c1", title="Neon Rain", audio_url="http://127.0.0.2/a.mp3")
TAKE_2 = Clip(id="c2", title="Neon Rain (take 2)", audio_url="http://127.0.0.2/b.mp3")


def task(
    provider: str,
    state: TaskState | None,
    *,
    clips: tuple[Clip, ...] = (),
    error: TaskError | None = None,
) -> TrackedTask:
    snapshot = None
    if state is not None:
        snapshot = TaskSnapshot(provider, "t-1", state, None, error=error, clips=clips)
    return TrackedTask(provider, "t-1", 0.0, 0.0, snapshot=snapshot)


CASES = {
    "finished with two variations": (
        task("sunor", TaskState.SUCCEEDED, clips=(SONG, TAKE_2)),
        Notification("Finished: Neon Rain", "sunor.cc · 2 results ready", failed=False),
    ),
    "finished with one file": (
        task("crun", TaskState.SUCCEEDED, clips=(SONG,)),
        Notification("Finished: Neon Rain", "crun.ai · 1 result ready", failed=False),
    ),
    "finished without files": (
        task("mountsea-suno", TaskState.SUCCEEDED),
        Notification("Finished: t-1", "MountSea Suno · no files ready", failed=False),
    ),
    "failed, with the provider's reason": (
        task("mountsea-producer", TaskState.FAILED, error=TaskError("The lyrics were flagged")),
        Notification("Failed: t-1", "MountSea Producer · The lyrics were flagged", failed=True),
    ),
    "timed out, no reason given": (
        task("sunor", TaskState.TIMED_OUT),
        Notification("Timed out: t-1", "sunor.cc · Timed out", failed=True),
    ),
    "cancelled": (
        task("crun", TaskState.CANCELLED, error=TaskError("Cancelled by the user")),
        Notification("Cancelled: t-1", "crun.ai · Cancelled by the user", failed=True),
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_what_a_notification_says(case: str) -> None:
    tracked, expected = CASES[case]
    assert notification_for(tracked) == expected


@pytest.mark.parametrize("state", [None, TaskState.QUEUED, TaskState.RUNNING, TaskState.STREAMING])
def test_a_task_that_has_not_ended_is_not_announced(state: TaskState | None) -> None:
    assert notification_for(task("sunor", state, clips=(SONG,))) is None


# --- in the window -------------------------------------------------------------------------------

JOURNEY = TaskScript(
    [Phase("queued", 0.3), Phase("running", 0.4), Phase("succeeded")],
    MusicResult(titles=["Neon Rain", "Neon Rain (take 2)"], clips=2),
)
DOOMED = TaskScript(
    [Phase("running", 0.3), Phase("failed")], failure=Failure("Flagged by moderation")
)
BUSY = TaskScript([Phase("running")])


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[Windows]:
    yield from windows_fixture(qtbot, qt_loop)


def polled_on(shown: WindowUnderTest, task_id: str, polls: int = 2) -> None:
    """Wait while `task_id` is checked `polls` more times (time for anything else to happen)."""
    before = shown.task(task_id).poll_count
    shown.qtbot.waitUntil(lambda: shown.task(task_id).poll_count >= before + polls)


def test_one_notification_per_task_that_ends(windows: Windows) -> None:
    windows.server.add_task("sunor", "journey", JOURNEY)
    windows.server.add_task("mountsea-producer", "doomed", DOOMED)
    windows.server.add_task("crun", "busy", BUSY)
    shown = windows.open()
    shown.controller.add_from_text("journey", "sunor")
    shown.controller.add_from_text("doomed", "mountsea-producer")
    shown.controller.add_from_text("busy", "crun")
    shown.wait_for_state("journey", "Finished")
    shown.wait_for_state("doomed", "Failed")
    polled_on(shown, "busy")

    sent = shown.controller.notifier.sent
    assert sorted(sent, key=lambda note: note.title) == [
        Notification("Failed: doomed", "MountSea Producer · Flagged by moderation", failed=True),
        Notification("Finished: Neon Rain", "sunor.cc · 2 results ready", failed=False),
    ]
    journey = shown.task("journey")
    assert len(journey.history) >= 2  # it changed state on the way, and ended once


def test_no_notification_when_they_are_turned_off(windows: Windows) -> None:
    windows.server.add_task("sunor", "journey", JOURNEY)
    shown = windows.open()
    settings = dataclasses.replace(shown.services.settings, notifications=False)
    shown.controller.save_settings(settings, {})  # what the settings dialog's Save does
    shown.qtbot.waitUntil(lambda: shown.window.statusBar().currentMessage() == "Settings saved.")

    shown.controller.add_from_text("journey", "sunor")
    shown.wait_for_state("journey", "Finished")
    assert shown.controller.notifier.sent == []


def test_tasks_that_ended_before_the_window_opened_are_not_announced_again(
    windows: Windows,
) -> None:
    windows.server.add_task("sunor", "journey", JOURNEY)
    windows.server.add_task("mountsea-producer", "doomed", DOOMED)
    windows.server.add_task("crun", "busy", BUSY)
    first = windows.open()
    first.controller.add_from_text("journey", "sunor")
    first.controller.add_from_text("doomed", "mountsea-producer")
    first.wait_for_state("journey", "Finished")
    first.wait_for_state("doomed", "Failed")
    assert len(first.controller.notifier.sent) == 2
    first.close()

    second = windows.open()
    assert second.text("journey", Column.STATE) == "Finished"
    assert second.text("doomed", Column.STATE) == "Failed"
    second.controller.add_from_text("busy", "crun")
    second.wait_for_state("busy", "Generating")
    polled_on(second, "busy")
    assert second.controller.notifier.sent == []
