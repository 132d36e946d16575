"""Is a control on screen without scrolling? Its rectangle inside the window and inside the
visible part of every scroll area above it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

# Screens a community centre has: netbook/touch panel, small laptop, laptop, monitor.
SCREENS = ((1024, 600), (1280, 720), (1366, 768), (1920, 1080))


def settle(window: QWidget) -> None:
    """Let layouts and deferred updates run (twice: a layout may trigger another)."""
    for _ in range(3):
        QApplication.processEvents()


def rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    top_left = widget.mapTo(ancestor, QPoint(0, 0))
    return QRect(top_left, widget.size())


def answer_starts_in_view(widget: QWidget, window: QWidget, px: int = 64) -> bool:
    """At least the top `px` of an answer field (a whole card, a box) can be seen."""
    top = rect_in(widget, window)
    top.setHeight(min(px, widget.height()))
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            view = parent.viewport()
            if not QRect(view.mapTo(window, QPoint(0, 0)), view.size()).contains(top):
                return False
        parent = parent.parentWidget()
    return window.rect().contains(top)


def why_not_in_view(widget: QWidget, window: QWidget) -> str:
    """"" when the whole widget is visible without scrolling, else what hides it."""
    name = widget.objectName() or type(widget).__name__
    if not widget.isVisible():
        return f"{name} is not visible"
    rect = rect_in(widget, window)
    if not window.rect().contains(rect):
        return f"{name} at {rect.getRect()} leaves the window {window.rect().getRect()}"
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            view = parent.viewport()
            seen = QRect(view.mapTo(window, QPoint(0, 0)), view.size())
            if not seen.contains(rect):
                return (f"{name} at {rect.getRect()} is outside the visible part "
                        f"{seen.getRect()} of a scroll area")
        parent = parent.parentWidget()
    return ""
