"""Export from the window (progress, Cancel, plain-words results, Open folder) and the archive
of finished tracks ("keep finished tracks"), which keeps playing after the links expire."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QFileDialog

from gui.domain.model import Clip
from gui.fake_provider import (
    Failure,
    FakeProviderServer,
    ManualClock,
    MusicResult,
    Phase,
    TaskScript,
)
from gui.ui import export_runner
from gui.ui.task_actions import TaskAction
from tests.ui_helpers import PLAYBACK_NOISE, WAIT_MS, WindowsOn, WindowUnderTest, make_server

pytestmark = PLAYBACK_NOISE

LINK_TTL = 60.0  # on the manual clock: links expire only when a test moves it on
LYRICS = "[Verse]\nNeon rain on the window"
SONGS = MusicResult(titles=["Neon Rain", "Neon Rain (take 2)"], clips=2, prompt=LYRICS)
FINISHED = TaskScript([Phase("succeeded")], SONGS)
EACH_CLIP = {".mp3", ".jpg", ".txt", ".json"}  # audio, cover, lyrics, sidecar


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def server(clock: ManualClock) -> Iterator[FakeProviderServer]:
    server = make_server(clock=clock, link_ttl=LINK_TTL)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def windows(qtbot, qt_loop, server: FakeProviderServer) -> Iterator[WindowsOn]:
    windows = WindowsOn(qtbot, qt_loop, server)
    try:
        yield windows
    finally:
        windows.close_all()


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """What "Open folder" asked the desktop to open (nothing is launched)."""
    urls: list[QUrl] = []

    class Desktop:
        @staticmethod
        def openUrl(url: QUrl) -> bool:
            urls.append(url)
            return True

    monkeypatch.setattr(export_runner, "QDesktopServices", Desktop)
    return urls


def watch(windows: WindowsOn, task_id: str, state: str, *, keep: bool) -> WindowUnderTest:
    shown = windows.open()
    shown.services.settings.keep_finished = keep
    shown.controller.add_from_text(task_id, "sunor")
    shown.wait_for_state(task_id, state)
    return shown


def status(shown: WindowUnderTest) -> str:
    return shown.window.statusBar().currentMessage()


def wait_for_status(shown: WindowUnderTest, start: str) -> str:
    shown.qtbot.waitUntil(lambda: status(shown).startswith(start), timeout=WAIT_MS)
    return status(shown)


def files_by_stem(folder: Path) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = {}
    for path in folder.iterdir():
        groups.setdefault(path.stem, set()).add(path.suffix)
    return groups


def clip_stems(shown: WindowUnderTest, task_id: str) -> list[str]:
    snapshot = shown.task(task_id).snapshot
    assert snapshot is not None
    return [f"{clip.title} - {(clip.id or '')[:8]}" for clip in snapshot.clips]


def first_clip(shown: WindowUnderTest, task_id: str) -> Clip:
    snapshot = shown.task(task_id).snapshot
    assert snapshot is not None
    return snapshot.clips[0]


# --- export ------------------------------------------------------------------------------------


def test_export_from_the_menu_writes_every_file_and_offers_the_folder(
    windows: WindowsOn, tmp_path: Path, opened: list[QUrl]
) -> None:
    windows.server.add_task("sunor", "songs", FINISHED)
    shown = watch(windows, "songs", "Finished", keep=False)
    exports = shown.controller.exports
    shown.services.settings.download_folder = str(tmp_path)
    folder = tmp_path / "Exports"
    folder.mkdir()
    assert not exports.open_button.isVisible()

    # Adding the task selected it. (Selecting it again could toggle it off: selectRow follows
    # the keyboard modifiers, and a Ctrl+V sent by an earlier test can leave Ctrl set.)
    assert [t.task_id for t in shown.window.selected_tasks()] == ["songs"]
    shown.window.task_actions[TaskAction.EXPORT].trigger()
    dialog = shown.window.findChild(QFileDialog)
    assert dialog is not None and dialog.isVisible()
    assert Path(dialog.directory().path()) == tmp_path  # starts in the chosen download folder
    dialog.selectFile(str(folder))
    dialog.accept()

    assert wait_for_status(shown, "Exported") == f"Exported 8 files to {folder}."
    groups = files_by_stem(folder)
    stems = clip_stems(shown, "songs")  # the default template: "{title} - {clip_id8}"
    assert sorted(groups) == sorted(stems)
    assert all(suffixes == EACH_CLIP for suffixes in groups.values())
    stem = stems[0]
    assert stem.startswith("Neon Rain - ")
    assert (folder / f"{stem}.txt").read_text(encoding="utf-8") == LYRICS + "\n"
    sidecar = json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))
    assert (sidecar["task_id"], sidecar["title"], sidecar["format"]) == (
        "songs",
        "Neon Rain",
        "mp3",
    )
    assert (folder / f"{stem}.mp3").stat().st_size > 10_000
    assert not list(folder.glob(".*"))  # no temporary file left behind

    assert exports.open_button.isVisible()
    assert not exports.progress.isVisible() and not exports.cancel_button.isVisible()
    shown.qtbot.mouseClick(exports.open_button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(folder))]


def test_cancel_during_the_download_leaves_no_half_written_file(
    windows: WindowsOn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    windows.server.add_task("sunor", "songs", FINISHED)
    shown = watch(windows, "songs", "Finished", keep=False)
    exports = shown.controller.exports
    folder = tmp_path / "Exports"
    during: list[tuple[list[str], bool]] = []
    report = exports._progress

    def progress(clip: Clip, done: int, total: int | None) -> None:
        report(clip, done, total)
        if not during:  # the first audio file is coming in: the user clicks Cancel
            shown_now = exports.progress.isVisible() and exports.cancel_button.isVisible()
            during.append((sorted(p.name for p in folder.iterdir()), shown_now))
            exports.cancel_button.click()

    monkeypatch.setattr(exports, "_progress", progress)
    exports.export([shown.task("songs")], folder)
    message = wait_for_status(shown, "Export cancelled")

    assert message == "Export cancelled; no half-written file was left."
    names, progress_shown = during[0]
    assert progress_shown
    assert len(names) == 1 and names[0].endswith(".part")  # it was stopped mid-download
    assert list(folder.iterdir()) == []
    assert not exports.progress.isVisible() and not exports.cancel_button.isVisible()
    assert not exports.open_button.isVisible()

    # The next export runs normally.
    exports.export([shown.task("songs")], folder)
    assert wait_for_status(shown, "Exported") == f"Exported 8 files to {folder}."


def test_an_expired_link_is_refreshed_during_the_export(
    windows: WindowsOn, clock: ManualClock, tmp_path: Path
) -> None:
    windows.server.add_task("sunor", "songs", FINISHED)
    shown = watch(windows, "songs", "Finished", keep=False)
    clock.advance(LINK_TTL + 1)
    stale = first_clip(shown, "songs").audio_url
    assert stale is not None and httpx.get(stale).status_code == 403
    windows.server.clear_requests()

    folder = tmp_path / "Exports"
    shown.controller.exports.export([shown.task("songs")], folder)

    assert wait_for_status(shown, "Exported") == f"Exported 8 files to {folder}."
    assert all(suffixes == EACH_CLIP for suffixes in files_by_stem(folder).values())
    requests = windows.server.requests
    expired = next(i for i, r in enumerate(requests) if r.route == "media" and r.status == 403)
    assert any(r.route == "sunor.status" for r in requests[expired:])  # a fresh check
    assert requests[-1].route == "media" and requests[-1].status == 200


def test_a_task_with_nothing_to_export_says_so(windows: WindowsOn, tmp_path: Path) -> None:
    script = TaskScript([Phase("failed")], failure=Failure("The lyrics were flagged"))
    windows.server.add_task("sunor", "doomed", script)
    shown = watch(windows, "doomed", "Failed", keep=False)
    folder = tmp_path / "Exports"

    shown.controller.exports.export([shown.task("doomed")], folder)

    message = wait_for_status(shown, "Nothing was exported")
    assert message == "Nothing was exported. doomed: it has no files to export."
    assert not shown.controller.exports.open_button.isVisible()
    assert not folder.exists() or list(folder.iterdir()) == []


# --- the archive ("keep finished tracks") ------------------------------------------------------


def saved_texts(shown: WindowUnderTest) -> list[str]:
    return [
        card.saved_label.text() if card.saved_label.isVisibleTo(card) else ""
        for card in shown.window.detail.cards
    ]


def test_a_finished_task_is_kept_and_plays_after_its_links_expire(
    windows: WindowsOn, clock: ManualClock
) -> None:
    windows.server.add_task("sunor", "kept", FINISHED)
    shown = watch(windows, "kept", "Finished", keep=True)
    qtbot = shown.qtbot
    qtbot.waitUntil(
        lambda: len(saved_texts(shown)) == 2 and all(saved_texts(shown)), timeout=WAIT_MS
    )
    assert saved_texts(shown) == ["✔ Saved locally: plays even after the link expires"] * 2

    folder = shown.services.paths.library / "sunor" / "kept"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["provider"], manifest["task_id"]) == ("sunor", "kept")
    snapshot = shown.task("kept").snapshot
    assert snapshot is not None
    assert set(manifest["clips"]) == {clip.id for clip in snapshot.clips}
    for entry in manifest["clips"].values():
        assert {Path(name).suffix for name in entry["files"]} == EACH_CLIP
        assert all((folder / name).is_file() for name in entry["files"])
        assert entry["media"].endswith(".mp3")

    clock.advance(LINK_TTL + 1)  # every link the provider gave has expired now
    stale = first_clip(shown, "kept").audio_url
    assert stale is not None and httpx.get(stale).status_code == 403
    player = shown.window.player
    errors: list[str] = []
    player.error.connect(errors.append)
    card = shown.window.detail.cards[0]
    qtbot.mouseClick(card.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: player.is_playing and player.position > 300, timeout=WAIT_MS)

    item = player.item
    assert item is not None and item.is_local
    media = manifest["clips"][first_clip(shown, "kept").id]["media"]
    assert Path(item.source) == folder / media
    assert shown.window.player_bar.now_playing.text() == "Neon Rain — saved locally"
    assert card.playing_label.text() == "▶ Playing (saved copy)"
    assert errors == []


def test_nothing_is_kept_when_keep_finished_is_off(windows: WindowsOn) -> None:
    windows.server.add_task("sunor", "not-kept", FINISHED)
    shown = watch(windows, "not-kept", "Finished", keep=False)
    qtbot = shown.qtbot
    qtbot.waitUntil(lambda: len(shown.window.detail.cards) == 2)
    qtbot.wait(500)  # an archive download would have started (and ended) by now

    assert not (shown.services.paths.library / "sunor").exists()
    assert saved_texts(shown) == ["", ""]
    assert not [r for r in windows.server.requests if r.path.startswith("/audio/")]
    player = shown.window.player
    qtbot.mouseClick(shown.window.detail.cards[0].play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: player.is_playing, timeout=WAIT_MS)
    assert player.item is not None and not player.item.is_local
    assert shown.window.player_bar.now_playing.text() == "Neon Rain"


def test_a_task_that_finished_while_the_window_was_closed_is_kept_at_start(
    windows: WindowsOn,
) -> None:
    windows.server.add_task("sunor", "kept-later", FINISHED)
    first = watch(windows, "kept-later", "Finished", keep=False)  # e.g. `tunewatch watch`
    first.close()
    library = first.services.paths.library / "sunor"
    assert not library.exists()

    second = windows.open()
    second.services.settings.keep_finished = True  # the first window saved it off
    second.controller.keep_recently_finished()  # what start-up does once the tasks are loaded

    def both_kept() -> bool:
        return library.exists() and len(list(library.rglob("*.mp3"))) == 2

    second.qtbot.waitUntil(both_kept, timeout=WAIT_MS)
    assert len(list(library.rglob("*.mp3"))) == 2
