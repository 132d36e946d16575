"""After "Stop and save for later": the answers are already stored; here is the code to reopen them.

The draft was written (encrypted) before this page appears and its code's hash is stored,
so leaving this page in any way, or not at all, loses nothing. The code is shown very
large, read aloud one digit at a time, and can be printed on a slip. The page names the
form (it is this person's own), never an answer.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QVBoxLayout, QWidget

from inclusion_app.i18n import _
from inclusion_app.speech.script import spell
from inclusion_app.storage.resume_codes import spaced
from inclusion_app.ui.resident import code_slip
from inclusion_app.ui.services.app_services import AppServices
from inclusion_app.ui.widgets import controls


class SavedPage(QWidget):
    """Shows one resume code; emits done() when the person has finished with it."""

    done = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.services = services
        self.code = ""
        self.title = ""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        self.scroll = controls.scroll_area(body)
        outer.addWidget(self.scroll, 1)
        self.layout_ = QVBoxLayout(body)
        self.heading = controls.heading("")
        self.intro = controls.label("", "body")
        self.code_label = controls.label("", "reference", selectable=True)
        self.code_label.setObjectName("resume_code")
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setWordWrap(False)
        self.how = controls.label("", "body")
        self.status = controls.label("", "hint")
        self.status.hide()
        self.read_button = controls.button("", "secondary", "", "speaker")
        self.read_button.setObjectName("read_code")
        self.print_button = controls.button("", "secondary", "", "print")
        self.print_button.setObjectName("print_code")
        self.done_button = controls.button("", "primary", "", "home")
        self.done_button.setObjectName("saved_done")
        for w in (self.heading, self.intro, self.code_label, self.how):
            self.layout_.addWidget(w)
        # side by side while they fit (the page then fits a 768-pixel screen), else stacked
        self.choices = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.choices.addWidget(self.read_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.choices.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.choices.addStretch(1)
        self.layout_.addLayout(self.choices)
        self.layout_.addWidget(self.status)
        self.layout_.addStretch(1)
        self.row = QHBoxLayout()
        self.row.addStretch(1)
        self.row.addWidget(self.done_button)
        outer.addLayout(self.row)
        self.read_button.clicked.connect(self.read_code)
        self.print_button.clicked.connect(self.print_slip)
        self.done_button.clicked.connect(self._done)
        self.retranslate()

    def show_code(self, code: str, title: str) -> None:
        """Fill the page for one saved draft and say it aloud."""
        self.code, self.title = code, title
        self.status.hide()
        self.retranslate()
        self.read_code(intro=True)

    def spoken(self, intro: bool = False) -> str:
        """What is said: the news (on arrival), then the code one digit at a time."""
        lang = self.services.language
        code = _("Your code is: {digits}.").format(digits=spell(self.code, lang))
        return f"{self.heading.plain_text()} {self.intro.plain_text()} {code}" if intro else code

    def read_code(self, _checked: bool = False, intro: bool = False) -> None:
        self.services.say("speak_text", self.spoken(intro), self.services.language)

    def retranslate(self) -> None:
        m = self.services.metrics
        self.layout_.setContentsMargins(m.spacing_px * 2, m.spacing_px, m.spacing_px * 2,
                                        m.spacing_px)
        self.layout_.setSpacing(m.spacing_px)
        self.row.setContentsMargins(m.spacing_px * 2, m.spacing_px // 2, m.spacing_px * 2,
                                    m.spacing_px // 2)
        controls.set_heading(self.heading, _("Your answers are saved"))
        self.intro.setText(_("To continue later, you need this code:"))
        self.code_label.setText(spaced(self.code))
        self.code_label.setAccessibleName(" ".join(self.code))
        self.how.setText(_(
            "Write it down or print it. When you come back, press \u201cContinue a saved "
            "form\u201d on the first screen and type the code. Without the code, only a "
            "volunteer can open your answers."))
        controls.retitle(self.read_button, _("Read the code again"),
                         _("Say the code aloud one digit at a time"))
        controls.retitle(self.print_button, _("Print the code"),
                         _("Print the code on paper to take home"))
        controls.retitle(self.done_button, _("I have my code"),
                         _("Finish and clear the screen for the next person"))

    def print_slip(self) -> None:
        """Qt's print dialog, then the slip (as the receipt is printed)."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            code_slip.render(printer, self.slip())
            self._say_status(_("Your code is being printed."))

    def slip(self) -> code_slip.SlipData:
        return code_slip.SlipData(self.code, self.title, dt.date.today(), self.services.language)

    def _say_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()
        self.services.say("speak_text", text, self.services.language)

    def _done(self) -> None:
        self.forget()
        self.done.emit()

    def forget(self) -> None:
        """Nothing of this person stays on the page once they have gone."""
        self.code, self.title = "", ""
        self.code_label.clear()
        self.status.clear()
        self.status.hide()

    def _reflow(self) -> None:
        m = self.services.metrics
        need = (self.read_button.sizeHint().width() + self.print_button.sizeHint().width()
                + m.spacing_px * 6)
        room = self.scroll.viewport().width()
        self.choices.setDirection(QBoxLayout.Direction.LeftToRight if need <= room
                                  else QBoxLayout.Direction.TopToBottom)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._reflow()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._reflow()
        self.scroll.verticalScrollBar().setValue(0)
        self.heading.setFocus(Qt.FocusReason.OtherFocusReason)
