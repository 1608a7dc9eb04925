"""Export as a newcomer meets it: the folder dialog opens in a folder that exists (the configured
one, else Music/Tunewatch, Music, home) with Choose usable; exported files follow the umask like
any other file; a long title is shortened but the clip id stays; an untitled clip is named after
the task with its number, not after the first clip."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import platformdirs
import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from gui.domain.model import Clip, TaskSnapshot
from gui.domain.states import TaskState
from gui.fake_provider import MusicResult, Phase, TaskScript
from gui.media.export_folder import starting_folder
from gui.media.naming import MAX_STEM_BYTES, clip_title, file_stem, parse_template, template_values
from gui.storage.file_modes import current_umask
from gui.storage.settings import DEFAULT_FILENAME_TEMPLATE
from gui.ui.task_actions import TaskAction
from tests.ui_helpers import OFFSCREEN_NOISE, Windows, windows_fixture

pytestmark = OFFSCREEN_NOISE

CLIP_ID = "ff98b0a3-1111-2222-3333-444455556666"
SONG = TaskScript([Phase("succeeded")], MusicResult(titles=["Neon Rain"], clips=1, prompt="la la"))


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[Windows]:
    yield from windows_fixture(qtbot, qt_loop)


@pytest.fixture
def music(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Music"
    monkeypatch.setattr(platformdirs, "user_music_dir", lambda: str(folder))
    return folder


def test_the_folder_dialog_starts_in_a_folder_that_exists(music: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert starting_folder(None, home) == home  # no Music folder at all
    music.mkdir()
    assert starting_folder(None, home) == music
    (music / "Tunewatch").mkdir()
    assert starting_folder(None, home) == music / "Tunewatch"
    assert starting_folder(str(tmp_path / "unplugged-drive"), home) == music / "Tunewatch"
    assert starting_folder(str(tmp_path), home) == tmp_path


def test_the_export_dialog_opens_in_music_with_choose_usable(windows: Windows, music: Path) -> None:
    music.mkdir()  # Music exists, Music/Tunewatch not yet; no folder configured
    windows.server.add_task("sunor", "song", SONG)
    shown = windows.open()
    shown.services.settings.keep_finished = False
    shown.services.settings.download_folder = None
    shown.controller.add_from_text("song", "sunor")
    shown.wait_for_state("song", "Finished")
    shown.window.task_actions[TaskAction.EXPORT].trigger()
    dialog = shown.window.findChild(QFileDialog)
    assert dialog is not None and dialog.isVisible()
    assert Path(dialog.directory().path()) == music  # not the process's working folder
    assert Path.cwd() != music
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    choose = buttons.button(QDialogButtonBox.StandardButton.Open)
    assert choose is not None and choose.isEnabled()
    dialog.reject()


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600)])
def test_exported_files_follow_the_umask(
    windows: Windows, tmp_path: Path, umask: int, mode: int
) -> None:
    windows.server.add_task("sunor", "song", SONG)
    shown = windows.open()
    shown.services.settings.keep_finished = False
    shown.controller.add_from_text("song", "sunor")
    shown.wait_for_state("song", "Finished")
    before = os.umask(umask)
    try:
        assert current_umask() == umask
        folder = tmp_path / "out"
        shown.controller.exports.export([shown.task("song")], folder)
        bar = shown.window.statusBar()
        shown.qtbot.waitUntil(lambda: bar.currentMessage().startswith("Exported"), timeout=10_000)
    finally:
        os.umask(before)
    files = sorted(folder.iterdir())
    assert {p.suffix for p in files} >= {".mp3", ".json", ".txt"}
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == mode, path.name


def snapshot(*clips: Clip) -> TaskSnapshot:
    return TaskSnapshot(
        provider="sunor",
        task_id="d6956973-2f17-43d4-8514-af6cc3a2f55d",
        state=TaskState.SUCCEEDED,
        provider_status="success",
        clips=clips,
    )


def test_a_long_title_is_shortened_and_the_clip_id_kept() -> None:
    clip = Clip(id=CLIP_ID, title="Neon Rain " * 40)
    task = snapshot(clip)
    stem = file_stem(parse_template(DEFAULT_FILENAME_TEMPLATE), template_values(task, clip, 0))
    assert stem.endswith("… - ff98b0a3")
    assert stem.startswith("Neon Rain Neon Rain")
    assert len(stem.encode("utf-8")) <= MAX_STEM_BYTES
    dated = parse_template("{date} {title} ({model}) {clip_id8}")
    long_model = Clip(id=CLIP_ID, title="é" * 300, model_name="chirp-fenix")
    stem = file_stem(dated, template_values(snapshot(long_model), long_model, 0))
    assert stem.endswith("… (chirp-fenix) ff98b0a3")


def test_an_untitled_clip_is_named_after_the_task_with_its_number() -> None:
    first = Clip(id="aaaaaaaa-1", title="Neon Rain")
    untitled = Clip(id="bbbbbbbb-2", title=None)
    task = snapshot(first, untitled)  # the task's title is its first clip's
    assert clip_title(first, task) == "Neon Rain"
    assert clip_title(untitled, task) == "Neon Rain (2)"
    template = parse_template(DEFAULT_FILENAME_TEMPLATE)
    assert file_stem(template, template_values(task, untitled, 1)) == "Neon Rain (2) - bbbbbbbb"
