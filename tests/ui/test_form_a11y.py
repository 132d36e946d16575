"""The accessibility checks of tests/ui/a11y.py over every screen of every shipped form."""

from __future__ import annotations

from typing import Any

import pytest

from inclusion_app.ui.resident.form_page import FormPage
from tests.data.service_answers import answers_for
from tests.ui import a11y
from tests.ui.form_walk import click, walk_to_review
from tests.ui.test_form_walks import FORM_IDS, open_form, open_settings_and

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def no_settle(monkeypatch: pytest.MonkeyPatch) -> None:
    """Walks press Continue at machine speed."""
    monkeypatch.setattr(FormPage, "settle_ms", 0)


@pytest.mark.parametrize("high_contrast", [False, True], ids=["default", "high_contrast"])
@pytest.mark.parametrize("form_id", FORM_IDS)
def test_every_screen_passes_contrast_targets_names_and_tab_order(
    qtbot: Any, main_window: Any, form_id: str, high_contrast: bool, tmp_path: Any
) -> None:
    """At the smallest text: 7:1 contrast, 64/44 px targets, names with descriptions, Tab reaches Continue."""
    window = main_window(high_contrast=high_contrast)
    session = open_form(qtbot, window, form_id)
    problems: list[str] = []

    def check(page: Any) -> None:
        qtbot.wait(1)  # let the new screen lay out before measuring it
        found = a11y.check_screen(page, high_contrast, continue_button=page.continue_button,
                                  clipping=False)
        problems.extend(f"step {page.screen.step}: {p}" for p in found)

    walk_to_review(qtbot, session, answers_for(form_id), on_screen=check)
    review = session.review
    qtbot.wait(1)
    problems.extend(f"review: {p}" for p in a11y.check_screen(
        review, high_contrast, continue_button=review.send_button, clipping=False))
    click(qtbot, review.actions.restart)
    qtbot.wait(1)
    problems.extend(f"start again: {p}" for p in a11y.check_screen(
        session.confirm, high_contrast, continue_button=session.confirm.no, clipping=False))
    assert problems == []


@pytest.mark.parametrize("size", [(1366, 768), (1280, 800)], ids=["1366x768", "1280x800"])
@pytest.mark.parametrize("form_id", FORM_IDS)
def test_nothing_is_clipped_at_the_largest_text(
    qtbot: Any, main_window: Any, form_id: str, size: tuple[int, int]
) -> None:
    """At text step 5 every label and button on every screen shows all of its text."""
    window = main_window(size=size)
    open_settings_and(qtbot, window, lambda s: s.size_buttons[-1])
    session = open_form(qtbot, window, form_id)
    problems: list[str] = []

    def check(page: Any) -> None:
        qtbot.wait(1)
        problems.extend(f"step {page.screen.step}: {p}" for p in a11y.check_clipping(page))

    walk_to_review(qtbot, session, answers_for(form_id), on_screen=check)
    qtbot.wait(1)
    problems.extend(f"review: {p}" for p in a11y.check_clipping(session.review))
    click(qtbot, session.review.actions.restart)  # the "start again?" page too
    qtbot.wait(1)
    problems.extend(f"start again: {p}" for p in a11y.check_clipping(session.confirm))
    assert problems == []


def test_text_size_changed_mid_form_reflows_the_open_screen(qtbot: Any, main_window: Any) -> None:
    """From the smallest to the largest text while a number-pad screen is open: nothing clipped."""
    from tests.ui.form_walk import fill

    window = main_window(size=(1280, 800))
    session = open_form(qtbot, window, "home_care")
    page = session.page
    answers = answers_for("home_care")
    for _ in range(2):  # intro, name: then the ID number with its pad
        for block in page.blocks:
            if block.input is not None and block.prompt.name in answers:
                fill(qtbot, block.input, answers[block.prompt.name])
        click(qtbot, page.continue_button)
    assert page.blocks[0].prompt.name == "id_number"
    open_settings_and(qtbot, window, lambda s: s.size_buttons[-1])
    qtbot.wait(1)
    assert a11y.check_clipping(page) == []
    walk_to_review(qtbot, session, answers)
    open_settings_and(qtbot, window, lambda s: s.size_buttons[0])
    qtbot.wait(1)
    assert a11y.check_clipping(session.review) == []
