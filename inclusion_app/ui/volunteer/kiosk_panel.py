"""The volunteer corner's kiosk part: start full-screen at this account's log-in, and, in a
kiosk session, the one way to close the program (a clean exit the watchdog does not undo)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from inclusion_app import kiosk
from inclusion_app.i18n import _
from inclusion_app.ui.services.app_services import AppServices
from inclusion_app.ui.widgets import controls


class KioskPanel(QWidget):
    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.title = controls.label("", "subheading")
        self.switch = controls.Card(step=services.settings.text_size_step,
                                    high_contrast=services.settings.high_contrast)
        self.switch.setObjectName("kiosk_switch")
        self.switch.setChecked(kiosk.enabled())
        self.switch.toggled.connect(self._switch)
        self.note = controls.label("", "hint")
        self.close_button = controls.button("", "danger", "")
        self.close_button.setObjectName("kiosk_close")
        self.close_button.clicked.connect(self._close)
        self.close_button.setVisible(services.kiosk is not None)
        for w in (self.title, self.switch, self.note, self.close_button):
            column.addWidget(w)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(_("This computer"))
        self.switch.retitle(_("Start full-screen when this account logs in (kiosk)"),
                            _("The program opens by itself at log-in and comes back if it stops"))
        controls.retitle(self.close_button, _("Close the program"),
                         _("Closes the kiosk window; it starts again at the next log-in"))

    def _switch(self, on: bool) -> None:
        try:
            if on:
                path = kiosk.enable()
                self.note.setText(_("From the next log-in of this account the program starts "
                                    "full-screen ({path}).").format(path=path))
            else:
                kiosk.disable()
                self.note.setText(_("The program no longer starts by itself at log-in."))
        except kiosk.KioskError as exc:
            self.note.setText(str(exc))
            self.switch.blockSignals(True)
            self.switch.setChecked(kiosk.enabled())
            self.switch.blockSignals(False)

    def _close(self) -> None:
        if self.services.kiosk is not None:
            self.services.kiosk.close_for_good()
