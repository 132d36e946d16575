"""Confirmation: the reference code large and spaced, what happens next, and a way home.

A printed copy is made only if the person asks, sent to the printer or saved where they
choose (never into the program's own folders). "Back to start" leaves nothing of this
person on screen or in memory here.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from inclusion_app import paths as paths_mod
from inclusion_app.i18n import _
from inclusion_app.ui.resident import receipt
from inclusion_app.ui.services.app_services import AppServices
from inclusion_app.ui.widgets import controls
from inclusion_app.ui.widgets.page_frame import PageFrame


def _attr(obj: Any, *names: str, default: Any = "") -> Any:
    for name in names:
        if hasattr(obj, name):
            return getattr(obj, name)
    return default


class ConfirmationPage(PageFrame):
    """Shows one `Completed` record; emits home() when the person is done."""

    home = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent, services.metrics.step)
        self.services = services
        self.completed: Any = None
        self.last_saved: Path | None = None
        self.preview: Any = None  # the print preview, made on first use
        self.picker: Any = None  # the folder picker while "Save as a file" is open
        body = QWidget()
        self.set_body(body)
        self.more_below.connect(lambda text: services.say("speak_after", text, services.language))
        layout = QVBoxLayout(body)
        self.layout_ = layout
        self.heading = controls.heading("")
        self.code_intro = controls.label("", "body")
        self.code = controls.label("", "reference", selectable=True)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setWordWrap(False)
        self.next_steps = controls.label("", "body")
        self.status = controls.label("", "hint")
        self.status.hide()
        self.print_button = controls.button("", "secondary", "", "print")
        self.print_button.setObjectName("print_copy")
        self.printer_button = controls.button("", "secondary", "", "print")
        self.printer_button.setObjectName("print_paper")
        self.pdf_button = controls.button("", "secondary", "", "form")
        self.pdf_button.setObjectName("print_pdf")
        self.home_button = controls.button("", "primary", "", "home")
        self.home_button.setObjectName("back_to_start")
        for w in (self.heading, self.code_intro, self.code, self.next_steps):
            layout.addWidget(w)
        # The two ways to keep a copy appear in the page body, so the bottom row stays short.
        for choice in (self.printer_button, self.pdf_button):
            layout.addWidget(choice, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.add_action(self.print_button)
        self.add_action_stretch()
        self.add_action(self.home_button)
        self.print_button.clicked.connect(self._offer_print)
        self.printer_button.clicked.connect(self.print_paper)
        self.pdf_button.clicked.connect(self.ask_save_pdf)
        self.home_button.clicked.connect(self.back_to_start)
        self.retranslate()

    # -- content --------------------------------------------------------------------------
    def show_completed(self, completed: Any) -> None:
        """Fill the page for one finished form and read the code aloud."""
        self.completed = completed
        self.last_saved = None
        if self.preview is not None and self.preview.isVisible():
            self._close_preview()
        self.status.hide()
        self.printer_button.hide()
        self.pdf_button.hide()
        self.print_button.show()
        self.retranslate()
        self.services.say("speak_reference", self.reference, self.services.language)

    @property
    def reference(self) -> str:
        return str(_attr(self.completed, "reference")) if self.completed is not None else ""

    def receipt_data(self) -> receipt.ReceiptData:
        c = self.completed
        return receipt.ReceiptData(
            reference=self.reference,
            title=str(_attr(c, "title", "form_title")),
            rows=list(_attr(c, "rows", "review_rows", "review", default=[]) or []),
            date=dt.date.fromtimestamp(_attr(c, "when", default=0) or time.time()),
            language=self.services.language,
        )

    def retranslate(self) -> None:
        m = self.services.metrics
        self.layout_.setContentsMargins(m.spacing_px * 2, m.spacing_px, m.spacing_px * 2,
                                        m.spacing_px)
        self.layout_.setSpacing(m.spacing_px)
        self.restyle_frame(m.step)
        self.retranslate_frame()
        controls.set_heading(self.heading, _("Thank you. Your form is complete."))
        self.code_intro.setText(_("Your reference code is:"))
        self.code.setText(receipt.spaced(self.reference))
        self.code.setAccessibleName(" ".join(self.reference))
        if self.completed is not None and _attr(self.completed, "practice", default=False):
            self.next_steps.setText(_("This was practice. Nothing has been sent, and nothing "
                                      "about you has been kept."))
        else:
            self.next_steps.setText(_(
                "What happens next: this computer sends your form to the office as soon as it "
                "can. You do not need to do anything else. If the office needs to ask you "
                "something, they will contact you. Keep your reference code in case you call "
                "them."))
        controls.retitle(self.print_button, _("Print a copy"),
                         _("Make a large-print copy of your answers to take home"))
        controls.retitle(self.printer_button, _("Print on paper"),
                         _("Send the copy to the printer"))
        controls.retitle(self.pdf_button, _("Save as a file"),
                         _("Save the copy as a PDF file in a place you choose"))
        controls.retitle(self.home_button, _("Back to start"),
                         _("Finish and clear the screen for the next person"))
        if self.preview is not None:
            self.preview.retranslate()

    # -- printing -------------------------------------------------------------------------
    def _offer_print(self) -> None:
        self.print_button.hide()
        self.printer_button.show()
        self.pdf_button.show()
        self.printer_button.setFocus()

    def print_paper(self) -> None:
        """Our own large print preview with one big Print button (not Qt's print dialog)."""
        from inclusion_app.ui.resident.print_preview import PrintPreview

        if self.preview is None:
            self.preview = PrintPreview(self.services, self)
            self.preview.back.connect(self._close_preview)
            self.preview.printed.connect(self._printed)
        self.preview.setGeometry(self.rect())
        self.scroll.hide()
        self.action_bar.hide()
        self.preview.show()
        self.preview.raise_()
        self.preview.show_receipt(self.receipt_data())

    def _close_preview(self) -> None:
        if self.preview is not None:
            self.preview.hide()
        self.scroll.show()
        self.action_bar.show()
        self.printer_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _printed(self) -> None:
        self._close_preview()
        self._say_status(_("Your copy is being printed."))

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name and signature
        super().resizeEvent(event)
        for overlay in (self.preview, self.picker):
            if overlay is not None:
                overlay.setGeometry(self.rect())

    def ask_save_pdf(self) -> None:
        """Our large-type picker (USB sticks first, big rows, no paths), laid over the page."""
        from inclusion_app.ui.widgets.file_picker import FilePicker

        self._close_picker()
        picker = FilePicker(self.services, mode="save", extensions=(".pdf",),
                            suggested_name=f"{self.reference or 'receipt'}.pdf",
                            title=lambda: _("Where should your copy be saved?"), parent=self)
        picker.chosen.connect(self._save_chosen)
        picker.cancelled.connect(self._close_picker)
        self.picker = picker
        picker.setGeometry(self.rect())
        self.scroll.hide()
        self.action_bar.hide()
        picker.show()
        picker.raise_()
        picker.start()

    def _save_chosen(self, path: Path) -> None:
        self._close_picker()
        self.save_pdf(Path(path))

    def _close_picker(self) -> None:
        if self.picker is not None:
            self.picker.hide()
            self.picker.deleteLater()
            self.picker = None
            self.scroll.show()
            self.action_bar.show()
            self.pdf_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def save_pdf(self, path: Path) -> bool:
        """Save the receipt, refusing the program's own folders (a resident's copy is theirs)."""
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        if self._inside_program_folders(path):
            self._say_status(_("Please choose another place, such as Documents or a USB stick."))
            return False
        try:
            self._write_pdf(path)
        except OSError:
            self._say_status(_("The copy could not be saved there. Please choose another place."))
            return False
        if not path.is_file():
            self._say_status(_("The copy could not be saved there. Please choose another place."))
            return False
        self.last_saved = path
        self._say_status(_("Your copy has been saved."))
        return True

    def _write_pdf(self, path: Path) -> None:
        """The receipt as a PDF file (a visit's page writes its own receipt)."""
        receipt.save_pdf(str(path), self.receipt_data())

    def _inside_program_folders(self, path: Path) -> bool:
        target = path.resolve()
        p = self.services.paths
        for folder in (p.data, p.config, p.cache, paths_mod.project_root()):
            try:
                target.relative_to(Path(folder).resolve())
                return True
            except ValueError:
                continue
        return False

    def _say_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()
        self.services.say("speak_text", text, self.services.language)

    # -- leaving --------------------------------------------------------------------------
    def back_to_start(self) -> None:
        """Forget everything of this person, then go home."""
        self.completed = None
        self.last_saved = None
        if self.preview is not None and self.preview.isVisible():
            self._close_preview()
        self._close_picker()
        self.code.clear()
        self.status.clear()
        self.status.hide()
        self.services.say("stop")
        self.home.emit()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.heading.setFocus(Qt.FocusReason.OtherFocusReason)
        self.reset_view()  # "Thank you" and the code first, whatever was scrolled before
