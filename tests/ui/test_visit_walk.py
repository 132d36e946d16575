"""A whole visit in the window, with mouse and keyboard: the tile, the spoken overview, the
shared details once, each form with them already answered, the visit's review with Change,
Send all, the receipt of every reference; and a visit stopped halfway resuming whole."""

from __future__ import annotations

from typing import Any

import pytest

from inclusion_app.storage.visit_drafts import is_visit_draft
from inclusion_app.ui.resident.form_page import FormPage
from tests.bundles.helpers import SHARED, own_answers
from tests.ui.conftest import wait_idle
from tests.ui.form_walk import click, click_change, fill, plain, walk_to_review
from tests.ui.test_form_walks import photo  # noqa: F401  (fixture)
from tests.ui.test_shared_kiosk import type_code

pytestmark = pytest.mark.gui
DETAILS = {**SHARED, "emergency_contact_name": "陈小明", "emergency_contact_phone": "13987654321"}


@pytest.fixture(autouse=True)
def no_settle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FormPage, "settle_ms", 0)


def open_visit(qtbot: Any, window: Any, bundle_id: str) -> Any:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    click(qtbot, window.home_page.visit_tiles[bundle_id])
    qtbot.waitUntil(lambda: window.session is not None and window.current_page() is window.session)
    view = window.session
    assert view.stack.currentWidget() is view.overview
    return view


def agree(qtbot: Any, view: Any) -> bool:
    """Press "Continue: I agree" when the visit's consent page is up; whether it was."""
    if not view.consent.showing():
        return False
    click(qtbot, view.consent.page.continue_button)
    return True


def give_details(qtbot: Any, view: Any) -> list[str]:
    """Answer the shared details screens (after consent); the question names asked, in order."""
    agree(qtbot, view)
    asked = []
    page = view.details_page
    while view.stack.currentWidget() is page:
        key = view.details.items[view.details.index].key
        for block in page.blocks:
            asked.append(block.prompt.name)
            fill(qtbot, block.input, DETAILS[key])
        click(qtbot, page.continue_button)
        assert not page.error_frame.isVisible(), page.error_summary.text()
    return asked


def fill_form(qtbot: Any, view: Any, picture: str) -> tuple[str, list[str]]:
    """Walk the current form to its review and press its Continue; (form id, names asked)."""
    session = view.session
    names: list[str] = []
    walk_to_review(qtbot, session, own_answers(session.form_id),
                   on_screen=lambda page: names.extend(b.prompt.name for b in page.blocks), picture=picture)
    form_id = session.form_id
    # its review goes on to the next part of the visit; nothing is sent from here
    assert session.review.send_button.text() == session.page.continue_button.text()
    click(qtbot, session.review.send_button)
    return form_id, names


def test_wholeVisit_detailsOnce_changeEverywhere_sendAll(qtbot, main_window, photo, tmp_path) -> None:  # noqa: F811
    window = main_window(speech="fake")
    view = open_visit(qtbot, window, "turning_60")
    assert [c.isChecked() for c in view.overview.cards.values()] == [True, True, True]
    spoken = view.overview.spoken()
    assert "我满60岁了" in spoken and "3" in spoken and "老年人优待证申请" in spoken
    speaker = window.services.speech.speaker
    qtbot.waitUntil(lambda: spoken in speaker.said, timeout=5000)  # the overview is read aloud
    click(qtbot, view.overview.start_button)
    assert view.consent.showing()  # ID numbers are asked: consent once, for the whole visit
    assert "身份证" in view.consent.page.spoken()
    assert give_details(qtbot, view) == ["full_name", "id_number", "phone"]
    filled = []
    while view.session is not None:
        assert not view.session.consent.showing()  # never again inside a form
        form_id, names = fill_form(qtbot, view, photo)
        assert not {"full_name", "id_number"} & set(names), (form_id, names)  # asked once only
        filled.append(form_id)
    assert filled == ["concession_card", "pension_check", "book_service"]
    review = view.review
    assert view.stack.currentWidget() is review
    phone_row = next(r for r in review.rows if r.ref == "/data/phone")
    click_change(qtbot, review, review.rows.index(phone_row))
    block = view.session.page.blocks[0]
    assert block.prompt.name == "phone"
    fill(qtbot, block.input, "13900001111")
    click(qtbot, view.session.page.continue_button)
    qtbot.waitUntil(lambda: view.stack.currentWidget() is view.review)
    for form_id in filled:
        assert view.visit.controllers[form_id].inner.node_at("/data/phone").value == "13900001111"
    got: list[Any] = []
    view.finished.connect(got.append)
    click(qtbot, review.send_button)
    qtbot.waitUntil(lambda: bool(got), timeout=10_000)
    page = window._page("visit_confirmation")
    qtbot.waitUntil(lambda: window.current_page() is page)
    refs = [c.reference for c in got[0].services]
    assert len(refs) == 3 and len(page.refs.findChildren(type(page.code), "visit_reference")) == 3
    wait_idle(qtbot, window.services)
    store = window.services.store
    entries = [e for e in store.list_outbox() if e.reference in refs]
    assert sorted(e.form_id for e in entries) == sorted(filled)
    for entry in entries:
        assert b"13900001111" in store.load_payload(entry.instance_id).xml
    assert store.list_drafts() == []
    receipt = tmp_path / "visit.pdf"  # one large-print copy listing every reference
    assert page.save_pdf(receipt) and receipt.read_bytes().startswith(b"%PDF")
    assert not page.save_pdf(window.services.paths.data / "x.pdf")  # never into our folders


