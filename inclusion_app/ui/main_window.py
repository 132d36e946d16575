"""The main window: a top bar on every screen above a stack of pages, and the page flow.

Language (first run) -> home -> a form session -> confirmation -> home, or -> "Stop and
save for later" -> the resume code -> home; home -> "Continue a saved form" -> the code ->
that form. Settings open from the top bar anywhere and return to exactly where the person
was; the help signal lies over everything until dismissed. `end_visit()` wipes every trace
of the person who just left (see its docstring).
"""

from __future__ import annotations

import dataclasses
import importlib
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from inclusion_app.i18n import _
from inclusion_app.storage.visit_drafts import is_visit_draft
from inclusion_app.ui import bundle_visits, theme
from inclusion_app.ui.resident.home_page import HomePage
from inclusion_app.ui.services import memory
from inclusion_app.ui.services.app_services import AppServices
from inclusion_app.ui.services.inactivity import InactivityWatch
from inclusion_app.ui.visit_flow import VisitFlow
from inclusion_app.ui.widgets import controls
from inclusion_app.ui.widgets.practice_band import PracticeBand

if TYPE_CHECKING:
    from inclusion_app.ui.resident.code_page import CodePage
    from inclusion_app.ui.resident.confirmation_page import ConfirmationPage
    from inclusion_app.ui.resident.help_overlay import HelpOverlay
    from inclusion_app.ui.resident.language_page import LanguagePage
    from inclusion_app.ui.resident.saved_page import SavedPage
    from inclusion_app.ui.resident.settings_page import SettingsPage
    from inclusion_app.ui.volunteer.volunteer_page import VolunteerPage

log = logging.getLogger(__name__)
# Pages other than home, imported when first built: start-up pays only for what home shows
# (the volunteer corner alone brings PIN hashing and the outbox panel).
_PAGE_CLASSES = {"help": ("resident.help_overlay", "HelpOverlay"),
                 "language": ("resident.language_page", "LanguagePage"),
                 "settings": ("resident.settings_page", "SettingsPage"),
                 "volunteer": ("volunteer.volunteer_page", "VolunteerPage"),
                 "confirmation": ("resident.confirmation_page", "ConfirmationPage"),
                 "code": ("resident.code_page", "CodePage"),
                 "saved": ("resident.saved_page", "SavedPage"),
                 "tutorial": ("resident.tutorial_page", "TutorialPage"),
                 "still_there": ("resident.still_there_page", "StillTherePage"),
                 "visit_confirmation": ("resident.visit_confirmation", "VisitConfirmationPage")}


