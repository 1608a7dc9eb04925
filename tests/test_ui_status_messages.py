"""The status bar says one thing at a time and offers only that message's actions: "Open folder"
goes when "Removed …" comes, Undo goes when the removed task is added again or the message
expires, and a folder no file manager can open is said, with its path to copy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from gui.fake_provider import MusicResult, Phase, TaskScript
from tests.ui_helpers import OFFSCREEN_NOISE, Windows, WindowUnderTest, windows_fixture

# The offscreen platform has no desktop services: opening a folder fails as with no file manager.
pytestmark = [
    OFFSCREEN_NOISE,
    pytest.mark.qt_log_ignore("This plugin does not support QPlatformServices::openDocument"),
]

SONG = TaskScript([Phase("running", 0.1), Phase("succeeded")], MusicResult(titles=["Neon Rain"]))


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[Windows]:
    yield from windows_fixture(qtbot, qt_loop)


def status(shown: WindowUnderTest) -> str:
    return shown.window.statusBar().currentMessage()


def exported(shown: WindowUnderTest, folder: Path) -> None:
    shown.services.settings.keep_finished = False
    shown.controller.add_from_text("song", "sunor")
    shown.wait_for_state("song", "Finished")
    shown.controller.exports.export([shown.task("song")], folder)
    shown.qtbot.waitUntil(lambda: status(shown).startswith("Exported"), timeout=10_000)


def test_open_folder_goes_when_a_newer_message_comes(windows: Windows, tmp_path: Path) -> None:
    windows.server.add_task("sunor", "song", SONG)
    shown = windows.open()
    exported(shown, tmp_path)
    exports = shown.controller.exports
    assert exports.open_button.isVisible()

    shown.controller.add_from_text("other-task-1", "sunor")
    shown.controller.actions.remove([shown.task("other-task-1")])
    assert status(shown).startswith("Removed")
    assert shown.window.undo_button.isVisible()
    assert not exports.open_button.isVisible(), "an old export's button beside a new message"

    shown.window.statusBar().clearMessage()  # what the message's timeout does
    assert not shown.window.undo_button.isVisible()


def test_undo_is_withdrawn_once_the_removed_task_is_added_again(windows: Windows) -> None:
    shown = windows.open()
    shown.controller.add_from_text("again-1", "sunor")
    shown.controller.actions.remove([shown.task("again-1")])
    assert shown.window.undo_button.isVisible()

    shown.controller.add_from_text("again-1", "sunor")
    assert shown.row("again-1") is not None
    assert not shown.window.undo_button.isVisible()
    assert not status(shown).startswith("Removed")
    shown.controller.undo_remove()  # nothing left to undo: no second copy, no error
    assert [t.task_id for t in shown.model_tasks].count("again-1") == 1


def test_a_folder_that_cannot_be_opened_is_said_with_its_path_to_copy(
    windows: Windows, tmp_path: Path
) -> None:
    windows.server.add_task("sunor", "song", SONG)
    shown = windows.open()
    exported(shown, tmp_path)
    exports = shown.controller.exports
    shown.qtbot.mouseClick(exports.open_button, Qt.MouseButton.LeftButton)

    assert status(shown) == f"Could not open {tmp_path}: no file manager answered."
    assert exports.copy_path_button.isVisible()
    assert not exports.open_button.isVisible()
    shown.qtbot.mouseClick(exports.copy_path_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == str(tmp_path)
    assert not exports.copy_path_button.isVisible()  # "Copied …" is a message of its own
