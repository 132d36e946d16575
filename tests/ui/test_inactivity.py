"""A kiosk that forgets: "Are you still there?" after a quiet spell; silence saves and clears."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QTextEdit

from inclusion_app.ui.resident.form_page import FormPage
from inclusion_app.ui.services.inactivity import InactivityWatch
from tests.ui.conftest import wait_idle
from tests.ui.form_walk import click, type_text
from tests.ui.test_form_walks import open_form

pytestmark = pytest.mark.gui
NAME = "QabcdefghijXY"


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """A minute of 400 ms and 300 ms to answer: the same rules on a test's clock."""
    monkeypatch.setattr(FormPage, "settle_ms", 0)
    monkeypatch.setattr(InactivityWatch, "minute_ms", 400)
    monkeypatch.setattr(InactivityWatch, "answer_ms", 300)


def _type_name(qtbot: Any, session: Any) -> None:
    """Past the introduction, into the name box, and type (without leaving the box)."""
    click(qtbot, session.page.continue_button)
    qtbot.waitUntil(lambda: session.page.screen.questions[0].ref.endswith("full_name"))
    box = session.page.blocks[0].input.focus_target()
    click(qtbot, box)
    type_text(qtbot, box, NAME)


def _texts(root: Any) -> list[str]:
    found = []
    for kind in (QLabel, QLineEdit, QAbstractButton):
        found += [w.text() for w in root.findChildren(kind)]
    found += [w.toPlainText() for w in root.findChildren(QTextEdit)]
    found += [w.accessibleName() for w in root.findChildren(QLabel)]
    return found


def test_any_key_answers_and_the_form_comes_back(qtbot: Any, main_window: Any, quick: None) -> None:
    """Quiet for the set time: the question appears; one key press brings the form back as it was."""
    window = main_window(language="en", inactivity_minutes=1)
    session = open_form(qtbot, window, "pension_check")
    _type_name(qtbot, session)
    still = lambda: window.current_page() is window._pages.get("still_there")  # noqa: E731
    qtbot.waitUntil(still, timeout=3000)
    page = window._pages["still_there"]
    assert "still there" in page.heading.text().lower()
    qtbot.keyClick(page, Qt.Key.Key_Shift)
    assert window.current_page() is session
    assert session.page.blocks[0].input.value() == NAME


def test_silence_saves_for_a_volunteer_and_clears_the_window(qtbot: Any, main_window: Any,
                                                             quick: None) -> None:
    """No answer: a draft is kept, the window is home, and the typed name is nowhere in it."""
    window = main_window(language="en", inactivity_minutes=1)
    session = open_form(qtbot, window, "pension_check")
    _type_name(qtbot, session)
    QApplication.clipboard().setText(NAME)
    qtbot.waitUntil(lambda: window.current_page() is window.home_page, timeout=5000)
    assert window.session is None
    wait_idle(qtbot, window.services)
    drafts = window.services.store.list_drafts()
    assert len(drafts) == 1 and drafts[0].form_id == "pension_check"
    draft = window.services.store.get_draft(drafts[0].draft_id)
    assert NAME.encode() in draft.payload  # every letter typed was kept
    qtbot.wait(50)  # deleteLater of the old session
    assert not any(NAME in text for text in _texts(window))
    assert QApplication.clipboard().text() == ""


def test_turned_off_for_a_class(qtbot: Any, main_window: Any, quick: None) -> None:
    """inactivity_minutes = 0: nobody is ever asked, the form simply waits."""
    window = main_window(language="en", inactivity_minutes=0)
    session = open_form(qtbot, window, "pension_check")
    qtbot.wait(300)
    assert window.current_page() is session


def test_not_asked_outside_a_form(qtbot: Any, main_window: Any, quick: None) -> None:
    """On the home screen nothing is timed at all."""
    window = main_window(language="en", inactivity_minutes=1)
    qtbot.wait(200)
    assert window.current_page() is window.home_page and not window.inactivity.armed
