"""The window in 简体中文: menus, the table header, state words, the detail pane and a stored
problem are Chinese once the zh_CN translation is loaded (before the window is built, as
gui.ui.app does)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel

from gui.domain.tracked_task import TrackedTask, Watch
from gui.fake_provider import Failure, MusicResult, Phase, TaskScript
from gui.i18n import active_language, load_language
from gui.storage.ledger import Ledger
from gui.storage.paths import app_paths
from gui.storage.settings import Settings
from gui.ui.settings_dialog import SettingsDialog
from gui.ui.task_table_model import Column
from gui.ui.task_text import task_type_words
from tests.test_ui_demo_in_window import close_demo, with_demo
from tests.ui_helpers import OFFSCREEN_NOISE, Windows, WindowUnderTest, windows_fixture

pytestmark = OFFSCREEN_NOISE

DONE = TaskScript(
    [Phase("queued", 0.2), Phase("running", 0.2), Phase("succeeded")],
    MusicResult(titles=["Neon Rain"], clips=2, tags="synthwave"),
)
FAILS = TaskScript(
    [Phase("queued", 0.2), Phase("failed")],
    failure=Failure(reason="Audio source not found.", code="4001", trace_id="trace-77"),
)


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    assert load_language("zh_CN") == "zh_CN"
    try:
        yield
    finally:
        load_language("en")  # the rest of the suite reads English


@pytest.fixture
def windows(chinese: None, qtbot, qt_loop) -> Iterator[Windows]:
    yield from windows_fixture(qtbot, qt_loop)


@pytest.fixture
def shown(windows: Windows) -> WindowUnderTest:
    return windows.open()


def test_menus_header_and_state_words_are_chinese(windows: Windows, shown: WindowUnderTest) -> None:
    menus = [action.text() for action in shown.window.menuBar().actions()]
    assert menus[:2] == ["文件(&F)", "任务(&T)"]
    model = shown.window.model
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert titles[:3] == ["标题", "服务商", "状态"]
    assert "File" not in " ".join(menus) and "State" not in titles

    windows.server.add_task("mountsea-suno", "done-1", DONE)
    shown.controller.add_from_text("done-1", "mountsea-suno")
    shown.wait_for_state("done-1", "已完成")
    assert shown.message() == "已添加 1 个任务。"
    shown.select("done-1")
    assert shown.detail_text("detailState").startswith("已完成")
    assert "2 个结果" in shown.detail_texts()


def test_a_failure_reads_in_chinese_with_the_providers_own_words(
    windows: Windows, shown: WindowUnderTest
) -> None:
    windows.server.add_task("mountsea-producer", "fails-1", FAILS)
    shown.controller.add_from_text("fails-1", "mountsea-producer")
    shown.wait_for_state("fails-1", "失败")
    shown.select("fails-1")
    error = shown.detail_text("detailError")
    assert "Audio source not found." in error  # the provider's words are kept as they came
    assert "错误代码：4001" in error and "追踪 ID：trace-77" in error


def test_a_problem_stored_in_english_yesterday_is_shown_in_chinese(windows: Windows) -> None:
    # What an earlier (English) session wrote into the task list: a task the provider did not
    # know, given up on. The sentence is stored as written and worded when shown.
    stored = "sunor.cc does not know this task. Check the ID and the provider."
    ledger = Ledger(app_paths().ledger)
    try:
        ledger.put_all(
            [TrackedTask("sunor", "gone-1", 1.0, 1.0, watch=Watch.NOT_FOUND, problem=stored)]
        )
    finally:
        ledger.close()
    shown = windows.open()
    assert shown.text("gone-1", Column.NEXT_CHECK) == "未找到"
    shown.select("gone-1")
    assert shown.detail_text("detailProblem") == "sunor.cc 找不到这个任务。请检查 ID 和服务商。"


def test_the_settings_dialog_offers_the_languages_and_says_when_they_apply(
    chinese: None, qtbot
) -> None:
    dialog = SettingsDialog(Settings(language="zh_CN"))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Tunewatch 设置"
    names = [dialog.language.itemText(i) for i in range(dialog.language.count())]
    assert names == ["跟随系统", "English", "简体中文"]
    assert dialog.language.currentData() == "zh_CN"
    note = dialog.findChild(QLabel, "languageNote")
    assert note is not None and note.text() == "重启 Tunewatch 后生效。"
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save.text() == "保存"  # Qt's own words come in Chinese too (qtbase_zh_CN)
    dialog.language.setCurrentIndex(1)
    assert dialog.collect()[0].language == "en"
    assert active_language() == "zh_CN"


def test_the_made_up_stems_title_is_translated_and_a_providers_title_is_not(chinese: None) -> None:
    from gui.ui.task_text import title_words

    assert title_words("Stems: vocals, drums") == "分轨：vocals, drums"
    assert title_words("Finished") == "Finished"  # a song may be called that
    assert title_words(None) is None


def test_the_in_window_demo_speaks_chinese(
    windows: Windows, shown: WindowUnderTest, tmp_path: Path
) -> None:
    session = with_demo(shown, windows)
    try:
        shown.window.demo_requested.emit()
        demo = session.window
        assert demo is not None
        assert demo.windowTitle() == "演示"
        assert demo.banner.text().startswith("演示模式：")
        assert demo.banner_button.text() == "返回我的任务"
        shot_dir = Path(os.environ.get("TUNEWATCH_SHOT_DIR", tmp_path))
        demo.grab().save(str(shot_dir / "zh_CN-demo.png"))
    finally:
        close_demo(shown, session)


def test_known_task_types_are_chinese_and_unknown_ones_kept_as_they_came(
    windows: Windows, shown: WindowUnderTest, tmp_path: Path
) -> None:
    shot_dir = Path(os.environ.get("TUNEWATCH_SHOT_DIR", tmp_path))
    windows.server.add_task("sunor", "song-1", DONE)
    shown.controller.add_from_text("song-1", "sunor")
    shown.wait_for_state("song-1", "已完成")
    shown.select("song-1")
    facts = "\n".join(shown.detail_texts())
    assert "任务类型：音乐\n" in facts
    assert "music" not in facts
    shown.window.resize(1280, 760)
    shown.window.grab().save(str(shot_dir / "zh_CN-task-type.png"))
    assert task_type_words("stems") == "分轨"
    assert task_type_words("remix-v2") == "remix-v2"  # a type no list knows: as it came


def test_the_key_rows_without_a_keyring_speak_chinese(chinese: None) -> None:
    # These sentences were once behind a helper that pyside6-lupdate could not see into.
    from gui.ui.key_field_state import key_field_state, no_keyring_text

    state = key_field_state("sunor", None, keyring_usable=False)
    assert state.placeholder == "没有密钥环：请改为设置 TUNEWATCH_KEY_SUNOR"
    assert state.test_tip == "没有可测试的密钥"
    assert no_keyring_text().startswith("无法保存密钥")
