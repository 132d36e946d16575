"""Keyboard parity: Enter presses the focused button, as Space already does.

Qt presses a focused push button only with Space (Enter is kept for a dialog's default
button); people who use the keyboard expect Enter to work everywhere, so one app-wide
filter adds it. It acts only on a visible, enabled button receiving the key.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class EnterPressesButtons(QObject):
    """Install once with `install(parent)`; removed automatically when the parent goes."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QAbstractButton):
            return False
        key_event: QKeyEvent = event  # type: ignore[assignment]
        if key_event.key() not in ENTER_KEYS or key_event.isAutoRepeat():
            return False  # a key held down must not press the button again and again
        # Key events reach the widget with the keyboard focus, so no focus check is needed.
        if watched.isEnabled() and watched.isVisible():
            watched.click()
            return True
        return False


def install(parent: QObject) -> EnterPressesButtons:
    """Add Enter-to-press to the whole application for as long as `parent` lives."""
    keys = EnterPressesButtons(parent)
    app = QApplication.instance()
    if app is not None:
        app.installEventFilter(keys)
    return keys
