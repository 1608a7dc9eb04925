"""Small state icons: a distinct glyph in a distinct colour, drawn once per palette (light or
dark) and cached."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap, QPolygonF

from gui.domain.states import TaskState
from gui.ui.appearance import is_dark
from gui.ui.task_text import STATE_SYMBOLS, state_colour

ICON_SIZE = 16


def state_icon(state: TaskState | None, dark: bool | None = None) -> QIcon:
    """The icon for the palette in use (or for a light or dark one): a palette switch repaints
    the table with the other set."""
    return _state_icon(state, is_dark() if dark is None else dark)


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
    if state is TaskState.TIMED_OUT:
        _hourglass(painter, colour)
    else:
        painter.drawText(
            QRect(0, 0, ICON_SIZE * 2, ICON_SIZE * 2),
            Qt.AlignmentFlag.AlignCenter,
            STATE_SYMBOLS[state],
        )
    painter.end()
    pixmap.setDevicePixelRatio(2.0)
    return pixmap


def _hourglass(painter: QPainter, colour: QColor) -> None:
    """An hourglass with its sand run down, on the 32 px canvas: the font glyph is missing."""
    pen = QPen(colour, 2.5)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.drawLine(QPointF(8, 5), QPointF(24, 5))
    painter.drawLine(QPointF(8, 27), QPointF(24, 27))
    glass = QPolygonF(
        [QPointF(10, 6), QPointF(22, 6), QPointF(16, 16), QPointF(22, 26), QPointF(10, 26)]
    )
    glass.append(QPointF(16, 16))
    glass.append(QPointF(10, 6))
    painter.drawPolyline(glass)
    painter.setBrush(colour)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawPolygon(QPolygonF([QPointF(16, 19), QPointF(20.5, 25.5), QPointF(11.5, 25.5)]))
