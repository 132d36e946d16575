"""The guided tutorial: one step per screen, spoken, in the question frame every form uses.

It is a FormPage, so Continue and Back are exactly where they will be on a real form. Each
step waits for the person to do its task (nothing ever times out), then praises in words
and aloud. Continue before the task is done says the task again, kindly. The top bar's
buttons complete their steps through `notice(event)`, which the main window calls.
"""

from __future__ import annotations

import time
import unicodedata
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from inclusion_app.i18n import _
from inclusion_app.ui import theme
from inclusion_app.ui.resident.form_actions import big_button
from inclusion_app.ui.resident.form_page import FormPage
from inclusion_app.ui.resident.tutorial_steps import STEPS, not_yet, step_text
from inclusion_app.ui.widgets import controls


class TutorialPage(FormPage):
    """`finished` after the last step; `help_requested` from the help step; `reset_requested`
    for "Reset for the next learner"."""

    PRACTICE = True  # the practice band shows above it
    finished = Signal()
    help_requested = Signal()
    reset_requested = Signal()

    index = 0  # class-level defaults: FormPage's constructor already titles the buttons
    done = False

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(services.settings.text_size_step, parent)
        self.services = services
        self.task_widget: QWidget | None = None
        self.continue_pressed.connect(self._forward)
        self.back_pressed.connect(self._backward)
        self.actions.hide()  # nothing to save in a lesson
        self.show_step(0)

    # -- showing ----------------------------------------------------------------------------
    def show_step(self, index: int, done: bool = False) -> None:
        self.index, self.done = index, done or not STEPS[index].task
        step = STEPS[index]
        heading, body, praise = step_text(step)
        content = QWidget()
        content.setObjectName("page")
        layout = QVBoxLayout(content)
        spacing = theme.metrics(self.step).spacing_px
        layout.setContentsMargins(spacing * 2, spacing // 2, spacing * 2, spacing // 2)
        layout.setSpacing(spacing * 2)
        layout.addWidget(self.error_frame)  # FormPage's shared rows live in the body
        self.heading = controls.heading(heading, content)
        self.heading.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.body_label = controls.label(body, "body", content)
        layout.addWidget(self.heading)
        layout.addWidget(self.body_label)
        self.task_widget = self._build_task(step, content)
        if self.task_widget is not None:
            layout.addWidget(self.task_widget, 0, Qt.AlignmentFlag.AlignLeft)
        self.praise = controls.label(praise if self.done and step.task else "", "subheading", content)
        self.praise.setObjectName("praise")
        self.praise.setVisible(self.done and bool(step.task))
        layout.addWidget(self.praise)
        if step.key == "done":
            self.reset_button = big_button(_("Reset for the next learner"), "secondary",
                                           _("Back to the first step, with the usual settings"),
                                           content, self.step)
            self.reset_button.setObjectName("reset_learner")
            self.reset_button.clicked.connect(self.reset_requested.emit)
            layout.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        layout.addWidget(self.actions)
        old = self.set_body(content)  # the page frame's body (widgets/page_frame.py)
        if old is not None:
            old.deleteLater()
        self.error_frame.hide()
        self.back_button.setVisible(index > 0)
        self.progress.setText(_("Lesson step {step} of {total}").format(step=index + 1,
                                                                        total=len(STEPS)))
        self._retitle_buttons()
        self._busy = False
        self.continue_button.setEnabled(True)
        self._shown_at = time.monotonic()
        chain = [self.heading, *([self.task_widget] if self.task_widget else []),
                 self.continue_button, self.back_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.heading.setFocus(Qt.FocusReason.OtherFocusReason)
        self.reset_view()
        self._say(f"{heading} {body}")

    def _build_task(self, step: Any, parent: QWidget) -> QWidget | None:
        if step.task in ("button", "click", "help"):
            role = "primary" if step.task == "button" else "secondary"
            button = big_button(_(step.label), role, _(step.body), parent, self.step)
            button.setObjectName(f"task_{step.key}")
            button.clicked.connect(self._task_done)
            if step.task == "help":
                button.clicked.connect(self.help_requested.emit)
            return button
        if step.task in ("word", "number"):
            box = QLineEdit(parent)
            box.setObjectName(f"task_{step.key}")
            theme.set_role(box, "field")
            box.setAccessibleName(_(step.heading))
            box.setMinimumWidth(theme.metrics(self.step).icon_px * 6)
            box.textChanged.connect(self._typed)
            return box
        return None

    def _retitle_buttons(self) -> None:
        last = self.index == len(STEPS) - 1
        first = self.index == 0
        text = (_("Back to the start") if last else _("Start the lesson") if first
                else _("Continue"))
        controls.retitle(self.continue_button, text, _("Go to the next step of the lesson."))
        controls.retitle(self.back_button, _("Back"), _("Go back to the step before."))

    # -- what the person does ---------------------------------------------------------------
    def _typed(self, text: str) -> None:
        step = STEPS[self.index]
        typed = unicodedata.normalize("NFKC", text).strip()
        if (step.answer and typed == step.answer) or (not step.answer and typed):
            self._task_done()

    def _task_done(self) -> None:
        if self.done:
            return
        self.done = True
        praise = step_text(STEPS[self.index])[2]
        self.praise.setText(praise)
        self.praise.setAccessibleName(praise)
        self.praise.show()
        self.error_frame.hide()
        self._say(praise)

    def notice(self, event: str) -> None:
        """An action outside the page (top bar, settings) that a step may be waiting for."""
        if event in STEPS[self.index].events:
            self._task_done()

    def _forward(self) -> None:
        self._busy = False
        self.continue_button.setEnabled(True)
        if not self.done:
            message = not_yet(STEPS[self.index])
            self.show_errors([("", message)])
            self._say(message)
            return
        if self.index == len(STEPS) - 1:
            self.finished.emit()
            return
        self.show_step(self.index + 1)

    def _backward(self) -> None:
        if "back" in STEPS[self.index].events and not self.done:
            self._task_done()  # the step asked for exactly this press
            return
        if self.index > 0:
            self.show_step(self.index - 1, done=True)

    def restart(self) -> None:
        """For the next learner: the first step again."""
        self.show_step(0)

    def retranslate(self) -> None:
        self.show_step(self.index, done=self.done)

    def _say(self, text: str) -> None:
        self.services.say("speak_text", text, self.services.language, cacheable=True)
