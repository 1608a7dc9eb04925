"""Draws a progress bar in the Progress column when the provider reports a percentage.

Drawn here rather than by the style: Fusion leaves out a chunk below ~15 % at this size and
writes white on its light-blue chunk (about 2.5:1). Ours has a chunk from 1 %, and colours
chosen per palette: the chunk at least 3:1 against the groove, the percentage at least 4.5:1
against whatever it is written on (tests/test_appearance.py)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from gui.ui.appearance import is_dark
from gui.ui.task_cell_delegate import TaskCellDelegate
from gui.ui.task_table_model import PROGRESS_ROLE


@dataclass(frozen=True, slots=True)
class BarColours:
    groove: str
    border: str
    chunk: str
    text_on_groove: str
    text_on_chunk: str


LIGHT_BAR = BarColours("#ffffff", "#9a9a9a", "#2a6db0", "#1a1a1a", "#ffffff")
DARK_BAR = BarColours("#161616", "#6a6a6a", "#62aef0", "#f0f0f0", "#0d1b2a")


def bar_colours(palette: QPalette) -> BarColours:
    return DARK_BAR if is_dark(palette) else LIGHT_BAR


class ProgressDelegate(TaskCellDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        progress = index.data(PROGRESS_ROLE)
        if not isinstance(progress, float):
            super().paint(painter, option, index)
            return
        # The row's own background first (selection, alternate rows), then the bar on it.
        background = QStyleOptionViewItem(option)
        self.initStyleOption(background, index)
        background.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(
                QStyle.ControlElement.CE_ItemViewItem, background, painter, option.widget
            )
        colours = bar_colours(option.palette)
        rect = QRectF(option.rect.adjusted(4, 5, -4, -5))
        fraction = min(max(progress, 0.0), 1.0)
        groove = QPainterPath()
        groove.addRoundedRect(rect, 3, 3)
        chunk_rect = QRectF(rect.left(), rect.top(), rect.width() * fraction, rect.height())
        if fraction > 0 and chunk_rect.width() < 2:
            chunk_rect.setWidth(2)  # 1 % still shows
        chunk = QPainterPath()
        chunk.addRect(chunk_rect)
        chunk = chunk.intersected(groove)
        text = f"{fraction:.0%}"
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(colours.border))
        painter.setBrush(QColor(colours.groove))
        painter.drawPath(groove)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colours.chunk))
        painter.drawPath(chunk)
        # The percentage in two colours, split where the chunk ends, so every glyph contrasts.
        painter.setClipRect(chunk_rect)
        painter.setPen(QColor(colours.text_on_chunk))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.setClipRect(
            QRectF(chunk_rect.right(), rect.top(), rect.right() - chunk_rect.right(), rect.height())
        )
        painter.setPen(QColor(colours.text_on_groove))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
