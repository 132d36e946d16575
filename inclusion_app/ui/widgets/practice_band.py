"""The practice band: under the top bar on every screen of practice, in words and colour.

A learner must never mistake practice for the real thing (or the real thing for practice):
while a practice form, the tutorial or the trainer's class mode is on screen, a band in a
colour no real screen uses says, in words, that nothing is kept or sent.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from inclusion_app.i18n import _
from inclusion_app.ui import theme


def is_practice(page: Any) -> bool:
    """A practice form's session, the tutorial, or a confirmation of practice."""
    if getattr(page, "PRACTICE", False):
        return True
    form = getattr(page, "form", None)
    if form is not None and getattr(form, "practice", False):
        return True
    completed = getattr(page, "completed", None)
    return bool(getattr(completed, "practice", False)) and getattr(page, "isVisible", lambda: True)()


class PracticeBand(QLabel):
    """Shown while `follow(page)` finds practice on screen; hidden otherwise."""

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setObjectName("practice_band")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.set_role(self, "practice")
        self._page: Any = None
        self.hide()

    def follow(self, page: Any) -> None:
        self._page = page
        self.retranslate()

    def retranslate(self) -> None:
        page = self._page
        in_practice = page is not None and is_practice(page)
        class_mode = bool(getattr(self.services, "class_mode", False))
        if class_mode:
            text = _("Class mode: everything here is practice. Nothing is kept or sent.")
        elif in_practice:
            text = _("Practice: nothing you type here is kept or sent.")
        else:
            text = ""
        self.setText(text)
        self.setAccessibleName(text)
        self.setVisible(bool(text))
