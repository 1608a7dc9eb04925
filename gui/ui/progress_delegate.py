"""Draws a progress bar in the Progress column when the provider reports a percentage.

Drawn here rather than by the style: Fusion leaves out a chunk below ~15 % at this size and
writes white on its light-blue chunk (about 2.5:1). Ours has a chunk from 1 %, and colours
chosen per palette: the chunk at least 3:1 against the groove, the percentage at least 4.5:1
against whatever it is written on (tests/test_appearance.py)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPalette, QPixmap
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
        cell = option.rect
        left, top = cell.left() + 4, cell.top() + 5
        width, height = cell.width() - 8, cell.height() - 10
        fraction = min(max(progress, 0.0), 1.0)
        colours = bar_colours(option.palette)
        device = painter.device()
        ratio = device.devicePixelRatio() if device is not None else 1.0
        under = (
            _flat_background(background, style, ratio)
            if self.cache_bars and style is not None
            else None
        )
        if under is None:  # not one flat colour under the bar: drawn in place
            painter.save()
            painter.translate(left, top)  # whole pixels: the same pixels as drawn in place
            _draw_bar(painter, _bar_shape(width, height, fraction), _pens(colours), fraction)
            painter.restore()
            return
        font = painter.font()
        key = (width, height, fraction, colours, font.key(), ratio, under)
        picture = _BARS.get(key)
        if picture is None:
            if len(_BARS) >= _SHAPES_KEPT:
                _BARS.clear()
            picture = _BARS[key] = _bar_picture(
                width, height, fraction, colours, font, ratio, under
            )
        painter.drawPixmap(left - _MARGIN, top - _MARGIN, picture)

    cache_bars = True  # each bar drawn once per size, percentage, colours and background


_MARGIN = 1  # the groove's 1 px border is centred on its edge: half of it lies outside
_BARS: dict[tuple[int, int, float, BarColours, str, float, int], QPixmap] = {}
_BACKGROUNDS: dict[tuple[int, int, int, int, int, float], int | None] = {}


def _flat_background(option: QStyleOptionViewItem, style: QStyle, ratio: float) -> int | None:
    """The one colour (ARGB) the view and the style paint under the bar for a cell in this state,
    or None if it is not flat there. Found once per state by painting the cell's background as
    QTableView does (base, the row panel, the item's panel) into an image; the bar is then
    drawn on that colour into a pixmap, which gives the very pixels of drawing it in place."""
    rect = option.rect
    key = (
        option.state.value,
        option.features.value,
        option.palette.cacheKey(),
        rect.width(),
        rect.height(),
        ratio,
    )
    if key in _BACKGROUNDS:
        return _BACKGROUNDS[key]
    image = QImage(rect.size() * ratio, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(option.palette.color(QPalette.ColorRole.Base))
    at_origin = QStyleOptionViewItem(option)
    at_origin.rect = QRect(0, 0, rect.width(), rect.height())
    painter = QPainter(image)
    style.drawPrimitive(
        QStyle.PrimitiveElement.PE_PanelItemViewRow, at_origin, painter, option.widget
    )
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, at_origin, painter, option.widget)
    painter.end()
    first = image.pixel(int(3 * ratio), int(4 * ratio))
    inside = range(int(3 * ratio), int((rect.width() - 3) * ratio))
    rows = range(int(4 * ratio), int((rect.height() - 4) * ratio))
    flat = all(image.pixel(x, y) == first for y in rows for x in inside)
    found = first if flat and QColor.fromRgba(first).alpha() == 255 else None
    if len(_BACKGROUNDS) >= _SHAPES_KEPT:
        _BACKGROUNDS.clear()
    _BACKGROUNDS[key] = found
    return found


def _bar_picture(
    width: int,
    height: int,
    fraction: float,
    colours: BarColours,
    font: QFont,
    ratio: float,
    under: int,
) -> QPixmap:
    """The bar on its background colour (with room for its border): a copy costs a few µs, the
    drawing (two paths, two clipped texts) ~0.1 ms a bar."""
    size = QSize(width + 2 * _MARGIN, height + 2 * _MARGIN)
    picture = QPixmap(size * ratio)
    picture.setDevicePixelRatio(ratio)
    picture.fill(QColor.fromRgba(under))
    painter = QPainter(picture)
    painter.setFont(font)
    painter.translate(_MARGIN, _MARGIN)
    _draw_bar(painter, _bar_shape(width, height, fraction), _pens(colours), fraction)
    painter.end()
    return picture


def _draw_bar(painter: QPainter, shape: _BarShape, pens: _Pens, fraction: float) -> None:
    text = f"{fraction:.0%}"
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
