"""The main window: a top bar on every screen above a stack of pages, and the page flow.

Language (first run) -> home -> a form session -> confirmation -> home. Settings open from
the top bar anywhere and return to exactly where the person was; the help signal lies over
everything until dismissed.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QScreen, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from inclusion_app.i18n import _
from inclusion_app.ui import theme
from inclusion_app.ui.resident.home_page import HomePage
from inclusion_app.ui.services import memory
from inclusion_app.ui.services.app_services import AppServices
from inclusion_app.ui.widgets import controls

if TYPE_CHECKING:
    from inclusion_app.ui.resident.confirmation_page import ConfirmationPage
    from inclusion_app.ui.resident.help_overlay import HelpOverlay
    from inclusion_app.ui.resident.language_page import LanguagePage
    from inclusion_app.ui.resident.settings_page import SettingsPage
    from inclusion_app.ui.volunteer.volunteer_page import VolunteerPage

log = logging.getLogger(__name__)
# Pages other than home, imported when first built: start-up pays only for what home shows
# (the volunteer corner alone brings PIN hashing and the outbox panel).
_PAGE_CLASSES = {"help": ("resident.help_overlay", "HelpOverlay"),
                 "language": ("resident.language_page", "LanguagePage"),
                 "settings": ("resident.settings_page", "SettingsPage"),
                 "volunteer": ("volunteer.volunteer_page", "VolunteerPage"),
                 "confirmation": ("resident.confirmation_page", "ConfirmationPage")}


# Small enough for a 1024x600 netbook with a title bar and a panel; pages fit their own
# content to whatever is left (see widgets/page_frame.py).
MIN_WIDTH, MIN_HEIGHT = 800, 480


def fit_to_screen(window: QWidget, screen: QScreen | None = None) -> None:
    """Keep the window inside the screen's available area: never taller or wider than it."""
    screen = screen or window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    window.setMinimumSize(min(MIN_WIDTH, area.width()), min(MIN_HEIGHT, area.height()))
    if not (window.isMaximized() or window.isFullScreen()):
        frame = window.frameGeometry().size() - window.geometry().size()
        window.resize(min(window.width(), area.width() - frame.width()),
                      min(window.height(), area.height() - frame.height()))


class TopBar(QFrame):
    """Settings (Aa), Read again and Voice on/off: the same three buttons on every screen."""

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        theme.set_role(self, "toolbar")
        row = QHBoxLayout(self)
        self._wide_need = 0
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

    def buttons(self) -> list[QPushButton]:
        return [self.settings_button, self.read_button, self.voice_button]

    def _fit(self) -> None:
        """Smaller words on the three buttons when they would not fit the window's width
        at this text size (a 1024 px screen at the largest sizes), never cut-off words."""
        narrow = bool(self.buttons()[0].property("narrow"))
        if not narrow:
            self._wide_need = sum(b.sizeHint().width() for b in self.buttons())
        margins = self.layout().contentsMargins()
        room = self.width() - margins.left() - margins.right() - self.layout().spacing() * 3
        want = self._wide_need > room
        if want != narrow:
            for b in self.buttons():
                b.setProperty("narrow", want)
                b.style().unpolish(b)
                b.style().polish(b)

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name and signature
        super().resizeEvent(event)
        self._fit()

    def toggle_voice(self) -> None:
        self.services.update_settings(voice_on=not self.services.voice_on)

    def retranslate(self) -> None:
        m = self.services.metrics
        self.layout().setContentsMargins(m.spacing_px, 4, m.spacing_px, 4)  # short screens
        controls.retitle(self.settings_button, _("Text size and settings"),
                         _("Make the text bigger, change colours, language or voice"))
        controls.retitle(self.read_button, _("Read again"), _("Read this screen aloud again"))
        on = self.services.voice_on  # off while a screen reader holds it, whatever was saved
        self.voice_button.setProperty("iconName", "voice_on" if on else "voice_off")
        controls.retitle(self.voice_button, _("Voice: on") if on else _("Voice: off"),
                         _("Press to turn reading aloud off") if on
                         else _("Press to turn reading aloud on"))
        self.read_button.setEnabled(on)
        controls.restyle(self, m.step, self.services.settings.high_contrast)
        for b in self.buttons():  # measure again at the new size or in the new words
            b.setProperty("narrow", False)
            b.style().unpolish(b)
            b.style().polish(b)
        self._fit()


class MainWindow(QMainWindow):
    """Owns the pages and moves between them; pages only emit what the person asked for."""

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(_("Inclusion Assistant"))
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)
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
        # Pages other than home are built the first time they are needed: start-up only
        # pays for what the first screen shows.
        self._pages: dict[str, QWidget] = {}
        self.home_page = HomePage(services)
        self.stack.addWidget(self.home_page)
        self.session: QWidget | None = None
        self._pending_form: Any = None
        self._return_to: QWidget | None = None
        self._wire()
        controls.restyle(self, services.metrics.step, services.settings.high_contrast)
        first_run = services.settings.language is None
        self.show_page(self.language_page if first_run else self.home_page)

    def _wire(self) -> None:
        s = self.services
        self.top_bar.settings_button.clicked.connect(self.open_settings)
        self.home_page.form_chosen.connect(self.open_form)
        self.home_page.draft_chosen.connect(self.resume_draft)
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
        elif name == "confirmation":
            page.home.connect(self.go_home)
        else:
            page.leave.connect(self.go_home)
            page.resume_draft.connect(self.resume_draft)
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
    def volunteer_page(self) -> VolunteerPage:
        return self._page("volunteer")

    @property
    def help_overlay(self) -> HelpOverlay:
        return self._page("help")

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

    def store_ready(self) -> None:
        """The store opened after the first paint: now look for an interrupted draft."""
        if self.current_page() is self.home_page:
            self.home_page.refresh_recent()

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
        session = FormSessionView(self.services, form, draft=draft)
        session.finished.connect(self.form_finished)
        session.left.connect(self.go_home)
        session.closed.connect(self.go_home)
        session.help_requested.connect(self.show_help)
        from inclusion_app.ui.services.usage_recorder import recorder_for

        recorder_for(self.services).watch(session, resumed=draft is not None)
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
        self._pending_form = form
        self.services.tasks.run_db(lambda: store.get_draft(info.draft_id),
                                   on_done=self._open_draft)

    def _open_draft(self, draft: Any) -> None:
        form, self._pending_form = self._pending_form, None
        if draft is not None and form is not None:
            self.start_form(form, draft)

    def _form_for(self, info: Any) -> Any:
        return self.services.load_form(info.form_id)

    def form_finished(self, completed: Any) -> None:
        self.confirmation_page.show_completed(completed)
        self.show_page(self.confirmation_page)
        self._drop_session()

    def _drop_session(self) -> None:
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
