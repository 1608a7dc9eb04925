"""The app's icon: the PNGs rendered from resources/icons/tunewatch.svg (scripts/render_icons.sh),
one per size so small sizes stay crisp. Should the source tree's resources be missing, a note on
a disc is drawn in code instead, so the window never goes without an icon."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from gui.storage.desktop_entry import ICON_SIZES, RESOURCES


@cache
def app_icon(folder: Path = RESOURCES / "icons") -> QIcon:
    icon = QIcon()
    for size in ICON_SIZES:
        png = folder / f"tunewatch-{size}.png"
        if png.is_file():
            icon.addFile(str(png), QSize(size, size))
    return icon if not icon.isNull() else _drawn_icon()


def _drawn_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 32, 64, 128):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QBrush(QColor("#6a3d9a")))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(QRectF(0, 0, size, size))
        font = QFont("DejaVu Sans")
        font.setPixelSize(int(size * 0.62))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(QRectF(0, 0, size, size * 0.95), Qt.AlignmentFlag.AlignCenter, "♪")
        painter.end()
        icon.addPixmap(pixmap)
    return icon
