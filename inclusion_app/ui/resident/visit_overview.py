"""The first screen of a visit: what will be done, about how long, details asked once.

Each service is a large card, ticked; pressing one leaves that service out (and pressing it
again puts it back). The whole page is read aloud when it appears, in plain words.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from inclusion_app.i18n import _, ngettext
from inclusion_app.ui import theme
from inclusion_app.ui.resident.form_actions import ActionRow, big_button
from inclusion_app.ui.widgets import controls

MINUTES_PER_QUESTION = 0.5  # an older person with the voice on, measured roughly on our forms


def minutes_for(visit: Any) -> int:
    """About how long the included services take, rounded up to five minutes."""
    included = visit.included()
    questions = sum(
        sum(1 for c in visit.forms[fid].by_ref.values() if c.is_question and c.qtype != "note")
        for fid in included)
    shared = [key for fid in included for key in visit.fields[fid]]
    questions -= len(shared) - len(set(shared))  # each detail is asked once, not once a form
    return max(5, int(math.ceil(questions * MINUTES_PER_QUESTION / 5.0) * 5))


class VisitOverviewPage(QWidget):
    """Emits start() when the person begins, home() to leave, changed() when a card toggles."""

    start = Signal()
    home = Signal()
    changed = Signal()

    def __init__(self, visit: Any, step: int = 0, high_contrast: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.visit, self.step, self.high_contrast = visit, step, high_contrast
        spacing = theme.metrics(step).spacing_px
        outer = QVBoxLayout(self)
        outer.setContentsMargins(spacing * 2, spacing // 2, spacing * 2, spacing // 2)
        outer.setSpacing(spacing)
        body = QWidget(self)
        body.setObjectName("page")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, spacing, 0)
        layout.setSpacing(spacing)
        self.heading = controls.heading("", body)
        self.description = controls.label("", "body", body)
        self.summary = controls.label("", "body", body)
        self.once = controls.label("", "body", body)
        self.choose = controls.label("", "hint", body)
        for widget in (self.heading, self.description, self.summary, self.once, self.choose):
            layout.addWidget(widget)
        self.cards: dict[str, controls.Card] = {}
        for form_id in visit.form_ids:
            card = controls.Card("", "", step, high_contrast, body)
            card.setObjectName(f"service_{form_id}")
            card.setChecked(form_id not in visit.left_out)
            card.toggled.connect(lambda on, f=form_id: self._toggled(f, on))
            layout.addWidget(card)
            self.cards[form_id] = card
        self.problem = controls.label("", "error", body)
        self.problem.hide()
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.actions = ActionRow(step, body)  # stop and save, start again, ask a volunteer
        layout.addWidget(self.actions)
        outer.addWidget(controls.scroll_area(body, self), 1)
        footer = QHBoxLayout()
        self.home_button = big_button("", "secondary", "", self, step)
        self.home_button.setObjectName("back")
        self.start_button = big_button("", "primary", "", self, step)
        self.start_button.setObjectName("continue")
        footer.addWidget(self.home_button)
        footer.addStretch(1)
        footer.addWidget(self.start_button)
        outer.addLayout(footer)
        self.home_button.clicked.connect(self.home.emit)
        self.start_button.clicked.connect(self._start)
        self.retranslate()

    def set_visit(self, visit: Any) -> None:
        """A fresh visit (Start again): every service ticked again."""
        self.visit = visit
        for form_id, card in self.cards.items():
            card.blockSignals(True)
            card.setChecked(form_id not in visit.left_out)
            card.blockSignals(False)
            card.restyle(self.step, self.high_contrast)  # the tick follows the state
        self.problem.hide()
        self.retranslate()

    def _toggled(self, form_id: str, on: bool) -> None:
        self.visit.leave_out(form_id, not on)
        self.problem.hide()
        self.retranslate()
        self.changed.emit()

    def _start(self) -> None:
        if not self.visit.included():
            self.problem.setText(_("Please choose at least one service."))
            self.problem.show()
            return
        self.start.emit()

    def retranslate(self) -> None:
        visit, lang = self.visit, self.visit.language
        bundle = visit.bundle
        controls.set_heading(self.heading, bundle.title(lang))
        self.description.setText(bundle.description(lang))
        self.description.setVisible(bool(bundle.description(lang)))
        count = len(visit.included())
        self.summary.setText(ngettext(
            "Today we do {count} service together. It takes about {minutes} minutes.",
            "Today we do {count} services together. It takes about {minutes} minutes.",
            count).format(count=count, minutes=minutes_for(visit)))
        self.once.setText(_("Your personal details, such as your name, ID number and phone, are "
                            "asked only once and used for every service."))
        self.choose.setText(_("Each service below is ticked. Press a service to leave it out; "
                              "press it again to put it back."))
        for form_id, card in self.cards.items():
            title = visit.forms[form_id].title(lang)
            included = form_id not in visit.left_out
            card.retitle(title, _("Included. Press to leave it out.") if included
                         else _("Left out. Press to put it back."))
        controls.retitle(self.start_button, _("Start"), _("Begin with your personal details."))
        controls.retitle(self.home_button, _("Back"), _("Go back to the start screen."))
        self.actions.retranslate()

    def spoken(self) -> str:
        """The words read aloud when the page appears."""
        lang = self.visit.language
        services = ", ".join(self.visit.forms[f].title(lang) for f in self.visit.included())
        parts = [self.heading.plain_text(), self.summary.plain_text(), services,
                 self.once.plain_text(), self.choose.plain_text()]
        return " ".join(p for p in parts if p)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.heading.setFocus(Qt.FocusReason.OtherFocusReason)
