"""Speak on focus, hover or touch: reads a control's name aloud for people who cannot read it."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget


class Voice(Protocol):
    """What the reader needs of the speech service (a protocol, so the two never import each other)."""

    settings: Any
    enabled: bool
    language: str

    def speak_text(self, text: str, lang: str, cacheable: bool = True) -> None: ...


class FocusReader(QObject):
    """App-wide event filter: names of controls under `root` are read on focus, hover or touch.

    Only when settings.speak_on_focus is on. Names are read, never the values typed into
    fields, and never cached (a label may quote an answer).
    """

    _EVENTS = (QEvent.Type.FocusIn, QEvent.Type.Enter, QEvent.Type.TouchBegin)

    def __init__(self, service: Voice, root: QObject) -> None:
        super().__init__(service)
        self._service = service
        self._root = root
        self._last: QObject | None = None
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind in self._EVENTS and isinstance(watched, QWidget):
            self._maybe_read(watched)
        elif kind == QEvent.Type.Leave and watched is self._last:
            self._last = None  # coming back to it later reads it again
        return False

    def _maybe_read(self, widget: QWidget) -> None:
        settings = self._service.settings
        if not settings.speak_on_focus or not self._service.enabled or widget is self._last:
            return
        root = self._root
        if not isinstance(root, QWidget) or not (widget is root or root.isAncestorOf(widget)):
            return
        text = spoken_name(widget)
        if text:
            self._last = widget
            self._service.speak_text(text, self._service.language, cacheable=False)


def spoken_name(widget: QWidget) -> str:
    """A button's or choice card's accessible name, else a button's own text."""
    name = widget.accessibleName().strip()
    if name:
        return name
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "").strip()
    return ""
