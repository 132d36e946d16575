"""One form inside a visit: the form session's screens, driven by the visit's controller.

Everything a person sees is the ordinary form session (one question a screen, check your
answers with Change); what differs is around it: the controller is the visit's (an answer to
a shared detail reaches every form), screens holding only shared details already answered
are passed over, its review ends with "Continue" instead of sending, and saving, stopping
and starting again are the visit's, which keeps the whole visit as one draft.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal

from inclusion_app.engine.prompt import ScreenKind
from inclusion_app.i18n import _
from inclusion_app.storage.api import Draft
from inclusion_app.ui.resident.form_session import FormSessionView
from inclusion_app.ui.widgets import controls


class VisitFormSession(FormSessionView):
    """Emits done() past its review, back_out() from its first screen, restart() for
    "Start again" (the whole visit) and stop() for "Stop and save for later"."""

    done = Signal()
    back_out = Signal()
    restart = Signal()
    stop = Signal()

    def __init__(self, services: Any, visit: Any, form_id: str, saver: Any,
                 make_draft: Any, return_to_visit: bool = False) -> None:
        self._ready = False
        self.visit, self.form_id = visit, form_id
        self._going_back = False
        self.return_to_visit = return_to_visit  # opened by Change on the visit's review
        self._make_draft = make_draft
        super().__init__(services, visit.forms[form_id])
        self.store = None  # never sends by itself: "Send all" is the visit's
        self.saver.closed = True  # the form's own saver is replaced by the visit's
        self.saver = saver
        self.controller = visit.controllers[form_id]
        self.draft_id = ""
        self._ready = True

    def _consent_need(self, form: Any, draft: Any) -> Any:
        return None  # asked once for the whole visit, before its shared details

    def begin(self) -> None:
        self.page.home_on_first_step = False  # Back from a first screen: the part before
        self.show_current()

    # -- showing ----------------------------------------------------------------------------
    def show_current(self) -> None:
        if not self._ready:
            return  # the base class shows a screen while it is built: wait for the visit's
        if not self._going_back:
            self.visit.skip_answered(self.form_id)
        self._going_back = False
        if self.return_to_visit and self.controller.screen.kind is ScreenKind.END:
            self.done.emit()
            return
        super().show_current()
        if self.stack.currentWidget() is self.page and not self.return_to_visit:
            self.page.back_button.setVisible(True)  # from a first screen: the part before

    def show_review(self) -> None:
        if self.return_to_visit:
            self.done.emit()
            return
        super().show_review()
        if self.review.heading is not None:  # which service's answers these are
            controls.set_heading(self.review.heading, f"{_('Check your answers')}: {self._title()}")
        controls.retitle(self.review.send_button, _("Continue"),
                         _("These answers are kept. Go on to the next part of your visit."))

    def _back(self) -> None:
        self._going_back = True
        if self.controller.back():
            self.show_current()
        else:
            self._going_back = False
            self.back_out.emit()

    def _back_from_review(self) -> None:
        self._going_back = True  # a shared question at the end must stay reachable
        super()._back_from_review()

    # -- the visit's parts ------------------------------------------------------------------
    def _send(self) -> None:
        """'Continue' on this form's review: on to the next, once nothing here is missing."""
        problems = self.controller.inner.problems()
        if problems:
            self._show_problem(problems)
            return
        self.done.emit()

    def _ask_restart(self) -> None:
        self.restart.emit()

    def stop_and_save(self) -> None:
        self.stop.emit()

    def current_draft(self) -> Draft:
        return self._make_draft()

    def autosave(self, force: bool = False) -> None:
        if self._ready:
            self.saver.save()
