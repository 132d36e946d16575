""""Are you still there?": asked, in large type and aloud, after a quiet spell during a form.

Any touch or key answers it (the inactivity watch listens app-wide), so a person who was only
reading slowly loses nothing and needs to find no particular button. Silence for the answer
time means they have gone: their answers are saved for a volunteer and the screen is cleared.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from inclusion_app.i18n import _
from inclusion_app.ui.widgets import controls


class StillTherePage(QWidget):
    """`here` when the big button is pressed (any other input is caught by the watch)."""

    here = Signal()

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.services = services
        column = QVBoxLayout(self)
        self.column = column
        text = QWidget()  # the words scroll at the largest sizes; the button never leaves view
        text.setObjectName("page")
        words = QVBoxLayout(text)
        words.setContentsMargins(0, 0, 0, 0)
        self.heading = controls.heading("", text)
        self.heading.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.body = controls.label("", "body", text)
        words.addWidget(self.heading)
        words.addWidget(self.body)
        words.addStretch(1)
        self.button = controls.button("", "primary", "", "continue")
        self.button.setObjectName("still_here")
        self.button.clicked.connect(self.here.emit)
        column.addWidget(controls.scroll_area(text), 1)
        column.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        self.retranslate()

    def retranslate(self) -> None:
        m = self.services.metrics
        self.column.setContentsMargins(m.spacing_px * 3, m.spacing_px, m.spacing_px * 3, m.spacing_px)
        self.column.setSpacing(m.spacing_px * 2)
        controls.set_heading(self.heading, _("Are you still there?"))
        text = _("Touch the screen or press any key to carry on with your form. If nobody "
                 "answers, your answers are saved for a volunteer and the screen goes back "
                 "to the start.")
        self.body.setText(text)
        self.body.setAccessibleName(text)
        controls.retitle(self.button, _("Yes, I am still here"), _("Carry on with your form"))

    def spoken(self) -> str:
        return f"{_('Are you still there?')} {self.body.text()}"

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.heading.setFocus(Qt.FocusReason.OtherFocusReason)
