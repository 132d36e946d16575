"""The end of a visit: every service's reference code, large, and one printed receipt.

The single-form confirmation page, with the one code replaced by a list (service, code);
printing and saving a copy draw `visit_receipt` instead. "Back to start" forgets it all.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from inclusion_app.i18n import _
from inclusion_app.ui.resident import receipt, visit_receipt
from inclusion_app.ui.resident.confirmation_page import ConfirmationPage
from inclusion_app.ui.widgets import controls


class VisitConfirmationPage(ConfirmationPage):
    """Shows one `VisitCompleted`; emits home() when the person is done."""

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        self.refs: QWidget | None = None
        super().__init__(services, parent)
        self.refs = QWidget()
        QVBoxLayout(self.refs).setContentsMargins(0, 0, 0, 0)
        self.layout_.insertWidget(self.layout_.indexOf(self.code) + 1, self.refs)
        self.code.hide()

    def show_visit(self, done: Any) -> None:
        self.show_completed(done)

    @property
    def reference(self) -> str:
        services = getattr(self.completed, "services", None) or []
        return services[0].reference if services else ""

    def show_completed(self, completed: Any) -> None:
        super().show_completed(completed)
        self.services.say("speak_text", self.spoken(), self.services.language)

    def spoken(self) -> str:
        done = self.completed
        if done is None:
            return ""
        parts = [self.heading.plain_text(), self.code_intro.plain_text()]
        parts += [f"{c.title}: {' '.join(c.reference.replace('-', ''))}." for c in done.services]
        return " ".join(parts)

    def retranslate(self) -> None:
        super().retranslate()
        if self.refs is None:
            return
        self.code.hide()
        controls.set_heading(self.heading, _("Thank you. Your visit is complete."))
        self.code_intro.setText(_("Each service has its own reference code:"))
        layout = self.refs.layout()
        while layout.count():
            item = layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for done in getattr(self.completed, "services", None) or []:
            layout.addWidget(controls.label(done.title, "subheading", self.refs))
            code = controls.label(receipt.spaced(done.reference), "reference", self.refs, selectable=True)
            code.setAlignment(Qt.AlignmentFlag.AlignCenter)
            code.setWordWrap(False)
            code.setAccessibleName(f"{done.title}: {' '.join(done.reference)}")
            code.setObjectName("visit_reference")
            layout.addWidget(code)

    def visit_receipt(self) -> visit_receipt.VisitReceipt:
        done = self.completed
        return visit_receipt.VisitReceipt(
            title=str(getattr(done, "title", "")),
            services=[(c.title, c.reference) for c in getattr(done, "services", [])],
            date=dt.date.fromtimestamp(getattr(done, "when", 0) or time.time()),
            language=self.services.language,
        )

    def print_paper(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            visit_receipt.render(printer, self.visit_receipt())
            self._say_status(_("Your copy is being printed."))

    def _write_pdf(self, path: Path) -> None:
        """Every reference of the visit on one receipt (saving is ConfirmationPage.save_pdf)."""
        visit_receipt.save_pdf(str(path), self.visit_receipt())

    def back_to_start(self) -> None:
        if self.refs is not None:
            layout = self.refs.layout()
            while layout.count():
                item = layout.takeAt(0)
                if item.widget() is not None:
                    item.widget().deleteLater()
        super().back_to_start()
