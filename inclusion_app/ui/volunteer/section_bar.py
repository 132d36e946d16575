"""The row of big buttons along the top of the volunteer corner: one per part of the corner.

The chosen part is checked (a border and colour, and "selected" in its accessible name), so a
newcomer always sees where they are and where else they can go. At the large text sizes the
buttons wrap onto a second row instead of being cut off.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QPushButton, QWidget

from inclusion_app.i18n import _
from inclusion_app.ui.widgets import controls

# (key, icon): the words come from `titles()` so they follow the language.
SECTIONS = (("outbox", "continue"), ("servers", "computer"), ("forms", "form"),
            ("settings", "settings"), ("statistics", "book_service"))


def titles() -> dict[str, tuple[str, str]]:
    """Visible words and description of each part, in the current language."""
    return {
        "outbox": (_("Saved and finished"), _("Saved forms and finished forms waiting to be sent")),
        "servers": (_("Servers"), _("Where finished forms are sent")),
        "forms": (_("Forms"), _("Add forms from a USB stick, show or hide them")),
        "settings": (_("Settings"), _("Language, voice, text size, keeping and the PIN")),
        "statistics": (_("Statistics"), _("How often forms are used and where people stop")),
    }


class SectionBar(QWidget):
    """Emits `chosen(key)`; `select(key)` checks a button without emitting.

    At the large text sizes five buttons would fill a small screen, so the bar folds into one
    button naming the part that is open; pressing it emits `menu_requested` and the corner
    lists the parts as big rows (`SectionMenu`)."""

    chosen = Signal(str)
    menu_requested = Signal()

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QPushButton] = {}
        for key, icon in SECTIONS:
            # Toolbar-sized: the bar stays small at the largest text on a 1024x600 screen,
            # leaving the room to the part that is open; the chosen one is bordered and bold.
            b = controls.button("", "toolbar", "", icon)
            b.setCheckable(True)
            b.setObjectName(f"section_{key}")
            b.clicked.connect(self._emit(key))
            self.group.addButton(b)
            self.buttons[key] = b
        self.buttons["outbox"].setChecked(True)
        self.current = "outbox"
        self.menu_button = controls.button("", "toolbar", "", "settings")
        self.menu_button.setObjectName("section_menu")
        self.menu_button.clicked.connect(self.menu_requested)
        self.retranslate()
        self.arrange()

    def _emit(self, key: str) -> Callable[..., None]:
        return lambda _checked=False: self.chosen.emit(key)

    def retranslate(self) -> None:
        for key, (text, description) in titles().items():
            controls.retitle(self.buttons[key], text, description)
        controls.retitle(self.menu_button, _("Now: {part}. Other parts").format(
            part=titles()[self.current][0]), _("Show every part of the volunteer corner"))

    @property
    def compact(self) -> bool:
        return self.services.metrics.step >= 3

    def arrange(self) -> None:
        """All in one row at small sizes, three to a row at middle sizes, one button above."""
        step = self.services.metrics.step
        columns = len(SECTIONS) if step <= 1 else 3
        for i, (key, _icon) in enumerate(SECTIONS):
            self.grid.addWidget(self.buttons[key], i // columns, i % columns)
            self.buttons[key].setVisible(not self.compact)
        self.grid.addWidget(self.menu_button, 2, 0, 1, columns)
        self.menu_button.setVisible(self.compact)

    def select(self, key: str) -> None:
        self.current = key
        self.buttons[key].setChecked(True)
        self.retranslate()


class SectionMenu(QWidget):
    """Every part of the corner as a big row, for the folded bar at the large text sizes."""

    chosen = Signal(str)

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QVBoxLayout

        from inclusion_app.ui.widgets.list_row import ListRow

        m = services.metrics
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        outer.addWidget(controls.scroll_area(body))  # five big rows outgrow a small screen
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        self.rows: dict[str, ListRow] = {}
        for key, icon in SECTIONS:
            row = ListRow("", "", icon, step=m.step, high_contrast=services.settings.high_contrast)
            row.setObjectName(f"menu_{key}")
            row.clicked.connect(self._emit(key))
            column.addWidget(row)
            self.rows[key] = row
        column.addStretch(1)
        self.retranslate()

    def _emit(self, key: str) -> Callable[..., None]:
        return lambda _checked=False: self.chosen.emit(key)

    def retranslate(self) -> None:
        for key, (text, description) in titles().items():
            self.rows[key].retitle(text, description)
