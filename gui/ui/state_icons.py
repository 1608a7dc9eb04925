"""Small state icons: a distinct glyph in a distinct colour, drawn once and cached."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from gui.domain.states import TaskState
from gui.ui.task_text import STATE_COLOURS, STATE_SYMBOLS

ICON_SIZE = 16


@cache
def state_icon(state: TaskState | None) -> QIcon:
    pixmap = QPixmap(ICON_SIZE * 2, ICON_SIZE * 2)  # drawn at 2x for high-DPI screens
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont("DejaVu Sans")
    font.setPixelSize(ICON_SIZE * 2 - 6)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor(STATE_COLOURS[state]))
    painter.drawText(
        QRect(0, 0, ICON_SIZE * 2, ICON_SIZE * 2),
        Qt.AlignmentFlag.AlignCenter,
        STATE_SYMBOLS[state],
    )
    painter.end()
    pixmap.setDevicePixelRatio(2.0)
    return QIcon(pixmap)
