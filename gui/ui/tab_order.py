"""Keyboard reach: Tab visits every control of the window in reading order — banner, paste box,
filters (each state button, not only the checked one), table, the detail pane's controls, the
player — and a closed drop-down filter opens on the arrow keys instead of silently changing."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QButtonGroup, QComboBox, QWidget

from gui.ui.detail_pane import DetailPane

ARROWS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


def chain(widgets: Sequence[QWidget]) -> None:
    """Tab goes from each widget to the next, in the order given."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


def reachable_choice(group: QButtonGroup) -> None:
    """Buttons in a QButtonGroup are one tab stop in Qt (exclusive or not, like radio
    buttons). Take them out and keep the one-of-them behaviour by hand, so Tab reaches each."""
    buttons = group.buttons()
    for button in buttons:
        group.removeButton(button)

    def toggled(button: QAbstractButton, on: bool) -> None:
        if on:
            for other in buttons:
                if other is not button and other.isChecked():
                    other.setChecked(False)
        elif not any(b.isChecked() for b in buttons):
            button.setChecked(True)  # clicking the chosen one again keeps it chosen

    for button in buttons:
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.toggled.connect(lambda on, b=button: toggled(b, on))


def focusable_children(page: QWidget) -> list[QWidget]:
    """The controls inside `page` that take Tab focus, in the order they were built — which is
    reading order for the detail pane (depth first: each card's controls before the next card).
    Hidden or disabled ones stay in: Qt skips them when Tab is pressed, and they may come back."""
    return [w for w in page.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus]


class ArrowsOpenPopup(QObject):
    """Up/Down (and the wheel) on a closed filter drop-down open it rather than switching the
    filter unseen; inside the open list the arrows choose as usual."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QComboBox):
            return False
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in ARROWS
            and not event.modifiers()
        ):
            watched.showPopup()
            return True
        # Scrolling the page past a drop-down must not change the filter.
        return event.type() == QEvent.Type.Wheel and not watched.hasFocus()


class SpaceClicksButtons(QObject):
    """Space on a focused button presses it (as everywhere else), instead of reaching the
    window's Space-toggles-playback shortcut."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(watched, QAbstractButton)
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Space
            and not event.modifiers()
        ):
            event.accept()  # the button wants this key: no shortcut fires
            return True
        return False

    def watch(self, widgets: Sequence[QWidget]) -> None:
        for widget in widgets:
            if isinstance(widget, QAbstractButton):
                widget.installEventFilter(self)


class DetailPaneOrder(QObject):
    """The detail pane is rebuilt for every task; its new controls would join the end of the
    window's tab chain. Put them back between the table and the player after each rebuild."""

    def __init__(
        self, pane: DetailPane, before: QWidget, after: Callable[[], QWidget | None]
    ) -> None:
        super().__init__(pane)
        self._pane = pane
        self._before = before
        self._after = after
        self.space = SpaceClicksButtons(self)
        pane.page_changed.connect(self.relink)
        self.relink()

    def relink(self) -> None:
        if not shiboken6.isValid(self._pane):
            return
        page = self._pane.widget()
        inside = focusable_children(page) if page is not None else []
        following = self._after()
        chain([self._before, *inside, *([following] if following is not None else [])])
        self.space.watch(inside)
