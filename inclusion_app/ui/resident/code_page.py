""""Continue a saved form": the resident types the code they were given, on a number pad.

The only way a resident reaches a saved form. Nothing here says whether any draft exists,
whose it is or what it holds until the right code is typed. Wrong codes slow down as PIN
tries do (`storage.tries`), counted for the whole kiosk in a file, so a restart does not
reset them. Finding the draft hashes the code against each saved draft's salt: that runs
on the database worker.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from inclusion_app.engine.prompt import QuestionPrompt
from inclusion_app.i18n import _, format_wait
from inclusion_app.storage import resume_codes
from inclusion_app.ui.resident.inputs.number_input import NumberInput
from inclusion_app.ui.services.app_services import AppServices
from inclusion_app.ui.widgets import controls
from inclusion_app.ui.widgets.error_box import ErrorBox


class CodePage(QWidget):
    """Emits found(DraftInfo, code) for the right code, or leave()."""

    found = Signal(object, str)
    leave = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.services = services
        self.checking = False
        self._asked: tuple[str, Any] = ("", None)  # the code being checked, and its counter
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        self.scroll = controls.scroll_area(body)
        outer.addWidget(self.scroll, 1)
        self.layout_ = QVBoxLayout(body)
        self.heading = controls.heading("")
        self.hint = controls.label("", "hint")
        self.error = ErrorBox()
        self.error.setObjectName("code_error")
        self.pad = self._make_pad()
        # The words and the field on the left, the number pad beside them: all of it fits
        # above the buttons on a 768-pixel screen at the default size.
        self.columns = QHBoxLayout()
        left = QVBoxLayout()
        for w in (self.heading, self.hint, self.error):
            left.addWidget(w)
        left.addWidget(self.pad.field)
        left.addStretch(1)
        self.columns.addLayout(left, 3)
        self.columns.addWidget(self.pad, 2, Qt.AlignmentFlag.AlignTop)
        self.layout_.addLayout(self.columns)
        self.layout_.addStretch(1)
        self.back_button = controls.button("", "secondary", "", "home")
        self.back_button.setObjectName("code_back")
        self.ok_button = controls.button("", "primary", "", "continue")
        self.ok_button.setObjectName("code_continue")
        self.row = QHBoxLayout()
        self.row.addWidget(self.back_button)
        self.row.addStretch(1)
        self.row.addWidget(self.ok_button)
        outer.addLayout(self.row)
        self.back_button.clicked.connect(self._leave)
        self.ok_button.clicked.connect(self.submit)
        self.retranslate()

    def _make_pad(self) -> NumberInput:
        prompt = QuestionPrompt(ref="/resume/code", name="code", qtype="text", label="",
                                appearance="numbers")
        pad = NumberInput(prompt)
        pad.field.setObjectName("code_field")
        pad.field.setMaxLength(16)  # room for spaces and dashes as copied from the slip
        pad.field.returnPressed.connect(self.submit)
        return pad

    @property
    def field(self) -> Any:
        return self.pad.field

    def retranslate(self) -> None:
        m = self.services.metrics
        self.layout_.setContentsMargins(m.spacing_px * 2, m.spacing_px, m.spacing_px * 2,
                                        m.spacing_px)
        self.layout_.setSpacing(m.spacing_px)
        self.columns.setSpacing(m.spacing_px * 2)
        self.row.setContentsMargins(m.spacing_px * 2, m.spacing_px // 2, m.spacing_px * 2,
                                    m.spacing_px // 2)
        controls.set_heading(self.heading, _("Continue a saved form"))
        self.hint.setText(_("Type the {n}-digit code you were given when you saved your "
                            "answers. You can use the number keys.").format(
                                n=resume_codes.CODE_LENGTH))
        self.field.setAccessibleName(_("Your code"))
        self.field.setAccessibleDescription(self.hint.plain_text())
        controls.retitle(self.ok_button, _("Continue"), _("Open the form saved with this code"))
        controls.retitle(self.back_button, _("Back to start"), _("Go back to the first screen"))

    def reset(self) -> None:
        """Empty, with no message: each arrival starts clean."""
        self.checking = False
        self.field.clear()
        self.error.clear()
        self.ok_button.setEnabled(True)

    # -- checking -------------------------------------------------------------------------
    def submit(self) -> None:
        if self.checking:
            return
        typed = self.field.text()
        if not resume_codes.looks_like_code(typed):
            self._problem(_("The code has {n} digits. Please check it and type it again.")
                          .format(n=resume_codes.CODE_LENGTH))
            return
        counter = resume_codes.tries(self.services.paths.data)
        wait = counter.wait_seconds()
        if wait > 0:
            self._problem(self._wait_words(wait))
            return
        store = self.services.store
        if store is None:
            self._problem(_("Saved forms cannot be opened on this computer right now. "
                            "Please ask a volunteer."))
            return
        code = resume_codes.normalise(typed)
        self.checking = True
        self.ok_button.setEnabled(False)
        self.hint.setText(_("Checking the code…"))
        self._asked = (code, counter)
        # bound methods: the answer is dropped if this page is gone by the time it comes
        self.services.tasks.run_db(lambda: store.find_draft_by_code(code),
                                   on_done=self._checked, on_error=self._failed)

    def _checked(self, info: Any) -> None:
        code, counter = self._asked
        self._asked = ("", None)
        if not self.checking:  # the person left meanwhile: count a wrong try, open nothing
            if info is None and counter is not None:
                counter.failed()
            return
        self.checking = False
        self.ok_button.setEnabled(True)
        self.retranslate()
        if info is None:
            wait = counter.failed()
            self.field.clear()
            self._problem(self._wait_words(wait) if wait > 0 else _(
                "That code does not open a saved form. Please check it and try again."))
            return
        counter.succeeded()
        self.field.clear()
        self.error.clear()
        self.found.emit(info, code)

    def _failed(self, _exc: BaseException) -> None:
        if not self.checking:
            return
        self.checking = False
        self.ok_button.setEnabled(True)
        self.retranslate()
        self._problem(_("Saved forms cannot be opened on this computer right now. "
                        "Please ask a volunteer."))

    @staticmethod
    def _wait_words(wait: float) -> str:
        return _("That code was wrong too many times. Please wait {time} and try again, or "
                 "ask a volunteer.").format(time=format_wait(wait))

    def _problem(self, text: str) -> None:
        self.error.show_error(text)
        self.services.say("speak_error", text, self.services.language)
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _leave(self) -> None:
        self.reset()
        self.leave.emit()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape:
            self._leave()
            return
        super().keyPressEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.scroll.verticalScrollBar().setValue(0)
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)
        self.services.say("speak_text", f"{self.heading.plain_text()} {self.hint.plain_text()}",
                          self.services.language, cacheable=True)  # the program's own words
