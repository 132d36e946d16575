"""The form session's promises: no double steps, autosave after every answer, resume in place,
start again, stop and save, and practice forms that never reach the store."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from inclusion_app.engine.answer_walk import lookup
from inclusion_app.engine.prompt import ScreenKind
from inclusion_app.ui.resident.form_page import FormPage
from tests.data.service_answers import answers_for
from tests.ui.conftest import wait_idle
from tests.ui.form_walk import MISSING, click, click_change, fill, plain, walk_to_review
from tests.ui.test_form_walks import open_form

pytestmark = pytest.mark.gui


@pytest.fixture
def fast(monkeypatch: pytest.MonkeyPatch) -> None:
    """Continue presses at machine speed (the double-tap test does not use this)."""
    monkeypatch.setattr(FormPage, "settle_ms", 0)


def answer_screen(qtbot: Any, page: Any, answers: dict[str, Any]) -> None:
    """Give every question on the screen its answer from the table, by clicks and keys."""
    for block in page.blocks:
        value = lookup(answers, block.prompt.ref)
        if block.input is not None and value is not MISSING:
            fill(qtbot, block.input, value)


def test_a_trembling_double_tap_on_continue_moves_one_screen(qtbot: Any, main_window: Any) -> None:
    """Two quick presses on Continue move exactly one screen; a calm press later moves again."""
    window = main_window()
    session = open_form(qtbot, window, "book_service")
    page = session.page
    answers = answers_for("book_service")
    qtbot.wait(FormPage.settle_ms + 50)
    answer_screen(qtbot, page, answers)
    first = page.screen.step
    click(qtbot, page.continue_button)
    qtbot.mouseClick(page.continue_button, Qt.MouseButton.LeftButton)  # the second tap
    assert page.screen.step == first + 1
    answer_screen(qtbot, page, answers)
    qtbot.wait(FormPage.settle_ms + 50)
    click(qtbot, page.continue_button)
    assert page.screen.step == first + 2


def test_enter_presses_continue_but_not_when_back_has_the_focus(
    qtbot: Any, main_window: Any, fast: None
) -> None:
    """Enter in a field acts as Continue; Enter on the focused Back button goes back."""
    from inclusion_app.ui.resident.inputs.number_input import NumberInput

    window = main_window()
    session = open_form(qtbot, window, "practice_meal")
    page = session.page
    answers = answers_for("practice_meal")
    for _ in range(10):
        if any(isinstance(b.input, NumberInput) for b in page.blocks):
            break
        answer_screen(qtbot, page, answers)
        click(qtbot, page.continue_button)
    field = page.blocks[0].input.field
    fill(qtbot, page.blocks[0].input, "2")
    step = page.screen.step
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.screen.step == step + 1)
    page.back_button.setFocus()
    qtbot.keyClick(page.back_button, Qt.Key.Key_Return)
    assert page.screen.step == step


def test_autosave_after_an_answer_and_resume_at_the_same_screen(
    qtbot: Any, main_window: Any, fast: None
) -> None:
    """An answer alone (no Continue) is saved as a draft with its form version; the home tile
    resumes at that screen with the answer still chosen."""
    window = main_window()
    services, store = window.services, window.services.store
    session = open_form(qtbot, window, "home_care")
    page = session.page
    answers = answers_for("home_care")
    for _ in range(3):  # intro note, name, ID number
        answer_screen(qtbot, page, answers)
        click(qtbot, page.continue_button)
    assert page.screen.questions[0].name == "living"
    click(qtbot, page.blocks[0].input.cards[2])  # answered, Continue not pressed
    wait_idle(qtbot, services)
    drafts = store.list_drafts()
    assert len(drafts) == 1
    info = drafts[0]
    assert info.form_id == "home_care" and info.form_hash == session.form.form_hash
    assert store.get_form_version(info.form_hash) == session.form.xml
    saved_step = session.controller.position()
    assert store.get_draft(info.draft_id).step == saved_step
    click(qtbot, page.actions.save)  # Stop and save for later
    qtbot.waitUntil(lambda: window.current_page() is window._pages.get("saved"))
    code = window.saved_page.code
    click(qtbot, window.saved_page.done_button)
    home = window.home_page
    assert window.current_page() is home
    click(qtbot, home.resume)  # "Continue a saved form", then the code on the number pad
    for digit in code:
        click(qtbot, window.code_page.pad.keys[digit])
    click(qtbot, window.code_page.ok_button)
    qtbot.waitUntil(lambda: window.session is not None and window.current_page() is window.session)
    resumed = window.session
    assert resumed.draft_id == info.draft_id
    assert resumed.controller.position() == saved_step
    assert resumed.page.screen.questions[0].name == "living"
    assert resumed.page.blocks[0].input.value() == "children"
    assert resumed.page.values()[resumed.page.blocks[0].prompt.ref] == "children"


def test_start_again_asks_first_then_forgets_the_answers(
    qtbot: Any, main_window: Any, fast: None
) -> None:
    """"Start again" shows a full-page question; No keeps everything, Yes clears and deletes the draft."""
    window = main_window()
    services, store = window.services, window.services.store
    session = open_form(qtbot, window, "report_problem")
    page = session.page
    answers = answers_for("report_problem")
    answer_screen(qtbot, page, answers)
    click(qtbot, page.continue_button)
    wait_idle(qtbot, services)
    assert len(store.list_drafts()) == 1
    click(qtbot, page.actions.restart)
    assert session.stack.currentWidget() is session.confirm
    assert session.confirm.heading.hasFocus()
    click(qtbot, session.confirm.no)
    assert session.stack.currentWidget() is page and page.screen.step == 2
    click(qtbot, page.actions.restart)
    qtbot.keyClick(session.confirm.heading, Qt.Key.Key_Escape)  # Escape is "no" too
    assert session.stack.currentWidget() is page and page.screen.step == 2
    click(qtbot, page.actions.restart)
    click(qtbot, session.confirm.yes)
    wait_idle(qtbot, services)
    assert page.screen.step == 1 and page.blocks[0].input.value() == ""
    assert store.list_drafts() == []


def test_practice_form_never_reaches_the_store(qtbot: Any, main_window: Any, fast: None) -> None:
    """Answers, stop-and-save and finishing a practice form leave no draft and no outbox entry."""
    window = main_window()
    services, store = window.services, window.services.store
    session = open_form(qtbot, window, "practice_meal")
    assert not session.page.actions.save.isVisible()  # nothing to keep for later
    walk_to_review(qtbot, session, answers_for("practice_meal"))
    wait_idle(qtbot, services)
    assert store.list_drafts() == [] and store.list_outbox() == []
    assert session.review.send_button.text() == "Finish practice" or "练习" in session.review.send_button.text()
    got: list[Any] = []
    session.finished.connect(got.append)
    click(qtbot, session.review.send_button)
    qtbot.waitUntil(lambda: bool(got))
    wait_idle(qtbot, services)
    assert got[0].practice and got[0].reference
    assert store.list_drafts() == [] and store.list_outbox() == []


def test_repeat_prompt_offers_add_another_and_continue_in_its_place(
    qtbot: Any, main_window: Any, fast: None
) -> None:
    """The receipts repeat asks "add another?" with a big Yes button; Continue reads "No, continue"."""
    window = main_window()
    session = open_form(qtbot, window, "medical_claim")
    seen: list[Any] = []

    def on_screen(page: Any) -> None:
        if page.screen.kind is ScreenKind.REPEAT_PROMPT:
            seen.append((page.add_button.isVisible(), page.continue_button.text(),
                         page.heading.hasFocus()))

    walk_to_review(qtbot, session, answers_for("medical_claim"), on_screen=on_screen)
    assert len(seen) == 2  # after the first and the second receipt
    assert all(visible and has_focus for visible, _text, has_focus in seen)
    assert seen[0][1] in ("No, continue", "不用了，继续")
    amounts = [row for row in session.review.rows if row.ref.endswith("/amount")]
    assert len(amounts) == 2
    titles = set(session.review.list.review_model.titles)  # the titles the rows show
    label = amounts[0].group_label
    assert f"{label} 1" in titles and f"{label} 2" in titles  # each receipt under its own number


def test_send_failure_is_told_in_words_and_send_can_be_pressed_again(
    qtbot: Any, main_window: Any, fast: None
) -> None:
    """A store that refuses (disk full) gives a plain message on the review; nothing is lost."""
    from inclusion_app.storage.api import StorageFullError

    window = main_window()
    services = window.services
    session = open_form(qtbot, window, "report_problem")
    walk_to_review(qtbot, session, answers_for("report_problem"))
    real = services.store.finalize

    def full(*_args: Any, **_kw: Any) -> Any:
        raise StorageFullError("The computer's disk is full. Please ask a volunteer.")

    services.store.finalize = full
    click(qtbot, session.review.send_button)
    wait_idle(qtbot, services)
    review = session.review
    assert review.message.isVisible() and "disk is full" in plain(review.message)
    assert review.send_button.isEnabled()
    services.store.finalize = real
    got: list[Any] = []
    session.finished.connect(got.append)
    click(qtbot, review.send_button)
    qtbot.waitUntil(lambda: bool(got))
    assert services.store.get_entry(got[0].reference) is not None


def test_a_question_this_computer_cannot_answer_says_so(qtbot: Any, qapp: Any) -> None:
    """A geopoint question shows a plain sentence asking for a volunteer, and no input."""
    from inclusion_app import i18n
    from inclusion_app.engine.prompt import QuestionPrompt, Screen
    from inclusion_app.ui import theme

    i18n.set_language("en")
    theme.apply(qapp, 0, False)
    try:
        page = FormPage(0)
        qtbot.addWidget(page)
        page.resize(1366, 700)
        page.show()
        prompt = QuestionPrompt(ref="/data/where", name="where", qtype="geopoint",
                                label="Where are you?", supported=False)
        page.show_screen(Screen(kind=ScreenKind.QUESTIONS, index=(0,), questions=(prompt,),
                                step=1, total=1), can_go_back=False)
        texts = [plain(w) for w in page.findChildren(QLabel) if w.isVisible()]
        assert any("cannot be answered on this computer" in t for t in texts)
        assert page.inputs() == {} and plain(page.heading) == "Where are you?"
        assert page.continue_button.isVisible()
        assert page.back_button.accessibleName() == "Back to the start"  # step 1's way home
    finally:
        qapp.setStyleSheet("")


def test_each_new_screen_is_read_aloud_errors_too_and_next_screens_are_prefetched(
    qtbot: Any, main_window: Any, fast: None
) -> None:
    """With the voice on: the question is spoken, an error is spoken, the next screens render early."""
    from inclusion_app.speech.fake import FakeSpeaker
    from inclusion_app.ui.services.speech_service import SpeechService

    window = main_window()
    services = window.services
    speaker = FakeSpeaker()
    services.speech = SpeechService(services.settings, speaker=speaker)
    services.speech.set_enabled(True)
    session = open_form(qtbot, window, "book_service")
    page = session.page
    said = lambda: " ".join(str(e[1]) for e in services.speech.last_events if e[0] == "say")  # noqa: E731
    qtbot.waitUntil(lambda: page.screen.questions[0].label in said())
    # screen 2's question is rendered while the person is still on screen 1
    qtbot.waitUntil(lambda: any("具体是哪一项" in t for t in speaker.rendered))
    click(qtbot, page.continue_button)  # nothing chosen: refused
    message = page.error_summary.text()
    qtbot.waitUntil(lambda: message in said())
    answer_screen(qtbot, page, answers_for("book_service"))
    click(qtbot, page.continue_button)
    qtbot.waitUntil(lambda: "具体是哪一项" in said())
    services.speech.shutdown()


def test_read_this_page_reads_every_row_in_turn(qtbot: Any, main_window: Any, fast: None) -> None:
    """"Read this page" speaks each review row after the one before has finished, all of them."""
    from inclusion_app.speech.fake import FakeSpeaker
    from inclusion_app.ui.services.speech_service import SpeechService

    window = main_window()
    services = window.services
    services.speech = SpeechService(services.settings, speaker=FakeSpeaker())
    services.speech.set_enabled(True)
    session = open_form(qtbot, window, "practice_meal")
    walk_to_review(qtbot, session, answers_for("practice_meal"))
    rows = session.review.rows
    click(qtbot, session.review.read_button)

    def played() -> list[str]:
        return [str(e[1]) for e in services.speech.last_events if e[0] == "play"]

    qtbot.waitUntil(lambda: all(any(r.label in t for t in played()) for r in rows), timeout=15_000)
    order = [next(i for i, t in enumerate(played()) if r.label in t) for r in rows]
    assert order == sorted(order)
    services.speech.shutdown()


def test_a_change_that_needs_a_new_answer_asks_it_before_returning_to_review(
    qtbot: Any, main_window: Any, fast: None
) -> None:
    """Changing "for whom" to a family member asks that person's name, then returns to review."""
    window = main_window()
    session = open_form(qtbot, window, "book_service")
    walk_to_review(qtbot, session, answers_for("book_service"))
    review, page = session.review, session.page
    target = next(i for i, r in enumerate(review.rows) if r.ref.endswith("/for_whom"))
    click_change(qtbot, review, target)
    fill(qtbot, page.blocks[0].input, "family")
    click(qtbot, page.continue_button)
    assert session.stack.currentWidget() is page
    assert page.screen.questions[0].name == "other_name"
    assert page.blocks[0].input.focus_target().hasFocus()  # typing works at once
    click(qtbot, page.continue_button)  # empty: refused, stays
    assert page.error_frame.isVisible() and page.screen.questions[0].name == "other_name"
    fill(qtbot, page.blocks[0].input, "张小红")
    click(qtbot, page.continue_button)
    qtbot.waitUntil(lambda: session.stack.currentWidget() is review)
    names = {r.ref.rsplit("/", 1)[-1]: r for r in review.rows}
    assert names["other_name"].answer == "张小红" and names["for_whom"].answered


