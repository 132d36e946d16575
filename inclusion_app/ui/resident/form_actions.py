"""Pieces every form screen shares: the row of side actions and the in-page "Start again?" check.

The side actions (stop and save, start again, ask a volunteer) sit on the question screens
and on "check your answers" alike; the confirmation is a full page with two large buttons
instead of a small dialog box that is easy to miss or mis-press. (The help sign itself is
the main window's HelpOverlay.)
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QPushButton, QVBoxLayout, QWidget

from inclusion_app.i18n import _
from inclusion_app.ui import theme
from inclusion_app.ui.resident.inputs.choice_cards import WrappingButton
from inclusion_app.ui.widgets import controls
from inclusion_app.ui.widgets.page_frame import PageFrame


def big_button(text: str, role: str, description: str, parent: QWidget | None = None,
               step: int = 0) -> QPushButton:
    """A controls.button that Enter activates while it has the focus (Back must stay Back)."""
    button = controls.button(text, role, description, parent=parent, step=step)
    button.setAutoDefault(True)
    return button


class ActionRow(QWidget):
    """Stop and save / Start again / Ask a volunteer; wraps to a column when text is large."""

    save_pressed = Signal()
    restart_pressed = Signal()
    help_pressed = Signal()

    def __init__(self, step: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.save = big_button("", "secondary", "", self, step)
        self.restart = big_button("", "danger", "", self, step)
        self.help = big_button("", "secondary", "", self, step)
        self.save.setObjectName("save_for_later")
        self.restart.setObjectName("start_again")
        self.help.setObjectName("ask_volunteer")
        for button in (self.save, self.restart, self.help):
            self.box.addWidget(button)
        self.box.addStretch(1)
        self.save.clicked.connect(self.save_pressed.emit)
        self.restart.clicked.connect(self.restart_pressed.emit)
        self.help.clicked.connect(self.help_pressed.emit)
        self.retranslate()

    def retranslate(self) -> None:
        controls.retitle(self.save, _("Stop and save for later"),
                         _("Your answers are kept, and you get a code to continue them later."))
        controls.retitle(self.restart, _("Start again"),
                         _("Remove all the answers on this form and go back to the first question."))
        controls.retitle(self.help, _("Ask a volunteer for help"),
                         _("Shows a sign so a volunteer comes to help you."))
        self._reflow(self.width())

    def _reflow(self, width: int) -> None:
        """One row while the buttons fit side by side, else one under the other."""
        need = sum(b.sizeHint().width() for b in (self.save, self.restart, self.help))
        need += self.box.spacing() * 3
        wanted = (QBoxLayout.Direction.LeftToRight if width <= 0 or need <= width
                  else QBoxLayout.Direction.TopToBottom)
        if self.box.direction() != wanted:
            self.box.setDirection(wanted)
            for button in (self.save, self.restart, self.help):
                self.box.setAlignment(button, Qt.AlignmentFlag.AlignLeft)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._reflow(event.size().width())


class ConfirmRestart(PageFrame):
    """"Start again?" as a page of its own: what will happen, then yes or no in large buttons
    in the fixed action bar (the safe answer first and always in view)."""

    confirmed = Signal()
    cancelled = Signal()

    def __init__(self, step: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent, step)
        body = QWidget()
        self.set_body(body)
        layout = QVBoxLayout(body)
        spacing = theme.metrics(step).spacing_px
        layout.setContentsMargins(spacing * 2, spacing, spacing * 2, spacing)
        layout.setSpacing(spacing * 2)
        self.heading = controls.heading("", body)
        self.body = controls.label("", "body", body)
        self.yes = WrappingButton("", "danger", self)
        self.no = WrappingButton("", "primary", self)
        self.yes.setObjectName("confirm_restart")
        self.no.setObjectName("cancel_restart")
        layout.addWidget(self.heading)
        layout.addWidget(self.body)
        layout.addStretch(1)
        self.add_action(self.no, 1)
        self.add_action(self.yes, 1)
        self.yes.clicked.connect(self.confirmed.emit)
        self.no.clicked.connect(self.cancelled.emit)
        self.retranslate()

    def retranslate(self) -> None:
        controls.set_heading(self.heading, _("Start this form again?"))
        text = _("All the answers you gave on this form will be removed.")
        self.body.setText(text)
        self.body.setAccessibleName(text)
        controls.retitle(self.no, _("No, keep my answers"),
                         _("Go back to the question you were on."))
        controls.retitle(self.yes, _("Yes, remove my answers and start again"),
                         _("Your answers on this form are removed. This cannot be undone."))
        self.retranslate_frame()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Escape means "no": the safe answer is always one key away."""
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)

    def focus_heading(self) -> None:
        self.heading.setFocus(Qt.FocusReason.OtherFocusReason)
        self.reset_view()

