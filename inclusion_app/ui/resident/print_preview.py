"""The copy to take home, shown large before printing, with one big Print button.

Qt's print dialog is small, in English words ("Properties", "Pages per side") and asks
questions a resident cannot answer. Here the person sees the very pages that will come out
of the printer (the receipt is drawn once as PDF and shown page by page) and presses Print;
the computer's default printer is used. With no printer the page says so and suggests
asking a volunteer or saving the copy as a file instead.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from inclusion_app.i18n import _
from inclusion_app.ui import theme
from inclusion_app.ui.resident import receipt
from inclusion_app.ui.widgets import controls
from inclusion_app.ui.widgets.page_frame import PageFrame

PAGE_PX = 760  # a page drawn this wide: large enough to read the code on screen


def receipt_pages(data: receipt.ReceiptData, width: int = PAGE_PX) -> list[QPixmap]:
    """The receipt's pages as pictures, exactly as the PDF (and so the printer) lays them out."""
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter
    from PySide6.QtPdf import QPdfDocument

    data_bytes = QByteArray()
    out = QBuffer(data_bytes)
    out.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(out)
    writer.setResolution(150)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     receipt.PAGE_MARGINS, QPageLayout.Unit.Millimeter))
    receipt.render(writer, data)
    del writer
    out.close()
    source = QBuffer(data_bytes)
    source.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(source)
    pages = []
    for index in range(document.pageCount()):
        points = document.pagePointSize(index)
        height = round(width * points.height() / max(1.0, points.width()))
        pages.append(QPixmap.fromImage(document.render(index, QSize(width, height))))
    document.close()
    return pages


class PrintPreview(PageFrame):
    """Emits printed() after sending the copy to the printer, back() to return."""

    printed = Signal()
    back = Signal()

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent, services.metrics.step)
        self.services = services
        self.data: receipt.ReceiptData | None = None
        body = QWidget()
        self.set_body(body)
        self.column = QVBoxLayout(body)
        self.heading = controls.heading("")
        self.status = controls.label("", "error")
        self.status.setObjectName("print_status")
        self.status.hide()
        self.column.addWidget(self.heading)
        self.column.addWidget(self.status)
        self.pictures: list[QLabel] = []
        self.back_button = controls.button("", "secondary", "", "back")
        self.back_button.setObjectName("preview_back")
        self.print_button = controls.button("", "primary", "", "print")
        self.print_button.setObjectName("preview_print")
        self.add_action(self.back_button)
        self.add_action_stretch()
        self.add_action(self.print_button)
        self.back_button.clicked.connect(self.back)
        self.print_button.clicked.connect(self.print_now)
        self.more_below.connect(lambda text: services.say("speak_after", text, services.language))
        self.retranslate()

    def show_receipt(self, data: receipt.ReceiptData) -> None:
        """Draw the pages for this receipt; the heading takes the focus."""
        self.data = data
        for picture in self.pictures:
            picture.deleteLater()
        self.pictures = []
        self.status.hide()
        for number, pixmap in enumerate(receipt_pages(data), 1):
            picture = QLabel()
            picture.setPixmap(pixmap)
            picture.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            picture.setAccessibleName(_("Page {number} of your copy").format(number=number))
            picture.setStyleSheet("border: 3px solid #4A4A4A;")
            self.column.addWidget(picture, 0, Qt.AlignmentFlag.AlignHCenter)
            self.pictures.append(picture)
        self.heading.setFocus(Qt.FocusReason.OtherFocusReason)
        self.reset_view()

    def print_now(self) -> None:
        """Send the copy to this computer's printer, or say in words why it cannot."""
        from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

        if self.data is None:
            return
        info = QPrinterInfo.defaultPrinter()
        if info.isNull():
            self._problem(_("No printer is connected to this computer. Please ask a "
                            "volunteer, or save the copy as a file."))
            return
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        try:
            receipt.render(printer, self.data)
        except Exception:  # a printer fault is told in words, never as a traceback
            self._problem(_("The copy could not be printed. Please ask a volunteer."))
            return
        self.printed.emit()

    def _problem(self, text: str) -> None:
        self.status.setText(f"\u26a0 {text}")
        self.status.setAccessibleName(text)
        self.status.show()
        self.services.say("speak_error", text, self.services.language)

    def retranslate(self) -> None:
        m = theme.metrics(self.services.metrics.step)
        self.column.setContentsMargins(m.spacing_px * 2, m.spacing_px, m.spacing_px * 2,
                                       m.spacing_px)
        controls.set_heading(self.heading, _("This is your copy. Press Print to print it."))
        controls.retitle(self.back_button, _("Back"), _("Go back without printing"))
        controls.retitle(self.print_button, _("Print"), _("Print this copy on the printer"))
        self.restyle_frame(m.step)
        self.retranslate_frame()
