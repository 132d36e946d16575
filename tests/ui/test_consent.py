"""Consent before an ID or bank number: read aloud, Continue in its usual place, "Not now" keeps nothing."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint

from inclusion_app.ui.resident.form_page import FormPage
from tests.ui.conftest import wait_idle
from tests.ui.form_walk import agree_if_asked, click, plain
from tests.ui.test_form_walks import open_form

pytestmark = pytest.mark.gui


@pytest.fixture
def fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FormPage, "settle_ms", 0)


def _at(widget: Any, window: Any) -> QPoint:
    return widget.mapTo(window, QPoint(0, 0))


def test_pension_form_asks_consent_before_its_first_question(qtbot: Any, main_window: Any,
                                                             fast: None) -> None:
    """The consent page names what is collected and who receives it; Continue says I agree."""
    window = main_window(language="en")
    session = open_form(qtbot, window, "pension_check", agree=False)
    assert session.consent.showing()
    page = session.consent.page
    words = " ".join(plain(p) for p in page.paragraphs)
    assert "ID card number" in words and "bank card number" in words
    assert "sent only to" in words
    assert page.continue_button.text() == "Continue: I agree"
    assert page.back_button.isVisible() and page.back_button.text() == "Not now"
    assert not page.actions.isVisible()  # nothing to save or start again yet


def test_agree_button_is_where_continue_always_is(qtbot: Any, main_window: Any, fast: None) -> None:
    """The forward button of the consent page has the same place and size as every Continue."""
    window = main_window(language="en")
    session = open_form(qtbot, window, "pension_check", agree=False)
    consent = session.consent.page
    qtbot.wait(10)
    where, size = _at(consent.continue_button, window), consent.continue_button.size()
    agree_if_asked(qtbot, session)
    assert session.stack.currentWidget() is session.page
    qtbot.wait(10)
    assert _at(session.page.continue_button, window).y() == where.y()
    assert _at(session.page.continue_button, window).x() + session.page.continue_button.width() == \
        where.x() + size.width()  # right edges line up (the word may be longer or shorter)


def test_not_now_returns_home_and_keeps_nothing(qtbot: Any, main_window: Any, fast: None) -> None:
    """"Not now": home again, and no draft or outbox entry exists."""
    window = main_window(language="en")
    session = open_form(qtbot, window, "medical_claim", agree=False)
    click(qtbot, session.consent.page.back_button)
    qtbot.waitUntil(lambda: window.current_page() is window.home_page)
    assert window.session is None
    wait_idle(qtbot, window.services)
    store = window.services.store
    assert store.list_drafts() == [] and store.list_outbox() == []


def test_consent_is_read_aloud(qtbot: Any, main_window: Any, fast: None) -> None:
    """The voice reads the consent and names both choices."""
    window = main_window(language="en", speech="fake")
    speaker = window.services.speech.speaker
    open_form(qtbot, window, "pension_check", agree=False)
    qtbot.waitUntil(lambda: any(e[0] == "say" and "Continue: I agree" in e[1] and "Not now" in e[1]
                                for e in speaker.events), timeout=5000)


def test_form_without_sensitive_data_starts_at_once(qtbot: Any, main_window: Any, fast: None) -> None:
    """Booking a service asks no ID or bank number: the first question comes straight away."""
    window = main_window(language="en")
    session = open_form(qtbot, window, "book_service", agree=False)
    assert not session.consent.showing() and session.stack.currentWidget() is session.page


def test_consent_page_follows_a_language_switch(qtbot: Any, main_window: Any, fast: None) -> None:
    """Switching to Chinese on the consent page re-words it; the button says 继续：我同意."""
    window = main_window(language="en")
    session = open_form(qtbot, window, "pension_check", agree=False)
    window.services.set_language("zh")
    qtbot.waitUntil(lambda: session.consent.page.continue_button.text() == "继续：我同意")
    assert session.consent.showing()
    assert "身份证号码" in " ".join(plain(p) for p in session.consent.page.paragraphs)
