"""First run: one large button per language, each labelled and spoken in its own language."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from inclusion_app import i18n
from inclusion_app.i18n import N_
from inclusion_app.ui.services.app_services import AppServices
from inclusion_app.ui.widgets import controls

# The question in each language, so someone who reads only one of them still understands.
QUESTION = N_("Which language would you like?")
USE = N_("Use this language")
CONFIRM = N_("Thank you. Let's begin.")


class LanguagePage(QWidget):
    """Pressing a language sets it for the whole program and says so in that language."""

    chosen = Signal(str)

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.services = services
        m = services.metrics
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        outer.addWidget(controls.scroll_area(body))
        layout = QVBoxLayout(body)
        layout.setContentsMargins(m.spacing_px * 3, m.spacing_px * 2, m.spacing_px * 3,
                                  m.spacing_px * 2)
        layout.setSpacing(m.spacing_px * 2)
        self.heading = controls.heading(self._question())
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        layout.addWidget(self.heading)
        row = QHBoxLayout()
        row.setSpacing(m.spacing_px * 3)
        self.buttons: dict[str, object] = {}
        for code, info in i18n.LANGUAGES.items():
            name = info["native_name"]
            description = i18n.translate_to(code, USE)
            b = controls.button(name, "tile", description, step=m.step)
            b.setObjectName(f"language_{code}")
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
            b.setProperty("languageCode", code)
            b.installEventFilter(self)
            b.clicked.connect(lambda _checked=False, c=code: self.choose(c))
            row.addWidget(b)
            self.buttons[code] = b
        layout.addLayout(row)
        layout.addStretch(2)

    @staticmethod
    def _question() -> str:
        # Both languages at once: the person has not told us which one they read yet.
        return "\n".join(i18n.translate_to(code, QUESTION) for code in i18n.LANGUAGES)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        for b in self.buttons.values():  # Chinese glyphs are taller: never squeeze them
            b.setMinimumHeight(0)
            b.setMinimumHeight(b.sizeHint().height())
        super().showEvent(event)
        self.heading.setFocus(Qt.FocusReason.OtherFocusReason)
        self.say_question()

    def say_question(self) -> None:
        self.services.say("speak_text", i18n.translate_to(i18n.DEFAULT_LANGUAGE, QUESTION),
                          i18n.DEFAULT_LANGUAGE, cacheable=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Pointing at or tabbing to a language says its name in that language."""
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.Enter):
            code = watched.property("languageCode")
            if code:
                self.say_choice(str(code))
        return False

    def say_choice(self, code: str) -> None:
        name = i18n.LANGUAGES[code]["native_name"]
        self.services.say("speak_text", f"{name}. {i18n.translate_to(code, USE)}", code,
                          cacheable=True)

    def choose(self, code: str) -> None:
        """Set the language app-wide, confirm it aloud in that language, and move on."""
        self.services.set_language(code)
        self.services.say("speak_text", i18n.translate_to(code, CONFIRM), code, cacheable=True)
        self.chosen.emit(code)

    def retranslate(self) -> None:
        controls.set_heading(self.heading, self._question())

