"""The volunteer's corner behind a PIN: saved drafts to resume or delete, and the outbox states.

Kept minimal on purpose (a later issue grows it). Nothing typed here can choose a PIN: it is
set by whoever installs the computer (`inclusion_app.volunteer_pin`: the command line or the
set-up window). Until then the corner says it is locked and how to get a PIN, and opens
nothing. Wrong PINs slow down; the check (a slow hash) runs off the GUI thread.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from inclusion_app import volunteer_pin
from inclusion_app.i18n import _
from inclusion_app.ui import theme
from inclusion_app.ui.services.app_services import AppServices
from inclusion_app.ui.volunteer.class_panel import ClassPanel
from inclusion_app.ui.volunteer.corner_sections import CornerSections
from inclusion_app.ui.volunteer.outbox_panel import OutboxPanel, WrappedBody
from inclusion_app.ui.volunteer.pull_panel import PullPanel
from inclusion_app.ui.widgets import controls
from inclusion_app.ui.widgets.error_box import ErrorBox


class VolunteerPage(QWidget):
    """Emits resume_draft(DraftInfo) or leave()."""

    resume_draft = Signal(object)
    leave = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.services = services
        self.unlocked = False
        self.checking = False
        self.locked = not volunteer_pin.pin_is_set(services.paths)  # no PIN set yet
        outer = QVBoxLayout(self)
        self.outer = outer
        self.heading = controls.heading("")
        self.message = controls.label("", "hint")
        self.message.setObjectName("volunteer_message")
        self.error = ErrorBox()
        self.error.setObjectName("volunteer_error")
        self.pin = QLineEdit()
        theme.set_role(self.pin, "field")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(volunteer_pin.MAX_LENGTH)
        self.pin.setObjectName("volunteer_pin")
        self.pin.returnPressed.connect(self.submit_pin)
        self.ok_button = controls.button("", "primary", "", "continue")
        self.ok_button.setObjectName("volunteer_ok")
        self.ok_button.clicked.connect(self.submit_pin)
        self.back_button = controls.button("", "secondary", "", "home")
        self.back_button.setObjectName("volunteer_back")
        self.back_button.clicked.connect(self.leave)
        self.listing = QWidget()
        self.list_layout = QVBoxLayout(self.listing)
        # The outbox panel (uploads, storage notices) sits beside the drafts in one scroller.
        self.outbox = OutboxPanel(services)
        self.class_panel = ClassPanel(services)  # helping and teaching (main window wires it)
        # Forms from the server; a pull may queue held-back submissions again: show the outbox anew.
        self.forms = PullPanel(services, on_done=self.outbox.refresh)
        body = WrappedBody()
        body_column = QVBoxLayout(body)
        body_column.addWidget(self.outbox.banner)
        body_column.addWidget(self.class_panel)
        body_column.addWidget(self.listing)
        body_column.addWidget(self.outbox)
        body_column.addStretch(1)  # spare height below everything, not inside the drafts list
        # Height follows the wrapped text at the real width, not the narrow-width minimum
        # (which left a screen of blank space under the list at the largest text).
        body_column.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.scroll = controls.scroll_area(body)
        # Servers, forms, settings and statistics sit beside this listing, behind a bar; the
        # server pull (self.forms) lives in the forms part.
        self.corner = CornerSections(services, self.scroll, forms_pull=self.forms)
        self.corner.section_changed.connect(self._section_changed)
        self.corner.hide()
        # Until a PIN is set: how to get one, in a scroller of its own (long at 44 pt)
        self.locked_note = controls.label("", "body")
        self.locked_note.setObjectName("volunteer_locked")
        self.locked_scroll = controls.scroll_area(self.locked_note)
        for w in (self.heading, self.message, self.error, self.pin):
            outer.addWidget(w)
        outer.addWidget(self.corner, 1)
        outer.insertWidget(outer.indexOf(self.corner), self.locked_scroll, 1)
        outer.addStretch(0)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.ok_button)
        outer.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        m = self.services.metrics
        self.outer.setContentsMargins(m.spacing_px * 2, m.spacing_px, m.spacing_px * 2,
                                      m.spacing_px // 2)
        controls.set_heading(self.heading, _("Volunteers only"))
        self.locked_note.setText(_(
            "The volunteer corner is locked: no volunteer PIN has been set on this "
            "computer yet. Ask the person who installed this computer to set a volunteer "
            "PIN in the set-up program."))
        self.locked_scroll.setVisible(self.locked)
        if self.locked:
            self.message.setText(_("Nothing can be opened here yet."))
        elif not self.unlocked:
            self.message.setText(_("Type the volunteer PIN."))
        self.pin.setVisible(not self.locked and not self.unlocked)
        self.ok_button.setVisible(not self.locked and not self.unlocked)
        self.pin.setAccessibleName(_("Volunteer PIN"))
        self.pin.setAccessibleDescription(_("Digits only"))
        controls.retitle(self.ok_button, _("Open"), _("Check the PIN and open"))
        controls.retitle(self.back_button, _("Back to start"), _("Leave the volunteer corner"))
        self.outbox.retranslate()
        self.corner.retranslate()
        self.class_panel.retranslate()
        self.forms.retranslate()

    def reset(self) -> None:
        """Lock again and forget the listing (called whenever the page is left)."""
        self.unlocked = False
        self.checking = False
        self.locked = not volunteer_pin.pin_is_set(self.services.paths)  # set meanwhile?
        self.pin.clear()
        self.error.clear()
        self.corner.hide()
        self.corner.reset()
        self.heading.show()
        self.message.show()
        self._clear_listing()
        self.outbox.clear()
        self.forms.clear()
        self.retranslate()

    def submit_pin(self) -> None:
        """Check the PIN on the database worker (a slow hash must not freeze the window)."""
        if self.locked or self.unlocked or self.checking:
            return
        pin = self.pin.text().strip()
        self.pin.clear()
        paths = self.services.paths
        self.checking = True
        self.services.tasks.run_db(lambda: volunteer_pin.check_pin(paths, pin),
                                   on_done=self._pin_checked, on_error=self._pin_failed)

    def _pin_checked(self, result: volunteer_pin.PinCheck) -> None:
        if not self.checking:
            return  # the corner was left (and locked again) while the PIN was being checked
        self.checking = False
        if result.not_set:  # removed from the settings file meanwhile
            self.reset()
            return
        if not result.ok:
            self._pin_problem(volunteer_pin.wrong_pin_message(result))
            return
        self.error.clear()
        self.unlocked = True
        self.pin.hide()
        self.ok_button.hide()
        self.corner.show()
        self._section_changed("outbox")
        self.message.setText(_("Loading…"))
        self.outbox.refresh()  # queued first: the drafts listing stays the last to arrive
        self.forms.refresh()
        self.refresh()

    def _section_changed(self, key: str) -> None:
        """At the large sizes the bar says where one is: the room goes to the content."""
        roomy = self.services.metrics.step < 3
        self.heading.setVisible(roomy)
        self.message.setVisible(key == "outbox" and roomy)

    def _pin_failed(self, _exc: BaseException) -> None:
        if not self.checking:
            return
        self.checking = False
        self._pin_problem(_("The PIN could not be checked. Please try again."))

    def _pin_problem(self, text: str) -> None:
        """An error that looks and sounds like one: sign, bar, bold words, and read aloud."""
        self.error.show_error(text)
        self.services.say("speak_error", text, self.services.language)
        self.pin.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self) -> None:
        store = self.services.store
        if store is None:
            self.message.setText(_("Saved forms cannot be opened on this computer right now."))
            return
        self.services.tasks.run_db(lambda: (store.list_drafts(), store.list_outbox()),
                                   on_done=self._show_listing, on_error=self._listing_failed)

    def _listing_failed(self, _exc: BaseException) -> None:
        self.message.setText(_("Saved forms cannot be opened on this computer right now."))

    def _clear_listing(self) -> None:
        while self.list_layout.count():
            item = self.list_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()

    def _show_listing(self, result: tuple[list[Any], list[Any]]) -> None:
        if not self.unlocked:
            return
        drafts, outbox = result
        self._clear_listing()
        self.message.setText(_("Saved forms: %d. Finished forms: %d.") % (len(drafts),
                                                                         len(outbox)))
        self._add_row(controls.label(_("Saved forms (not finished)"), "subheading"))
        for info in drafts:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(info.updated_at))
            # saved before resume codes (or never stopped on purpose): only a volunteer opens it
            note = "" if getattr(info, "has_code", True) else " · " + _("no code")
            row = QHBoxLayout()
            row.addWidget(controls.label(f"{info.form_title} · {when}{note}", "body"), 1)
            resume = controls.button(_("Resume"), "secondary", _("Open this saved form"))
            resume.setObjectName(f"resume_{info.draft_id}")
            resume.clicked.connect(lambda _c=False, i=info: self.resume_draft.emit(i))
            delete = controls.button(_("Delete"), "danger", _("Delete this saved form"))
            delete.setObjectName(f"delete_{info.draft_id}")
            delete.clicked.connect(lambda _c=False, i=info, b=delete: self._delete(i, b))
            row.addWidget(resume)
            row.addWidget(delete)
            holder = QWidget()
            holder.setLayout(row)
            self._add_row(holder)
        self.list_layout.addStretch(1)  # finished forms: the outbox panel below

    def _add_row(self, widget: QWidget) -> None:
        """Add to the listing and show at once: Qt would show a widget added to a visible page
        only on a later turn of the event loop, so a Tab or click right away could miss it."""
        self.list_layout.addWidget(widget)
        widget.show()

    def _delete(self, info: Any, button: Any) -> None:
        """Deleting someone's answers cannot be undone: the first press only asks."""
        if not button.property("armed"):
            button.setProperty("armed", True)
            controls.retitle(button, _("Press again to delete"),
                             _("This saved form will be deleted for good"))
            return
        store = self.services.store
        self.services.tasks.run_db(lambda: store.delete_draft(info.draft_id),
                                   on_done=self._deleted)

    def _deleted(self, _result: object) -> None:
        self.refresh()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape:
            self.leave.emit()
            return
        super().keyPressEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.locked:
            self.heading.setFocus(Qt.FocusReason.OtherFocusReason)
            self.services.say("speak_text", self.locked_note.plain_text(), self.services.language,
                              cacheable=True)  # the program's own words
        else:
            self.pin.setFocus(Qt.FocusReason.OtherFocusReason)
