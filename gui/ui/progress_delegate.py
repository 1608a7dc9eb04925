"""Draws a progress bar in the Progress column when the provider reports a percentage.

Drawn here rather than by the style: Fusion leaves out a chunk below ~15 % at this size and
writes white on its light-blue chunk (about 2.5:1). Ours has a chunk from 1 %, and colours
chosen per palette: the chunk at least 3:1 against the groove, the percentage at least 4.5:1
against whatever it is written on (tests/test_appearance.py)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

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
        pens = _pens(bar_colours(option.palette))
        cell = option.rect
        left, top = cell.left() + 4, cell.top() + 5
        width, height = cell.width() - 8, cell.height() - 10
        fraction = min(max(progress, 0.0), 1.0)
        shape = _bar_shape(width, height, fraction)
        text = f"{fraction:.0%}"
        painter.save()
        painter.translate(left, top)  # whole pixels: the same pixels as drawn in place
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(pens.border)
        painter.setBrush(pens.groove)
        painter.drawPath(shape.groove)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pens.chunk)
        painter.drawPath(shape.chunk)
        # The percentage in two colours, split where the chunk ends, so every glyph contrasts.
        painter.setClipRect(shape.chunk_rect)
        painter.setPen(pens.text_on_chunk)
        painter.drawText(shape.rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.setClipRect(shape.rest_rect)
        painter.setPen(pens.text_on_groove)
        painter.drawText(shape.rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


@dataclass(frozen=True, slots=True)
class _Pens:
    groove: QColor
    border: QColor
    chunk: QColor
    text_on_groove: QColor
    text_on_chunk: QColor


@cache
def _pens(colours: BarColours) -> _Pens:
    """The bar's colours as QColors, made once per palette instead of five per painted bar."""
    return _Pens(*(QColor(getattr(colours, name)) for name in _Pens.__slots__))


@dataclass(frozen=True, slots=True)
class _BarShape:
    """A bar at the origin: the rounded groove, the chunk cut to it, and where the percentage
    takes the chunk's colour and where the groove's."""

    rect: QRectF
    groove: QPainterPath
    chunk: QPainterPath
    chunk_rect: QRectF
    rest_rect: QRectF


_SHAPES: dict[tuple[int, int, float], _BarShape] = {}
_SHAPES_KEPT = 512  # a column width and ~100 percentages; cleared past this (a resize)


def _bar_shape(width: int, height: int, fraction: float) -> _BarShape:
    """Made once per size and fraction: the path intersection alone cost ~40 µs a bar."""
    key = (width, height, fraction)
    shape = _SHAPES.get(key)
    if shape is not None:
        return shape
    rect = QRectF(0, 0, width, height)
    groove = QPainterPath()
    groove.addRoundedRect(rect, 3, 3)
    chunk_rect = QRectF(0, 0, width * fraction, height)
    if fraction > 0 and chunk_rect.width() < 2:
        chunk_rect.setWidth(2)  # 1 % still shows
    chunk = QPainterPath()
    chunk.addRect(chunk_rect)
    rest_rect = QRectF(chunk_rect.right(), 0, width - chunk_rect.right(), height)
    if len(_SHAPES) >= _SHAPES_KEPT:
        _SHAPES.clear()
    shape = _SHAPES[key] = _BarShape(rect, groove, chunk.intersected(groove), chunk_rect, rest_rect)
    return shape
