"""Dates as three boxes in the order the language writes them, never a tiny calendar popup.

Chinese writes year, month, day (with 年 月 日 after each box); English day, month, year.
Once the three boxes make a real date the weekday is spelled out beneath them, so a person
booking "next Tuesday" can see that the date they typed is a Tuesday.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from inclusion_app.engine.prompt import QuestionPrompt
from inclusion_app.i18n import _, current_language, format_date
from inclusion_app.ui.resident.inputs.base import DigitBox, InputWidget


class DateBoxes(QWidget):
    """The three boxes and the weekday line; shared by date and date-and-time questions."""

    def __init__(self, owner: InputWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.owner = owner
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        outer.addLayout(row)
        self.day = self._box(2, _("Day"))
        self.month = self._box(2, _("Month"))
        self.year = self._box(4, _("Year"))
        parts = [(self.year, _("Year")), (self.month, _("Month")), (self.day, _("Day"))]
        if current_language() != "zh":
            parts.reverse()
        for box, name in parts:
            label = QLabel(name, self)
            label.setProperty("role", "body")
            label.setBuddy(box)
            if current_language() == "zh":
                row.addWidget(box)
                row.addWidget(label)  # 1950 年 3 月 9 日
            else:
                column = QVBoxLayout()
                column.addWidget(label)
                column.addWidget(box)
                row.addLayout(column)
        row.addStretch(1)
        self.refused = QLabel("", self)
        self.refused.setObjectName("refused_key")
        self.refused.setProperty("role", "error")
        self.refused.hide()
        outer.addWidget(self.refused)
        self.weekday = QLabel("", self)
        self.weekday.setProperty("role", "hint")
        self.weekday.setWordWrap(True)
        outer.addWidget(self.weekday)
        self.boxes = [box for box, _name in parts]

    def _box(self, digits: int, name: str) -> QLineEdit:
        box = DigitBox(digits, self)
        box.setProperty("role", "field")
        box.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9]*"), box))
        box.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.owner.describe(box, f"{name}: {self.owner.prompt.label}")
        box.textEdited.connect(self._edited)
        box.inputRejected.connect(lambda: self._refused(box))
        return box

    def _refused(self, box: QLineEdit) -> None:
        """Only digits go in a date box: say so in words, never drop the key silently."""
        message = _("Only digits here")
        self.refused.setText(f"\u26a0 {message}")
        self.refused.setAccessibleName(message)
        self.refused.show()
        box.setAccessibleDescription(message)

    def _edited(self, _text: str) -> None:
        self.refused.hide()
        self.refresh_weekday()
        self.owner.changed.emit()

    def parts(self) -> tuple[str, str, str]:
        return self.year.text().strip(), self.month.text().strip(), self.day.text().strip()

    def date(self) -> dt.date | None:
        year, month, day = self.parts()
        try:
            if len(year) != 4:
                return None
            return dt.date(int(year), int(month), int(day))
        except ValueError:
            return None

    def empty(self) -> bool:
        return not any(self.parts())

    def problem(self) -> str:
        """What is missing or impossible, in words that say how to fix it."""
        if self.empty():
            return ""
        year, month, day = self.parts()
        if not day:
            return _("The date must include a day.")
        if not month:
            return _("The date must include a month.")
        if not year:
            return _("The date must include a year.")
        if len(year) != 4:
            return _("The year must have 4 numbers, for example 1950.")
        if not 1 <= int(month) <= 12:
            return _("The month must be a number from 1 to 12.")
        if self.date() is None:
            return _("This date does not exist. Check the day and the month.")
        return ""

    def refresh_weekday(self) -> None:
        value = self.date()
        self.weekday.setText(format_date(value, "full") if value else "")

    def set_date(self, value: str) -> None:
        year, month, day = (value.split("T")[0].split("-") + ["", "", ""])[:3]
        self.year.setText(year)
        self.month.setText(month.lstrip("0") if month else "")
        self.day.setText(day.lstrip("0") if day else "")
        self.refresh_weekday()


class DateInput(InputWidget):
    """A date question; value() is "YYYY-MM-DD", or the raw parts when they are not a date."""

    def __init__(self, prompt: QuestionPrompt, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes = DateBoxes(self, self)
        layout.addWidget(self.boxes)
        for box in self.boxes.boxes:
            box.setReadOnly(prompt.readonly)
        self.set_value(prompt.answer)

    def value(self) -> str:
        if self.boxes.empty():
            return ""
        value = self.boxes.date()
        if value is None:
            return "-".join(self.boxes.parts())  # the engine refuses it; the boxes keep it
        return value.isoformat()

    def set_value(self, value: str) -> None:
        self.boxes.set_date(value)

    def local_error(self) -> str:
        return self.boxes.problem()

    def focus_target(self) -> QWidget | None:
        for box in self.boxes.boxes:
            if not box.text():
                return box
        return self.boxes.boxes[0]
