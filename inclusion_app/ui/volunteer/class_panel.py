"""The volunteer corner's helping and teaching controls.

"I am helping" marks the next form as assisted (the submission says a volunteer helped);
class mode makes every form practice and puts the guided lesson on the home screen; "Reset
for the next learner" clears what the last learner left. The main window acts on the signals.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from inclusion_app.i18n import _
from inclusion_app.ui.widgets import controls


class ClassPanel(QWidget):
    """Large buttons; `class_mode_changed(bool)`, `helping`, `tutorial`, `reset_learner`."""

    class_mode_changed = Signal(bool)
    helping = Signal()
    tutorial = Signal()
    reset_learner = Signal()

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.heading = controls.label("", "subheading", self)
        self.helping_button = controls.button("", "primary", "", "volunteer")
        self.helping_button.setObjectName("i_am_helping")
        self.class_button = controls.button("", "secondary", "", "practice_meal")
        self.class_button.setObjectName("class_mode")
        self.class_button.setCheckable(True)
        self.tutorial_button = controls.button("", "secondary", "", "help")
        self.tutorial_button.setObjectName("start_tutorial")
        self.reset_button = controls.button("", "secondary", "", "home")
        self.reset_button.setObjectName("reset_learner")
        column.addWidget(self.heading)
        for button in (self.helping_button, self.class_button, self.tutorial_button,
                       self.reset_button):
            column.addWidget(button)
        self.helping_button.clicked.connect(self.helping.emit)
        self.class_button.toggled.connect(self._toggled)
        self.tutorial_button.clicked.connect(self.tutorial.emit)
        self.reset_button.clicked.connect(self.reset_learner.emit)
        self.retranslate()

    def _toggled(self, on: bool) -> None:
        self.retranslate()
        self.class_mode_changed.emit(on)

    def retranslate(self) -> None:
        on = bool(getattr(self.services, "class_mode", False))
        if self.class_button.isChecked() != on:
            self.class_button.blockSignals(True)
            self.class_button.setChecked(on)
            self.class_button.blockSignals(False)
        self.heading.setText(_("Helping and teaching"))
        controls.retitle(self.helping_button, _("I am helping someone now"),
                         _("The next form is marked as filled in with a volunteer's help"))
        controls.retitle(self.class_button,
                         _("Class mode: on") if on else _("Class mode: off"),
                         _("In class mode every form is practice: nothing is kept or sent"))
        controls.retitle(self.tutorial_button, _("Start the lesson for beginners"),
                         _("A spoken lesson: buttons, typing, going back, bigger text, help"))
        controls.retitle(self.reset_button, _("Reset for the next learner"),
                         _("Clears everything the last learner did"))
        self.tutorial_button.setVisible(on)
        self.reset_button.setVisible(on)