class TopBar(QFrame):
    """Settings (Aa), Read again and Voice on/off: the same three buttons on every screen."""

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        theme.set_role(self, "toolbar")
        row = QHBoxLayout(self)
        self.settings_button = controls.button("", "toolbar", "", "settings")
        self.settings_button.setObjectName("open_settings")
        self.read_button = controls.button("", "toolbar", "", "speaker")
        self.read_button.setObjectName("read_again")
        self.voice_button = controls.button("", "toolbar", "", "voice_on")
        self.voice_button.setObjectName("voice_toggle")
        self.voice_button.clicked.connect(self.toggle_voice)
        self.read_button.clicked.connect(lambda: self.services.say("repeat"))
        row.addWidget(self.settings_button)
        row.addStretch(1)
        row.addWidget(self.read_button)
        row.addWidget(self.voice_button)
        self.retranslate()

    def toggle_voice(self) -> None:
        self.services.update_settings(voice_on=not self.services.voice_on)

    def retranslate(self) -> None:
        m = self.services.metrics
        self.layout().setContentsMargins(m.spacing_px, m.spacing_px // 2, m.spacing_px,
                                         m.spacing_px // 2)
        controls.retitle(self.settings_button, _("Text size and settings"),
                         _("Make the text bigger, change colours, language or voice"))
        controls.retitle(self.read_button, _("Read again"), _("Read this screen aloud again"))
        on = self.services.voice_on  # off while a screen reader holds it, whatever was saved
        self.voice_button.setProperty("iconName", "voice_on" if on else "voice_off")
        controls.retitle(self.voice_button, _("Voice on") if on else _("Voice off"),
                         _("Press to turn reading aloud off") if on
                         else _("Press to turn reading aloud on"))
        self.read_button.setEnabled(on)
        controls.restyle(self, m.step, self.services.settings.high_contrast)


class MainWindow(VisitFlow, QMainWindow):
    """Owns the pages and moves between them; pages only emit what the person asked for."""

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(_("Inclusion Assistant"))
        self.setMinimumSize(1024, 700)
        central = QWidget()
        central.setObjectName("page")
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.top_bar = TopBar(services)
        self.practice_band = PracticeBand(services)
        self.stack = QStackedWidget()
        column.addWidget(self.top_bar)
        column.addWidget(self.practice_band)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        # Pages other than home are built the first time they are needed: start-up only
        # pays for what the first screen shows.
        self._pages: dict[str, QWidget] = {}
        self.home_page = HomePage(services)
        self.stack.addWidget(self.home_page)
        self.session: QWidget | None = None
        self._return_to: QWidget | None = None
        self._session_code = self._typed_code = self._leaving = None  # see VisitFlow
        self.inactivity = InactivityWatch(services.settings, self)
        self.inactivity.idle.connect(self._ask_still_there)
        self.inactivity.answered.connect(self._still_here)
        self.inactivity.gone.connect(self._walked_away)
        self._wire()
        controls.restyle(self, services.metrics.step, services.settings.high_contrast)
        first_run = services.settings.language is None
        self.show_page(self.language_page if first_run else self.home_page)

    def _wire(self) -> None:
        s = self.services
        self.top_bar.settings_button.clicked.connect(self.open_settings)
        self.top_bar.settings_button.clicked.connect(lambda: self.notice("settings"))
        self.top_bar.read_button.clicked.connect(lambda: self.notice("read_again"))
        self.top_bar.voice_button.clicked.connect(lambda: self.notice("voice"))
        self.home_page.tutorial_requested.connect(self.open_tutorial)
        self.home_page.form_chosen.connect(self.open_form)
        self.home_page.code_requested.connect(self.open_code_page)
        self.home_page.bundle_chosen.connect(self.open_visit)
        self.home_page.volunteer_requested.connect(self.open_volunteer)
        s.language_changed.connect(self.retranslate)
        s.theme_changed.connect(self.restyle)
        s.settings_changed.connect(self.top_bar.retranslate)  # voice on/off from settings
        QShortcut(QKeySequence(Qt.Key.Key_F1), self, activated=self.show_help)

    # -- pages built on first use ---------------------------------------------------------
    def _page(self, name: str) -> Any:
        page = self._pages.get(name)
        if page is None:
            page = self._build_page(name)
            self._pages[name] = page
            controls.restyle(page, self.services.metrics.step,
                             self.services.settings.high_contrast)
        return page

    def _build_page(self, name: str) -> QWidget:
        s = self.services
        module, class_name = _PAGE_CLASSES[name]
        page_class = getattr(importlib.import_module(f"inclusion_app.ui.{module}"), class_name)
        if name == "help":
            return page_class(s, self.centralWidget())
        page = page_class(s)
        if name == "language":
            page.chosen.connect(lambda _c: self.show_page(self.home_page))
        elif name == "settings":
            page.done.connect(self.close_settings)
        elif name in ("confirmation", "visit_confirmation"):
            page.home.connect(self.end_visit)
        elif name == "saved":
            page.done.connect(self.end_visit)
        elif name == "code":
            page.found.connect(self.resume_with_code)
            page.leave.connect(self.go_home)
        elif name == "still_there":
            page.here.connect(self._still_here)
        elif name == "tutorial":
            page.finished.connect(self.go_home)
            page.help_requested.connect(self.show_help)
            page.reset_requested.connect(self.reset_for_next_learner)
        else:
            page.leave.connect(self.go_home)
            page.resume_draft.connect(lambda info: self.resume_draft(info, assisted=True))
            panel = page.class_panel
            panel.helping.connect(self.start_helping)
            panel.class_mode_changed.connect(self.set_class_mode)
            panel.tutorial.connect(self.open_tutorial)
            panel.reset_learner.connect(self.reset_for_next_learner)
        self.stack.addWidget(page)
        return page

    @property
    def language_page(self) -> LanguagePage:
        return self._page("language")

    @property
    def settings_page(self) -> SettingsPage:
        return self._page("settings")

    @property
    def confirmation_page(self) -> ConfirmationPage:
        return self._page("confirmation")

    @property
    def code_page(self) -> CodePage:
        return self._page("code")

    @property
    def saved_page(self) -> SavedPage:
        return self._page("saved")

    @property
    def volunteer_page(self) -> VolunteerPage:
        return self._page("volunteer")

    @property
    def help_overlay(self) -> HelpOverlay:
        return self._page("help")

    @property
    def tutorial_page(self) -> Any:
        return self._page("tutorial")

    def built_pages(self) -> list[Any]:
        return list(self._pages.values())

    # -- navigation -----------------------------------------------------------------------
    def current_page(self) -> QWidget:
        return self.stack.currentWidget()

    def show_page(self, page: QWidget) -> None:
        volunteer = self._pages.get("volunteer")
        if volunteer is not None and self.current_page() is volunteer and page is not volunteer:
            volunteer.reset()  # never leave the volunteer corner open behind us
        self.stack.setCurrentWidget(page)
        self.practice_band.follow(page)
        if page is self.session or self._ends_a_visit(page):
            self.inactivity.arm()  # quiet during a form: "Are you still there?"
        elif page is not self._pages.get("still_there"):
            self.inactivity.disarm()

    def open_settings(self) -> None:
        if self.current_page() is not self._pages.get("settings"):
            self._return_to = self.current_page()
        self.show_page(self.settings_page)

    def close_settings(self) -> None:
        target = self._return_to or self.home_page
        self._return_to = None
        self.show_page(target)

    def go_home(self) -> None:
        self._drop_session()
        self.show_page(self.home_page)

    def open_volunteer(self) -> None:
        self.volunteer_page.reset()
        self.show_page(self.volunteer_page)

    def show_help(self) -> None:
        self.help_overlay.raise_help()

    # -- a kiosk that forgets ------------------------------------------------------------------
    def _ends_a_visit(self, page: QWidget) -> bool:
        """The resume code and the confirmation: left unanswered, they end the visit when the
        kiosk goes quiet (the draft is already stored), so the next person never sees them."""
        return page is not None and page in (self._pages.get("saved"),
                                             self._pages.get("confirmation"))

    def _ask_still_there(self) -> None:
        if self._ends_a_visit(self.current_page()):
            self.end_visit()
            return
        if self.session is None or self.current_page() is not self.session:
            return
        page = self._page("still_there")
        self.show_page(page)
        self.inactivity.ask()
        self.services.say("speak_text", page.spoken(), self.services.language, cacheable=True)

    def _still_here(self) -> None:
        if self.session is not None and self.current_page() is self._pages.get("still_there"):
            self.show_page(self.session)

    def _walked_away(self) -> None:
        """Nobody answered: keep the answers as a draft only a volunteer can open, then clear
        everything of that person from the window and go home."""
        session = self.session
        if session is None:
            self.go_home()
            return
        commit = getattr(session, "commit_pending", None)
        if commit is not None:
            commit()  # what a box holds now, typed just before they left
        session.saver.then(self._forget_visit)

    def _forget_visit(self) -> None:
        """The draft is durable: end the visit (see VisitFlow.end_visit)."""
        self.end_visit()

    # -- class mode -------------------------------------------------------------------------
    def open_tutorial(self) -> None:
        self.show_page(self.tutorial_page)

    def notice(self, event: str) -> None:
        """A top-bar action the tutorial's current step may be waiting for."""
        tutorial = self._pages.get("tutorial")
        if tutorial is not None and (self.current_page() is tutorial or self._return_to is tutorial):
            tutorial.notice(event)

    def start_helping(self) -> None:
        """"I am helping": the forms of this visit are marked assisted; home for the resident."""
        self.go_home()
        self.services.assisting = True

    def visit_paused(self) -> None:
        """The visit is over for now, and so is the volunteer's help (end_visit does it too)."""
        self.services.assisting = False
        self.go_home()

    def set_class_mode(self, on: bool) -> None:
        """The trainer's switch: every form started is practice; home offers the lesson."""
        self.services.class_mode = on
        self.home_page.rebuild()
        self.practice_band.follow(self.current_page())

    def reset_for_next_learner(self) -> None:
        """Nothing of the last learner stays: the lesson from its start, home, clipboard empty."""
        self._drop_session()
        tutorial = self._pages.get("tutorial")
        if tutorial is not None:
            tutorial.restart()
        clipboard = QApplication.clipboard()
        if clipboard is not None:
            clipboard.clear()
        self.show_page(self.home_page)

    def store_ready(self) -> None:
        """The store opened after the first paint. Home shows nothing that depends on it
        (no draft of anyone is ever offered there); kept for the composition root."""

    def speech_ready(self) -> None:
        """Speech came up after the first paint: greet a first-run person in words and voice.

        Otherwise the home screen is up with nobody at it yet (the program was just started):
        its greeting is rendered now, so the first person who comes back to it hears it at
        once, and no voice render runs while they finish their form."""
        language = self._pages.get("language")
        if language is not None and self.current_page() is language:
            language.say_question()
        elif self.current_page() is self.home_page:
            self.services.say("prefetch_text", self.home_page.greeting(), self.services.language)

    # -- form sessions --------------------------------------------------------------------
    def open_form(self, form_id: str) -> None:
        """A tile was pressed: load that form (from the compiled cache) and start it."""
        form = self.services.load_form(form_id)
        if form is None:
            self.home_page.show_problem(
                _("This form cannot be opened right now. Please ask a volunteer."))
            return
        self.start_form(form)

    def start_form(self, form: Any, draft: Any = None) -> None:
        """Open a form in a new session view (the FORM part's FormSessionView)."""
        from inclusion_app.ui.resident.form_session import FormSessionView

        self._drop_session()
        if self.services.class_mode and draft is None and not form.practice:
            form = dataclasses.replace(form, practice=True)  # a copy: the cached form stays real
        session = FormSessionView(self.services, form, draft=draft)
        session.finished.connect(self.form_finished)
        session.left.connect(self.saved_for_later)  # a resume code, then end_visit
        session.declined.connect(self.go_home)
        session.help_requested.connect(self.show_help)
        from inclusion_app.ui.services.usage_recorder import recorder_for

        recorder_for(self.services).watch(session, resumed=draft is not None)
        self.session = session
        self.session_started(draft)
        self.stack.addWidget(session)
        self.show_page(session)

    def open_visit(self, bundle_id: str) -> None:
        """A life-event tile was pressed: one visit, several services (ui/bundle_visits.py)."""
        bundle_visits.open_visit(self, bundle_id)

    def resume_draft(self, info: Any, assisted: bool = False) -> None:
        """Load a draft and the exact form version it was started with off the GUI thread (a
        server may have sent a newer version, or withdrawn the form, since), then open it at
        the saved place (from the volunteer corner: assisted, the volunteer is with the resident)."""
        store = self.services.store
        if store is None or info is None:
            return
        if assisted:
            self.services.assisting = True
        if is_visit_draft(info):  # a whole life-event visit, one draft
            bundle_visits.resume(self, info)
            return
        installed = self.services.load_form(info.form_id)

        def load() -> tuple[Any, Any]:
            from inclusion_app.storage.draft_forms import form_for_draft

            return store.get_draft(info.draft_id), form_for_draft(store, info, installed)

        self.services.tasks.run_db(load, on_done=self._open_draft)

    def _open_draft(self, loaded: tuple[Any, Any]) -> None:
        draft, form = loaded
        if form is None:
            log.warning("no form version matches draft %s",
                        getattr(draft, "info", None) and draft.info.draft_id)
            self._typed_code = None
            self.show_page(self.home_page)
            self.home_page.show_problem(
                _("This form cannot be opened right now. Please ask a volunteer."))
            return
        if draft is not None:
            self.start_form(form, draft)

    def form_finished(self, completed: Any) -> None:
        self.services.assisting = False  # the helped visit is over
        self.confirmation_page.show_completed(completed)
        self.show_page(self.confirmation_page)
        self._drop_session()

    def _drop_session(self) -> None:
        self._session_code = None
        if self.session is not None:
            if self._return_to is self.session:
                self._return_to = None
            self.stack.removeWidget(self.session)
            memory.release_when_gone(self.session)
            self.session.deleteLater()
            self.session = None

    # -- language and theme ---------------------------------------------------------------
    def retranslate(self, lang: str = "") -> None:
        self.setWindowTitle(_("Inclusion Assistant"))
        self.top_bar.retranslate()
        self.practice_band.retranslate()
        self.home_page.rebuild()
        for page in self.built_pages():
            page.retranslate()
        # An open form session follows language_changed itself, keeping its answers.

    def restyle(self) -> None:
        """After a text-size or contrast change: icons, spacing and tiles follow."""
        self.top_bar.retranslate()
        self.home_page.rebuild()
        for name, page in self._pages.items():
            if name == "settings":
                page.sync()
            elif name not in ("language", "volunteer"):
                page.retranslate()
        controls.restyle(self, self.services.metrics.step, self.services.settings.high_contrast)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        # A session saves on every screen change; give it the chance to save the last one.
        try:
            if self.session is not None and hasattr(self.session, "autosave"):
                self.session.autosave(force=True)
        except Exception as exc:
            log.error("final save failed: %s", exc)
        super().closeEvent(event)
