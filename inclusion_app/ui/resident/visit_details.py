"""The shared details of a visit, asked once, one question a screen, before any form.

Each detail is shown as the form that first asks it shows it (label, hint, the same input),
and checked by that form; the answer goes to every form of the visit at once.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from inclusion_app.i18n import _


class DetailsStep:
    """Drives the visit's details page (a FormPage); tells the view when all are given."""

    def __init__(self, view: Any, page: Any) -> None:
        self.view, self.page = view, page
        self.items: list[Any] = []
        self.index = 0
        page.continue_pressed.connect(self._continue)
        page.back_pressed.connect(self._back)
        page.answer_changed.connect(self._changed)

    def start(self, at_end: bool = False) -> None:
        self.items = self.view.visit.details()
        self.view.visit.stage = "details"
        if not self.items:
            self.view.details_done()
            return
        self.index = len(self.items) - 1 if at_end else 0
        self.show()

    def show(self) -> None:
        visit = self.view.visit
        self.index = max(0, min(self.index, len(self.items) - 1))
        screen = visit.detail_screen(self.items[self.index], self.index + 1, len(self.items))
        if screen is None:  # no longer asked (a service was left out meanwhile): ask afresh
            self.start()
            return
        screen = replace(screen, group_label=_("Your details (used for every service)"))
        self.view.stack.setCurrentWidget(self.page)
        self.page.show_screen(screen, can_go_back=True)
        self.view.services.say("speak_screen", screen, self.view.services.language)

    def _answer(self, ref: str, widget: Any) -> Any:
        detail = self.items[self.index]
        return self.view.visit.controllers[detail.form_id].answer(ref, widget.value())

    def _continue(self) -> None:
        errors = []
        try:
            for ref, widget in self.page.inputs().items():
                problem = widget.local_error()
                result = None if problem else self._answer(ref, widget)
                if problem or not result.ok:
                    errors.append((ref, problem or result.message or _("Please check this answer.")))
        except Exception:  # a fault in a form must leave the person able to go on
            errors = [("", _("Something went wrong with this question. Please ask a volunteer."))]
        if errors:
            self.page.show_errors(errors)
            self.view.services.say("speak_error", errors[0][1], self.view.services.language)
            return
        self.view.autosave()
        self.index += 1
        if self.index >= len(self.items):
            self.view.details_done()
        else:
            self.show()

    def _back(self) -> None:
        if self.index == 0:
            self.view.show_overview()
        else:
            self.index -= 1
            self.show()

    def _changed(self, ref: str) -> None:
        widget = self.page.inputs().get(ref)
        if widget is not None and not widget.local_error():
            self._answer(ref, widget)
            self.view.autosave()
