"""The set-up window (`inclusion-app setup`): where whoever installs the computer sets the
volunteer PIN.

Its own small window and its own program entry, never reachable from the kiosk window, so
no resident can choose or change the PIN. The PIN is typed twice; changing it needs the
current one (wrong tries slow down, as at the corner). Pasting and password managers work
(WCAG 3.3.8): the fields are ordinary password fields.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from inclusion_app import i18n, volunteer_pin
from inclusion_app.i18n import _
from inclusion_app.paths import AppPaths
from inclusion_app.ui import theme
from inclusion_app.ui.widgets import controls
from inclusion_app.ui.widgets.error_box import ErrorBox


def _pin_field(name: str) -> QLineEdit:
    field = QLineEdit()
    theme.set_role(field, "field")
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(volunteer_pin.MAX_LENGTH)
    field.setObjectName(name)
    return field


class SetupWindow(QWidget):
    """Set or change the volunteer PIN for the data folder in `paths`."""

    def __init__(self, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.setObjectName("page")
        self.setWindowTitle(_("Inclusion Assistant: set-up"))
        layout = QVBoxLayout(self)
        self.heading = controls.heading(_("Volunteer PIN"))
        self.status = controls.label("", "body")
        self.error = ErrorBox()
        self.error.setObjectName("setup_error")
        self.done = controls.label("", "subheading")
        self.done.setObjectName("setup_done")
        self.done.hide()
        self.current, self.new, self.again = (_pin_field("current_pin"), _pin_field("new_pin"),
                                              _pin_field("again_pin"))
        self.labels: list[QLabel] = []
        for w in (self.heading, self.status, self.error, self.done):
            layout.addWidget(w)
        for field, text in ((self.current, _("Current PIN")),
                            (self.new, _("New PIN ({low} to {high} digits)").format(
                                low=volunteer_pin.MIN_LENGTH, high=volunteer_pin.MAX_LENGTH)),
                            (self.again, _("The same new PIN again"))):
            label = controls.label(text, "body")
            label.setBuddy(field)
            field.setAccessibleName(text)
            self.labels.append(label)
            layout.addWidget(label)
            layout.addWidget(field)
            field.returnPressed.connect(self.save)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.close_button = controls.button(_("Close"), "secondary", _("Close the set-up window"))
        self.close_button.setObjectName("setup_close")
        self.save_button = controls.button("", "primary", "")
        self.save_button.setObjectName("setup_save")
        row.addWidget(self.close_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self.close_button.clicked.connect(self.close)
        self.save_button.clicked.connect(self.save)
        self.refresh()

    def refresh(self) -> None:
        """Words and fields for "no PIN yet" or "change the PIN"."""
        has_pin = volunteer_pin.pin_is_set(self.paths)
        self.status.setText(
            _("A volunteer PIN is set. To change it, type the current PIN, then the new one "
              "twice.") if has_pin else
            _("No volunteer PIN is set yet, so the volunteer corner is locked. Choose a PIN "
              "and type it twice. Give it only to the centre's volunteers."))
        self.current.setVisible(has_pin)
        self.labels[0].setVisible(has_pin)
        controls.retitle(self.save_button, _("Change the PIN") if has_pin else _("Set the PIN"),
                         _("Save the new volunteer PIN"))

    def save(self) -> None:
        has_pin = volunteer_pin.pin_is_set(self.paths)
        old = self.current.text().strip() if has_pin else None
        new, again = self.new.text().strip(), self.again.text().strip()
        for field in (self.current, self.new, self.again):
            field.clear()
        self.done.hide()
        try:
            volunteer_pin.set_pin(self.paths, new, old=old, again=again)
        except volunteer_pin.PinError as exc:
            self.error.show_error(str(exc))
            (self.current if has_pin else self.new).setFocus(Qt.FocusReason.OtherFocusReason)
            return
        except OSError as exc:
            self.error.show_error(_("The PIN could not be saved: {reason}").format(
                reason=exc.strerror or exc))
            return
        self.error.clear()
        self.done.setText(_("The volunteer PIN is changed.") if has_pin
                          else _("The volunteer PIN is set."))
        self.done.show()
        self.refresh()


def run_setup(ctx: Any) -> int:
    """Open the set-up window on its own and run until it is closed."""
    from inclusion_app.ui.app import NO_DISPLAY, display_available

    if not display_available():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Inclusion Assistant set-up")
    i18n.set_language(ctx.settings.language)
    theme.apply(app, 0, False)
    window = SetupWindow(ctx.paths)
    window.resize(900, 700)
    window.show()
    return int(app.exec())
