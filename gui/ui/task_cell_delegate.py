"""Paints the task table's cells as QStyledItemDelegate does, with the cell's values read from
the model in one Python call.

Qt's own initStyleOption asks the model for seven roles per cell; through the filter proxy each
of those is a Python data() call plus a rowCount and a columnCount call (the proxy builds the
source index with hasIndex). For the ~20 rows on screen that is ~1 900 calls and ~10 ms a
repaint here. This sets the same option fields from `TaskTableModel.cell_look` instead, so the
cells look exactly as before (font, check state and background are not answered by the model)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractProxyModel, QModelIndex, QObject, QPersistentModelIndex, QSize
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from gui.ui.task_filter import TaskFilterProxy
from gui.ui.task_table_model import Column, TaskTableModel

_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
_HAS_DECORATION = QStyleOptionViewItem.ViewItemFeature.HasDecoration
_TEXT = QPalette.ColorRole.Text
_BASE = QPalette.ColorRole.Base
_STATE = int(Column.STATE)


class TaskCellDelegate(QStyledItemDelegate):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dark_by_palette: dict[int, bool] = {}  # palette cacheKey -> dark (one per palette)

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        proxy = index.model()
        if isinstance(proxy, TaskFilterProxy) and proxy.shows_every_row:
            model, row, column = proxy.sourceModel(), index.row(), index.column()
        else:  # mapToSource costs ~7 us a cell (it makes the model's index in Python)
            source = proxy.mapToSource(index) if isinstance(proxy, QAbstractProxyModel) else index
            model, row, column = source.model(), source.row(), source.column()
        if not isinstance(model, TaskTableModel):  # not ours: Qt's way
            super().initStyleOption(option, index)
            return
        # Only the state cell has colours of its own (light or dark): read the palette there.
        palette = option.palette if column == _STATE else None
        dark = False
        if palette is not None:
            key = palette.cacheKey()
            found = self._dark_by_palette.get(key)
            if found is None:
                found = self._dark_by_palette[key] = palette.color(_BASE).lightness() < 128
            dark = found
        look = model.cell_look(row, column, dark)
        if isinstance(index, QModelIndex):  # as Qt's initStyleOption does (Qt always passes one)
            option.index = index
        if look is None:
            return
        text, icon, foreground, alignment = look
        if alignment is not None:
            option.displayAlignment = alignment
        if foreground is not None and palette is not None:
            palette.setBrush(_TEXT, foreground)
            option.palette = palette
        if icon is not None:
            option.features |= _HAS_DECORATION
            option.icon = icon
            option.decorationSize = _decoration_size(option, icon)
        if text:  # Qt's rule: only a non-empty display counts (an empty one lays out nothing)
            option.features |= _HAS_DISPLAY
            option.text = text


def _decoration_size(option: QStyleOptionViewItem, icon: QIcon) -> QSize:
    """Qt's rule: the icon's actual size for the row's state, never above the view's size."""
    wanted = option.decorationSize
    key = (icon.cacheKey(), wanted.width(), wanted.height(), option.state.value)
    size = _DECORATION_SIZES.get(key)
    if size is None:
        size = _DECORATION_SIZES[key] = _clamped_actual_size(icon, wanted, option.state)
    return size


_DECORATION_SIZES: dict[tuple[int, int, int, int], QSize] = {}  # a few icons, sizes and states


def _clamped_actual_size(icon: QIcon, wanted: QSize, state: QStyle.StateFlag) -> QSize:
    if not state & QStyle.StateFlag.State_Enabled:
        mode = QIcon.Mode.Disabled
    elif state & QStyle.StateFlag.State_Selected:
        mode = QIcon.Mode.Selected
    else:
        mode = QIcon.Mode.Normal
    on = QIcon.State.On if state & QStyle.StateFlag.State_Open else QIcon.State.Off
    actual = icon.actualSize(wanted, mode, on)
    return QSize(min(wanted.width(), actual.width()), min(wanted.height(), actual.height()))
