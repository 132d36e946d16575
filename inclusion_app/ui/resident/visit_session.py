"""One visit in the window: overview, shared details once, each form, one review, Send all.

The view owns a `Visit` (engine/visit.py), moved only by the person. Every answer saves the
whole visit as one draft (off the GUI thread); "Stop and save" leaves once it is durable; "Send
all" queues each service's submission exactly once, then drops the draft. Uploads pause.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from inclusion_app.engine.visit import Visit
from inclusion_app.i18n import _
from inclusion_app.storage.visit_drafts import send_visit, visit_draft
from inclusion_app.ui.resident import visit_store
from inclusion_app.ui.resident.form_actions import ConfirmRestart
from inclusion_app.ui.resident.form_page import FormPage
from inclusion_app.ui.resident.visit_consent import VisitConsent
from inclusion_app.ui.resident.visit_details import DetailsStep
from inclusion_app.ui.resident.visit_form import VisitFormSession
from inclusion_app.ui.resident.visit_overview import VisitOverviewPage
from inclusion_app.ui.resident.visit_review import VisitReviewPage
from inclusion_app.ui.services.draft_saver import DraftSaver, plain_message
from inclusion_app.ui.services.review_reader import ReviewReader

log = logging.getLogger(__name__)


class VisitSessionView(QWidget):
    """Emits finished(VisitCompleted), left() (stopped, draft durable), abandoned(), help_requested()."""

    IN_A_FORM = True  # background uploads wait while a visit is in the window
    finished = Signal(object)
    left = Signal()
    abandoned = Signal()  # Back from an untouched overview: no draft, nothing to resume
    help_requested = Signal()

    def __init__(self, services: Any, bundle: Any, forms: dict[str, Any], draft: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.bundle, self.forms = services, bundle, forms
        self.practice = any(f.practice for f in forms.values())  # class mode: nothing kept
        # what the window asks of a session's form: title, id, practice
        self.form = SimpleNamespace(title=bundle.title, form_id=bundle.bundle_id, practice=self.practice)
        self.store = None if self.practice else services.store
        self.visit, self.draft_id, self.created_at, self.damaged = visit_store.open_visit(
            bundle, forms, draft, services.language)
        self._told = draft is not None  # something to keep once the person has begun
        self.saver = DraftSaver(services.tasks, self.store, None, self.current_draft,
                                self._alive(self._save_failed))
        self.saver.version_saved = True  # every form's version is kept by keep_versions below
        visit_store.keep_versions(services.tasks, self.store, forms, self._alive(self._save_failed))
        step = services.settings.text_size_step
        hc = services.settings.high_contrast
        self.overview = VisitOverviewPage(self.visit, step, hc)
        self.details_page = FormPage(step)
        self.review = VisitReviewPage(step)
        self.confirm = ConfirmRestart(step)
        self.stack = QStackedWidget(self)
        for widget in (self.overview, self.details_page, self.review, self.confirm):
            self.stack.addWidget(widget)
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)
        self.layout().addWidget(self.stack)
        self.details = DetailsStep(self, self.details_page)
        self.consent = VisitConsent(services, self.visit, self.stack, self.details.start, self.show_overview)
        self.session: VisitFormSession | None = None
        self._return_from_change = False
        self.reader = ReviewReader(services, lambda: self.stack.currentWidget() is self.review)
        self._wire()
        self._resume()
        if self.damaged:
            self.overview.problem.setText(_(
                "The saved answers could not be opened, so this form starts from the beginning. "
                "Please ask a volunteer if you need help."))
            self.overview.problem.show()

    def _wire(self) -> None:
        o, r = self.overview, self.review
        o.start.connect(self.start_details)
        o.home.connect(self.leave_overview)
        o.changed.connect(self.autosave)
        r.change_in.connect(self._change)
        r.send_pressed.connect(self.send_all)
        r.back_pressed.connect(self._back_from_review)
        r.read_pressed.connect(lambda: self.reader.read(r.rows))
        for actions in (o.actions, self.details_page.actions, r.actions):
            actions.save_pressed.connect(self.stop_and_save)
            actions.restart_pressed.connect(self._ask_restart)
            actions.help_pressed.connect(self.help_requested.emit)
        self.confirm.confirmed.connect(self.start_again)
        self.confirm.cancelled.connect(self._resume)
        self.services.language_changed.connect(self.set_language)

    @property
    def page(self) -> Any:  # the question page in use, as a form session has: a form's or details'
        return self.session.page if self.session is not None else self.details_page

    def _alive(self, callback: Callable[..., Any]) -> Callable[..., None]:
        def guarded(*args: Any) -> None:
            if shiboken6.isValid(self):
                callback(*args)

        return guarded

    # -- where the visit is -----------------------------------------------------------------
    def _resume(self) -> None:
        stage, visit = self.visit.stage, self.visit
        if stage == "forms" and visit.current in visit.included():
            self.open_form(visit.current)
        elif stage == "review":
            self.show_review()
        elif stage == "details":
            self.start_details()  # asks consent first if it was not given before stopping
        else:
            self.show_overview()

    def show_overview(self) -> None:
        self.visit.stage = "overview"
        self._drop_form()
        self.overview.retranslate()
        self.stack.setCurrentWidget(self.overview)
        self.services.say("speak_text", self.overview.spoken(), self.services.language)

    def start_details(self) -> None:
        """After the overview: consent once (ID or bank details), then the shared details."""
        self.visit.stage = "details"
        self.autosave()
        if not self.consent.ask(self.visit.language):
            self.details.start()

    def details_done(self) -> None:
        self.open_form(self.visit.next_form(None))

    def open_form(self, form_id: str | None, back: bool = False,
                  show: bool = True) -> None:
        """Fill one form of the visit (None: all are done, so the whole review)."""
        self._drop_form()
        if form_id is None:
            return self.show_review()
        self.visit.stage, self.visit.current = "forms", form_id
        session = VisitFormSession(self.services, self.visit, form_id, self.saver, self.current_draft,
                                   return_to_visit=self._return_from_change)
        session.done.connect(self._form_done)
        session.back_out.connect(self._form_back_out)
        session.restart.connect(self._ask_restart)
        session.stop.connect(self.stop_and_save)
        session.help_requested.connect(self.help_requested.emit)
        self.session = session
        self.stack.addWidget(session)
        self.stack.setCurrentWidget(session)
        if back:
            session.show_review()
        elif show:
            session.begin()
        self.autosave()

    def _form_done(self) -> None:
        if self._return_from_change:
            self._return_from_change = False
            return self.show_review()
        self.open_form(self.visit.next_form(self.visit.current))

    def _form_back_out(self) -> None:
        """Back from a form's first screen: the form before it, or the shared details."""
        ids = [f for f in self.visit.included() if self.visit.relevant(f)]
        here = ids.index(self.visit.current) if self.visit.current in ids else 0
        if here > 0:
            self.open_form(ids[here - 1], back=True)
        elif not self.visit.details():
            self.show_overview()
        else:
            self._drop_form()
            self.details.start(at_end=True)

    def show_review(self) -> None:
        self._drop_form()
        self.visit.stage, self.visit.current = "review", None
        self.review.show_visit(self.visit)
        self.stack.setCurrentWidget(self.review)
        self.autosave()

    def _back_from_review(self) -> None:
        for form_id in self.visit.to_send()[-1:]:  # the last service's own review
            self.open_form(form_id, back=True)

    def _change(self, form_id: str, row: Any) -> None:
        """Change on the visit's review: that question in its form, then back to the review."""
        self._return_from_change = True
        self.open_form(form_id, show=False)
        if self.session is not None:
            self.session._change(row)

    def _drop_form(self) -> None:
        if self.session is not None:
            self.stack.removeWidget(self.session)
            self.session.deleteLater()
        self.session = None

    # -- saving, stopping, starting again ---------------------------------------------------
    def current_draft(self) -> Any:
        return visit_draft(self.visit, self.draft_id, self.created_at, self.bundle.title(self.visit.language))

    def autosave(self, force: bool = False) -> None:
        self._told = self._told or self.visit.stage != "overview"
        self.saver.save()

    def commit_pending(self) -> None:
        """What the open form's boxes hold now goes into it (FormSessionView.commit_pending):
        every way off a screen calls this first, so nothing typed is lost (issue 11)."""
        if self.session is not None and self.stack.currentWidget() is self.session:
            self.session.commit_pending()

    def save_now(self) -> None:
        self.commit_pending()
        self.autosave(force=True)

    def leave_overview(self) -> None:
        """Back from the first screen: with nothing told yet there is nothing to keep."""
        if self._told or self.visit.shared:
            self.stop_and_save()
            return
        self.saver.closed = True
        if self.store is not None:
            store, draft_id = self.store, self.draft_id
            self.services.tasks.run_db(lambda: store.delete_draft(draft_id))
        self.abandoned.emit()

    def stop_and_save(self) -> None:
        self.commit_pending()
        self.saver.then(self._alive(self.left.emit))

    def _ask_restart(self) -> None:
        self.confirm.retranslate()
        self.stack.setCurrentWidget(self.confirm)
        self.confirm.focus_heading()

    def start_again(self) -> None:
        """Forget the whole visit: its draft goes, a fresh visit starts at the overview."""
        old = self.draft_id
        if self.store is not None:
            store = self.store
            self.services.tasks.run_db(lambda: store.delete_draft(old), on_error=self._alive(self._save_failed))
        self._drop_form()
        self.visit = Visit(self.bundle, self.forms, self.visit.language)
        self.consent.visit = self.visit
        self.draft_id, self.created_at = uuid.uuid4().hex, time.time()
        self.overview.set_visit(self.visit)
        self.show_overview()

    def _save_failed(self, exc: BaseException) -> None:
        message = plain_message(exc, _("Your answers could not be saved on this computer. Please ask a volunteer."))
        if self.stack.currentWidget() is self.review:
            self.review.show_message(message)
        elif self.session is not None and self.stack.currentWidget() is self.session:
            self.session._save_failed(exc)
        else:
            self.details_page.show_errors([("", message)])

    # -- sending ----------------------------------------------------------------------------
    def send_all(self) -> None:
        try:
            subs, problem = self.visit.finalize()
        except Exception as exc:  # never a traceback in front of the person
            log.error("finalize failed: %s", type(exc).__name__)
            self.review.show_message(_("Something went wrong with this form. Please ask a volunteer."))
            return
        if problem is not None:
            form_id, problems = problem
            self.open_form(form_id, show=False)
            if self.session is not None:
                self.session._show_problem(list(problems))
            return
        done = visit_store.outcome(self.visit, subs)
        if self.practice:  # practice is never stored or sent
            self.saver.closed = True
            self.finished.emit(done)
            return
        if self.store is None:
            self.review.show_message(_("This computer cannot keep your form right now. Please ask a volunteer."))
            return
        self.saver.closed = True  # no draft may be written once the outbox holds the visit
        store, draft_id = self.store, self.draft_id
        self.services.tasks.run_db(lambda: send_visit(store, subs, draft_id),
                                   on_done=self._alive(lambda _entries: self.finished.emit(done)),
                                   on_error=self._alive(self._send_failed))

    def _send_failed(self, exc: BaseException) -> None:
        self.saver.closed = False
        self.review.show_message(plain_message(exc, _("Your form could not be kept on this computer. Please ask a volunteer.")))

    # -- language -----------------------------------------------------------------------------
    def set_language(self, code: str) -> None:
        self.visit.set_language(code)
        self.overview.retranslate()
        self.confirm.retranslate()
        current = self.stack.currentWidget()
        if self.consent.showing():
            self.consent.show(code)
        elif current is self.review:
            self.review.show_visit(self.visit)
        elif current is self.details_page:
            self.details.show()
