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
    QBoxLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from inclusion_app import number_text
from inclusion_app.engine.prompt import QuestionPrompt
from inclusion_app.i18n import _, current_language
from inclusion_app.ui.resident.inputs.base import InputWidget, explain_refused_keys

BACKSPACE = "\u232b"
CLEAR = "clear"  # the pad's key name for "Clear" (its label is translated)
COMPACT_KEY_PX = 64  # the smallest a key gets on a short screen: still a main target


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
    """A big line edit and a 3-column pad: 1-9, then [. or X], 0, backspace, and Clear.

    The pad sits beside the box whenever the width allows (on a wide screen the box stays as
    wide as its number, not the whole screen); on a short screen (`fit_compact`) its keys
    shrink to 64 px and backspace and Clear move to a fourth column, four rows in all."""

    def __init__(self, prompt: QuestionPrompt, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        appearance = prompt.appearance.split()
        self.id_number = "cn-id" in appearance
        layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.box_layout = layout
        self.compact = 0  # 0: phone pad under Clear; 1: four columns; 2: three rows of five
        self.field = QLineEdit(self)
        self.field.setProperty("role", "field")
        self.field.setValidator(
            QRegularExpressionValidator(QRegularExpression(_allowed_pattern(prompt)), self.field)
        )
        self.field.setReadOnly(prompt.readonly)
        self.field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.describe(self.field, prompt.label, prompt.hint or _("Type the number, or use the keys below."))
        self.field.textEdited.connect(lambda _t: self.changed.emit())
        self.field.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.field)
        self.refused = QLabel("", left)
        self.refused.setObjectName("refused_key")
        column.addWidget(self.refused)
        explain_refused_keys(self.field, self.refused, _("Only digits and X here") if self.id_number
                             else _("Only numbers here") if prompt.qtype == "decimal"
                             else _("Only digits here"))
        layout.addWidget(left, 0, Qt.AlignmentFlag.AlignTop)

        self.pad = pad = QWidget(self)
        self.grid = QGridLayout(pad)
        self.grid.setContentsMargins(0, 0, 0, 0)
        extra = "X" if self.id_number else ("." if prompt.qtype == "decimal" else "")
        self.key_order = ["1", "2", "3", "4", "5", "6", "7", "8", "9", extra, "0", BACKSPACE]
        self.keys: dict[str, QPushButton] = {}
        for key in [*self.key_order, CLEAR]:
            if key:
                self._key(pad, key)
        self._place_keys()
        pad.setEnabled(not prompt.readonly)
        layout.addWidget(pad, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addStretch(1)
        self.set_value(prompt.answer)

    def _place_keys(self) -> None:
        """The phone pad with Clear under it; compact 1: backspace and Clear in a fourth
        column (four rows); compact 2: the digits in two rows of five, then the rest."""
        for button in self.keys.values():
            self.grid.removeWidget(button)
        if self.compact >= 2:
            order = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0",
                     *[k for k in (self.key_order[9], BACKSPACE, CLEAR) if k]]
            for i, key in enumerate(order):
                self.grid.addWidget(self.keys[key], i // 5, i % 5)
        else:
            for i, key in enumerate(self.key_order):
                if key and not (self.compact and key == BACKSPACE):
                    self.grid.addWidget(self.keys[key], i // 3, i % 3)
            if self.compact:
                self.grid.addWidget(self.keys[BACKSPACE], 0, 3)
                self.grid.addWidget(self.keys[CLEAR], 1, 3)
            else:
                self.grid.addWidget(self.keys[CLEAR], 4, 0, 1, 3)
        for column in range(5):
            self.grid.setColumnStretch(column, 1 if column < 3 + self.compact else 0)
        self.grid.setSpacing(4 if self.compact else 6)
        for button in self.keys.values():
            button.setProperty("compact", bool(self.compact))
            button.style().unpolish(button)
            button.style().polish(button)
            policy = QSizePolicy.Policy.Expanding if self.compact else QSizePolicy.Policy.Fixed
            button.setSizePolicy(QSizePolicy.Policy.Expanding, policy)

    def fit_compact(self, level: int) -> bool:
        """Called by the page frame while the pad reaches below the screen: smaller keys
        (64 px, still a main target), then fewer rows."""
        level = min(level, 2)
        if level <= self.compact:
            return False
        self.compact = level
        self._place_keys()
        self._size_keys()
        self._arrange(self.width())
        return True

    def _field_width(self) -> int:
        """Wide enough for the longest number this box takes (an ID: 18 and spaces)."""
        self.field.ensurePolished()
        metrics = self.field.fontMetrics()
        digits = 24 if self.id_number else 16
        return metrics.horizontalAdvance("0") * digits + 48

    def _arrange(self, width: int) -> None:
        """The pad beside the box when both fit side by side, else under it."""
        need = self._field_width() + self.pad.sizeHint().width() + 24
        beside = width <= 0 or need <= width
        direction = (QBoxLayout.Direction.LeftToRight if beside
                     else QBoxLayout.Direction.TopToBottom)
        self.field.setMaximumWidth(self._field_width())
        if self.box_layout.direction() != direction:
            self.box_layout.setDirection(direction)

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name and signature
        super().resizeEvent(event)
        self._arrange(event.size().width())

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
        self._size_keys()
        self._arrange(self.width())

    def _size_keys(self) -> None:
        keys = [k for name, k in self.keys.items() if name != CLEAR]
        for key in self.keys.values():
            key.setMinimumWidth(0)
            key.setMaximumHeight(COMPACT_KEY_PX if self.compact else 16777215)
            key.ensurePolished()
        widest = max(k.sizeHint().width() for k in keys)
        for key in keys:
            key.setMinimumWidth(COMPACT_KEY_PX if self.compact else widest)

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
