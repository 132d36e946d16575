"""Our own large-type file picker: USB sticks first, big rows, never a raw path on screen.

Qt's file dialog is small, full of paths and toolbars, and looks different on every system.
This one is a page: places first (USB sticks and memory cards, then a few folders of this
computer), then folders before files, only the kinds of file the caller can use, each row a
big target for a finger, a mouse or the keyboard (arrows move, Enter opens, Backspace goes
up, Escape cancels). Where you are is said in words: "USB stick KINGSTON › forms".

    picker = FilePicker(services, mode="open", extensions=(".xlsx", ".csv"),
                        title=lambda: _("Choose a form file"))
    picker.chosen.connect(lambda path: ...)      # a pathlib.Path
    picker.cancelled.connect(...)
    picker.start()                                # the places, each time it is shown

"save" mode: the person picks a folder, the file is named `suggested_name` (editable), and
`chosen` gets a path that does not exist yet: nothing is ever overwritten.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QBoxLayout, QButtonGroup, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from inclusion_app.i18n import _, format_date
from inclusion_app.ui import theme
from inclusion_app.ui.widgets import controls, file_places
from inclusion_app.ui.widgets.file_places import Entry, Place, place_title, size_words
from inclusion_app.ui.widgets.list_row import ListRow

WATCH_MS = 2000  # how often the places are looked at again, for a stick plugged in meanwhile


class FilePicker(QWidget):
    """A page that ends with `chosen(Path)` or `cancelled()`."""

    chosen = Signal(object)
    cancelled = Signal()

    def __init__(self, services: Any, *, mode: str = "open", extensions: Iterable[str] = (),
                 title: str | Callable[[], str] = "", suggested_name: str = "",
                 media_roots: Iterable[Path] | None = None, home: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.services = services
        self.mode = mode
        self.extensions = tuple(e if e.startswith(".") else f".{e}" for e in extensions)
        self._title = title
        self.media_roots = None if media_roots is None else list(media_roots)
        self.home = home
        self.place: Place | None = None
        self.folder: Path | None = None
        self.selected: Path | None = None
        self.rows: list[ListRow] = []
        self._seen_places: list[Place] = []
        self.group = QButtonGroup(self)
        column = QVBoxLayout(self)
        self.heading = controls.heading("")
        self.where = controls.label("", "subheading")
        self.where.setObjectName("picker_where")
        self.message = controls.label("", "hint")
        self.message.setObjectName("picker_message")
        self.places_button = self._button("picker_places", "secondary", "usb", self.show_places)
        self.up_button = self._button("picker_up", "secondary", "back", self.up)
        nav = self.nav = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        nav.addWidget(self.up_button)
        nav.addWidget(self.places_button)
        nav.addStretch(1)
        # Everything but the last row scrolls: at the largest text on a 1024x600 screen the
        # heading and the buttons above the list would otherwise leave no room for the list.
        self.body = QWidget()
        self.body_column = QVBoxLayout(self.body)
        self.body_column.setContentsMargins(0, 0, 0, 0)
        self.body_column.addStretch(1)
        page = QWidget()
        page_column = QVBoxLayout(page)
        page_column.setContentsMargins(0, 0, 0, 0)
        self.scroll = controls.scroll_area(page)
        self.name_label = controls.label("", "body")
        self.name_field = QLineEdit(suggested_name)
        self.name_field.setObjectName("picker_name")
        theme.set_role(self.name_field, "field")
        self.name_field.textChanged.connect(lambda _t: self._update_choose())
        self.name_label.setBuddy(self.name_field)
        self.cancel_button = self._button("picker_cancel", "secondary", None, self.cancelled)
        self.choose_button = self._button("picker_choose", "primary", "continue", self.choose)
        bottom = QHBoxLayout()
        bottom.addWidget(self.cancel_button)
        bottom.addStretch(1)
        bottom.addWidget(self.choose_button)
        for w in (self.heading, self.where):
            page_column.addWidget(w)
        page_column.addLayout(nav)
        page_column.addWidget(self.message)
        page_column.addWidget(self.body, 1)
        for w in (self.name_label, self.name_field):
            page_column.addWidget(w)
            w.setVisible(mode == "save")
        column.addWidget(self.scroll, 1)
        column.addLayout(bottom)
        self.watch = QTimer(self, interval=WATCH_MS, timeout=self._look_again)
        services.language_changed.connect(lambda _lang: self._redraw())
        services.theme_changed.connect(self._restyle)
        self.retranslate()
        self._restyle()

    def _button(self, name: str, role: str, icon: str | None, action: Any) -> Any:
        button = controls.button("", role, "", icon)
        button.setObjectName(name)
        button.clicked.connect(action)
        return button

    # -- texts ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        title = self._title() if callable(self._title) else self._title
        controls.set_heading(self.heading, title or (
            _("Choose a file") if self.mode == "open" else _("Choose where to save")))
        controls.retitle(self.places_button, _("USB sticks and folders"),
                         _("Go back to the list of USB sticks and folders"))
        controls.retitle(self.up_button, _("Up one folder"), _("Go to the folder that holds this one"))
        controls.retitle(self.cancel_button, _("Cancel"), _("Close without choosing a file"))
        if self.mode == "open":
            controls.retitle(self.choose_button, _("Use this file"), _("Use the chosen file"))
        else:
            controls.retitle(self.choose_button, _("Save here"),
                             _("Save the file in the folder shown"))
        self.name_label.setText(_("File name"))
        self.name_field.setAccessibleName(_("File name"))

    def _redraw(self) -> None:
        self.retranslate()
        if self.folder is None:
            self.show_places()
        else:
            self.open_folder(self.folder)

    def _restyle(self) -> None:
        m = self.services.metrics
        controls.restyle(self, m.step, self.services.settings.high_contrast)
        # Side by side while the words fit; one above the other at the large sizes.
        self.nav.setDirection(QBoxLayout.Direction.LeftToRight if m.step <= 2
                              else QBoxLayout.Direction.TopToBottom)

    # -- where we are -----------------------------------------------------------------------
    def start(self) -> None:
        """Begin at the places (a picker shown again starts afresh)."""
        self.selected = None
        self.show_places()

    def places(self) -> list[Place]:
        return (file_places.removable_places(self.media_roots)
                + file_places.computer_places(self.home))

    def show_places(self) -> None:
        self.place, self.folder, self.selected = None, None, None
        found = self.places()
        self._seen_places = found
        self.where.setText(_("Where is the file?") if self.mode == "open"
                           else _("Where should it be saved?"))
        sticks = [p for p in found if p.removable]
        self.message.setText("" if sticks else
                             _("No USB stick found. Plug one in: it will appear here."))
        self.message.setVisible(not sticks)
        self._fill([self._place_row(p) for p in found])
        self.up_button.hide()
        self.places_button.hide()
        self._update_choose()

    def _place_row(self, place: Place) -> ListRow:
        detail = (_("USB stick or memory card") if place.removable else _("On this computer"))
        row = self._row(place_title(place), detail, "usb" if place.removable else "computer")
        row.clicked.connect(lambda _c=False, p=place: self.open_place(p))
        return row

    def open_place(self, place: Place) -> None:
        self.place = place
        self.open_folder(place.path)

    def open_folder(self, folder: Path) -> None:
        if self.place is None:
            return
        self.folder, self.selected = folder, None
        listing = file_places.list_folder(folder, self.extensions or None)
        crumbs = [place_title(self.place), *file_places.trail(self.place, folder)]
        self.where.setText(" › ".join(crumbs))
        self.where.setAccessibleName(_("Now in: {where}").format(where=", ".join(crumbs)))
        rows = [self._entry_row(e) for e in listing.entries]
        if listing.problem:
            text = _("This folder cannot be opened. If it is on a USB stick, check that it is "
                     "still plugged in.")
        elif self.mode == "save" and not os.access(folder, os.W_OK):
            text = _("Nothing can be saved here. Choose another folder or USB stick.")
        elif not listing.entries and self.extensions and self.mode == "open":
            text = _("No usable file here. Files ending in {kinds} are shown.").format(
                kinds=", ".join(self.extensions))
        elif listing.more:
            text = _("And {count} more not shown here.").format(count=listing.more)
        else:
            text = ""
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self._fill(rows)
        self.up_button.setVisible(folder != self.place.path)
        self.places_button.show()
        self._update_choose()

    def up(self) -> None:
        if self.place is None or self.folder is None or self.folder == self.place.path:
            self.show_places()
        else:
            self.open_folder(self.folder.parent)

    def _entry_row(self, entry: Entry) -> ListRow:
        if entry.is_dir:
            row = self._row(entry.name, _("Folder"), "folder")
            row.clicked.connect(lambda _c=False, p=entry.path: self.open_folder(p))
            return row
        when = format_date(_dt.date.fromtimestamp(entry.mtime), "medium")
        row = self._row(entry.name, f"{size_words(entry.size)} · {when}", "file",
                        checkable=self.mode == "open")
        if self.mode == "open":
            self.group.addButton(row)
            row.clicked.connect(lambda _c=False, e=entry: self._pick(e.path))
        else:
            row.setEnabled(False)  # shown so a person sees what is there; not a target
        return row

    def _row(self, title: str, detail: str, icon_name: str, checkable: bool = False) -> ListRow:
        m = self.services.metrics
        return ListRow(title, detail, icon_name, checkable, m.step,
                       self.services.settings.high_contrast)

    def _fill(self, rows: list[ListRow]) -> None:
        for row in self.rows:
            if row.isCheckable():
                self.group.removeButton(row)
            row.setParent(None)
            row.deleteLater()
        self.rows = rows
        for i, row in enumerate(rows):
            row.setObjectName(f"picker_row_{i}")
            row.installEventFilter(self)
            self.body_column.insertWidget(i, row)
            row.show()
        self.scroll.verticalScrollBar().setValue(0)
        if rows and self.isVisible():
            rows[0].setFocus(Qt.FocusReason.OtherFocusReason)

    # -- choosing -----------------------------------------------------------------------------
    def _pick(self, path: Path) -> None:
        if self.selected == path:  # a second press on the chosen file: use it
            self.choose()
            return
        self.selected = path
        self._update_choose()

    def target(self) -> Path | None:
        """What `choose()` would give now, or None."""
        if self.mode == "open":
            return self.selected
        return file_places.save_target(self.folder, self.name_field.text(), self.extensions)

    def _update_choose(self) -> None:
        # Hidden rather than greyed: a greyed main button reads badly and explains nothing.
        self.choose_button.setVisible(self.target() is not None)

    def choose(self) -> None:
        path = self.target()
        if path is not None:
            self.chosen.emit(path)

    # -- watching for a stick, keys -------------------------------------------------------------
    def _look_again(self) -> None:
        if self.folder is None and self.places() != self._seen_places:
            self.show_places()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.watch.start()
        if self.rows:
            self.rows[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.watch.stop()
        super().hideEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.cancelled.emit()
        elif key == Qt.Key.Key_Backspace and not self.name_field.hasFocus():
            self.up()
        else:
            super().keyPressEvent(event)

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 - Qt's name
        """Up and Down move between rows (the scroller would otherwise take them)."""
        if (event.type() == QEvent.Type.KeyPress and watched in self.rows
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up)):
            i = self.rows.index(watched) + (1 if event.key() == Qt.Key.Key_Down else -1)
            if 0 <= i < len(self.rows):
                self.rows[i].setFocus(Qt.FocusReason.TabFocusReason)
                self.scroll.ensureWidgetVisible(self.rows[i])
            return True
        return super().eventFilter(watched, event)
