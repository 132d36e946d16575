"""What every part of the volunteer corner shares: a heading and a line under it, a scroller
holding the part's own controls, and a way to say a result aloud when the voice is on."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLayout, QVBoxLayout, QWidget

from inclusion_app.ui.widgets import controls


def form_choices(services: Any) -> list[tuple[str, str]]:
    """(form id, title in the current language) of every installed form, practice included,
    an imported copy replacing a shipped one; broken forms have their own list."""
    found: dict[str, str] = {}
    for entry in services.catalog:
        if getattr(entry, "broken", False) or not getattr(entry, "form_id", None):
            continue
        try:
            title = str(entry.title(services.language))
        except Exception:  # noqa: BLE001 - a form without a title here still has its id
            title = entry.form_id
        found[entry.form_id] = title
    return list(found.items())


class Panel(QWidget):
    """Subclasses add controls with `add`, `add_row` and `add_box`; `refresh()` when shown,
    `clear()` when the corner locks, `retranslate()` when the language changes.
    `show_picker(picker)` puts a file picker in the panel's place; `picking(bool)` tells the
    corner, which then hides its section bar to leave the picker the room."""

    picking = Signal(bool)

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.active = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.body = QWidget()
        self.column = QVBoxLayout(self.body)
        self.column.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.title = controls.label("", "subheading")
        self.hint = controls.label("", "hint")
        self.column.addWidget(self.title)
        self.column.addWidget(self.hint)
        self.column.addStretch(1)  # spare height below everything, never between the rows
        self.scroll = controls.scroll_area(self.body)
        outer.addWidget(self.scroll, 1)

    def set_title(self, title: str, hint: str = "") -> None:
        self.title.setText(title)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))

    def add(self, widget: QWidget) -> Any:
        self.column.insertWidget(self.column.count() - 1, widget)
        return widget

    def add_row(self, *widgets: QWidget) -> QHBoxLayout:
        """Buttons side by side at their own size, from the left."""
        row = QHBoxLayout()
        for w in widgets:
            row.addWidget(w)
        row.addStretch(1)
        self.column.insertLayout(self.column.count() - 1, row)
        return row

    def add_box(self) -> QWidget:
        """A container whose rows a subclass replaces on every refresh."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.add(box)
        return box

    def put(self, box: QWidget, widget: QWidget) -> Any:
        """Add to a box and show at once (Qt shows it only a loop turn later otherwise)."""
        box.layout().addWidget(widget)
        widget.show()
        return widget

    def clear_box(self, box: QWidget) -> None:
        layout = box.layout()
        while layout.count():
            _drop_item(layout.takeAt(0))

    def restyle(self) -> None:
        m = self.services.metrics
        controls.restyle(self, m.step, self.services.settings.high_contrast)

    def show_picker(self, picker: QWidget) -> None:
        if picker.parentWidget() is not self:
            self.layout().addWidget(picker, 1)
        self.scroll.hide()
        picker.show()
        self.picking.emit(True)

    def hide_picker(self, picker: QWidget | None) -> None:
        if picker is not None:
            picker.hide()
        self.scroll.show()
        self.picking.emit(False)

    def say(self, text: str) -> None:
        self.services.say("speak_text", text, self.services.language)

    def clear(self) -> None:
        self.active = False

    def refresh(self) -> None:
        self.active = True


def _drop_item(item: Any) -> None:
    widget = item.widget()
    if widget is not None:
        widget.hide()
        widget.deleteLater()
    elif item.layout() is not None:
        inner = item.layout()
        while inner.count():
            _drop_item(inner.takeAt(0))
