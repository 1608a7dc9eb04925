"""One message at a time in the status bar, with its own action buttons ("Undo", "Open folder",
"Copy path"): the buttons are shown with their message and go when it goes — when it expires,
when any newer message replaces it, or when what they act on is gone."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QStatusBar, QWidget


class StatusMessages(QObject):
    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self._bar = bar
        self._actions: list[QWidget] = []  # every action button this object manages
        self._text: str | None = None  # the message the visible actions belong to
        bar.messageChanged.connect(self._message_changed)

    def manage(self, *actions: QWidget) -> None:
        """Put action buttons in the status bar (hidden until a message offers them)."""
        for action in actions:
            action.setVisible(False)
            self._bar.addPermanentWidget(action)
            self._actions.append(action)

    def show(self, text: str, timeout_ms: int, actions: Iterable[QWidget] = ()) -> None:
        offered = list(actions)
        self._text = text  # before showMessage: it reports the change synchronously
        self._bar.showMessage(text, timeout_ms)
        for action in self._actions:
            action.setVisible(action in offered)
        if not offered:
            self._text = None

    def withdraw(self, action: QWidget) -> None:
        """What `action` acted on is gone (the removed task came back): take its message away."""
        if action.isVisible() and self._text is not None:
            self._bar.clearMessage()  # reports "", which hides every action
        action.setVisible(False)

    @property
    def text(self) -> str | None:
        """The message whose actions are shown, if any."""
        return self._text

    def _message_changed(self, text: str) -> None:
        if self._text is not None and text != self._text:
            self._text = None
            for action in self._actions:
                action.setVisible(False)
