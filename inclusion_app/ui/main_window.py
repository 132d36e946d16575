"""The main window: a top bar on every screen above a stack of pages, and the page flow.

Language (first run) -> home -> a form session -> confirmation -> home. Settings open from
the top bar anywhere and return to exactly where the person was; the help signal lies over
everything until dismissed.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from inclusion_app.i18n import _
from inclusion_app.ui import controls, theme
from inclusion_app.ui.confirmation_page import ConfirmationPage
from inclusion_app.ui.help_overlay import HelpOverlay
from inclusion_app.ui.home_page import HomePage, usable_forms
from inclusion_app.ui.language_page import LanguagePage
from inclusion_app.ui.services import AppServices
from inclusion_app.ui.settings_page import SettingsPage
from inclusion_app.ui.volunteer_page import VolunteerPage

log = logging.getLogger(__name__)


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
        self.services.update_settings(voice_on=not self.services.settings.voice_on)
        self.retranslate()

    def retranslate(self) -> None:
        m = self.services.metrics
        self.layout().setContentsMargins(m.spacing_px, m.spacing_px // 2, m.spacing_px,
                                         m.spacing_px // 2)
        controls.retitle(self.settings_button, _("Text size and settings"),
                         _("Make the text bigger, change colours, language or voice"))
        controls.retitle(self.read_button, _("Read again"), _("Read this screen aloud again"))
        on = self.services.settings.voice_on
        self.voice_button.setProperty("iconName", "voice_on" if on else "voice_off")
        controls.retitle(self.voice_button, _("Voice on") if on else _("Voice off"),
                         _("Press to turn reading aloud off") if on
                         else _("Press to turn reading aloud on"))
        self.read_button.setEnabled(on)
        controls.restyle(self, m.step, self.services.settings.high_contrast)


class MainWindow(QMainWindow):
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
        self.stack = QStackedWidget()
        column.addWidget(self.top_bar)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.language_page = LanguagePage(services)
        self.home_page = HomePage(services)
        self.settings_page = SettingsPage(services)
        self.confirmation_page = ConfirmationPage(services)
        self.volunteer_page = VolunteerPage(services)
        for page in (self.language_page, self.home_page, self.settings_page,
                     self.confirmation_page, self.volunteer_page):
            self.stack.addWidget(page)
        self.session: QWidget | None = None
        self._return_to: QWidget | None = None
        self.help_overlay = HelpOverlay(services, central)
        self._wire()
        controls.restyle(self, services.metrics.step, services.settings.high_contrast)
        first_run = services.settings.language is None
        self.show_page(self.language_page if first_run else self.home_page)

    def _wire(self) -> None:
        s = self.services
        self.top_bar.settings_button.clicked.connect(self.open_settings)
        self.settings_page.done.connect(self.close_settings)
        self.language_page.chosen.connect(lambda _c: self.show_page(self.home_page))
        self.home_page.form_chosen.connect(self.start_form)
        self.home_page.draft_chosen.connect(self.resume_draft)
        self.home_page.volunteer_requested.connect(self.open_volunteer)
        self.volunteer_page.leave.connect(self.go_home)
        self.volunteer_page.resume_draft.connect(self.resume_draft)
        self.confirmation_page.home.connect(self.go_home)
        s.language_changed.connect(self.retranslate)
        s.theme_changed.connect(self.restyle)
        QShortcut(QKeySequence(Qt.Key.Key_F1), self, activated=self.show_help)

    # -- navigation -----------------------------------------------------------------------
    def current_page(self) -> QWidget:
        return self.stack.currentWidget()

    def show_page(self, page: QWidget) -> None:
        if self.current_page() is self.volunteer_page and page is not self.volunteer_page:
            self.volunteer_page.reset()  # never leave the volunteer corner open behind us
        self.stack.setCurrentWidget(page)

    def open_settings(self) -> None:
        if self.current_page() is not self.settings_page:
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

    def store_ready(self) -> None:
        """The store opened after the first paint: now look for an interrupted draft."""
        if self.current_page() is self.home_page:
            self.home_page.refresh_recent()

    def speech_ready(self) -> None:
        """Speech came up after the first paint: greet a first-run person in words and voice."""
        if self.current_page() is self.language_page:
            self.language_page.say_question()

    # -- form sessions --------------------------------------------------------------------
    def start_form(self, form: Any, draft: Any = None) -> None:
        """Open a form in a new session view (the FORM part's FormSessionView)."""
        from inclusion_app.ui.form_session import FormSessionView

        self._drop_session()
        session = FormSessionView(self.services, form, draft=draft)
        session.finished.connect(self.form_finished)
        session.left.connect(self.go_home)
        session.help_requested.connect(self.show_help)
        self.session = session
        self.stack.addWidget(session)
        self.show_page(session)

    def resume_draft(self, info: Any) -> None:
        """Load a draft off the GUI thread, then open its form at the saved place."""
        store = self.services.store
        if store is None or info is None:
            return
        form = self._form_for(info)
        if form is None:
            log.warning("no installed form matches draft %s", info.draft_id)
            return
        self.services.tasks.run_db(lambda: store.get_draft(info.draft_id),
                                   on_done=lambda draft: draft and self.start_form(form, draft))

    def _form_for(self, info: Any) -> Any:
        for form in usable_forms(self.services.catalog):
            if form.form_id == info.form_id:
                return form
        return None

    def form_finished(self, completed: Any) -> None:
        self.confirmation_page.show_completed(completed)
        self.show_page(self.confirmation_page)
        self._drop_session()

    def _drop_session(self) -> None:
        if self.session is not None:
            if self._return_to is self.session:
                self._return_to = None
            self.stack.removeWidget(self.session)
            self.session.deleteLater()
            self.session = None

    # -- language and theme ---------------------------------------------------------------
    def retranslate(self, lang: str = "") -> None:
        self.setWindowTitle(_("Inclusion Assistant"))
        self.top_bar.retranslate()
        self.language_page.retranslate()
        self.home_page.rebuild()
        self.settings_page.retranslate()
        self.confirmation_page.retranslate()
        self.volunteer_page.retranslate()
        self.help_overlay.retranslate()
        # An open form session follows language_changed itself, keeping its answers.

    def restyle(self) -> None:
        """After a text-size or contrast change: icons, spacing and tiles follow."""
        self.top_bar.retranslate()
        self.home_page.rebuild()
        self.settings_page.sync()
        self.confirmation_page.retranslate()
        self.help_overlay.retranslate()
        controls.restyle(self, self.services.metrics.step, self.services.settings.high_contrast)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        # A session saves on every screen change; give it the chance to save the last one.
        if self.session is not None and hasattr(self.session, "autosave"):
            try:
                self.session.autosave(force=True)
            except Exception as exc:
                log.error("final save failed: %s", exc)
        super().closeEvent(event)
