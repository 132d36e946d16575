"""Confirmation page and the large-print receipt: spacing, masking, QR code, where it is saved."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from inclusion_app.engine.prompt import ReviewRow
from inclusion_app.ui.resident import receipt
from inclusion_app.ui.resident.form_session import Completed

ID_NUMBER = "110101195003071234"
BANK = "6222020200112233445"


def _completed(practice: bool = False) -> Completed:
    rows = [
        ReviewRow("/data/name", "姓名", "张秀英", True, (0,)),
        ReviewRow("/data/id", "身份证号码", ID_NUMBER, True, (1,), "text", "cn-id"),
        ReviewRow("/data/bank", "银行卡号", BANK, True, (2,), "text"),
        ReviewRow("/data/note", "备注", "", False, (3,)),
    ]
    return Completed(reference="ABCDEFGH", instance_id="uuid:1", form_id="pension_check",
                     title="年度养老金资格认证", rows=rows, when=time.time(), practice=practice)


def test_reference_is_spaced_in_two_halves() -> None:
    """'ABCDEFGH' is shown as 'ABCD - EFGH' so it can be read aloud and copied."""
    assert receipt.spaced("ABCDEFGH") == "ABCD - EFGH"
    assert receipt.spaced("ABC") == "ABC"


def test_id_and_bank_numbers_are_masked_to_the_last_four() -> None:
    """cn-id answers and any 12+ digit answer keep only their last four digits."""
    rows = _completed().rows
    assert receipt.masked_answer(rows[1]) == "•••• 1234"
    assert receipt.masked_answer(rows[2]) == "•••• 3445"
    assert receipt.masked_answer(rows[0]) == "张秀英"
    assert ID_NUMBER not in receipt.masked_answer(rows[1])


def test_qr_code_is_drawn_module_by_module() -> None:
    """The QR matrix is square and painted black on white with finder patterns in place."""
    matrix = receipt.qr_matrix("ABCDEFGH")
    n = len(matrix)
    assert n >= 21 and all(len(line) == n for line in matrix)
    image = QImage(n * 4, n * 4, QImage.Format.Format_RGB32)
    image.fill(QColor("#808080"))
    painter = QPainter(image)
    receipt.draw_qr(painter, matrix, QRectF(0, 0, n * 4, n * 4))
    painter.end()
    for y in range(n):
        for x in range(n):
            colour = image.pixelColor(x * 4 + 2, y * 4 + 2).name()
            assert colour == ("#000000" if matrix[y][x] else "#ffffff"), (x, y)


def test_pdf_receipt_is_saved_where_the_person_chooses(qtbot, main_window, tmp_path) -> None:
    """Saving writes a PDF at the chosen place with more than a blank page in it."""
    window = main_window(language="zh")
    page = window.confirmation_page
    window.form_finished(_completed())
    assert window.current_page() is page
    target = tmp_path / "_home" / "Documents" / "copy.pdf"
    target.parent.mkdir(parents=True)
    assert page.save_pdf(target)
    assert target.read_bytes().startswith(b"%PDF")
    text = _pdf_text(target)
    assert "ABCD - EFGH" in text and "1234" in text and "3445" in text
    assert ID_NUMBER not in text and BANK not in text and "110101" not in text
    assert page.status.isVisible()


def _pdf_text(path: Path) -> str:
    """All text of a PDF as Qt's own PDF reader extracts it."""
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    doc.load(str(path))
    return "\n".join(doc.getAllText(i).text() for i in range(doc.pageCount()))


def test_receipt_is_never_saved_in_the_program_folders(qtbot, main_window, app_paths) -> None:
    """A path inside the data folder is refused with a message, and nothing is written."""
    window = main_window(language="en")
    page = window.confirmation_page
    window.form_finished(_completed())
    target = app_paths.data / "copy.pdf"
    assert not page.save_pdf(target)
    assert not target.exists()
    assert "another place" in page.status.text()


def test_receipt_uses_the_date_in_the_chosen_language() -> None:
    """The receipt's date line is Babel's long date in the person's language."""
    data = receipt.ReceiptData("ABCDEFGH", "T", [], dt.date(2025, 3, 9), "zh")
    assert receipt.i18n.format_date(data.date, "long", lang=data.language) == "2025年3月9日"


def test_confirmation_shows_code_and_print_only_on_request(qtbot, main_window) -> None:
    """The code is shown spaced; print choices appear only after "Print a copy"."""
    window = main_window(language="en")
    page = window.confirmation_page
    window.form_finished(_completed())
    assert page.code.text() == "ABCD - EFGH"
    assert page.print_button.isVisible() and not page.pdf_button.isVisible()
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert page.pdf_button.isVisible() and page.printer_button.isVisible()


def test_back_to_start_leaves_nothing_of_the_person(qtbot, main_window) -> None:
    """After "Back to start" the code and answers are gone from the page and home shows."""
    window = main_window(language="en")
    page = window.confirmation_page
    window.form_finished(_completed())
    qtbot.mouseClick(page.home_button, Qt.MouseButton.LeftButton)
    assert window.current_page() is window.home_page
    assert page.completed is None and page.code.text() == ""
    texts = " ".join(w.text() for w in page.findChildren(type(page.code)))
    assert "ABCD" not in texts


@pytest.mark.parametrize("practice", [True])
def test_practice_form_says_nothing_was_sent(qtbot, main_window, practice: bool) -> None:
    """A practice form's confirmation says plainly that nothing was sent."""
    window = main_window(language="en")
    window.form_finished(_completed(practice))
    assert "practice" in window.confirmation_page.next_steps.text().lower()


def test_receipt_paginates_long_answer_lists(tmp_path: Path) -> None:
    """Sixty answers at large print flow onto more than one page."""
    rows = [ReviewRow(f"/d/q{i}", f"Question {i}", "answer", True, (i,)) for i in range(60)]
    data = receipt.ReceiptData("ABCDEFGH", "A long form", rows, dt.date.today(), "en")
    assert receipt.save_pdf(str(tmp_path / "long.pdf"), data) > 1


def test_printer_path_renders_the_same_receipt(qtbot, tmp_path: Path) -> None:
    """The paper path paints onto Qt's printer; here a PDF-format printer stands in for paper."""
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    data = receipt.ReceiptData("ABCDEFGH", "年度养老金资格认证", _completed().rows,
                               dt.date(2025, 3, 9), "zh")
    assert receipt.render(printer, data) == 1
    text = _pdf_text(out)
    assert "ABCD - EFGH" in text and "2025年3月9日" in text.replace("⽉", "月").replace("⽇", "日")
    assert ID_NUMBER not in text
