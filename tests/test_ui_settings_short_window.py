"""The Settings dialog on a short screen: its sections scroll, nothing is squashed, and Save /
Cancel stay in view. Before, the dialog could not be shorter than all its sections (~830 px), so
at 800x600 it squashed its Files section or ran off the bottom of the screen. And in the demo it
says its keys are built in, plainly (not "Keys are stored in: The demo uses …")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QScrollArea, QWidget

from gui.storage.settings import Settings
from gui.ui.settings_dialog import SettingsDialog
from tests.test_ui_demo_in_window import close_demo, with_demo
from tests.ui_helpers import OFFSCREEN_NOISE, Windows, windows_fixture

pytestmark = OFFSCREEN_NOISE

SHORT = 480  # what is left of an 800x600 screen under a panel and a title bar, and then some


def full_height(widget: QWidget) -> bool:
    return widget.height() >= widget.sizeHint().height()


def test_a_short_settings_dialog_scrolls_instead_of_squashing_its_sections(qtbot) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    assert dialog.minimumSizeHint().height() <= SHORT
    dialog.resize(640, SHORT)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.height() == SHORT
    # Every field of the Files section has its full height; the sections scroll to reach it.
    for field in (dialog.download_folder, dialog.template, dialog.artist, dialog.album):
        assert isinstance(field, QLineEdit)
        assert full_height(field), (field.objectName(), field.height(), field.sizeHint())
    sections = dialog.findChild(QScrollArea, "settingsScroll")
    assert sections is not None and sections.verticalScrollBar().maximum() > 0
    sections.ensureWidgetVisible(dialog.appearance)
    qtbot.waitUntil(lambda: dialog.appearance.visibleRegion().boundingRect().height() > 0)
    # Save and Cancel are whole and inside the dialog, whatever the scroll position.
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None and full_height(buttons)
    bottom = buttons.mapTo(dialog, buttons.rect().bottomLeft()).y()
    assert bottom <= dialog.height()


def test_the_settings_dialog_opens_no_taller_than_the_screen(qtbot) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    assert dialog.height() <= dialog.screen().availableGeometry().height()
    assert dialog.width() >= 640


@pytest.fixture
def windows(qtbot, qt_loop) -> Iterator[Windows]:
    yield from windows_fixture(qtbot, qt_loop)


def test_the_demos_settings_say_its_keys_are_built_in_without_a_keyring_sentence(
    windows: Windows,
) -> None:
    shown = windows.open()
    session = with_demo(shown, windows)
    try:
        shown.window.demo_requested.emit()
        shown.qtbot.waitUntil(lambda: session.controller is not None)
        assert session.controller is not None
        session.controller.open_settings()
        dialog = session.controller.settings_dialog
        assert dialog is not None
        shown.qtbot.waitUntil(lambda: "built-in keys" in dialog.keyring_label.text())
        # Not "Keys are stored in: The demo uses …", and no offer to replace a stored key.
        assert dialog.keyring_label.text().startswith("The demo uses built-in keys")
        for form in dialog.forms.values():
            assert not form.key.isEnabled() and form.key.placeholderText() == ""
        dialog.close()
    finally:
        close_demo(shown, session)
