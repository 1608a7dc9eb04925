"""Small state icons: a distinct glyph in a distinct colour, drawn once per palette (light or
dark) and cached."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from gui.domain.states import TaskState
from gui.ui.appearance import is_dark
from gui.ui.task_text import STATE_SYMBOLS, state_colour

ICON_SIZE = 16


def state_icon(state: TaskState | None) -> QIcon:
    """The icon for the palette in use: a palette switch repaints the table with the other set."""
    return _state_icon(state, is_dark())


@cache
def _state_icon(state: TaskState | None, dark: bool) -> QIcon:
    icon = QIcon()
    icon.addPixmap(_glyph(state, QColor(state_colour(state, dark))), QIcon.Mode.Normal)
    # On a selected row the glyph takes the selection's text colour, as the words beside it do.
    icon.addPixmap(_glyph(state, QColor("#ffffff")), QIcon.Mode.Selected)
    return icon


def _glyph(state: TaskState | None, colour: QColor) -> QPixmap:
    pixmap = QPixmap(ICON_SIZE * 2, ICON_SIZE * 2)  # drawn at 2x for high-DPI screens
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont("DejaVu Sans")
    font.setPixelSize(ICON_SIZE * 2 - 6)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(
        QRect(0, 0, ICON_SIZE * 2, ICON_SIZE * 2),
        Qt.AlignmentFlag.AlignCenter,
        STATE_SYMBOLS[state],
    )
    painter.end()
    pixmap.setDevicePixelRatio(2.0)
    return pixmap
