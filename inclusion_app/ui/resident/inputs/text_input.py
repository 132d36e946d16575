"""Free text: a large line, or a large box for `multiline`; the system's input methods work."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from inclusion_app.engine.prompt import QuestionPrompt
from inclusion_app.i18n import _
from inclusion_app.ui.resident.inputs.base import InputWidget

MULTILINE_LINES = 4


class LinesBox(QPlainTextEdit):
    """A multi-line box showing MULTILINE_LINES lines at the text size in force now."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        frame = self.frameWidth() * 2 + self.contentsMargins().top() + self.contentsMargins().bottom()
        height = self.fontMetrics().lineSpacing() * MULTILINE_LINES + frame + 16
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())


class TextInput(InputWidget):
    """QLineEdit, or QPlainTextEdit when the form asks for `multiline`."""

    def __init__(self, prompt: QuestionPrompt, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.multiline = "multiline" in prompt.appearance.split()
        if self.multiline:
            box = LinesBox(self)
            box.setTabChangesFocus(True)  # Tab must still reach Continue
            box.textChanged.connect(self.changed.emit)
            self.field: QLineEdit | QPlainTextEdit = box
        else:
            line = QLineEdit(self)
            line.textEdited.connect(lambda _t: self.changed.emit())
            self.field = line
        self.field.setProperty("role", "field")
        # Chinese pinyin and handwriting input methods must reach the field.
        self.field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
        self.field.setReadOnly(prompt.readonly)
        self.describe(self.field, prompt.label, prompt.hint or _("Type your answer."))
        layout.addWidget(self.field)
        self.set_value(prompt.answer)

    def value(self) -> str:
        if isinstance(self.field, QPlainTextEdit):
            return self.field.toPlainText().strip()
        return self.field.text().strip()

    def set_value(self, value: str) -> None:
        if isinstance(self.field, QPlainTextEdit):
            if self.field.toPlainText() != value:
                self.field.setPlainText(value)
        elif self.field.text() != value:
            self.field.setText(value)

    def focus_target(self) -> QWidget | None:
        return self.field
