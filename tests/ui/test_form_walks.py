"""Every shipped form, walked from the home screen to the confirmation with mouse and keyboard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage

from inclusion_app.storage.api import State
from inclusion_app.ui.resident.form_page import FormPage
from inclusion_app.ui.resident.form_session import Completed
from tests.data.service_answers import answers_for
from tests.ui.conftest import wait_idle
from tests.ui.form_walk import agree_if_asked, click, click_change, plain, walk_to_review

pytestmark = pytest.mark.gui

FORMS_DIR = Path(__file__).resolve().parents[2] / "assets" / "forms"
FORM_IDS = sorted(p.stem for p in FORMS_DIR.glob("*.md"))


@pytest.fixture(autouse=True)
def no_settle(monkeypatch: pytest.MonkeyPatch) -> None:
    """Walks press Continue at machine speed; the double-tap test restores the guard itself."""
    monkeypatch.setattr(FormPage, "settle_ms", 0)


@pytest.fixture
def photo(tmp_path: Path) -> str:
    """A large photo on disk for the picture questions (shrunk by the app before attaching)."""
    path = tmp_path / "photo.png"
    image = QImage(2400, 1800, QImage.Format.Format_RGB32)
    image.fill(QColor("#a0b0c0"))
    assert image.save(str(path))
    return str(path)


def open_form(qtbot: Any, window: Any, form_id: str, agree: bool = True) -> Any:
    """Press the form's tile on the home screen; the session view appears (past the consent
    page, agreed, unless agree=False)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # focus checks need the active window
    home = window.home_page
    assert window.current_page() is home
    if form_id not in home.tiles:  # a practice form: on home while a trainer runs a class
        window.services.class_mode = True
        home.rebuild()
        qtbot.waitUntil(lambda: home.tiles[form_id].isVisible())
    click(qtbot, home.tiles[form_id])
    qtbot.waitUntil(lambda: window.session is not None and window.current_page() is window.session)
    if agree:
        agree_if_asked(qtbot, window.session)
    return window.session


def send(qtbot: Any, window: Any, session: Any) -> Completed:
    """Press the named send button and wait for the confirmation page."""
    got: list[Completed] = []
    session.finished.connect(got.append)
    click(qtbot, session.review.send_button)
    qtbot.waitUntil(lambda: bool(got), timeout=10_000)
    qtbot.waitUntil(lambda: window.current_page() is window.confirmation_page)
    return got[0]


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_walk_every_shipped_form_from_home_to_confirmation(
    qtbot: Any, main_window: Any, form_id: str, photo: str
) -> None:
    """Each form: tiles -> every screen answered by clicks and keys -> review -> sent (or practice)."""
    window = main_window()
    services = window.services
    session = open_form(qtbot, window, form_id)
    answers = answers_for(form_id)
    screens = walk_to_review(qtbot, session, answers, picture=photo)
    assert screens >= 4
    review = session.review
    assert review.isVisible() and review.heading.hasFocus()
    answered = [row for row in review.rows if row.answered]
    assert len(answered) >= 4
    practice = form_id.startswith("practice")
    from inclusion_app.i18n import _

    expected = _("Finish practice") if practice else session._title()
    assert expected in review.send_button.text()
    completed = send(qtbot, window, session)
    wait_idle(qtbot, services)
    assert completed.form_id == form_id and completed.reference
    assert window.confirmation_page.reference == completed.reference
    store = services.store
    assert store.list_drafts() == []
    if practice:
        assert completed.practice and store.list_outbox() == []
    else:
        entry = store.get_entry(completed.reference)
        assert entry is not None and entry.state is State.QUEUED
        assert entry.instance_id == completed.instance_id
        pictures = [r for r in completed.rows if r.qtype == "image" and r.answered]
        if pictures and not entry.encrypted:  # the photo went in, shrunk, with the answers
            attachments = store.load_payload(entry.instance_id).attachments
            assert len(attachments) == len(pictures)
            assert all(data[:2] == b"\xff\xd8" for data in attachments.values())


def open_settings_and(qtbot: Any, window: Any, pick: Any) -> None:
    """Top bar "Text size and settings", press one card there, then Done: back where we were."""
    back_to = window.current_page()
    click(qtbot, window.top_bar.settings_button)
    qtbot.waitUntil(lambda: window.current_page() is window.settings_page)
    click(qtbot, pick(window.settings_page))
    click(qtbot, window.settings_page.done_button)
    qtbot.waitUntil(lambda: window.current_page() is back_to)


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_error_correction_language_switch_and_change_at_largest_text(
    qtbot: Any, main_window: Any, form_id: str, photo: str
) -> None:
    """Largest text; an empty required answer is refused in words and corrected; the language
    switches mid-form keeping answers; Change on the review returns to the review."""
    window = main_window(size=(1280, 800))
    open_settings_and(qtbot, window, lambda s: s.size_buttons[-1])
    assert window.services.settings.text_size_step == 5
    session = open_form(qtbot, window, form_id)
    page = session.page
    answers = answers_for(form_id)
    state = {"erred": False, "switched": False, "screens": 0}

    def on_screen(p: Any) -> None:
        state["screens"] += 1
        required = [b for b in p.blocks if b.prompt.required and b.input is not None]
        if not state["erred"] and required and not required[0].input.value():
            first = p.screen
            click(qtbot, p.continue_button)
            assert p.screen is first and p.error_frame.isVisible()
            message = p.error_summary.text()
            assert message and p.error_summary.hasFocus()
            assert message in plain(required[0].error)  # the same words beside the field
            assert p.continue_button.isEnabled()
            state["erred"] = True
        if state["screens"] == 3 and not state["switched"]:
            open_settings_and(qtbot, window, lambda s: s.language_buttons[1])  # English
            assert window.services.language == "en"
            assert session.controller.language == "en"
            state["switched"] = True

    walk_to_review(qtbot, session, answers, on_screen=on_screen, picture=photo)
    assert state["erred"] and state["switched"]
    review = session.review
    assert "Send my" in review.send_button.text() or "Finish practice" in review.send_button.text()
    before = {row.ref: row.answer for row in review.rows}
    target = next(i for i, row in enumerate(review.rows) if row.answered and row.qtype != "note")
    row = review.rows[target]
    click_change(qtbot, review, target)
    qtbot.waitUntil(lambda: session.stack.currentWidget() is page)
    assert any(b.prompt.ref == row.ref for b in page.blocks)
    click(qtbot, page.continue_button)
    qtbot.waitUntil(lambda: session.stack.currentWidget() is review)
    assert {r.ref: r.answer for r in review.rows} == before  # nothing lost on the way
    completed = send(qtbot, window, session)
    assert completed.reference
