"""Notes and acknowledgements: the screen shows the text; an acknowledgement adds one button.

The button is a checkable card ("I confirm") with a tick, so a person can see it is done
before pressing Continue.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from inclusion_app.engine.prompt import QuestionPrompt
from inclusion_app.i18n import _
from inclusion_app.ui.resident.inputs.base import InputWidget
from inclusion_app.ui.resident.inputs.choice_cards import ChoiceCard

ACKNOWLEDGED = "OK"  # what ODK writes for an acknowledged trigger


class NoteInput(InputWidget):
    """A note has nothing to answer; acknowledge and trigger get an "I confirm" card."""

    def __init__(self, prompt: QuestionPrompt, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.button: ChoiceCard | None = None
        self._value = ""
        if prompt.qtype in ("acknowledge", "trigger"):
            # The words the forms' hints and errors ask for: press "I confirm".
            self.button = ChoiceCard(ACKNOWLEDGED, _("I confirm"), None, self)
            self.describe(self.button, _("I confirm"), prompt.label)
            self.button.setEnabled(not prompt.readonly)
            self.button.clicked.connect(self._pressed)
            layout.addWidget(self.button)
        self.set_value(prompt.answer)

    def _pressed(self) -> None:
        assert self.button is not None
        self.button.setChecked(True)  # a second tap never takes the acknowledgement back
        self._value = self._value or ACKNOWLEDGED
        self.changed.emit()

    def value(self) -> str:
        return self._value if self.button is not None and self.button.isChecked() else ""

    def set_value(self, value: str) -> None:
        self._value = value  # a form's own default ("yes") is kept as it is
        if self.button is not None:
            self.button.setChecked(bool(value))

    def focus_target(self) -> QWidget | None:
        return self.button
