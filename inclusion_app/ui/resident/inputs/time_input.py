"""Times as two boxes, hour and minute (24-hour clock), and date-and-time as both together."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from inclusion_app.engine.prompt import QuestionPrompt
from inclusion_app.i18n import _
from inclusion_app.ui.resident.inputs.base import DigitBox, InputWidget
from inclusion_app.ui.resident.inputs.date_input import DateBoxes


def _offset() -> str:
    """This computer's UTC offset as XForms writes it: "+08:00"."""
    text = dt.datetime.now().astimezone().strftime("%z") or "+0000"
    return f"{text[:3]}:{text[3:]}"


class TimeBoxes(QWidget):
    """Hour and minute boxes with their labels."""

    def __init__(self, owner: InputWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.owner = owner
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.hour = self._box(_("Hour"))
        self.minute = self._box(_("Minute"))
        for box, name in ((self.hour, _("Hour")), (self.minute, _("Minute"))):
            column = QVBoxLayout()
            label = QLabel(name, self)
            label.setProperty("role", "body")
            label.setBuddy(box)
            column.addWidget(label)
            column.addWidget(box)
            row.addLayout(column)
        row.addStretch(1)

    def _box(self, name: str) -> QLineEdit:
        box = DigitBox(2, self)
        box.setProperty("role", "field")
        box.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9]*"), box))
        box.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        box.setReadOnly(self.owner.prompt.readonly)
        self.owner.describe(box, f"{name}: {self.owner.prompt.label}")
        box.textEdited.connect(lambda _t: self.owner.changed.emit())
        return box

    def empty(self) -> bool:
        return not self.hour.text() and not self.minute.text()

    def time(self) -> dt.time | None:
        try:
            return dt.time(int(self.hour.text()), int(self.minute.text() or "0"))
        except ValueError:
            return None

    def problem(self) -> str:
        if self.empty():
            return ""
        if not self.hour.text():
            return _("The time must include an hour.")
        if self.time() is None:
            return _("Enter a real time: the hour from 0 to 23 and the minute from 0 to 59.")
        return ""

    def lexical(self) -> str:
        value = self.time()
        if value is None:
            return f"{self.hour.text()}:{self.minute.text()}"
        return f"{value.hour:02d}:{value.minute:02d}:00.000{_offset()}"

    def set_time(self, value: str) -> None:
        hour, _sep, rest = value.partition(":")
        self.hour.setText(hour)
        self.minute.setText(rest[:2])


class TimeInput(InputWidget):
    """A time question."""

    def __init__(self, prompt: QuestionPrompt, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes = TimeBoxes(self, self)
        layout.addWidget(self.boxes)
        self.set_value(prompt.answer)

    def value(self) -> str:
        return "" if self.boxes.empty() else self.boxes.lexical()

    def set_value(self, value: str) -> None:
        self.boxes.set_time(value)

    def local_error(self) -> str:
        return self.boxes.problem()

    def focus_target(self) -> QWidget | None:
        return self.boxes.hour


class DateTimeInput(InputWidget):
    """A date-and-time question: the date boxes above the time boxes."""

    def __init__(self, prompt: QuestionPrompt, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.date = DateBoxes(self, self)
        self.time = TimeBoxes(self, self)
        layout.addWidget(self.date)
        layout.addWidget(self.time)
        self.set_value(prompt.answer)

    def value(self) -> str:
        if self.date.empty() and self.time.empty():
            return ""
        day = self.date.date()
        date_text = day.isoformat() if day else "-".join(self.date.parts())
        return f"{date_text}T{self.time.lexical() if not self.time.empty() else '00:00:00.000' + _offset()}"

    def set_value(self, value: str) -> None:
        day, _sep, clock = value.partition("T")
        self.date.set_date(day)
        self.time.set_time(clock)

    def local_error(self) -> str:
        return self.date.problem() or self.time.problem()

    def focus_target(self) -> QWidget | None:
        return self.date.boxes[0]
