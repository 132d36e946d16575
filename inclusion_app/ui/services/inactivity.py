"""Notices when nobody has touched the kiosk for a while during a form.

A person who walks away mid-form must not leave their answers on screen for the next one.
An app-wide event filter restarts a timer on every key, click, touch or wheel; after
`settings.inactivity_minutes` without any (only while armed: during a form) it emits `idle`.
The "Are you still there?" page then gives at least two minutes (WCAG 2.2.1) before `gone`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin,
    QEvent.Type.Wheel, QEvent.Type.TabletPress, QEvent.Type.InputMethod,
})


class InactivityWatch(QObject):
    """`arm()` while a form is on screen, `disarm()` otherwise. `idle` after the quiet period;
    while asking (`ask()`), any input emits `answered`, and silence emits `gone`."""

    idle = Signal()
    answered = Signal()
    gone = Signal()

    minute_ms = 60_000  # tests shorten the clock, never the rules
    answer_ms = 150_000  # 2.5 minutes to answer "are you still there?" (at least 2, WCAG 2.2.1)

    def __init__(self, settings: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.armed = self.asking = False
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.timeout.connect(self._went_quiet)
        self._answer = QTimer(self)
        self._answer.setSingleShot(True)
        self._answer.timeout.connect(self._no_answer)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def arm(self) -> None:
        """A form is on screen: start (or restart) the quiet period, if the centre wants one."""
        minutes = int(getattr(self.settings, "inactivity_minutes", 0) or 0)
        self.armed = minutes > 0
        if self.armed:
            self._quiet.start(minutes * self.minute_ms)
        else:
            self._quiet.stop()

    def disarm(self) -> None:
        self.armed = self.asking = False
        self._quiet.stop()
        self._answer.stop()

    def ask(self) -> None:
        """The question is on screen: wait for any input, or for the answer time to pass."""
        self.asking = True
        self._answer.start(self.answer_ms)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in INPUT_EVENTS:
            if self.asking:
                self.asking = False
                self._answer.stop()
                self.answered.emit()
            elif self.armed:
                self._quiet.start()  # same interval again
        return False

    def _went_quiet(self) -> None:
        if self.armed and not self.asking:
            self.idle.emit()

    def _no_answer(self) -> None:
        if self.asking:
            self.asking = self.armed = False
            self.gone.emit()

    def shutdown(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.disarm()
