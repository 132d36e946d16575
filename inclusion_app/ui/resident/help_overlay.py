""""Ask a volunteer for help": a large, steady (never flashing) signal seen across the room.

It covers the window until dismissed, so a volunteer walking past sees at once who needs
them; the person's answers stay exactly as they were underneath.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from inclusion_app.i18n import _
from inclusion_app.ui import theme
from inclusion_app.ui.services.app_services import AppServices
from inclusion_app.ui.widgets import controls


class HelpOverlay(QFrame):
    """A child of the main window laid over everything; `raise_help()` shows it."""

    dismissed = Signal()

    def __init__(self, services: AppServices, parent: QWidget) -> None:
        super().__init__(parent)
        self.services = services
        theme.set_role(self, "help")
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.icon)
        self.title = controls.heading("")  # coloured by the frame's role in the stylesheet
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.title)
        self.body = controls.label("", "body")
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.body)
        layout.addStretch(1)
        self.close_button = controls.button("", "primary", "")
        self.close_button.setObjectName("help_dismiss")
        self.close_button.clicked.connect(self.dismiss)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        parent.installEventFilter(self)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        controls.set_heading(self.title, _("Help, please"))
        self.body.setText(_("A volunteer will come to you. Your answers are kept. "
                            "You can wait here."))
        controls.retitle(self.close_button, _("I have help now"),
                         _("Take this sign away and carry on"))
        hc = self.services.settings.high_contrast
        size = min(self.services.metrics.icon_px * 3, 160)  # leaves room for the words
        self.icon.setPixmap(controls.icon("help", theme.colors(hc).help_text, size).pixmap(size))

    def raise_help(self) -> None:
        """Show the signal over the whole window and say that help is on its way."""
        self.retranslate()
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        self.title.setFocus(Qt.FocusReason.OtherFocusReason)
        self.services.say("speak_text", self.body.plain_text(), self.services.language,
                          cacheable=True)  # the program's own words

    def dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape:
            self.dismiss()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Follow the window's size so the sign always fills it.
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False
