"""A problem shown as a problem: the warning sign, a thick bar and bold words, never colour
alone, in the same look as a form's error summary. The page also says it aloud."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from inclusion_app.ui import theme

WARNING = "\u26a0"


class ErrorBox(QFrame):
    """Hidden until `show_error(text)`; `clear()` hides it again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        theme.set_role(self, "errorSummary")
        row = QHBoxLayout(self)
        icon = QLabel(WARNING, self)
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        icon.setAccessibleName("")
        row.addWidget(icon)
        self.text = QLabel("", self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        row.addWidget(self.text, 1)
        self.hide()

    def show_error(self, message: str) -> None:
        self.text.setText(message)
        self.text.setAccessibleName(message)
        self.show()

    def clear(self) -> None:
        self.text.clear()
        self.hide()
