"""Watching tasks live: the table and the detail pane follow the provider, without resets."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from gui.fake_provider import Failure, Fault, MusicResult, Phase, TaskScript
from gui.fake_provider.hostile import TRAVERSAL_TITLE
from gui.ui import detail_pane
from gui.ui.task_table_model import Column
from tests.ui_helpers import OFFSCREEN_NOISE, Windows, WindowUnderTest, windows_fixture

pytestmark = OFFSCREEN_NOISE

JOURNEY = TaskScript(
    [Phase("queued", 0.6), Phase("running", 0.6), Phase("streaming", 0.6), Phase("succeeded")],
    MusicResult(titles=["Neon Rain", "Neon Rain (take 2)"], clips=2, tags="synthwave"),
)


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[Windows]:
    yield from windows_fixture(qtbot, qt_loop)


@pytest.fixture
def shown(windows: Windows) -> WindowUnderTest:
    return windows.open()


def add(shown: WindowUnderTest, provider: str, task_id: str) -> None:
    shown.controller.add_from_text(task_id, provider)
    assert shown.row(task_id) is not None


def test_a_task_moves_through_its_states_in_the_table_and_the_detail_pane(
    windows: Windows, shown: WindowUnderTest
) -> None:
    windows.server.add_task("mountsea-suno", "journey", JOURNEY)
    seen_in_table: list[str] = []
    seen_in_detail: list[str] = []

    def note(*_args: object) -> None:
        state = shown.text("journey", Column.STATE)
        if not seen_in_table or seen_in_table[-1] != state:
            seen_in_table.append(state)
        detail = shown.detail_text("detailState").split("  (")[0]
        if detail and (not seen_in_detail or seen_in_detail[-1] != detail):
            seen_in_detail.append(detail)

    shown.window.model.dataChanged.connect(note)
    add(shown, "mountsea-suno", "journey")  # selects the new row: the detail pane shows it
    assert shown.text("journey", Column.STATE) == "Queued for check"  # checked at once
    assert shown.text("journey", Column.PROVIDER) == "MountSea Suno"
    shown.wait_for_state("journey", "Finished")
    shown.qtbot.waitUntil(lambda: shown.detail_text("detailState").startswith("Finished"))

    assert seen_in_table[-4:] == ["Queued", "Generating", "Streaming preview", "Finished"]
    assert seen_in_detail[-4:] == ["Queued", "Generating", "Streaming preview", "Finished"]
    assert shown.text("journey", Column.TITLE) == "Neon Rain"
    assert shown.text("journey", Column.CLIPS) == "2"
    assert shown.text("journey", Column.NEXT_CHECK) == "—"
    assert shown.text("journey", Column.PROGRESS) == ""  # no bar once finished

    cards = shown.window.detail.cards
    titles = [card.findChildren(QLabel)[1].text() for card in cards]  # [0] is the cover
    assert titles == ["Neon Rain", "Neon Rain (take 2)"]
    for card in cards:
        assert card.play_button.text() == "▶ Play"
        assert card.play_button.isEnabled()
        assert card.export_button.isEnabled()
    history = "\n".join(shown.detail_texts())
    for word in ("Queued", "Generating", "Streaming preview", "Finished"):
        assert word in history


def test_a_failed_task_shows_why_with_code_and_trace_id(
    windows: Windows, shown: WindowUnderTest
) -> None:
    script = TaskScript(
        [Phase("running", 0.2), Phase("failed")],
        failure=Failure(
            "The lyrics were flagged by moderation", code="E_MODERATION", trace_id="tr-support-42"
        ),
    )
    windows.server.add_task("mountsea-producer", "doomed", script)
    add(shown, "mountsea-producer", "doomed")
    shown.wait_for_state("doomed", "Failed")
    shown.qtbot.waitUntil(lambda: shown.detail_label("detailError") is not None)
    error = shown.detail_text("detailError")
    assert "The lyrics were flagged by moderation" in error
    assert "Error code: E_MODERATION" in error
    assert "Trace ID: tr-support-42" in error
    assert shown.text("doomed", Column.CLIPS) == ""
    assert shown.window.detail.cards == []
    assert shown.window.counts_label.text() == "0 active · 0 finished · 1 failed"


def test_live_updates_never_reset_the_model_and_keep_the_selection(
    windows: Windows, shown: WindowUnderTest
) -> None:
    slow = TaskScript([Phase("queued", 0.3), Phase("running")])
    for task_id in ("row-a", "row-b", "row-c"):
        windows.server.add_task("sunor", task_id, slow if task_id == "row-b" else JOURNEY)
        add(shown, "sunor", task_id)
    resets: list[str] = []
    for model in (shown.window.model, shown.window.proxy):
        model.modelAboutToBeReset.connect(lambda: resets.append("about to reset"))
        model.modelReset.connect(lambda: resets.append("reset"))
    changed_rows: set[int] = set()
    shown.window.model.dataChanged.connect(
        lambda top, bottom, _roles=(): changed_rows.update(range(top.row(), bottom.row() + 1))
    )
    shown.select("row-b")
    shown.qtbot.mouseClick(
        shown.window.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=shown.window.table.visualRect(shown.window.table.currentIndex()).center(),
    )
    assert [t.task_id for t in shown.window.selected_tasks()] == ["row-b"]

    shown.wait_for_state("row-a", "Finished")
    shown.wait_for_state("row-c", "Finished")
    assert shown.text("row-b", Column.STATE) == "Generating"
    assert resets == []
    assert changed_rows >= {0, 1, 2}
    assert [t.task_id for t in shown.window.selected_tasks()] == ["row-b"]
    task = shown.window.detail.task
    assert task is not None and task.task_id == "row-b"


def rich_text_labels(shown: WindowUnderTest) -> list[str]:
    """Texts of detail-pane labels that Qt would render as markup."""
    page = shown.window.detail.widget()
    assert page is not None
    return [
        label.text()
        for label in page.findChildren(QLabel)
        if label.textFormat() is not Qt.TextFormat.PlainText
        and QtGui.Qt.mightBeRichText(label.text())
    ]


def test_a_hostile_payload_shows_without_crashing(windows: Windows, shown: WindowUnderTest) -> None:
    windows.server.add_task("sunor", "hostile", TaskScript([Phase("running")]))
    windows.server.inject(Fault("hostile"), task_id="hostile")
    add(shown, "sunor", "hostile")
    shown.wait_for_state("hostile", "Finished")
    shown.qtbot.waitUntil(lambda: len(shown.window.detail.cards) == 2)
    assert shown.detail_text("detailTitle") == TRAVERSAL_TITLE
    assert shown.text("hostile", Column.TITLE) == TRAVERSAL_TITLE
    assert rich_text_labels(shown) == []
    for card in shown.window.detail.cards:
        # javascript:, file:, data: and scheme-relative links are never offered for playing.
        assert not card.play_button.isEnabled()
    for row in range(shown.window.model.rowCount()):
        for column in Column:
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                shown.window.model.index(row, column).data(role)  # every cell renders
    shown.window.table.viewport().repaint()
    shown.window.detail.viewport().repaint()


def test_markup_in_a_title_stays_literal(windows: Windows, shown: WindowUnderTest) -> None:
    markup = "<b>x</b><img src='file:///etc/passwd'>"
    windows.server.add_task(
        "sunor", "markup", TaskScript([Phase("succeeded")], MusicResult(titles=[markup], clips=1))
    )
    add(shown, "sunor", "markup")
    shown.wait_for_state("markup", "Finished")
    shown.qtbot.waitUntil(lambda: len(shown.window.detail.cards) == 1)
    title = shown.detail_label("detailTitle")
    assert title is not None
    assert title.text() == markup
    assert title.textFormat() is Qt.TextFormat.PlainText
    card_title = shown.window.detail.cards[0].findChildren(QLabel)[1]
    assert card_title.text() == markup
    assert card_title.textFormat() is Qt.TextFormat.PlainText
    assert shown.text("markup", Column.TITLE) == markup
    assert rich_text_labels(shown) == []


class _TenSecondsLater:
    """Stands in for the detail pane's `time` module: the clock is 10 s ahead."""

    def __getattr__(self, name: str) -> object:
        return getattr(time, name)

    def time(self) -> float:
        return time.time() + 10


def test_a_finished_task_in_the_detail_pane_is_not_rebuilt_while_others_poll(
    windows: Windows, shown: WindowUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    windows.server.add_task(
        "sunor", "read-me", TaskScript([Phase("succeeded")], MusicResult(titles=["Lyrics"]))
    )
    windows.server.add_task("sunor", "busy", TaskScript([Phase("running")]))
    add(shown, "sunor", "busy")
    add(shown, "sunor", "read-me")
    shown.wait_for_state("read-me", "Finished")
    shown.qtbot.waitUntil(lambda: len(shown.window.detail.cards) == 2)
    page = shown.window.detail.widget()
    covers: list[str] = []
    shown.window.detail.cover_wanted.connect(lambda url, _local: covers.append(url))

    # The other task keeps polling and the clock moves on (the table ticks every second):
    # nothing about the finished task changed, so the page being read stays as it is.
    monkeypatch.setattr(detail_pane, "time", _TenSecondsLater())
    busy_polls = shown.task("busy").poll_count
    shown.qtbot.waitUntil(lambda: shown.task("busy").poll_count > busy_polls)
    shown.window.model.refresh_all()
    assert shown.window.detail.widget() is page
    assert covers == []
