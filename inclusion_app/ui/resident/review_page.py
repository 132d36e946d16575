""""Check your answers": every relevant question with its answer and a Change button.

Change jumps to that question; after its Continue the session comes straight back here.
The rows are one light list view (`review_list`), whatever the form's length.
The final button names the action ("Send my pension check"), so sending is never confused
with saving; a practice form says "Finish practice" instead.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from inclusion_app.engine.prompt import ReviewRow
from inclusion_app.i18n import _
from inclusion_app.ui import theme
from inclusion_app.ui.resident.form_actions import ActionRow, big_button
from inclusion_app.ui.resident.form_page import FormPage
from inclusion_app.ui.resident.inputs.choice_cards import WrappingButton
from inclusion_app.ui.resident.review_list import ReviewList, group_title
from inclusion_app.ui.widgets import controls
from inclusion_app.ui.widgets.page_frame import PageFrame


class ReviewPage(PageFrame):
    """The rows, "Read this page", Back and the named send button (fixed at the bottom)."""

    change_requested = Signal(object)  # the ReviewRow to change
    remove_requested = Signal(str, str)  # a repeat instance to remove: its ref and the repeat's label
    send_pressed = Signal()
    back_pressed = Signal()
    read_pressed = Signal()

    def __init__(self, step: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent, step)
        self.step = step
        self.message = controls.label("", "errorSummary", self)
        self.message.setObjectName("review_message")
        self.message.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.message.hide()
        self.actions = ActionRow(step, self)
        self.back_button = big_button("", "secondary", "", self, step)
        self.back_button.setObjectName("back")
        self.progress = controls.label("", "progress", self)
        self.progress.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.send_button = WrappingButton("", "primary", self, expanding=False)  # long titles wrap
        self.send_button.setObjectName("send")
        self.add_action(self.back_button)
        self.add_middle(self.progress)
        self.add_action(self.send_button)
        self.back_button.clicked.connect(self.back_pressed.emit)
        self.send_button.clicked.connect(self._send)
        self.heading: QLabel | None = None
        self.read_button = None
        self.list: ReviewList | None = None
        self.high_contrast = False
        self.remove_buttons: list = []
        self.rows: list[ReviewRow] = []
        self.title = ""
        self.practice = False
        self._shown_at = 0.0

    def show_rows(self, rows: list[ReviewRow], title: str, practice: bool,
                  steps: tuple[int, int] | None = None) -> None:
        """Rebuild the list; the heading takes the focus so reading starts at the top.
        `steps`: (this step, all steps), the same count the questions showed."""
        self.rows, self.title, self.practice = rows, title, practice
        progress = (_("Step {step} of {total}").format(step=steps[0], total=steps[1])
                    if steps else "")
        self.progress.setText(progress)
        self.progress.setAccessibleName(progress)
        content = QWidget()
        content.setObjectName("page")
        spacing = theme.metrics(self.step).spacing_px
        layout = QVBoxLayout(content)
        layout.setContentsMargins(spacing * 2, spacing // 2, spacing * 2, spacing // 2)
        layout.setSpacing(spacing)
        layout.addWidget(self.message)  # a problem with sending scrolls with the page
        self.heading = controls.heading(_("Check your answers"), content)
        layout.addWidget(self.heading)
        layout.addWidget(controls.label(
            _("Look at each answer. Press Change to correct one."), "hint", content))
        self.read_button = big_button(_("Read this page"), "secondary",
                                      _("Read every question and answer aloud."), content, self.step)
        self.read_button.setObjectName("read_page")
        self.read_button.clicked.connect(self.read_pressed.emit)
        layout.addWidget(self.read_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.list = ReviewList(content)
        self.list.set_rows(rows, self.high_contrast)
        self.list.change_requested.connect(self.change_requested.emit)
        layout.addWidget(self.list)
        # "Remove this one" for each repeat instance added by mistake: real buttons after the
        # rows (a few per form), each naming the instance it removes.
        self.remove_buttons, instance = [], ""
        for row in rows:
            if row.removable and row.removable != instance:
                layout.addWidget(self._remove_button(row, content), 0, Qt.AlignmentFlag.AlignLeft)
            instance = row.removable
        layout.addStretch(1)
        layout.addWidget(self.actions)
        old = self.set_body(content)
        if old is not None:
            old.deleteLater()
        self.actions.show()
        self.retranslate()
        self.message.hide()
        self.send_button.setEnabled(True)
        chain = [self.heading, self.read_button, self.send_button, self.back_button,
                 self.list, *self.remove_buttons, self.actions.save, self.actions.restart,
                 self.actions.help]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.heading.setFocus(Qt.FocusReason.OtherFocusReason)
        self.reset_view()
        self._shown_at = time.monotonic()

    def _remove_button(self, row: ReviewRow, parent: QWidget) -> QWidget:
        """"Remove this one: <the instance>" for the repeat instance a row belongs to."""
        title = group_title(row) or row.group_label
        words = f"{_('Remove this one')}: {title}"
        button = big_button(words, "secondary",
                            _("Remove it and all its answers, if it was added by mistake."), parent, self.step)
        button.setAccessibleName(words)
        button.setObjectName("remove_this_one")
        button.clicked.connect(lambda _c=False, r=row: self.remove_requested.emit(r.removable, r.group_label))
        self.remove_buttons.append(button)
        return button

    def _send(self) -> None:
        """Disabled at once: a double tap must never send twice. Send sits where Continue was,
        so the tail of a double tap on the last question's Continue is ignored too."""
        settled = (time.monotonic() - self._shown_at) * 1000 >= FormPage.settle_ms
        if not self.send_button.isEnabled() or not settled:
            return
        self.send_button.setEnabled(False)
        self.send_pressed.emit()

    def show_message(self, text: str) -> None:
        """A problem with sending, in words, with the focus on it; Send may be pressed again."""
        self.message.setText(text)
        self.message.setAccessibleName(text)
        self.message.setAccessibleDescription(_("There is a problem."))
        self.message.setVisible(bool(text))
        self.send_button.setEnabled(True)
        if text:
            self.message.setFocus(Qt.FocusReason.OtherFocusReason)
            self.reset_view()

    def retranslate(self) -> None:
        if self.practice:
            controls.retitle(self.send_button, _("Finish practice"),
                             _("This is practice: nothing is sent."))
        else:
            controls.retitle(self.send_button, _("Send my {form}").format(form=self.title),
                             _("Send your answers. You get a reference number."))
        controls.retitle(self.back_button, _("Back"), _("Go back to the last question."))
        self.actions.retranslate()
        self.retranslate_frame()
