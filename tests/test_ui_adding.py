"""Adding tasks from the paste box, the clipboard and Auto detection, as a user would."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent, QGuiApplication

from gui.fake_provider import MusicResult, Phase, TaskScript
from tests.conftest import FIXTURES
from tests.ui_helpers import OFFSCREEN_NOISE, Windows, WindowUnderTest, windows_fixture

pytestmark = OFFSCREEN_NOISE

RUNNING = TaskScript([Phase("queued", 5), Phase("running")], MusicResult(titles=["Slow"]))


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[Windows]:
    yield from windows_fixture(qtbot, qt_loop)


@pytest.fixture
def shown(windows: Windows) -> WindowUnderTest:
    return windows.open()


def paste(shown: WindowUnderTest, text: str, provider: str, *, click: bool = True) -> None:
    bar = shown.window.input_bar
    bar.set_provider_choice(provider)
    bar.field.setText(text)
    if click:
        shown.qtbot.mouseClick(bar.add_button, Qt.MouseButton.LeftButton)
    else:
        shown.qtbot.keyClick(bar.field, Qt.Key.Key_Return)


def ids_in_table(shown: WindowUnderTest) -> list[str]:
    return sorted(t.task_id for t in shown.model_tasks)


def test_a_valid_id_adds_a_row_and_says_so(shown: WindowUnderTest) -> None:
    paste(shown, "  task-one  ", "sunor")
    assert ids_in_table(shown) == ["task-one"]
    assert shown.model_tasks[0].provider == "sunor"
    assert shown.message() == "Added 1 task."
    assert shown.window.input_bar.field.text() == ""  # ready for the next paste
    assert [t.task_id for t in shown.window.selected_tasks()] == ["task-one"]
    assert shown.services.ledger.get(("sunor", "task-one")) is not None


def test_return_in_the_field_adds_too(shown: WindowUnderTest) -> None:
    paste(shown, "task-two", "crun", click=False)
    assert ids_in_table(shown) == ["task-two"]
    assert shown.message() == "Added 1 task."


@pytest.mark.parametrize(
    ("text", "named"),
    [("../x", "'../x' is not a task ID: it contains '/'"), ("h€llo wörld", "'h€llo'")],
)
def test_invalid_text_is_refused_with_the_reason(
    shown: WindowUnderTest, text: str, named: str
) -> None:
    paste(shown, text, "sunor")
    assert shown.model_tasks == []
    assert named in shown.message()
    assert "not a task ID" in shown.message()
    assert shown.window.input_bar.field.text() == text  # kept, so the user can fix it


def test_an_empty_field_asks_for_an_id(shown: WindowUnderTest) -> None:
    # Add stays disabled with a blank box (test_ui_first_screen.py); Enter still answers.
    paste(shown, "   ", "sunor", click=False)
    assert not shown.window.input_bar.add_button.isEnabled()
    assert shown.model_tasks == []
    assert shown.message() == "Paste a task ID first."


def test_valid_and_invalid_together_add_the_valid_and_name_the_invalid(
    shown: WindowUnderTest,
) -> None:
    paste(shown, "good-1 ../evil good-2", "sunor")
    assert ids_in_table(shown) == ["good-1", "good-2"]
    message = shown.message()
    assert message.startswith("Added 2 tasks.")
    assert "'../evil' is not a task ID" in message


def test_a_duplicate_is_not_added_twice(shown: WindowUnderTest) -> None:
    paste(shown, "same-id", "sunor")
    paste(shown, "same-id", "sunor")
    assert ids_in_table(shown) == ["same-id"]
    assert "Already tracked: same-id." in shown.message()
    paste(shown, "other-id same-id other-id", "sunor")
    assert ids_in_table(shown) == ["other-id", "same-id"]
    assert shown.message() == "Added 1 task. Already tracked: other-id, same-id."


@pytest.mark.parametrize(
    "text", ["id-a\nid-b\nid-c", "id-a, id-b, id-c", "id-a id-b\tid-c", "id-a;id-b\r\nid-c"]
)
def test_several_ids_in_one_paste(shown: WindowUnderTest, text: str) -> None:
    paste(shown, text, "crun")
    assert ids_in_table(shown) == ["id-a", "id-b", "id-c"]
    assert shown.message() == "Added 3 tasks."


def test_a_whole_json_response_gives_its_task_id(shown: WindowUnderTest) -> None:
    payload = (FIXTURES / "sunor" / "task_running_music.json").read_text(encoding="utf-8")
    paste(shown, payload, "sunor")
    assert ids_in_table(shown) == ["f47ac10b-58cc-4372-a567-0e02b2c3d479"]
    assert shown.message() == "Added 1 task."


def test_ctrl_v_in_the_table_adds_the_clipboard_ids(shown: WindowUnderTest) -> None:
    shown.window.input_bar.set_provider_choice("sunor")
    QGuiApplication.clipboard().setText("clip-1\nclip-2")
    shown.window.table.setFocus()
    shown.window.activateWindow()
    shown.qtbot.waitUntil(lambda: shown.window.table.hasFocus())
    shown.qtbot.keyClick(shown.window.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    # A shortcut swallows the release: let go of Ctrl, or later clicks in this run toggle rows.
    shown.qtbot.keyRelease(shown.window.table, Qt.Key.Key_Control)
    assert ids_in_table(shown) == ["clip-1", "clip-2"]
    assert shown.message() == "Added 2 tasks."


def test_an_empty_clipboard_is_explained(shown: WindowUnderTest) -> None:
    QGuiApplication.clipboard().setText("")
    shown.window.add_from_clipboard()
    assert shown.model_tasks == []
    assert "clipboard holds no text" in shown.message()


def test_auto_finds_the_provider_that_knows_the_id(
    windows: Windows, shown: WindowUnderTest
) -> None:
    windows.server.add_task("crun", "only-at-crun-1", RUNNING)
    paste(shown, "only-at-crun-1", "auto")
    assert "Looking up 1 ID(s)" in shown.message()
    shown.qtbot.waitUntil(lambda: ids_in_table(shown) == ["only-at-crun-1"], timeout=5000)
    assert shown.model_tasks[0].provider == "crun"
    shown.qtbot.waitUntil(lambda: "Added 1 task." in shown.message())
    assert "only-at-… belongs to crun.ai." in shown.message()


def test_auto_says_when_no_account_knows_the_id(shown: WindowUnderTest) -> None:
    paste(shown, "nobody-knows-2", "auto")
    shown.qtbot.waitUntil(lambda: "No account knows" in shown.message(), timeout=5000)
    assert shown.model_tasks == []
    assert "nobody-knows-2" in shown.message()


def test_ctrl_v_in_a_text_field_pastes_text_instead(shown: WindowUnderTest) -> None:
    QGuiApplication.clipboard().setText("pasted-id")
    field = shown.window.filter_field
    shown.window.activateWindow()
    field.setFocus()
    shown.qtbot.waitUntil(field.hasFocus)
    shown.qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    shown.qtbot.keyRelease(field, Qt.Key.Key_Control)
    assert field.text() == "pasted-id"
    assert shown.model_tasks == []


def test_text_dropped_on_the_window_adds_its_ids(shown: WindowUnderTest) -> None:
    shown.window.input_bar.set_provider_choice("crun")
    mime = QMimeData()
    mime.setText("dropped-1\ndropped-2")
    drop = QDropEvent(
        QPointF(40, 40),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    shown.window.dropEvent(drop)
    assert drop.isAccepted()
    assert ids_in_table(shown) == ["dropped-1", "dropped-2"]
    assert {t.provider for t in shown.model_tasks} == {"crun"}
    assert shown.message() == "Added 2 tasks."