def test_leftOutService_andStoppedVisit_resumeWhole(qtbot, main_window, photo) -> None:  # noqa: F811
    window = main_window()
    view = open_visit(qtbot, window, "turning_60")
    click(qtbot, view.overview.cards["concession_card"])  # leave the card out
    assert "concession_card" in view.visit.left_out
    click(qtbot, view.overview.start_button)
    give_details(qtbot, view)
    assert view.session.form_id == "pension_check"
    page = view.session.page
    assert plain(page.blocks[0].title) and page.blocks[0].prompt.qtype == "note"  # the form's introduction
    click(qtbot, page.continue_button)
    assert page.blocks[0].prompt.name == "pension_type"  # name and ID number were passed over
    fill(qtbot, page.blocks[0].input, "resident")  # then stop halfway
    click(qtbot, page.continue_button)
    position = view.session.controller.position()
    click(qtbot, view.session.page.actions.save)  # one resume code for the whole visit
    qtbot.waitUntil(lambda: window.current_page() is window._pages.get("saved"), timeout=15_000)
    code = window.saved_page.code
    wait_idle(qtbot, window.services)
    (info,) = window.services.store.list_drafts()
    assert is_visit_draft(info) and info.form_id == "turning_60"
    window.end_visit()  # the next person comes: nothing of the visit on screen
    click(qtbot, window.home_page.resume)
    type_code(qtbot, window, code)
    qtbot.waitUntil(lambda: window.session is not None and window.current_page() is window.session,
                    timeout=10_000)
    again = window.session
    assert again.visit.left_out == {"concession_card"} and again.visit.shared == SHARED
    assert again.visit.consented and not again.consent.showing()  # not asked again on resuming
    assert again.session is not None and again.session.form_id == "pension_check"
    assert again.session.controller.position() == position
    while again.session is not None:
        fill_form(qtbot, again, photo)
    assert again.visit.to_send() == ["pension_check", "book_service"]
    assert again.visit.controllers["pension_check"].inner.node_at("/data/pension_type").value == "resident"
    click(qtbot, again.review.actions.save)  # saved again, from the visit's review: the same code
    qtbot.waitUntil(lambda: window.current_page() is window._pages.get("saved"), timeout=15_000)
    assert window.saved_page.code == code
    window.end_visit()
    window.open_code_page()
    type_code(qtbot, window, code)
    qtbot.waitUntil(lambda: window.session is not None, timeout=10_000)
    again = window.session
    got: list[Any] = []
    again.finished.connect(got.append)
    click(qtbot, again.review.send_button)
    qtbot.waitUntil(lambda: bool(got), timeout=10_000)
    assert [c.form_id for c in got[0].services] == ["pension_check", "book_service"]


