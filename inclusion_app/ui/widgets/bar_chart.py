"""A large, readable horizontal bar chart: one row per item, its words on the left, the bar,
and the number written at the end of the bar (never a value shown by length or colour alone).

Sized from the text size in use: each row is one and a half lines of the body text tall. The
chart's accessible description lists every "item: number", so a screen reader reads it too.
Long words are shortened with "…" on screen; the tooltip and description keep them whole.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from inclusion_app.i18n import format_number
from inclusion_app.ui import theme


class BarChart(QWidget):
    """`set_rows([(label, value, shown_value)], high_contrast)`; shown_value is the words
    written after the bar (e.g. "3.5 min"), or the number itself when empty."""

    def __init__(self, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, float, str]] = []
        self.high_contrast = False
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a screen reader can land on it

    def set_rows(self, rows: list[tuple[str, float, str]], high_contrast: bool = False) -> None:
        self.rows = [(label, float(value), shown or _number(value))
                     for label, value, shown in rows]
        self.high_contrast = high_contrast
        text = "; ".join(f"{label}: {shown}" for label, _v, shown in self.rows)
        self.setAccessibleDescription(text)
        self.setToolTip("\n".join(f"{label}: {shown}" for label, _v, shown in self.rows))
        self.setFixedHeight(self._row_height() * max(1, len(self.rows)) + 8)
        self.update()

    def _row_height(self) -> int:
        return int(QFontMetrics(self.font()).height() * 1.6)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(600, self._row_height() * max(1, len(self.rows)) + 8)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        c = theme.colors(self.high_contrast)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        row_h = self._row_height()
        label_w = int(self.width() * 0.42)
        value_w = max((metrics.horizontalAdvance(shown) for _l, _v, shown in self.rows),
                      default=0) + 16
        bar_max = max(1, self.width() - label_w - value_w - 16)
        top = max((value for _l, value, _s in self.rows), default=0) or 1
        for i, (label, value, shown) in enumerate(self.rows):
            y = 4 + i * row_h
            p.setPen(QColor(c.text))
            words = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_w - 12)
            p.drawText(QRectF(0, y, label_w - 12, row_h),
                       int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), words)
            length = bar_max * value / top
            bar = QRectF(label_w, y + row_h * 0.18, max(length, 3 if value else 0), row_h * 0.64)
            p.fillRect(bar, QColor(c.primary_bg))
            p.setPen(QColor(c.border))
            p.drawRect(bar)
            p.setPen(QColor(c.text))
            p.drawText(QRectF(label_w + length + 10, y, value_w, row_h),
                       int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), shown)
        p.end()


def _number(value: float) -> str:
    return format_number(int(value) if float(value).is_integer() else round(value, 1))
