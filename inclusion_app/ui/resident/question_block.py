"""One question on a screen: its label, hint, "(optional)", picture, inline error and input.

Kept apart from the page (form_page.py) that lays the questions out and owns Back and
Continue: a screen may hold several of these (a field-list group).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from inclusion_app.engine.prompt import QuestionPrompt
from inclusion_app.i18n import _
from inclusion_app.ui.resident.inputs import InputWidget, create_input
from inclusion_app.ui.widgets import controls

WARNING = "\u26a0"  # the error icon, so an error is never told by colour alone
IMAGE_PX = 480


class QuestionBlock(QWidget):
    """A question's label, hint, "(optional)", picture, inline error and input."""

    def __init__(self, prompt: QuestionPrompt, as_heading: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.prompt = prompt
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if as_heading:
            self.title = controls.heading(prompt.label, self)
        else:
            self.title = controls.label(prompt.label, "subheading", self)
        self.title.setObjectName("question_label")
        layout.addWidget(self.title)
        if prompt.hint:
            layout.addWidget(controls.label(prompt.hint, "hint", self))
        if not prompt.required and prompt.qtype not in ("note",) and prompt.supported:
            layout.addWidget(controls.label(_("(optional)"), "optional", self))
        if prompt.image:
            pixmap = QPixmap(prompt.image)
            if not pixmap.isNull():
                picture = QLabel(self)
                picture.setPixmap(pixmap.scaled(
                    IMAGE_PX, IMAGE_PX, Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation))
                picture.setAccessibleName(prompt.label)
                layout.addWidget(picture)
        self.error = controls.label("", "error", self)
        self.error.setObjectName("inline_error")
        self.error.hide()
        layout.addWidget(self.error)
        self.input: InputWidget | None = create_input(prompt, self)
        if self.input is not None:
            layout.addWidget(self.input)
        elif not prompt.supported:
            layout.addWidget(controls.label(
                _("This question cannot be answered on this computer. Please ask a volunteer."),
                "body", self))

    def set_error(self, message: str) -> None:
        """The same words as the summary, beside the field, with an icon."""
        self.error.setText(f"{WARNING} {message}" if message else "")
        self.error.setAccessibleName(message)
        self.error.setVisible(bool(message))
