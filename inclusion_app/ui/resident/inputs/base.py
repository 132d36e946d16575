"""What every answer widget offers the question screen, whatever the question type.

The screen never looks inside an input: it reads `value()` (the XForm lexical string the
engine takes), writes `set_value()`, listens to `changed` and moves the focus to
`focus_target()`. Inputs check only what the engine cannot see (a half-typed date); every
rule of the form itself is the engine's.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QSizePolicy, QWidget

from inclusion_app.engine.prompt import QuestionPrompt


class InputWidget(QWidget):
    """Base of the per-type inputs; `changed` fires on every edit so autosave sees each answer."""

    changed = Signal()

    def __init__(self, prompt: QuestionPrompt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt = prompt

    def value(self) -> str:
        """The answer as an XForm lexical string; "" when nothing is given."""
        raise NotImplementedError

    def set_value(self, value: str) -> None:
        """Show a stored answer (a resumed draft, a language switch, Back)."""
        raise NotImplementedError

    def focus_target(self) -> QWidget | None:
        """The widget that takes the focus when an error points at this question."""
        return None

    def local_error(self) -> str:
        """A problem only the widget can see (a date with no month); "" when there is none."""
        return ""

    def attachment(self) -> tuple[str, bytes] | None:
        """(file name, bytes) of a picture or file to attach along with the answer."""
        return None

    def describe(self, widget: QWidget, name: str, description: str = "") -> None:
        """Accessible name and description for a part of this input (screen readers read them)."""
        widget.setAccessibleName(name)
        widget.setAccessibleDescription(description or self.prompt.hint or self.prompt.label)


def explain_refused_keys(box: QLineEdit, notice: QLabel, message: str) -> None:
    """A letter typed where only digits go is refused, and the person is told why in words
    beside the box (a screen reader hears it as the box's description), never dropped
    silently; the words go as soon as something allowed is typed."""
    notice.setProperty("role", "error")
    notice.setWordWrap(True)
    notice.hide()

    def refused() -> None:
        notice.setText(f"\u26a0 {message}")
        notice.setAccessibleName(message)
        notice.show()
        box.setAccessibleDescription(message)

    box.inputRejected.connect(refused)
    box.textEdited.connect(lambda _t: notice.hide())


class DigitBox(QLineEdit):
    """A box for a few digits (day, month, year, hour): as wide as its digits at the text size
    in force now, recomputed whenever the stylesheet changes the font."""

    def __init__(self, digits: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(digits)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().sizeHint()  # 17 "x" wide plus the stylesheet's padding and border
        metrics = self.fontMetrics()
        chrome = hint.width() - metrics.horizontalAdvance("x") * 17
        return QSize(chrome + metrics.horizontalAdvance("0") * (self.maxLength() + 1), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.sizeHint()
