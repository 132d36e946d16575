"""The volunteer corner: PIN chosen on first use, checked after, drafts resumed or deleted."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from inclusion_app.storage.api import Draft, DraftInfo
from inclusion_app.ui.volunteer import volunteer_page
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


def test_pin_hash_round_trip() -> None:
    """The stored PIN is a salted hash that checks the right PIN and refuses a wrong one."""
    stored = volunteer_page.hash_pin("2468")
    assert "2468" not in stored
    assert volunteer_page.check_pin("2468", stored)
    assert not volunteer_page.check_pin("2469", stored)
    assert not volunteer_page.check_pin("2468", "garbage")


def test_first_pin_is_kept_and_a_wrong_one_refused(qtbot, main_window) -> None:
    """The first PIN typed becomes the PIN; next time a wrong PIN keeps the corner shut."""
    window = main_window(language="en")
    qtbot.mouseClick(window.home_page.volunteer, Qt.MouseButton.LeftButton)
    page = window.volunteer_page
    _type(page.pin, "12")
    QTest.keyClick(page.pin, Qt.Key.Key_Return)
    assert not page.unlocked and "4 digits" in page.message.text()
    _type(page.pin, "2468")
    QTest.keyClick(page.pin, Qt.Key.Key_Return)
    assert page.unlocked and window.services.settings.volunteer_pin_hash
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert window.current_page() is window.home_page and not page.unlocked
    window.open_volunteer()
    _type(page.pin, "1111")
    qtbot.mouseClick(page.ok_button, Qt.MouseButton.LeftButton)
    assert not page.unlocked and "not right" in page.message.text()


def test_listing_resumes_an_old_draft(qtbot, main_window, monkeypatch) -> None:
    """An hour-old draft (not on home) is listed for the volunteer and opens when resumed.

    Its row is visible the moment the listing is drawn, not a turn of the event loop later
    (when a Tab or click straight away would miss it)."""
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


def test_delete_needs_a_second_press(qtbot, main_window) -> None:
    """The first press on Delete only asks; the second removes the draft from the store."""
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
