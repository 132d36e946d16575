"""The large-print receipt of a visit: every service with its reference code, one QR each.

Drawn like a single form's receipt (ui/resident/receipt.py), on a printer or into a PDF the
person chose. It lists references only, never answers: nothing personal is printed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from inclusion_app import i18n
from inclusion_app.i18n import _
from inclusion_app.ui import theme
from inclusion_app.ui.resident import receipt


@dataclass(frozen=True)
class VisitReceipt:
    title: str
    services: list[tuple[str, str]] = field(default_factory=list)  # (service title, reference)
    date: dt.date = field(default_factory=dt.date.today)
    language: str = "zh"


def _font(pt: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(theme.font_families())
    font.setPointSize(pt)
    font.setBold(bold)
    return font


def render(device: QPagedPaintDevice, data: VisitReceipt) -> int:
    """Paint the receipt, adding pages as needed; returns the page count."""
    tr = lambda msg: i18n.translate_to(data.language, msg)  # noqa: E731 - local shorthand
    painter = QPainter(device)
    pages = 1
    try:
        page = QRectF(painter.viewport())
        dpi = device.logicalDpiY()
        gap = dpi * 0.12
        y = page.top()

        def room(height: float) -> None:
            nonlocal y, pages
            if y + height > page.bottom():
                device.newPage()
                pages += 1
                y = page.top()

        def block(text: str, pt: int, bold: bool = False) -> None:
            nonlocal y
            painter.setFont(_font(pt, bold))
            box = painter.boundingRect(QRectF(page.left(), 0, page.width(), page.height()),
                                       Qt.TextFlag.TextWordWrap, text)
            room(box.height())
            painter.drawText(QRectF(page.left(), y, page.width(), box.height()),
                             Qt.TextFlag.TextWordWrap, text)
            y += box.height() + gap

        painter.setPen(QColor("#000000"))
        block(data.title, 30, True)
        block(i18n.format_date(data.date, "long", lang=data.language), 22)
        block(tr("Your reference codes"), 22)
        side = dpi * 1.1
        for title, reference in data.services:
            room(side + gap * 6)
            block(title, 22, True)
            block(receipt.spaced(reference), 36, True)
            receipt.draw_qr(painter, receipt.qr_matrix(reference), QRectF(page.left(), y, side, side))
            y += side + gap * 2
        block(tr("Keep this paper. Show it if you are asked about your form."), 20)
    finally:
        painter.end()
    return pages


def save_pdf(path: str, data: VisitReceipt) -> int:
    writer = QPdfWriter(path)
    writer.setResolution(150)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter))
    writer.setTitle(_("Receipt"))
    return render(writer, data)


_MARKED = (i18n.N_("Your reference codes"),)
