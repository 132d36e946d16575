"""A visit's own flow in the main window: saving for later with a resume code, coming back
with it, and ending the visit so nothing of the person reaches the next one.

A mixin of `MainWindow` (main_window.py), kept apart so the page switcher stays small; the
attributes it uses are the window's, annotated below.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import QStackedWidget, QWidget

from inclusion_app.i18n import _
from inclusion_app.ui.services import visit_traces
from inclusion_app.ui.services.app_services import AppServices

log = logging.getLogger(__name__)


class VisitFlow:
    """Resume codes and the end of a visit, for the main window."""

    services: AppServices
    stack: QStackedWidget
    session: Any
    home_page: Any
    _pages: dict[str, QWidget]
    _return_to: QWidget | None
    # (draft id, code) when the open session was resumed with its code: saving it again
    # shows the same code; the code typed on the code page waits in _typed_code for its draft
    _session_code: tuple[str, str] | None = None
    _typed_code: str | None = None
    _leaving: Any = None  # a session whose code is being made

    # provided by MainWindow
    code_page: Any
    saved_page: Any

    def show_page(self, page: QWidget) -> None: ...
    def go_home(self) -> None: ...
    def resume_draft(self, info: Any) -> None: ...
    def _drop_session(self) -> None: ...

    def open_code_page(self) -> None:
        self.code_page.reset()
        self.show_page(self.code_page)

    def resume_with_code(self, info: Any, code: str) -> None:
        """The right code was typed: open that draft (and show the same code if saved again)."""
        self._typed_code = code
        self.resume_draft(info)

    def saved_for_later(self) -> None:
        """The session's draft is durable: give it a code (off the GUI thread), then show it."""
        session = self.session
        if session is None or self._leaving is session:
            return  # pressed twice: one code is being made already
        store = self.services.store if not getattr(session.form, "practice", False) else None
        if store is None:  # practice (never stored), or no storage at all: nothing to resume
            self.end_visit()
            return
        self._leaving = session
        draft_id = session.draft_id
        if self._session_code is not None and self._session_code[0] == draft_id:
            self._show_code(self._session_code[1])
            return
        from inclusion_app.storage.resume_codes import assign_code

        self.services.tasks.run_db(lambda: assign_code(store, draft_id),
                                   on_done=self._show_code, on_error=self._code_failed)

    def session_started(self, draft: Any) -> None:
        """A session (a form or a life-event visit) is open: when its draft was opened with
        a code, saving it again shows that same code."""
        typed, self._typed_code = self._typed_code, None
        self._session_code = (draft.info.draft_id, typed) if typed and draft is not None else None

    def _show_code(self, code: str | None) -> None:
        session, self._leaving = self._leaving, None
        if session is None or session is not self.session:
            return
        if code is None:  # nothing was kept (left before anything was told): no code
            self.end_visit()
            return
        from inclusion_app.ui.resident.home_page import form_title

        self.saved_page.show_code(code, form_title(session.form, self.services.language))
        self.show_page(self.saved_page)
        self._drop_session()

    def _code_failed(self, exc: BaseException) -> None:
        """The draft is stored, but has no code: only a volunteer can open it now."""
        log.error("no resume code: %s", type(exc).__name__)
        self._leaving = None
        self.end_visit()
        self.home_page.show_problem(_(
            "Your answers are saved, but this computer could not make a code for them. "
            "Please ask a volunteer: they can open your form for you."))

    def end_visit(self) -> None:
        """The person has gone: nothing of them may reach the next one.

        Called after the confirmation, after the resume-code screen, and by the inactivity
        reset. Any open form is closed (its draft stays stored), every page built for this
        visit is destroyed (rebuilt empty on first use), the clipboard, the file dialogs'
        history and what "Read again" would repeat are wiped, and text size, theme,
        language and voice go back to the centre's defaults."""
        self._drop_session()
        self._session_code = self._typed_code = self._leaving = None
        self._return_to = None
        self.services.assisting = False  # a volunteer's help ends with the visit
        self.show_page(self.home_page)
        for page in list(self._pages.values()):
            self.stack.removeWidget(page)
            page.hide()
            page.deleteLater()
        self._pages.clear()
        visit_traces.forget_visit(self.services)
        self.services.restore_centre_defaults()
        self.home_page.problem.hide()
        self.home_page.scroll.verticalScrollBar().setValue(0)