def test_language_switch_keeps_a_half_typed_date_in_the_new_box_order(
    qtbot: Any, main_window: Any, fast: None
) -> None:
    """An impossible date typed but not accepted survives a switch to English, boxes reordered."""
    from inclusion_app.ui.resident.inputs.date_input import DateInput
    from tests.ui.test_form_walks import open_settings_and

    window = main_window()
    session = open_form(qtbot, window, "practice_meal")
    page = session.page
    answers = answers_for("practice_meal")
    for _ in range(20):
        if any(isinstance(b.input, DateInput) for b in page.blocks):
            break
        answer_screen(qtbot, page, answers)
        click(qtbot, page.continue_button)
    date = page.blocks[0].input
    fill(qtbot, date, "2031-02-31")
    assert date.boxes.year.text() == "2031" and date.local_error()
    open_settings_and(qtbot, window, lambda s: s.language_buttons[1])
    date = page.blocks[0].input
    assert date.boxes.boxes == [date.boxes.day, date.boxes.month, date.boxes.year]
    assert (date.boxes.day.text(), date.boxes.month.text(), date.boxes.year.text()) == ("31", "2", "2031")
    click(qtbot, page.continue_button)
    assert page.error_frame.isVisible() and "does not exist" in page.error_summary.text()


def test_a_refused_answer_stays_in_the_field_with_the_same_words_twice(
    qtbot: Any, main_window: Any, fast: None
) -> None:
    """9 portions (allowed 1 to 5): summary and inline message agree, the 9 stays, 3 is accepted."""
    from inclusion_app.ui.resident.inputs.number_input import NumberInput

    window = main_window()
    session = open_form(qtbot, window, "practice_meal")
    page = session.page
    answers = answers_for("practice_meal")
    for _ in range(10):
        if any(isinstance(b.input, NumberInput) for b in page.blocks):
            break
        answer_screen(qtbot, page, answers)
        click(qtbot, page.continue_button)
    number = page.blocks[0].input
    fill(qtbot, number, "9")
    step = page.screen.step
    click(qtbot, page.continue_button)
    assert page.screen.step == step and page.error_frame.isVisible()
    message = page.error_summary.text()
    assert message and message in plain(page.blocks[0].error)
    assert page.error_summary.hasFocus()
    assert number.value() == "9"
    fill(qtbot, number, "3")
    click(qtbot, page.continue_button)
    assert page.screen.step == step + 1 and not page.error_frame.isVisible()


