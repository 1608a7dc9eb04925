"""The always-visible "Paste task IDs…" box, its provider chooser and its inline message."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.providers import PROVIDERS
from gui.storage.settings import AUTO_PROVIDER
from gui.ui.appearance import set_tone

# The message's tone (gui/ui/appearance.py colours it for the light or the dark palette).
MESSAGE_TONES = {"error": "error", "warning": "warning", "info": "ok"}


class InputBar(QWidget):
    add_requested = Signal(str, str)  # pasted text, provider id or "auto"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.field = QLineEdit()
        self.field.setObjectName("pasteField")
        self.field.setPlaceholderText(
            self.tr("Paste task IDs… (one or many, or a whole JSON response)")
        )
        self.field.setClearButtonEnabled(True)
        self.field.returnPressed.connect(self._submit)
        self.provider = QComboBox()
        self.provider.setObjectName("providerChooser")
        self.provider.addItem(self.tr("Auto (ask each account)"), AUTO_PROVIDER)
        for provider in PROVIDERS.values():
            self.provider.addItem(provider.name, provider.id)
        self.add_button = QPushButton(self.tr("Add"))
        # Not the default button, and only usable once there is something to add.
        self.add_button.setAutoDefault(False)
        self.add_button.setEnabled(False)
        self.add_button.setToolTip(self.tr("Paste a task ID into the box first"))
        self.add_button.clicked.connect(self._submit)
        self.field.textChanged.connect(self._text_changed)
        row.addWidget(self.field, 1)
        row.addWidget(self.provider)
        row.addWidget(self.add_button)
        outer.addLayout(row)
        self.message = QLabel()
        self.message.setObjectName("inputMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        outer.addWidget(self.message)

    def provider_choice(self) -> str:
        return str(self.provider.currentData())

    def set_provider_choice(self, provider_id: str) -> None:
        index = self.provider.findData(provider_id)
        self.provider.setCurrentIndex(max(index, 0))

    def show_message(self, text: str | None, kind: str = "info") -> None:
        self.message.setText(text or "")
        set_tone(self.message, MESSAGE_TONES.get(kind))
        self.message.setVisible(bool(text))

    def _text_changed(self, text: str) -> None:
        has_text = bool(text.strip())
        self.add_button.setEnabled(has_text)
        self.add_button.setToolTip(
            self.tr("Add the task IDs in the box (Enter)")
            if has_text
            else self.tr("Paste a task ID into the box first")
        )

    def _submit(self) -> None:
        text = self.field.text()
        if not text.strip():
            self.show_message(self.tr("Paste a task ID first."), "warning")
            return
        self.add_requested.emit(text, self.provider_choice())
