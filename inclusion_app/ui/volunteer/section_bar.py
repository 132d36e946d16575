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
    """Emits `chosen(key)`; `select(key)` checks a button without emitting."""

    chosen = Signal(str)

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
        self.retranslate()
        self.arrange()

    def _emit(self, key: str) -> Callable[..., None]:
        return lambda _checked=False: self.chosen.emit(key)

    def retranslate(self) -> None:
        for key, (text, description) in titles().items():
            controls.retitle(self.buttons[key], text, description)

    def arrange(self) -> None:
        """All in one row at small sizes; three, then two to a row as the text grows."""
        step = self.services.metrics.step
        columns = len(SECTIONS) if step <= 1 else 3
        for i, (key, _icon) in enumerate(SECTIONS):
            self.grid.addWidget(self.buttons[key], i // columns, i % columns)

    def select(self, key: str) -> None:
        self.buttons[key].setChecked(True)