def test_a_save_finishing_after_the_form_is_closed_does_no_harm(
    qtbot: Any, main_window: Any, fast: None
) -> None:
    """Leaving the form while its last autosave is still on the database thread raises nothing."""
    window = main_window()
    services = window.services
    session = open_form(qtbot, window, "report_problem")
    click(qtbot, session.page.blocks[0].input.cards[0])  # starts an autosave
    click(qtbot, session.page.actions.save)  # "leave once saved" is now waiting for it
    window.go_home()  # ...but the view is deleted before the save hands back
    qtbot.wait(10)
    wait_idle(qtbot, services)
    assert len(services.store.list_drafts()) == 1


def test_a_double_tap_on_the_last_continue_does_not_send(qtbot: Any, main_window: Any) -> None:
    """Send sits where Continue was: the second tap of a double tap lands there and is ignored."""
    window = main_window()
    session = open_form(qtbot, window, "practice_meal")
    page = session.page
    answers = answers_for("practice_meal")
    got: list[Any] = []
    session.finished.connect(got.append)
    for _ in range(20):
        qtbot.wait(FormPage.settle_ms + 20)
        if page.screen.step == page.screen.total:
            break
        answer_screen(qtbot, page, answers)
        click(qtbot, page.continue_button)
    answer_screen(qtbot, page, answers)
    click(qtbot, page.continue_button)
    assert session.stack.currentWidget() is session.review
    qtbot.mouseClick(session.review.send_button, Qt.MouseButton.LeftButton)  # the second tap
    qtbot.wait(50)
    assert got == [] and session.stack.currentWidget() is session.review
    qtbot.wait(FormPage.settle_ms + 20)
    click(qtbot, session.review.send_button)  # a deliberate press later sends
    qtbot.waitUntil(lambda: bool(got))


