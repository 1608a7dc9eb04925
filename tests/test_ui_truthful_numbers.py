"""Numbers that say what they count: Elapsed has one definition and says which clock it is on,
the history counts from when the task was added and says so, variations of one task are told
apart (1/2, 2/2, clip id), and the state filter's counts follow the provider filter."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from gui.fake_provider import MusicResult, Phase, TaskScript
from gui.ui.task_filter import StateGroup
from gui.ui.task_table_model import Column
from tests.ui_helpers import OFFSCREEN_NOISE, Windows, WindowUnderTest, windows_fixture

pytestmark = OFFSCREEN_NOISE

TWINS = TaskScript(
    [Phase("running", 0.2), Phase("succeeded")],
    MusicResult(titles=["Neon Rain"], clips=2, tags="synthwave"),  # both clips: one title
)


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[Windows]:
    yield from windows_fixture(qtbot, qt_loop)


def tooltip(shown: WindowUnderTest, task_id: str, column: Column) -> str:
    row = shown.row(task_id)
    assert row is not None
    return str(shown.window.model.index(row, column).data(Qt.ItemDataRole.ToolTipRole))


def test_elapsed_says_which_clock_it_is_on(windows: Windows) -> None:
    windows.server.add_task("mountsea-suno", "twins", TWINS)
    windows.server.add_task("crun", "running", TaskScript([Phase("running")]))
    shown = windows.open()
    shown.controller.add_from_text("twins", "mountsea-suno")
    shown.controller.add_from_text("running", "crun")
    shown.wait_for_state("twins", "Finished")
    shown.wait_for_state("running", "Generating")

    header = shown.window.model.headerData(
        Column.ELAPSED, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert "provider's start time" in header and "added" in header
    finished = tooltip(shown, "twins", Column.ELAPSED)
    assert re.search(
        r"Elapsed: \d+ s \((the provider's start to finish|from added to finished)\)", finished
    )
    assert shown.text("twins", Column.ELAPSED) in finished
    running = tooltip(shown, "running", Column.ELAPSED)
    assert re.search(r"Elapsed: \d+ s \((since added|since the provider started it)\)", running)
    shown.select("running")
    assert any("Elapsed:" in text and "since" in text for text in shown.detail_texts())


def test_history_counts_from_when_the_task_was_added_and_says_so(windows: Windows) -> None:
    windows.server.add_task("mountsea-suno", "twins", TWINS)
    shown = windows.open()
    shown.controller.add_from_text("twins", "mountsea-suno")
    shown.wait_for_state("twins", "Finished")
    shown.select("twins")
    shown.qtbot.waitUntil(lambda: len(shown.window.detail.cards) == 2)
    facts = "\n".join(shown.detail_texts())
    assert "History (time since added):" in facts
    task = shown.task("twins")
    for entry in task.history:  # the first state too: it was seen some time after adding
        assert f"{entry.state.label}  (+" in facts
    assert len(re.findall(r"\(\+[^)]* since added\)", facts)) == len(task.history)


def test_variations_of_one_task_are_numbered_and_named_by_clip(windows: Windows) -> None:
    windows.server.add_task("mountsea-suno", "twins", TWINS)
    shown = windows.open()
    shown.controller.add_from_text("twins", "mountsea-suno")
    shown.wait_for_state("twins", "Finished")
    shown.select("twins")
    shown.qtbot.waitUntil(lambda: len(shown.window.detail.cards) == 2)
    cards = shown.window.detail.cards
    labels = [card.variation_label.text() for card in cards]
    ids = [card.clip.id for card in cards]
    assert all(ids) and ids[0] != ids[1]
    assert (
        labels
        == [
            f"Variation 1/2 · clip {ids[0][:8]}",  # type: ignore[index]
            f"Variation 2/2 · clip {ids[1][:8]}",  # type: ignore[index]
        ]
    )
    assert all(card.variation_label.isVisibleTo(card) for card in cards)


def test_the_state_counts_follow_the_provider_filter(windows: Windows) -> None:
    windows.server.add_task("crun", "crun-running", TaskScript([Phase("running")]))
    shown = windows.open()
    for task_id in ("sunor-1", "sunor-2"):
        shown.controller.add_from_text(task_id, "sunor")
    shown.controller.add_from_text("crun-running", "crun")
    window = shown.window
    buttons = window.group_buttons
    assert buttons[StateGroup.ALL].text() == "All (3)"
    window.provider_filter.setCurrentIndex(window.provider_filter.findData("crun"))
    assert buttons[StateGroup.ALL].text() == "All (1)"
    assert buttons[StateGroup.ACTIVE].text() == "Active (1)"
    assert shown.visible_ids() == ["crun-running"]
    window.provider_filter.setCurrentIndex(window.provider_filter.findData("sunor"))
    assert buttons[StateGroup.ALL].text() == "All (2)"
    window.provider_filter.setCurrentIndex(0)
    assert buttons[StateGroup.ALL].text() == "All (3)"
    shown.controller.actions.remove([shown.task("sunor-1")])
    window.provider_filter.setCurrentIndex(window.provider_filter.findData("sunor"))
    assert buttons[StateGroup.ALL].text() == "All (1)"  # kept up to date, not recounted


class SteppingClock:
    """`time` as the window's clocks see it, one whole second later at every reading: what the
    table painting a moment after the detail pane updated would see, at its worst."""

    def __init__(self, start: float) -> None:
        self.now = start

    def time(self) -> float:
        self.now += 1.0
        return self.now

    def __getattr__(self, name: str) -> object:
        return getattr(time, name)  # strftime, localtime: the real ones


def test_the_table_and_the_detail_pane_show_the_same_elapsed(
    windows: Windows, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    windows.server.add_task("crun", "running", TaskScript([Phase("running")]))
    shown = windows.open()
    shown.controller.add_from_text("running", "crun")
    shown.wait_for_state("running", "Generating")
    shown.select("running")
    clock = SteppingClock(time.time())
    monkeypatch.setattr("gui.ui.task_text.time", clock)
    monkeypatch.setattr("gui.ui.task_table_model.time", clock)
    model = shown.window.model
    seen = set()
    for _second in range(5):
        model._tick()  # the once-a-second tick: the table repaints, the detail pane updates
        in_table = shown.text("running", Column.ELAPSED)
        in_detail = [t for t in shown.detail_texts() if "Elapsed:" in t]
        assert len(in_detail) == 1
        assert f"Elapsed: {in_table} (" in in_detail[0], (in_table, in_detail[0])
        seen.add(in_table)
    assert len(seen) == 5  # the clock really moved between ticks
    shot_dir = Path(os.environ.get("TUNEWATCH_SHOT_DIR", tmp_path))
    shown.window.resize(1280, 760)  # wide enough for the Elapsed column beside the pane
    shown.window.grab().save(str(shot_dir / "elapsed-table-and-detail.png"))
