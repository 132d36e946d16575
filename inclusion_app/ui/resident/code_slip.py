"""The printed slip for a saved form: its resume code in very large digits, and what to do.

Drawn like the receipt (`receipt.py`: QPainter on a printer or a PDF writer, large print),
but it carries no answer at all: only the form's name, the date and the code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPagedPaintDevice, QPainter

from inclusion_app import i18n
from inclusion_app.storage.resume_codes import spaced
from inclusion_app.ui.resident.receipt import receipt_font

INTRO = i18n.N_("Your code to continue your saved form")
HOW = i18n.N_("Come back to this computer, press \u201cContinue a saved form\u201d on the "
              "first screen and type this code. Keep this paper safe: the code opens your "
              "answers.")


@dataclass(frozen=True)
class SlipData:
    code: str
    title: str
    date: dt.date = field(default_factory=dt.date.today)
    language: str = "zh"


def render(device: QPagedPaintDevice, data: SlipData) -> None:
    """Paint the slip on one page: title, date, the code at 60 pt, then how to use it."""
    tr = lambda msg: i18n.translate_to(data.language, msg)  # noqa: E731 - local shorthand
    painter = QPainter(device)
    try:
        page = QRectF(painter.viewport())
        gap = device.logicalDpiY() * 0.15
        y = page.top()
        painter.setPen(QColor("#000000"))
        for text, pt, bold in ((data.title, 30, True),
                               (i18n.format_date(data.date, "long", lang=data.language), 22, False),
                               (tr(INTRO), 24, False), (spaced(data.code), 60, True),
                               (tr(HOW), 22, False)):
            painter.setFont(receipt_font(pt, bold))
            box = painter.boundingRect(QRectF(page.left(), 0, page.width(), page.height()),
                                       Qt.TextFlag.TextWordWrap, text)
            painter.drawText(QRectF(page.left(), y, page.width(), box.height()),
                             Qt.TextFlag.TextWordWrap, text)
            y += box.height() + gap
    finally:
        painter.end()
