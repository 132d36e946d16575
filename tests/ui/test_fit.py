"""Every screen fits every screen: at 1024x600 up to 1920x1080 and at every text size, each
page's main action (Continue and Back, Send, Done, Back to start) is in view without
scrolling, the window is no larger than the screen, and long content says "More below"."""

from __future__ import annotations

from typing import Any

import pytest

from inclusion_app.settings import TEXT_SIZE_STEPS
from tests.ui.fit import SCREENS, answer_starts_in_view, settle, why_not_in_view

pytestmark = pytest.mark.gui

STEPS = range(TEXT_SIZE_STEPS)
# Forms whose screens cover the kinds of answer: the ID keypad, long choice lists, dates,
# a photo, repeats, a declaration.
FORMS = ("pension_check", "medical_claim")


def in_view(window: Any, *widgets: Any) -> None:
    problems = [p for w in widgets if (p := why_not_in_view(w, window))]
    assert not problems, "; ".join(problems)


def every_screen(session: Any) -> list[Any]:
    """Each screen of the form once, reached through the controller (no answers needed)."""
    seen, screens = set(), []
    controller = session.controller
    for row in controller.review():
        if row.index not in seen:
            seen.add(row.index)
            controller.jump(row.index)
            screens.append(controller.screen)
    return screens


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_window_is_never_larger_than_the_screen(qtbot: Any, main_window: Any,
                                                    size: tuple[int, int]) -> None:
    """At every text size the window takes exactly the screen it is given, not more."""
    for step in STEPS:
        window = main_window(size=size, text_size_step=step)
        settle(window)
        assert (window.width(), window.height()) == size, step
        window.close()


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("step", STEPS)
def test_continue_and_back_are_in_view_on_every_question(qtbot: Any, main_window: Any,
                                                         size: tuple[int, int], step: int) -> None:
    """Every screen of two long forms, with an error showing too: Back, the step counter and
    Continue stay inside the screen and outside any scroll area."""
    window = main_window(size=size, language="en", text_size_step=step)
    for form_id in FORMS:
        window.start_form(window.services.load_form(form_id))
        session = window.session
        if session.consent.showing():  # an ID number is asked: the consent page first
            session.consent.page._shown_at = 0.0
            session.consent.page.continue_button.click()
            settle(window)
        page = session.page
        for screen in every_screen(session):
            page.show_screen(screen, can_go_back=True)
            settle(window)
            in_view(window, page.back_button, page.progress, page.continue_button)
            page.show_errors([(q.ref, "Please choose one") for q in screen.questions[:1]])
            settle(window)
            in_view(window, page.back_button, page.continue_button)
            first = page.first_field()
            if first is not None:  # review walk 103: at 44 pt with an error, no choice showed
                assert answer_starts_in_view(first, window), (step, screen.questions[0].name)
        session.show_current()
        session.show_review()
        settle(window)
        in_view(window, session.review.back_button, session.review.send_button)
        window.go_home()


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("step", STEPS)
def test_each_page_s_main_action_is_in_view(qtbot: Any, main_window: Any,
                                            size: tuple[int, int], step: int) -> None:
    """Home's Volunteer button, settings' Done, the confirmation's Back to start, the
    volunteer corner's way back and "Start again?"'s safe answer."""
    from inclusion_app.ui.resident.form_outcome import Completed

    window = main_window(size=size, language="zh", text_size_step=step)
    settle(window)
    in_view(window, window.home_page.volunteer)
    window.open_settings()
    settle(window)
    in_view(window, window.settings_page.done_button)
    window.close_settings()
    window.form_finished(Completed(reference="K7M2P4Q9", instance_id="uuid:1",
                                   form_id="pension_check", title="养老金资格认证", rows=[],
                                   when=0.0, practice=False))
    settle(window)
    in_view(window, window.confirmation_page.home_button)
    window.open_volunteer()
    settle(window)
    in_view(window, window.volunteer_page.back_button)
    window.go_home()
    window.open_code_page()  # "Continue a saved form": the code pad and its Continue
    settle(window)
    in_view(window, window.code_page.ok_button, window.code_page.back_button)
    window.saved_page.show_code("12345678", "养老金资格认证")  # "Your answers are saved"
    window.show_page(window.saved_page)
    settle(window)
    in_view(window, window.saved_page.done_button)
    window.go_home()
    window.start_form(window.services.load_form("pension_check"))
    window.session._ask_restart()
    settle(window)
    in_view(window, window.session.confirm.no, window.session.confirm.yes)


def test_more_below_is_said_once_in_words_and_show_more_scrolls(qtbot: Any, main_window: Any,
                                                                 ) -> None:
    """A screen that continues below says so in words (and aloud, once), and Show more and
    the Down key bring the rest into view."""
    from PySide6.QtCore import Qt

    window = main_window(size=(1024, 600), language="en", text_size_step=5, speech="fake")
    window.open_settings()
    page = window.settings_page
    settle(window)
    assert page.more_label.isVisible() and page.more_label.plain_text() == (
        "More below: scroll or press \u2193")
    assert page.show_more.isVisible() and page.show_more.height() >= 64
    speaker = window.services.speech.speaker
    qtbot.waitUntil(lambda: any(e[0] == "say" and "More below" in e[1] for e in speaker.events),
                    timeout=5000)
    bar = page.scroll.verticalScrollBar()
    qtbot.mouseClick(page.show_more, Qt.MouseButton.LeftButton)
    first = bar.value()
    assert first > 0
    page.heading.setFocus()
    qtbot.keyClick(page.heading, Qt.Key.Key_Down)
    assert bar.value() > first
    bar.setValue(bar.maximum())
    settle(window)
    assert not page.more_label.isVisible()  # at the end: nothing more below
    said = [e for e in speaker.events if e[0] == "say" and "More below" in e[1]]
    assert len(said) == 1, said


def test_the_id_pad_shrinks_and_moves_beside_its_box_on_a_small_screen(main_window: Any) -> None:
    """1024x600: the whole pad, Clear included, is in view; its keys are still 64 px."""
    window = main_window(size=(1024, 600), language="zh")
    window.start_form(window.services.load_form("pension_check"))
    session = window.session
    row = next(r for r in session.controller.review() if r.ref.endswith("/id_number"))
    session._change(row)
    settle(window)
    number = session.page.blocks[0].input
    assert number.compact >= 1
    keys = list(number.keys.values())
    assert all(k.width() >= 64 and k.height() >= 64 for k in keys)
    in_view(window, number.field, *keys)


def test_a_long_choice_list_goes_into_two_columns_before_the_fold(main_window: Any) -> None:
    window = main_window(size=(1024, 600), language="zh")
    window.start_form(window.services.load_form("pension_check"))
    session = window.session
    row = next(r for r in session.controller.review() if r.ref.endswith("/pension_type"))
    session._change(row)
    settle(window)
    cards = session.page.blocks[0].input
    assert cards.columns == 2
    in_view(window, *cards.cards)
    session.page.show_errors([(row.ref, "请选一项")])  # the error box scrolls with the page
    settle(window)
    in_view(window, session.page.error_summary)
