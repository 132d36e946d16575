""""Remove this one": take out a repeat instance added by mistake (a family member added twice).

Offered on the screens of a repeat the person grows themselves and on "check your answers",
as ODK Collect offers it; never for a jr:count or noAddRemove repeat (the engine's
`Screen.removable` / `ReviewRow.removable` say where). Removing asks first on a page of its own,
read aloud, with "No, keep it" as the large first button; the engine then recomputes everything
that depended on the removed answers, and the voice says it is done.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from inclusion_app.i18n import _
from inclusion_app.ui import theme
from inclusion_app.ui.resident.inputs.choice_cards import WrappingButton
from inclusion_app.ui.widgets import controls


def instance_title(ref: str, group_label: str) -> str:
    """'Household member 2': the repeat's label with the instance's number."""
    found = re.findall(r"\[(\d+)\]", ref)
    number = found[-1] if found else "1"
    return f"{group_label} {number}".strip() if group_label else number


class ConfirmRemove(QWidget):
    """"Remove this one?" as a page: what will happen, then "No, keep it" and "Yes, remove it"."""

    confirmed = Signal()
    cancelled = Signal()

    def __init__(self, step: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        layout = QVBoxLayout(self)
        spacing = theme.metrics(step).spacing_px
        layout.setContentsMargins(spacing * 2, spacing, spacing * 2, spacing)
        layout.setSpacing(spacing * 2)
        self.what = ""
        self.heading = controls.heading("", self)
        self.body = controls.label("", "body", self)
        self.no = WrappingButton("", "primary", self)
        self.yes = WrappingButton("", "danger", self)
        self.no.setObjectName("keep_repeat")
        self.yes.setObjectName("remove_repeat")
        for widget in (self.heading, self.body, self.no, self.yes):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.yes.clicked.connect(self.confirmed.emit)
        self.no.clicked.connect(self.cancelled.emit)
        self.retranslate()

    def ask(self, what: str) -> None:
        self.what = what
        self.retranslate()
        self.heading.setFocus(Qt.FocusReason.OtherFocusReason)

    def question(self) -> str:
        """What is read aloud on arrival: the question and what it does."""
        return f"{self.heading.plain_text()} {self.body.plain_text()}"

    def retranslate(self) -> None:
        controls.set_heading(self.heading, _("Remove {what}?").format(what=self.what or _("this one")))
        text = _("All its answers will be removed. The others stay as they are.")
        self.body.setText(text)
        self.body.setAccessibleName(text)
        controls.retitle(self.no, _("No, keep it"), _("Go back without removing anything."))
        controls.retitle(self.yes, _("Yes, remove it"), _("Its answers are removed. This cannot be undone."))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Escape means "no": the safe answer is always one key away."""
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)


class RepeatRemoval:
    """Wires "Remove this one" on a session's question page and review page to the engine."""

    def __init__(self, session: Any, step: int) -> None:
        self.session = session
        self.page = ConfirmRemove(step)
        session.stack.addWidget(self.page)
        self.ref = ""
        self.from_review = False
        session.page.remove_pressed.connect(self._from_page)
        session.review.remove_requested.connect(self._from_review)
        self.page.confirmed.connect(self._remove)
        self.page.cancelled.connect(self._back)

    def _from_page(self) -> None:
        screen = self.session.page.screen
        if screen is not None and screen.removable:
            self._ask(screen.removable, screen.group_label, from_review=False)

    def _from_review(self, ref: str, group_label: str) -> None:
        self._ask(ref, group_label, from_review=True)

    def _ask(self, ref: str, group_label: str, from_review: bool) -> None:
        self.ref, self.from_review = ref, from_review
        self.page.ask(instance_title(ref, group_label))
        self.session.stack.setCurrentWidget(self.page)
        self.session.services.say("speak_text", self.page.question(), self.session.services.language)

    def _remove(self) -> None:
        session = self.session
        if session.controller.remove_repeat(self.ref):
            session.autosave()
            session.services.say("speak_text", _("It has been removed."), session.services.language)
        self._back()

    def _back(self) -> None:
        if self.from_review:
            self.session.show_review()
        else:
            self.session.show_current()
