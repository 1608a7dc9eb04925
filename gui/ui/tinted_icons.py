"""The style's standard icons (play, skip, speaker) in the palette's text colour.

Fusion draws them black whatever the palette, so in the dark palette the player's buttons and
the muted speaker beside "No sound" were black on dark grey. Their shape is kept (the alpha
channel) and filled with the colour the words beside them have."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QStyle, QWidget

SIZES = (16, 32)  # 32: high-DPI screens


def tinted(icon: QIcon, colour: QColor) -> QIcon:
    result = QIcon()
    for size in SIZES:
        image = icon.pixmap(size, size).toImage()
        painter = QPainter(image)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(image.rect(), colour)
        painter.end()
        result.addPixmap(QPixmap.fromImage(image))
    return result


def standard_icon(widget: QWidget, which: QStyle.StandardPixmap, colour: QColor) -> QIcon:
    """The style's icon for `widget`, in `colour` (e.g. the palette's button text colour)."""
    return tinted(widget.style().standardIcon(which), colour)
