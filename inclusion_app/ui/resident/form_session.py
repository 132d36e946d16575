"""One person filling in one form: the controller, the screens, autosave and sending.

The view owns a FormController and moves it only in answer to the person: Continue, Back,
Change, Start again. Every answer is saved as a draft at once (off the GUI thread), so a
power cut loses nothing; sending stores the submission's exact bytes in the outbox. A
practice form is never stored at all: no draft, no outbox entry.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from inclusion_app.engine.consent import consent_needed
from inclusion_app.engine.controller import FormController
from inclusion_app.engine.prompt import ReviewRow, ScreenKind, Status
from inclusion_app.i18n import _
from inclusion_app.storage.api import Draft
from inclusion_app.ui.resident.consent_page import ConsentGate
from inclusion_app.ui.resident.form_actions import ConfirmRestart
from inclusion_app.ui.resident.form_outcome import Completed
from inclusion_app.ui.resident.form_page import FormPage
from inclusion_app.ui.resident.repeat_removal import RepeatRemoval
from inclusion_app.ui.resident.review_page import ReviewPage
from inclusion_app.ui.resident.upcoming import needs_answer, upcoming_screens
from inclusion_app.ui.services.draft_saver import (
    DraftSaver,
    draft_of,
    open_controller,
    plain_message,
)
from inclusion_app.ui.services.review_reader import ReviewReader

log = logging.getLogger(__name__)
PREFETCH_SCREENS = 2  # screens ahead whose words are rendered while the person reads


class FormSessionView(QWidget):
    """Question screens, "check your answers" and the "start again?" check, in one stack."""

    IN_A_FORM = True  # while one is in the window, background uploads wait (services.storage_notices)
    finished = Signal(object)  # Completed
    left = Signal()  # stopped and saved for later
    closed = Signal()  # "Back to the start" on step 1 with nothing answered: nothing to keep
    declined = Signal()  # "Not now" on the consent page: home, nothing was kept
    help_requested = Signal()
    errors_shown = Signal(list)  # the messages shown (for the anonymous statistics)
    screen_shown = Signal()  # a question screen or the review is now on screen

    def __init__(self, services: Any, form: Any, draft: Draft | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.form = services, form
        self.store = None if form.practice else services.store
        lang = self._form_language(services.language)
        self.controller, self.draft_id, self.created_at, self.damaged_draft = open_controller(
            form, draft, lang)
        self.controller.assisted = self.controller.assisted or bool(getattr(services, "assisting", False))
        self.saver = DraftSaver(services.tasks, self.store, form, self.current_draft,
                                self._alive(self._save_failed))
        self._back_to_review = False
        self._review_steps: tuple[int, int] | None = None
        self.picker: Any = None  # the file picker while a picture is being chosen
        self.reader = ReviewReader(services, lambda: self.stack.currentWidget() is self.review)
        self._shown_lang = services.language
        step = services.settings.text_size_step
        self.page, self.review, self.confirm = FormPage(step), ReviewPage(step), ConfirmRestart(step)
        self.stack = QStackedWidget(self)
        for widget in (self.page, self.review, self.confirm):
            self.stack.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.page.count_steps = lambda: self.controller.steps()
        self._wire()
        self.removal = RepeatRemoval(self, step)  # "Remove this one" on repeat screens and the review
        need = self._consent_need(form, draft)
        self.consent = ConsentGate(services, form, self.stack, need, self.show_current,
                                   self._consent_refused)
        if not self.consent.show(self.controller.language):
            self.show_current()
        if self.damaged_draft:
            self.page.show_errors([("", _(
                "The saved answers could not be opened, so this form starts from the beginning. "
                "Please ask a volunteer if you need help."))])

    def _wire(self) -> None:
        page, review = self.page, self.review
        page.continue_pressed.connect(self._continue)
        page.back_pressed.connect(self._back)
        page.home_pressed.connect(self.back_to_start)
        page.add_another_pressed.connect(self._add_another)
        page.answer_changed.connect(self._answer_changed)
        page.file_wanted.connect(self._pick_file)
        review.change_requested.connect(self._change)
        review.send_pressed.connect(self._send)
        review.back_pressed.connect(self._back_from_review)
        review.read_pressed.connect(self._read_review)
        for frame in (page, review, self.confirm):  # "More below", said after the screen
            frame.more_below.connect(
                lambda text: self.services.say("speak_after", text, self.services.language))
        for actions in (page.actions, review.actions):
            actions.save.setVisible(not self.form.practice)  # practice is never kept
            actions.save_pressed.connect(self.stop_and_save)
            actions.restart_pressed.connect(self._ask_restart)
            actions.help_pressed.connect(self._help)
        self.confirm.confirmed.connect(self.start_again)
        self.confirm.cancelled.connect(self.show_current)
        self.services.language_changed.connect(self.set_language)
        self.services.theme_changed.connect(self._restyle)

    def _restyle(self) -> None:
        """A new text size: the frames' margins and bars follow (the words follow by themselves)."""
        step = self.services.settings.text_size_step
        for frame in (self.page, self.review, self.confirm):
            frame.restyle_frame(step)

    def _alive(self, callback: Callable[..., Any]) -> Callable[..., None]:
        """A callback for background work that does nothing once this view has been deleted
        (the window may close, or go home, before a save or a send hands its result back)."""

        def guarded(*args: Any) -> None:
            if shiboken6.isValid(self):
                callback(*args)

        return guarded

    def _form_language(self, code: str) -> str | None:
        return code if code in self.form.languages else self.form.default_language

    def _consent_need(self, form: Any, draft: Draft | None) -> Any:
        """What to ask consent for before the first question (a resumed draft agreed already;
        a form inside a life-event visit was agreed to once for the whole visit)."""
        return consent_needed(form) if draft is None else None

    def _consent_refused(self) -> None:
        """Nothing was answered, so nothing was saved: stop the saver and go home."""
        self.saver.closed = True
        self.declined.emit()

    # -- showing --------------------------------------------------------------------------
    def show_current(self) -> None:
        """Show where the controller is: a question screen, or the review past the end."""
        screen = self.controller.screen
        if screen.kind is ScreenKind.END:
            self.show_review()
            return
        self.stack.setCurrentWidget(self.page)
        self.page.show_screen(screen, can_go_back=screen.step > 1)
        self._speak_screen(screen)
        self.screen_shown.emit()

    def _speak_screen(self, screen: Any) -> None:
        """Read the new screen aloud, then warm the voice cache for the next ones."""
        self.services.say("speak_screen", screen, self.services.language)
        if self.services.speech is not None and self.services.voice_on:
            QTimer.singleShot(0, self, lambda index=screen.index: self._prefetch_after(index))

    def _prefetch_after(self, index: tuple[int, ...]) -> None:
        if self.saver.closed or self.controller.screen.index != index:
            return  # the person has moved on already
        screens = upcoming_screens(self.controller, index, PREFETCH_SCREENS)
        if screens:
            self.services.say("prefetch", screens, self.services.language)

    def show_review(self) -> None:
        self._back_to_review = True
        self.stack.setCurrentWidget(self.review)
        if self.controller.screen.kind is ScreenKind.END or self._review_steps is None:
            self._review_steps = self.controller.steps()  # back from a Change: as before
        self.review.show_rows(self.controller.review(), self._title(), bool(self.form.practice),
                              self._review_steps)
        self.screen_shown.emit()

    def _title(self) -> str:
        return self.form.title(self.controller.language)

    # -- moving ---------------------------------------------------------------------------
    def _continue(self) -> None:
        """Answer everything on the screen, then move on only when the engine says OK."""
        try:
            errors = self._store_answers()
            if not errors:
                result = self.controller.next()
                if not result.ok:
                    errors = [(result.ref, result.message or _("Please check this answer."))]
        except Exception as exc:  # a fault in a form must leave the person able to go on
            log.error("continue failed: %s", type(exc).__name__)
            errors = [("", _("Something went wrong with this question. Please ask a volunteer."))]
        if errors:
            self.page.show_errors(errors)
            self.errors_shown.emit([message for _ref, message in errors])
            self.services.say("speak_error", errors[0][1], self.services.language)
            return
        self.autosave()
        if self._back_to_review and not needs_answer(self.controller.screen):
            self.show_review()
        else:
            self.show_current()  # a change can make a new question needed: ask it first

    def _store_answers(self) -> list[tuple[str, str]]:
        errors = []
        for ref, widget in self.page.inputs().items():
            if widget.prompt.readonly or widget.prompt.qtype == "note":
                continue  # nothing to answer: a note, or a value the form computes
            problem = widget.local_error()
            if problem:
                errors.append((ref, problem))
                continue
            result = self._answer(ref, widget)
            if result is not None and result.status is Status.INVALID:
                errors.append((ref, result.message or _("Please check this answer.")))
        return errors

    def _answer(self, ref: str, widget: Any) -> Any:
        if widget.local_error():  # nothing half-typed or ambiguous is kept, nor guessed
            return self.controller.answer(ref, "")
        attachment = widget.attachment()
        if attachment is not None and hasattr(self.controller, "attach"):
            self.controller.attach(ref, *attachment)
        return self.controller.answer(ref, widget.value())

    def commit_pending(self) -> None:
        """Take what every box on the screen holds *now* into the form and queue a save.

        Every way off a screen calls this first (Back, Change, Stop and save, Start again,
        help, a language switch, settings, the window closing, the inactivity reset), so a
        letter typed an instant before is never lost, whatever the widget has reported so
        far. An input method's unfinished composition is committed first. A box whose text
        cannot be an answer yet (a half-typed date, an ambiguous `12,5`) clears the stored
        answer rather than leave an older one standing; the text stays on screen."""
        QGuiApplication.inputMethod().commit()
        if self.saver.closed or self.stack.currentWidget() is not self.page:
            return
        changed = False
        try:
            stored = {q.ref: q.answer for q in self.controller.screen.questions}
            for ref, widget in self.page.inputs().items():
                prompt = widget.prompt
                if prompt.readonly or prompt.qtype == "note":
                    continue
                now = "" if widget.local_error() else widget.value()
                if now != stored.get(ref):
                    self._answer(ref, widget)
                    changed = True
        except Exception as exc:  # a fault in a form must never stop the person leaving
            log.error("commit failed: %s", type(exc).__name__)
        if changed:  # only then: a save queued now must not outlive "Start again"
            self.autosave()

    def _help(self) -> None:
        self.commit_pending()
        self.help_requested.emit()

    def _answer_changed(self, ref: str) -> None:
        """Every change is an answer, saved at once: autosave does not wait for Continue."""
        widget = self.page.inputs().get(ref)
        if widget is None:
            return
        self._answer(ref, widget)
        self.autosave()

    def _back(self) -> None:
        self.commit_pending()
        if self.controller.back():
            self.show_current()

    def _add_another(self) -> None:
        self.controller.add_repeat()
        self.autosave()
        self.show_current()

    def _back_from_review(self) -> None:
        self._back_to_review = False
        if self.controller.screen.kind is ScreenKind.END:
            self.controller.back()
        elif self.review.rows:
            self.controller.jump(self.review.rows[-1].index)
        self.show_current()

    def _change(self, row: ReviewRow) -> None:
        """Jump to the question; its Continue comes straight back to the review."""
        self.commit_pending()
        self.controller.jump(row.index)
        self._back_to_review = True
        self.stack.setCurrentWidget(self.page)
        screen = self.controller.screen
        self.page.show_screen(screen, can_go_back=screen.step > 1)
        self._speak_screen(screen)

    def _read_review(self) -> None:
        self.reader.read(self.review.rows)

    # -- a picture or file from a USB stick or this computer ---------------------------------
    def _pick_file(self, widget: Any) -> None:
        """The large-type picker (widgets/file_picker.py) in place of the question screen."""
        from inclusion_app.ui.widgets.file_picker import FilePicker

        self._close_picker()
        picker = FilePicker(self.services, mode="open", extensions=widget.file_kinds(),
                            title=lambda: _("Choose the picture") if widget.wants_image
                            else _("Choose a file"))
        picker.chosen.connect(lambda path: self._file_chosen(widget, path))
        picker.cancelled.connect(lambda: self._file_chosen(widget, None))
        self.picker = picker
        self.stack.addWidget(picker)
        self.stack.setCurrentWidget(picker)
        picker.start()

    def _file_chosen(self, widget: Any, path: Any) -> None:
        self._close_picker()
        self.stack.setCurrentWidget(self.page)
        if shiboken6.isValid(widget):
            if path is not None:
                widget.load_file(str(path))
            widget.choose.setFocus(Qt.FocusReason.OtherFocusReason)

    def _close_picker(self) -> None:
        if self.picker is not None:
            self.stack.removeWidget(self.picker)
            self.picker.deleteLater()
            self.picker = None

    # -- start again, stop and save -------------------------------------------------------
    def _ask_restart(self) -> None:
        self.commit_pending()  # "No, keep my answers" must find them all
        self.confirm.retranslate()
        self.stack.setCurrentWidget(self.confirm)
        self.confirm.focus_heading()

    def start_again(self) -> None:
        """Forget every answer: a new controller and a new draft; the old draft is deleted."""
        old = self.draft_id
        self.saver.closed = True  # no save of the old answers may follow their deletion
        self.saver = DraftSaver(self.services.tasks, self.store, self.form, self.current_draft,
                                self._alive(self._save_failed))
        if self.store is not None:
            store = self.store
            self.services.tasks.run_db(lambda: store.delete_draft(old),
                                       on_error=self._alive(self._save_failed))
        helped = self.controller.assisted
        self.controller = FormController(self.form, language=self.controller.language)
        self.controller.assisted = helped
        self.draft_id, self.created_at = uuid.uuid4().hex, time.time()
        self._back_to_review = False
        self.show_current()

    def back_to_start(self) -> None:
        """Step 1's way home that loses nothing: anything answered is kept as a saved draft
        (as "Stop and save" does); with nothing answered there is nothing to keep."""
        self._store_answers()
        if any(row.answered for row in self.controller.review()):
            self.stop_and_save()
        else:
            self.saver.closed = True
            self.closed.emit()

    def stop_and_save(self) -> None:
        """Save now and leave once the save is durable (never before)."""
        self.commit_pending()
        self.saver.then(self._alive(self.left.emit))

    def save_now(self) -> None:
        """The window is closing: queue a last save (the task runner finishes it before exit)."""
        self.commit_pending()
        self.autosave(force=True)

    # -- autosave -------------------------------------------------------------------------
    def autosave(self, force: bool = False) -> None:
        """Save a draft after every answer (see DraftSaver); `force` is kept for callers."""
        self.saver.save()

    def current_draft(self) -> Draft:
        """The controller's snapshot with the exact form version it belongs to."""
        return draft_of(self.controller, self.form, self.draft_id, self.created_at, self._title())

    def _save_failed(self, exc: BaseException) -> None:
        message = plain_message(exc, _(
            "Your answers could not be saved on this computer. Please ask a volunteer."))
        if self.stack.currentWidget() is self.review:
            self.review.show_message(message)
        else:
            self.page.show_errors([("", message)])

    # -- sending --------------------------------------------------------------------------
    def _send(self) -> None:
        try:
            result = self.controller.finalize()
        except Exception as exc:  # never a traceback in front of the person
            log.error("finalize failed: %s", type(exc).__name__)
            self.review.show_message(_("Something went wrong with this form. Please ask a volunteer."))
            return
        if not result.ok:
            self._show_problem(result.problems)
            return
        sub = result.submission
        completed = Completed(
            reference=sub.reference, instance_id=sub.instance_id, form_id=sub.form_id,
            title=self._title(), rows=self.controller.review(), when=time.time(),
            practice=bool(self.form.practice),
        )
        if self.form.practice:
            self.saver.closed = True
            self.finished.emit(completed)
            return
        if self.store is None:
            self.review.show_message(
                _("This computer cannot keep your form right now. Please ask a volunteer."))
            return
        self.saver.closed = True  # no draft may be written after the outbox entry replaces it
        store, draft_id = self.store, self.draft_id
        self.services.tasks.run_db(
            lambda: store.finalize(sub, draft_id),
            on_done=self._alive(lambda _entry: self.finished.emit(completed)),
            on_error=self._alive(self._send_failed),
        )

    def _send_failed(self, exc: BaseException) -> None:
        self.saver.closed = False
        message = plain_message(exc, _(
            "Your form could not be kept on this computer. Please ask a volunteer."))
        self.review.show_message(message)

    def _show_problem(self, problems: list[Any]) -> None:
        """A missing or wrong answer: go to its question and say what to do there."""
        problem = problems[0] if problems else None
        rows = {row.ref: row for row in self.controller.review()}
        if problem is None or problem.ref not in rows:
            self.review.show_message(problem.message if problem else _("Please check your answers."))
            return
        self._change(rows[problem.ref])
        self.page.show_errors([(problem.ref, problem.message)])
        self.errors_shown.emit([problem.message])
        self.services.say("speak_error", problem.message, self.services.language)

    # -- language -------------------------------------------------------------------------
    def set_language(self, code: str) -> None:
        """Switch the form's language in place; typed but unsaved text stays in the boxes."""
        lang = self._form_language(code)
        if lang is None or (lang == self.controller.language and self._shown_lang == code):
            return  # the main window and the services signal may both tell us
        self._shown_lang = code
        keep = self.page.values() if self.stack.currentWidget() is self.page else {}
        self.commit_pending()
        self.controller.set_language(lang)
        self.page.retranslate()
        self.confirm.retranslate()
        current = self.stack.currentWidget()
        if self.consent.showing():
            self.consent.show(lang)
        elif current is self.review:
            self.show_review()
        elif current is self.page:
            screen = self.controller.screen
            self.page.show_screen(screen, can_go_back=screen.step > 1, keep=keep)
