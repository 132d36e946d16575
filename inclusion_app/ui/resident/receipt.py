"""The large-print receipt: reference, date, a masked summary of the answers and a QR code.

Drawn with QPainter onto any paged device (a printer or a PDF writer), so printing and
saving share one layout. ID and bank numbers are masked to their last four digits: a
receipt left on a community-centre printer must not give anyone a resident's numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

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

SENSITIVE_APPEARANCES = ("cn-id", "cn-bank", "bank", "id-number")
LONG_NUMBER = re.compile(r"\d[\d\s-]{10,}[\dXx]")  # 12+ characters of digits (an ID, a card)


@dataclass(frozen=True)
class ReceiptData:
    reference: str
    title: str
    rows: list[Any] = field(default_factory=list)  # engine ReviewRow
    date: dt.date = field(default_factory=dt.date.today)
    language: str = "zh"


def spaced(reference: str) -> str:
    """'ABCDEFGH' -> 'ABCD - EFGH': halves a person can read aloud and copy."""
    ref = reference.replace("-", "").replace(" ", "")
    if len(ref) <= 4:
        return ref
    half = (len(ref) + 1) // 2
    return f"{ref[:half]} - {ref[half:]}"


def mask(value: str) -> str:
    """Keep the last four digits: '110101195003071234' -> '•••• 1234'."""
    digits = re.sub(r"[^\dXx]", "", value)
    return f"•••• {digits[-4:]}" if len(digits) >= 4 else "••••"


def masked_answer(row: Any) -> str:
    """The answer as printed: sensitive appearances and long digit runs masked."""
    answer = str(getattr(row, "answer", "") or "")
    appearance = str(getattr(row, "appearance", "") or "")
    if any(a in appearance.split() for a in SENSITIVE_APPEARANCES):
        return mask(answer) if answer else answer
    return LONG_NUMBER.sub(lambda m: mask(m.group(0)), answer)


def qr_matrix(text: str) -> list[list[bool]]:
    import qrcode  # only when a copy is printed: keeps it out of start-up

    qr = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(text)
    qr.make(fit=True)
    return [list(map(bool, line)) for line in qr.get_matrix()]


def draw_qr(painter: QPainter, matrix: list[list[bool]], rect: QRectF) -> None:
    """Our own rendering of the code's modules: black squares on white, no image files."""
    n = len(matrix)
    cell = min(rect.width(), rect.height()) / n
    painter.fillRect(QRectF(rect.x(), rect.y(), cell * n, cell * n), QColor("#FFFFFF"))
    for y, line in enumerate(matrix):
        for x, dark in enumerate(line):
            if dark:
                painter.fillRect(QRectF(rect.x() + x * cell, rect.y() + y * cell, cell + 0.5,
                                        cell + 0.5), QColor("#000000"))


def receipt_font(pt: int, bold: bool = False, lang: str | None = None) -> QFont:
    """The program's own font family at a print size (the code slip uses it too); in
    Chinese the Chinese faces first, so quotation marks are drawn full width."""
    font = QFont()
    font.setFamilies(theme.font_families(lang))
    font.setPointSize(pt)
    font.setBold(bold)
    return font


def render(device: QPagedPaintDevice, data: ReceiptData) -> int:
    """Paint the receipt on the device, adding pages as needed; returns the page count."""
    tr = lambda msg: i18n.translate_to(data.language, msg)  # noqa: E731 - local shorthand
    painter = QPainter(device)
    pages = 1
    try:
        page = QRectF(painter.viewport())
        dpi = device.logicalDpiY()
        gap = dpi * 0.12
        y = page.top()

        def block(text: str, pt: int, bold: bool = False) -> None:
            nonlocal y, pages
            painter.setFont(receipt_font(pt, bold, data.language))
            box = painter.boundingRect(QRectF(page.left(), 0, page.width(), page.height()),
                                       Qt.TextFlag.TextWordWrap, text)
            if y + box.height() > page.bottom():
                device.newPage()
                pages += 1
                y = page.top()
            painter.drawText(QRectF(page.left(), y, page.width(), box.height()),
                             Qt.TextFlag.TextWordWrap, text)
            y += box.height() + gap

        painter.setPen(QColor("#000000"))
        # Large print: nothing under 20 pt, the code itself at 36 pt.
        block(data.title, 30, True)
        block(i18n.format_date(data.date, "long", lang=data.language), 22)
        block(tr("Your reference code"), 22)
        block(spaced(data.reference), 36, True)
        side = dpi * 1.4
        draw_qr(painter, qr_matrix(data.reference), QRectF(page.left(), y, side, side))
        y += side + gap * 2
        block(tr("Your answers"), 26, True)
        for row in data.rows:
            answer = masked_answer(row) if getattr(row, "answered", True) else tr("Not answered")
            block(str(getattr(row, "label", "")), 20, True)
            block(answer or tr("Not answered"), 22)
        block(tr("Keep this paper. Show it if you are asked about your form."), 20)
    finally:
        painter.end()
    return pages


PAGE_MARGINS = QMarginsF(18, 18, 18, 18)  # millimetres, on paper and in the preview


def save_pdf(path: str, data: ReceiptData) -> int:
    """Write the receipt as an A4 PDF at the path the person chose."""
    writer = QPdfWriter(path)
    writer.setResolution(150)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     PAGE_MARGINS, QPageLayout.Unit.Millimeter))
    writer.setTitle(_("Receipt"))
    return render(writer, data)


# Marked for extraction: the receipt is drawn in the person's language via translate_to.
_MARKED = (i18n.N_("Your reference code"), i18n.N_("Your answers"), i18n.N_("Not answered"),
           i18n.N_("Keep this paper. Show it if you are asked about your form."))
