"""What the paste box says about what it did not add (issue 12, C7): plain words are never sent
to the accounts, what is left out is named once in one line, and an ID already tracked is named
by its title and its row shown."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from gui.fake_provider import MusicResult, Phase, TaskScript
from tests.ui_helpers import OFFSCREEN_NOISE, Windows, WindowUnderTest, windows_fixture

pytestmark = OFFSCREEN_NOISE

RUNNING = TaskScript([Phase("queued", 5), Phase("running")], MusicResult(titles=["Slow"]))
DONE = TaskScript([Phase("succeeded")], MusicResult(titles=["Neon Rain"]))


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[Windows]:
    yield from windows_fixture(qtbot, qt_loop)


@pytest.fixture
def shown(windows: Windows) -> WindowUnderTest:
    return windows.open()


def paste(shown: WindowUnderTest, text: str, provider: str) -> None:
    bar = shown.window.input_bar
    bar.set_provider_choice(provider)
    bar.field.setText(text)
    shown.qtbot.mouseClick(bar.add_button, Qt.MouseButton.LeftButton)


def asked_about(windows: Windows, *task_ids: str) -> list[str]:
    return [r.task_id for r in windows.server.requests if r.task_id in task_ids]


def test_words_that_cannot_be_ids_are_named_once_and_never_sent(
    windows: Windows, shown: WindowUnderTest
) -> None:
    paste(shown, "hello world!!! not-an-id ###", "auto")
    message = shown.message()
    assert "\n" not in message
    assert message.count("not a task ID") + message.count("Not task IDs") == 1
    for piece in ("'hello'", "'world!!!'", "'not-an-id'", "'###'"):
        assert piece in message
    assert "IDs use letters" not in message  # the rules are not repeated at the user
    assert "nothing was added" not in message
    assert "Looking up" not in message
    assert shown.model_tasks == []
    assert shown.window.input_bar.field.text() == "hello world!!! not-an-id ###"  # kept
    assert asked_about(windows, "hello", "not-an-id") == []


def test_auto_looks_up_only_what_can_be_an_id(windows: Windows, shown: WindowUnderTest) -> None:
    windows.server.add_task("crun", "c0ffee-42", RUNNING)
    paste(shown, "hello c0ffee-42 ###", "auto")
    assert "Looking up 1 ID(s)" in shown.message()
    shown.qtbot.waitUntil(lambda: "Added 1 task." in shown.message(), timeout=5000)
    assert [t.task_id for t in shown.model_tasks] == ["c0ffee-42"]
    assert "Not task IDs, so not looked up: 'hello', '###'." in shown.message()
    assert asked_about(windows, "hello") == []


def test_several_pieces_that_are_not_ids_give_the_rules_once(shown: WindowUnderTest) -> None:
    paste(shown, "good-1 world!!! ###", "sunor")
    assert [t.task_id for t in shown.model_tasks] == ["good-1"]
    message = shown.message()
    assert message.startswith("Added 1 task.")
    assert "'world!!!', '###'" in message
    assert message.count("IDs use letters") == 1


def test_an_id_already_tracked_is_named_by_title_and_its_row_selected(
    windows: Windows, shown: WindowUnderTest
) -> None:
    windows.server.add_task("sunor", "neon-1", DONE)
    paste(shown, "neon-1", "sunor")
    paste(shown, "other-2 other-3", "crun")
    shown.wait_for_state("neon-1", "Finished")
    assert [t.task_id for t in shown.window.selected_tasks()] == ["other-3"]

    paste(shown, "neon-1", "sunor")
    assert shown.message() == "Already tracked: “Neon Rain”."
    assert [t.task_id for t in shown.window.selected_tasks()] == ["neon-1"]
    selected = shown.window.table.selectionModel().selectedRows()[0]
    viewport = shown.window.table.viewport().rect()
    assert viewport.intersects(shown.window.table.visualRect(selected))  # scrolled into view


def test_several_ids_already_tracked_are_all_selected(shown: WindowUnderTest) -> None:
    paste(shown, "aa-1 bb-2 cc-3", "crun")
    paste(shown, "cc-3 aa-1", "crun")
    assert shown.message() == "Already tracked: cc-3, aa-1."  # untitled: the full IDs
    assert sorted(t.task_id for t in shown.window.selected_tasks()) == ["aa-1", "cc-3"]
