"""The volunteer corner: locked until the installer sets a PIN, checked after, drafts resumed
or deleted."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from inclusion_app import volunteer_pin
from inclusion_app.storage.api import Draft, DraftInfo
from tests.ui.conftest import wait_idle


def _type(widget, text: str) -> None:
    for ch in text:
        QTest.keyClick(widget, ch)


def _draft(window, draft_id: str = "d1", age: float = 3600) -> None:
    """An older draft made through the real form session and store."""
    from inclusion_app.ui.resident.home_page import usable_forms

    form = next(f for f in usable_forms(window.services.catalog) if f.form_id == "book_service")
    window.start_form(form)
    draft = window.session.current_draft()
    info = DraftInfo(draft_id, form.form_id, form.version, form.form_hash, "Book a service",
                     time.time() - age, time.time() - age)
    window.services.store.save_draft(Draft(info, draft.step, draft.payload))
    window.go_home()


def _enter(qtbot, window, pin: str = "2468") -> None:
    """Type the PIN and press Enter; the check runs on the database worker."""
    page = window.volunteer_page
    _type(page.pin, pin)
    QTest.keyClick(page.pin, Qt.Key.Key_Return)
    wait_idle(qtbot, window.services)


def test_a_wrong_pin_is_refused_as_an_error(qtbot, main_window, app_paths) -> None:
    """The installer's PIN opens the corner; a wrong one keeps it shut, shown and said as an
    error (sign and bar, not grey text)."""
    volunteer_pin.set_pin(app_paths, "2468")
    window = main_window(language="en", speech="fake")
    qtbot.mouseClick(window.home_page.volunteer, Qt.MouseButton.LeftButton)
    page = window.volunteer_page
    _enter(qtbot, window)
    assert page.unlocked
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert window.current_page() is window.home_page and not page.unlocked
    window.open_volunteer()
    _enter(qtbot, window, "1111")
    assert not page.unlocked
    assert page.error.isVisible() and page.error.property("role") == "errorSummary"
    assert "not right" in page.error.text.text()
    said = [e for e in window.services.speech.speaker.events if e[0] == "say"]
    assert any("not right" in e[1] and e[3] is False for e in said)


def test_listing_resumes_an_old_draft(qtbot, main_window, monkeypatch, app_paths) -> None:
    """An hour-old draft (not on home) is listed for the volunteer and opens when resumed.

    Its row is visible the moment the listing is drawn, not a turn of the event loop later
    (when a Tab or click straight away would miss it)."""
    volunteer_pin.set_pin(app_paths, "2468")
    window = main_window(language="en")
    _draft(window)
    window.open_volunteer()
    page = window.volunteer_page
    visible_when_listed: list[bool] = []
    show_listing = page._show_listing

    def listed(result: object) -> None:
        show_listing(result)
        row = page.findChild(type(page.ok_button), "resume_d1")
        visible_when_listed.append(row is not None and row.isVisible())

    monkeypatch.setattr(page, "_show_listing", listed)
    _type(page.pin, "2468")
    QTest.keyClick(page.pin, Qt.Key.Key_Return)
    wait_idle(qtbot, window.services)
    assert visible_when_listed == [True]
    resume = page.findChild(type(page.ok_button), "resume_d1")
    qtbot.mouseClick(resume, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.services)
    qtbot.waitUntil(lambda: window.session is not None, timeout=5000)
    assert window.current_page() is window.session
    assert not page.unlocked  # leaving locks the corner again


def test_delete_needs_a_second_press(qtbot, main_window, app_paths) -> None:
    """The first press on Delete only asks; the second removes the draft from the store."""
    volunteer_pin.set_pin(app_paths, "2468")
    window = main_window(language="en")
    _draft(window)
    window.open_volunteer()
    page = window.volunteer_page
    _type(page.pin, "2468")
    QTest.keyClick(page.pin, Qt.Key.Key_Return)
    wait_idle(qtbot, window.services)
    delete = page.findChild(type(page.ok_button), "delete_d1")
    assert delete is not None and delete.isVisible()
    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.services)
    assert window.services.store.get_draft("d1") is not None
    assert "again" in delete.text()
    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.services)
    assert window.services.store.get_draft("d1") is None
