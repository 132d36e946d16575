"""Home: one large tile per installed service form, and nothing else competing for attention.

The screen is shared by everyone who comes to the kiosk, so it never shows anything of a
saved draft: no name, no answer, not even which form. "Continue a saved form" is always
there, and asks for the code the person was given when they saved (code_page.py).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QVBoxLayout,
    QWidget,
)

from inclusion_app.i18n import _
from inclusion_app.ui import theme
from inclusion_app.ui.resident import visit_tiles
from inclusion_app.ui.services import storage_notices
from inclusion_app.ui.services.app_services import AppServices
from inclusion_app.ui.widgets import controls
from inclusion_app.ui.widgets.page_frame import PageFrame

TILE_PX = 280  # a tile's comfortable width at the smallest text; grows with the text


def form_of(entry: Any) -> Any:
    """The loaded form of a catalog entry (the loader may wrap it with its path)."""
    return getattr(entry, "form", entry)


def usable_forms(catalog: list[Any]) -> list[Any]:
    """Loaded forms in catalog order; a broken one is left to the volunteer, and an imported
    form replaces a shipped one with the same id (the volunteer imported it on purpose)."""
    by_id: dict[str, Any] = {}
    for entry in catalog:
        form = form_of(entry)
        if form is not None and getattr(form, "form_id", None):
            by_id[form.form_id] = form
    return list(by_id.values())


def form_title(form: Any, lang: str) -> str:
    try:
        return str(form.title(lang))
    except Exception:  # a form without a title in this language still gets a tile
        return str(getattr(form, "form_id", "?"))


class HomePage(PageFrame):
    """Emits form_chosen(form_id), code_requested() or volunteer_requested().

    The tiles scroll; the Volunteer button sits in the fixed bar below them."""

    form_chosen = Signal(object)
    code_requested = Signal()
    bundle_chosen = Signal(object)  # a life-event bundle's id (ui/resident/visit_tiles.py)
    volunteer_requested = Signal()
    tutorial_requested = Signal()  # class mode only: the guided lesson

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent, services.metrics.step)
        self.services = services
        self.tiles: dict[str, controls.Tile] = {}
        self._built_columns = 0
        body = QWidget()
        self.set_body(body)
        self.more_below.connect(lambda text: services.say("speak_after", text, services.language))
        self.layout_ = QVBoxLayout(body)
        self.heading = controls.heading("")
        self.hint = controls.label("", "hint")
        self.problem = controls.label("", "error")
        self.problem.hide()
        # The same for everyone, whether or not anything is saved: it gives nothing away.
        self.resume = controls.Tile("", "", "form")
        self.resume.setObjectName("resume")
        self.resume.clicked.connect(self.code_requested)
        self.grid = QGridLayout()
        self.volunteer = controls.button("", "small", "", "volunteer")
        self.volunteer.setObjectName("volunteer")
        self.volunteer.clicked.connect(self.volunteer_requested)
        self.add_action_stretch()
        self.add_action(self.volunteer)
        self.layout_.addWidget(self.heading)
        self.layout_.addWidget(self.hint)
        self.layout_.addWidget(self.problem)
        self.layout_.addLayout(self.grid)
        self.layout_.addStretch(1)
        self._shown_forms: tuple[Any, ...] = ()
        self.rebuild()
        # The volunteer corner hides a form or adds one: draw the tiles again if they changed.
        services.settings_changed.connect(self._forms_may_have_changed)

    def rebuild(self) -> None:
        """(Re)make the tiles for the current language, text size and installed forms."""
        m = self.services.metrics
        self.layout_.setContentsMargins(m.spacing_px * 2, m.spacing_px, m.spacing_px * 2,
                                        m.spacing_px)
        self.layout_.setSpacing(m.spacing_px)
        self.grid.setSpacing(m.spacing_px)
        self.restyle_frame(m.step)
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None and item.widget() is not self.resume:
                item.widget().deleteLater()
        self.tiles.clear()
        lang = self.services.language
        hc = self.services.settings.high_contrast
        columns = self._columns()
        self._built_columns = columns
        shown = self.shown_tiles()
        self._shown_forms = self._forms_key()
        first_row = visit_tiles.add_tiles(self, columns)  # one visit, several services
        for i, entry in enumerate(shown):
            title = form_title(entry, lang)
            tile = controls.Tile(title, _("Start: %s") % title, entry.form_id, m.step, hc)
            tile.setObjectName(f"tile_{entry.form_id}")
            tile.clicked.connect(lambda _c=False, f=entry.form_id: self.form_chosen.emit(f))
            self.grid.addWidget(tile, first_row + i // columns, i % columns)
            tile.show()  # at once, not on the next turn of the loop (a rebuild on resize)
            self.tiles[entry.form_id] = tile
        self.tutorial_tile = None
        if getattr(self.services, "class_mode", False):  # a trainer's class: the lesson too
            title = _("Learn to use this computer")
            tile = controls.Tile(title, _("A short lesson, one step at a time"), "help", m.step, hc)
            tile.setObjectName("tile_tutorial")
            tile.clicked.connect(self.tutorial_requested)
            self.grid.addWidget(tile, first_row + len(self.tiles) // columns, len(self.tiles) % columns)
            self.tutorial_tile = tile
        # after the forms (and the lesson), in the grid's next cell: often a free one
        n = len(self.tiles) + (self.tutorial_tile is not None)
        self.grid.addWidget(self.resume, first_row + n // columns, n % columns)
        self.retranslate()

    def shown_tiles(self) -> list[Any]:
        """The services for residents: not those the volunteer hid, and practice forms only
        while a trainer runs a class."""
        teaching = bool(getattr(self.services, "class_mode", False))
        hidden = set(self.services.settings.hidden_forms or ())
        return [e for e in self.services.tiles if e.form_id not in hidden
                and (teaching or not getattr(e, "practice", False))]

    def _columns(self) -> int:
        """As many tiles to a row as fit the width at this text size (1 to 4), so no tile is
        cut off on a 1024 px screen and a wide screen is not one long row."""
        m = self.services.metrics
        tile = round(TILE_PX * m.body_pt / theme.BODY_PT[0])
        # The page's own width, less a scroll bar: in resizeEvent the scroll area inside has
        # not been laid out to the new size yet, so its viewport still has the old width.
        width = self.width() - self.scroll.verticalScrollBar().sizeHint().width() - m.spacing_px * 4
        if width <= 0:
            width = 1024 - m.spacing_px * 4
        return max(1, min(4, (width + m.spacing_px) // (tile + m.spacing_px)))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self._columns() != self._built_columns:
            self.rebuild()  # the same tiles in as many columns as now fit
            self.settle_layout()

    def _forms_key(self) -> tuple[Any, ...]:
        hidden = tuple(sorted(self.services.settings.hidden_forms or ()))
        return hidden, tuple(entry.form_id for entry in self.services.tiles)

    def _forms_may_have_changed(self) -> None:
        if self._forms_key() != self._shown_forms:
            self.rebuild()

    def retranslate(self) -> None:
        controls.set_heading(self.heading, _("What would you like to do today?"))
        # The promise names the button that sends: "Send my ..." on check your answers.
        self.hint.setText(_("Choose what you need. Nothing is sent until you press “Send”."))
        controls.retitle(self.volunteer, _("Volunteer"),
                         _("For volunteers only: saved forms and sending"))
        self.retranslate_frame()
        self._show_resume()
        storage_notices.decorate_home(self)  # a calm sentence or the volunteer's mark, if any

    def show_problem(self, text: str) -> None:
        """Say in words (and aloud) why nothing happened; it goes when home is next shown."""
        self.problem.setText(text)
        self.problem.show()
        self.services.say("speak_error", text, self.services.language)

    def _show_resume(self) -> None:
        self.resume.retitle(_("Continue a saved form"),
                            _("Type the code you were given to open the form you saved"))
        self.resume.restyle(self.services.metrics.step, self.services.settings.high_contrast)

    def greeting(self) -> str:
        """What the home screen says when a person arrives (the program's own words)."""
        return f"{self.heading.plain_text()} {self.hint.plain_text()}"

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.problem.hide()
        self.heading.setFocus(Qt.FocusReason.OtherFocusReason)
        self.reset_view()
        # Saying the home screen also replaces what "Read again" would repeat: the last
        # person's reference code must not be read out to the next one.
        self.services.say("speak_text", self.greeting(),
                          self.services.language, cacheable=True)  # the program's own words