def test_a_group_without_a_label_still_starts_on_its_first_question(qtbot: Any, qapp: Any) -> None:
    """Two questions on one screen and no group label: focus starts on the first question."""
    from inclusion_app import i18n
    from inclusion_app.engine.prompt import QuestionPrompt, Screen
    from inclusion_app.ui import theme

    i18n.set_language("en")
    theme.apply(qapp, 0, False)
    try:
        page = FormPage(0)
        qtbot.addWidget(page)
        page.resize(1366, 700)
        page.show()
        page.activateWindow()
        qtbot.waitUntil(page.isActiveWindow)
        questions = tuple(QuestionPrompt(ref=f"/data/{n}", name=n, qtype="text", label=f"Q {n}?")
                          for n in ("a", "b"))
        page.show_screen(Screen(kind=ScreenKind.QUESTIONS, index=(0,), questions=questions,
                                step=1, total=1), can_go_back=False)
        assert page.heading is page.blocks[0].title
        assert page.blocks[0].input.focus_target().hasFocus()  # the first question's field
    finally:
        qapp.setStyleSheet("")


def test_a_fault_in_the_form_is_told_in_words_and_continue_stays_usable(
    qtbot: Any, main_window: Any, fast: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the engine fails on Continue the person sees a plain sentence, not a frozen screen."""
    window = main_window()
    session = open_form(qtbot, window, "report_problem")
    page = session.page
    answer_screen(qtbot, page, answers_for("report_problem"))

    def broken() -> Any:
        raise RuntimeError("engine fault")

    monkeypatch.setattr(session.controller, "next", broken)
    click(qtbot, page.continue_button)
    from inclusion_app.i18n import _

    assert page.error_frame.isVisible() and page.error_summary.text()
    assert any(word in page.error_summary.text() for word in ("volunteer", "志愿者")), _("volunteer")
    assert page.continue_button.isEnabled() and page.screen.step == 1
