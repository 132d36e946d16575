"""Consent before sensitive data: what is collected, who receives it, how it is kept.

China's Personal Information Protection Law asks separate consent before an ID number or a
bank card is given. The page is a FormPage, so its forward button is the very Continue of
every question screen, in the same place, worded "Continue: I agree"; Back becomes "Not now",
which leaves with nothing stored (no answer was given, so no draft exists).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from inclusion_app.engine.consent import ConsentNeed
from inclusion_app.i18n import _
from inclusion_app.ui import theme
from inclusion_app.ui.resident.form_page import FormPage
from inclusion_app.ui.widgets import controls


def receiver_name(settings: Any, form: Any) -> str:
    """Who receives the answers, as a person can read it: the server's name and address."""
    from inclusion_app.sync.targets import TargetBook

    try:
        target = TargetBook.from_settings(settings).for_entry(form.form_id)
    except Exception:  # noqa: BLE001 - a damaged targets setting must not block a form
        target = None
    url = getattr(form, "submission_url", None) or (target.url if target is not None else "")
    host = urlsplit(url).hostname or "" if url else ""
    if target is not None and host:
        return f"{target.name} ({host})"
    if host:
        return host
    return _("the office that runs this service, once a volunteer sends it")


def collected_words(need: ConsentNeed) -> str:
    """'your ID card number and your bank card number', in the screen's language."""
    if need.id_number and need.bank_card:
        return _("your ID card number and your bank card number")
    if need.id_number:
        return _("your ID card number")
    if need.bank_card:
        return _("your bank card number")
    return _("some details about you")


def consent_text(need: ConsentNeed, receiver: str, lang: str | None) -> list[str]:
    """The paragraphs: the form's own words if it has them, else ours; always who receives it."""
    own = need.text(lang)
    if own:
        paragraphs = [own]
    else:
        paragraphs = [
            _("This form asks for {items}.").format(items=collected_words(need)),
            (_("They are needed so the office can check who you are and pay you.") if need.bank_card
             else _("It is needed so the office can check who you are.")),
            _("Until they are sent, your answers are kept locked on this computer. Nobody else "
              "who uses this computer can see them. You can stop at any time."),
        ]
    paragraphs.append(_("Your answers are sent only to: {receiver}.").format(receiver=receiver))
    return paragraphs


class ConsentPage(FormPage):
    """The question frame with the consent text in the middle; `agreed` / `declined` signals
    are Continue and Back of the frame."""

    def show_consent(self, need: ConsentNeed, receiver: str, lang: str | None) -> None:
        self.need, self.receiver, self.lang = need, receiver, lang
        content = QWidget()
        content.setObjectName("page")
        layout = QVBoxLayout(content)
        spacing = theme.metrics(self.step).spacing_px
        layout.setContentsMargins(spacing * 2, spacing // 2, spacing * 2, spacing // 2)
        layout.setSpacing(spacing)
        layout.addWidget(self.error_frame)  # FormPage's shared rows live in the body
        self.heading = controls.heading(_("Before you start"), content)
        self.heading.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout.addWidget(self.heading)
        self.paragraphs = [controls.label(text, "body", content)
                           for text in consent_text(need, receiver, lang)]
        for paragraph in self.paragraphs:
            layout.addWidget(paragraph)
        layout.addStretch(1)
        layout.addWidget(self.actions)
        old = self.set_body(content)  # the page frame's body (widgets/page_frame.py)
        if old is not None:
            old.deleteLater()
        self.actions.hide()  # nothing to save or start again yet
        self.blocks, self.add_button, self.screen = [], None, None
        self.back_button.setVisible(True)
        self.progress.setText("")
        self.error_frame.hide()
        self._retitle_buttons()
        self._busy = False
        self.continue_button.setEnabled(True)
        self._shown_at = time.monotonic()  # the double-tap guard of every screen
        QWidget.setTabOrder(self.heading, self.continue_button)
        QWidget.setTabOrder(self.continue_button, self.back_button)
        self.heading.setFocus(Qt.FocusReason.OtherFocusReason)
        self.reset_view()

    def spoken(self) -> str:
        """Everything the page says, for the voice: heading, paragraphs, and the two choices."""
        words = [_("Before you start")] + [p.text() for p in self.paragraphs]
        words.append(_("If you agree, press Continue: I agree. If not, press Not now."))
        return " ".join(words)

    def _retitle_buttons(self) -> None:
        controls.retitle(self.continue_button, _("Continue: I agree"),
                         _("You agree, and the first question comes next."))
        controls.retitle(self.back_button, _("Not now"),
                         _("Go back to the start. Nothing is kept."))

    def retranslate(self) -> None:
        if getattr(self, "need", None) is not None:
            self.show_consent(self.need, self.receiver, self.lang)


class ConsentGate:
    """The consent page inside a form session's stack, shown once before the first question."""

    def __init__(self, services: Any, form: Any, stack: QStackedWidget, need: ConsentNeed | None,
                 agreed: Callable[[], None], declined: Callable[[], None]) -> None:
        self.services, self.form, self.stack, self.need = services, form, stack, need
        self._agreed, self._declined = agreed, declined
        self.page: ConsentPage | None = None

    def showing(self) -> bool:
        return self.page is not None and self.stack.currentWidget() is self.page

    def show(self, lang: str | None) -> bool:
        """Show (or re-show, in a new language) the page; False when no consent is needed."""
        if self.need is None:
            return False
        if self.page is None:
            self.page = ConsentPage(self.services.settings.text_size_step)
            self.stack.addWidget(self.page)
            self.page.continue_pressed.connect(self._agree)
            self.page.back_pressed.connect(self._declined)
        self.page.show_consent(self.need, self.receiver(), lang)
        self.stack.setCurrentWidget(self.page)
        self.services.say("speak_text", self.page.spoken(), self.services.language, cacheable=True)
        return True

    def receiver(self) -> str:
        """Who receives the answers, in words (a visit names every office)."""
        return receiver_name(self.services.settings, self.form)

    def _agree(self) -> None:
        self.need = None
        self._agreed()
