"""The larger mouse pointer: an arrow drawn at three times the usual size, set app-wide.

Drawn with QPainter rather than shipped as an image so it stays crisp at any size and
needs no file; black with a thick white edge so it shows on both themes.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QCursor, QGuiApplication, QPainter, QPen, QPixmap, QPolygonF

LARGE_SIZE = 72  # px; the system arrow is usually 24


def large_arrow(size: int = LARGE_SIZE) -> QCursor:
    """A classic arrow pointer, hot spot at its tip."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    s = size / 24.0
    points = [(1, 1), (1, 19), (6, 14.5), (9.5, 22), (12.5, 20.7), (9, 13.5), (16, 13.5)]
    shape = QPolygonF([QPointF(x * s, y * s) for x, y in points])
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#FFFFFF"), max(2.0, 1.6 * s), Qt.PenStyle.SolidLine,
                        Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    painter.setBrush(QColor("#000000"))
    painter.drawPolygon(shape)
    painter.end()
    return QCursor(pix, round(1 * s), round(1 * s))


def apply(app: QGuiApplication, large: bool) -> None:
    """Turn the large pointer on or off for every window of the program."""
    active = bool(app.property("largePointer"))
    if large and not active:
        app.setOverrideCursor(large_arrow())
        app.setProperty("largePointer", True)
    elif not large and active:
        app.restoreOverrideCursor()
        app.setProperty("largePointer", False)
