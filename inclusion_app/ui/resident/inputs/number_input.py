"""Numbers: a large field plus an on-screen number pad for people who cannot find keys.

The pad's keys take no keyboard focus (a keyboard user types into the field directly), so
Tab goes from the field straight to Continue. ID and phone numbers (`cn-id`, `cn-mobile`,
`numbers`) stay text, so a leading zero is never lost; `cn-id` gets an X key for the
check digit. Integer and decimal answers are read by `inclusion_app.number_text` for the
language on screen (`1,250` is 1250; `12,5` is refused with a message saying how to write it)
and shown formatted for it, so a reopened question shows what check-your-answers shows.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QGridLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from inclusion_app import number_text
from inclusion_app.engine.prompt import QuestionPrompt
from inclusion_app.i18n import _, current_language
from inclusion_app.ui.resident.inputs.base import InputWidget

BACKSPACE = "\u232b"
CLEAR = "clear"  # the pad's key name for "Clear" (its label is translated)


def _allowed_pattern(prompt: QuestionPrompt) -> str:
    """Characters a person may type: anything else is refused as it is typed."""
    appearance = prompt.appearance.split()
    if "cn-id" in appearance:
        return r"[0-9０-９xXｘＸ ]*"
    if prompt.qtype in number_text.NUMERIC_TYPES:
        # Separators and full-width forms are let in and read (or refused with a message)
        # by number_text: a key that silently does nothing explains nothing.
        return r"[-+−－]?[0-9０-９,，.．。 ]*"
    return r"[0-9０-９ +\-]*"  # phone numbers and other digit strings


class NumberInput(InputWidget):
    """A big line edit and a 3-column pad: 1-9, then [. or X], 0, backspace, and Clear."""

    def __init__(self, prompt: QuestionPrompt, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        appearance = prompt.appearance.split()
        self.id_number = "cn-id" in appearance
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.field = QLineEdit(self)
        self.field.setProperty("role", "field")
        self.field.setValidator(
            QRegularExpressionValidator(QRegularExpression(_allowed_pattern(prompt)), self.field)
        )
        self.field.setReadOnly(prompt.readonly)
        self.field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.describe(self.field, prompt.label, prompt.hint or _("Type the number, or use the keys below."))
        self.field.textEdited.connect(lambda _t: self.changed.emit())
        layout.addWidget(self.field)

        pad = QWidget(self)
        grid = QGridLayout(pad)
        grid.setContentsMargins(0, 0, 0, 0)
        extra = "X" if self.id_number else ("." if prompt.qtype == "decimal" else "")
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", extra, "0", BACKSPACE]
        self.keys: dict[str, QPushButton] = {}
        for i, key in enumerate(keys):
            if not key:
                continue
            button = self._key(pad, key)
            grid.addWidget(button, i // 3, i % 3)
        clear = self._key(pad, CLEAR)
        grid.addWidget(clear, 4, 0, 1, 3)
        for column in range(3):
            grid.setColumnStretch(column, 1)  # three equal columns, whatever the key's label
        pad.setEnabled(not prompt.readonly)
        layout.addWidget(pad, 0, Qt.AlignmentFlag.AlignLeft)
        self.set_value(prompt.answer)

    def _key(self, parent: QWidget, key: str) -> QPushButton:
        button = QPushButton(_("Clear") if key == CLEAR else key, parent)
        button.setProperty("role", "numpad")
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keyboard users type into the field
        button.setAutoRepeat(key == BACKSPACE)
        names = {BACKSPACE: _("Delete the last digit"), CLEAR: _("Clear")}
        self.describe(button, names.get(key, key), _("Number pad key"))
        button.clicked.connect(lambda _c=False, k=key: self._press(k))
        self.keys[key] = button
        return button

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name and signature
        """Every key as wide as the widest (the backspace glyph), at the text size now in force."""
        super().showEvent(event)
        keys = [k for name, k in self.keys.items() if name != CLEAR]
        for key in keys:
            key.setMinimumWidth(0)
            key.ensurePolished()
        widest = max(k.sizeHint().width() for k in keys)
        for key in keys:
            key.setMinimumWidth(widest)

    def _press(self, key: str) -> None:
        if key == BACKSPACE:
            self.field.backspace()
        elif key == CLEAR:
            self.field.clear()
        else:
            self.field.insert(key)
        self.changed.emit()

    @property
    def numeric(self) -> bool:
        return self.prompt.qtype in number_text.NUMERIC_TYPES

    def value(self) -> str:
        """The canonical number (`1250`, `12.5`); text the reader refuses is passed on as
        typed, so the engine refuses it too (local_error says why first)."""
        text = number_text.normalise(self.field.text())
        if self.numeric:
            try:
                return number_text.read(text, self.prompt.qtype, current_language())
            except number_text.NumberRefused:
                return text
        return text.upper() if self.id_number else text

    def local_error(self) -> str:
        if not self.numeric:
            return ""
        try:
            number_text.read(self.field.text(), self.prompt.qtype, current_language())
        except number_text.NumberRefused as exc:
            return str(exc)
        return ""

    def set_value(self, value: str) -> None:
        if self.numeric and value:
            value = number_text.display(value, current_language())
        self.field.setText(value)

    def focus_target(self) -> QWidget | None:
        return self.field