@pytest.mark.parametrize("high_contrast", [False, True], ids=["default", "high_contrast"])
def test_visitScreens_passTheAccessibilityChecks(qtbot, main_window, photo, high_contrast) -> None:  # noqa: F811
    """Overview, a shared detail, the visit's review and its receipt: contrast, targets,
    names and descriptions, Tab reaching the forward button; and the home tile is named."""
    from tests.ui import a11y

    window = main_window(high_contrast=high_contrast)
    tile = window.home_page.visit_tiles["help_at_home"]
    assert tile.accessibleName() and tile.accessibleDescription()
    view = open_visit(qtbot, window, "help_at_home")
    problems: list[str] = []

    def check(name: str, page: Any, forward: Any) -> None:
        qtbot.wait(1)
        problems.extend(f"{name}: {p}" for p in a11y.check_screen(page, high_contrast, forward, clipping=False))

    check("overview", view.overview, view.overview.start_button)
    click(qtbot, view.overview.start_button)
    check("consent", view.consent.page, view.consent.page.continue_button)
    agree(qtbot, view)
    check("details", view.details_page, view.details_page.continue_button)
    give_details(qtbot, view)
    while view.session is not None:
        fill_form(qtbot, view, photo)
    check("review", view.review, view.review.send_button)
    got: list[Any] = []
    view.finished.connect(got.append)
    click(qtbot, view.review.send_button)
    qtbot.waitUntil(lambda: bool(got), timeout=10_000)
    page = window._page("visit_confirmation")
    check("receipt", page, page.home_button)
    assert problems == []


def test_languageChangedMidVisit_keepsEveryAnswer(qtbot, main_window) -> None:
    window = main_window(language="zh")
    view = open_visit(qtbot, window, "help_at_home")
    click(qtbot, view.overview.start_button)
    give_details(qtbot, view)
    assert view.session.form_id == "home_care"
    window.services.set_language("en")
    assert view.visit.language == "en"
    assert all(fc.language == "en" for fc in view.visit.controllers.values())
    assert view.overview.heading.plain_text() == "Needing help at home"
    assert view.visit.controllers["book_service"].inner.node_at("/data/phone").value == SHARED["phone"]
    assert view.session.page.continue_button.text() == "Continue"


def test_backGoesThroughTheVisit_andStartAgainForgetsIt(qtbot, main_window) -> None:
    window = main_window(language="en")
    view = open_visit(qtbot, window, "help_at_home")
    click(qtbot, view.overview.start_button)
    click(qtbot, view.consent.page.back_button)  # "Not now": back to the overview, nothing given
    assert view.stack.currentWidget() is view.overview and not view.visit.consented
    click(qtbot, view.overview.start_button)
    assert agree(qtbot, view) and view.visit.consented
    click(qtbot, view.details_page.back_button)  # Back from the first detail: the overview
    assert view.stack.currentWidget() is view.overview
    click(qtbot, view.overview.start_button)
    assert not view.consent.showing()  # agreed once already
    give_details(qtbot, view)
    session = view.session
    assert session.form_id == "home_care" and session.page.blocks[0].prompt.qtype == "note"
    click(qtbot, session.page.back_button)  # Back from a form's first screen
    assert view.stack.currentWidget() is view.details_page  # back into the details, at the last one
    assert view.details.index == len(view.details.items) - 1
    click(qtbot, view.details_page.continue_button)
    assert view.session is not None and view.session.form_id == "home_care"
    old_draft = view.draft_id
    click(qtbot, view.session.page.actions.restart)
    assert view.stack.currentWidget() is view.confirm
    click(qtbot, view.confirm.no)  # keep my answers: back where we were
    assert view.session is not None and view.session.form_id == "home_care"
    click(qtbot, view.session.page.actions.restart)
    click(qtbot, view.confirm.yes)
    wait_idle(qtbot, window.services)
    assert view.stack.currentWidget() is view.overview and view.visit.shared == {}
    assert view.draft_id != old_draft and window.services.store.get_draft(old_draft) is None


def test_classMode_visitIsPractice_nothingKeptOrSent(qtbot, main_window, photo) -> None:  # noqa: F811
    window = main_window(language="en")
    window.set_class_mode(True)
    view = open_visit(qtbot, window, "help_at_home")
    assert view.practice and view.store is None
    click(qtbot, view.overview.start_button)
    give_details(qtbot, view)
    while view.session is not None:
        fill_form(qtbot, view, photo)
    got: list[Any] = []
    view.finished.connect(got.append)
    click(qtbot, view.review.send_button)
    qtbot.waitUntil(lambda: bool(got), timeout=10_000)
    assert got[0].practice and len(got[0].services) == 2
    page = window._page("visit_confirmation")
    assert "practice" in page.next_steps.plain_text()
    wait_idle(qtbot, window.services)
    store = window.services.store
    assert store.list_outbox() == [] and store.list_drafts() == []
