"""The window counts forms for the centre's statistics, and no answer ever reaches the counts."""

from __future__ import annotations

from typing import Any

import pytest

from inclusion_app.stats.book import open_book
from inclusion_app.ui.resident.form_page import FormPage
from tests.data.service_answers import answers_for
from tests.ui.conftest import wait_idle
from tests.ui.form_walk import click, fill, walk_to_review
from tests.ui.test_form_walks import open_form, send

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FormPage, "settle_ms", 0)


def _counts(window: Any) -> dict[tuple[str, str, str], int]:
    return {(c.form_id, c.measure, c.item): c.count
            for c in open_book(window.services.paths.data).counts()}


def test_started_error_saved_and_abandoned_are_counted(qtbot: Any, main_window: Any) -> None:
    """An error shown, stop-and-save at a question, a form left by going home: each counted,
    with the question's name and the message, and without the answer typed."""
    window = main_window(language="en", text_size_step=2)
    session = open_form(qtbot, window, "pension_check")
    page = session.page
    click(qtbot, page.continue_button)  # past the introduction
    click(qtbot, page.continue_button)  # nothing typed: "please enter your name"
    shown = page.error_summary.text()
    assert shown
    fill(qtbot, page.blocks[0].input, "ZHANGWEI-SECRET")
    click(qtbot, page.continue_button)
    ref = page.blocks[0].prompt.ref.rsplit("/", 1)[-1]
    session.stop_and_save()
    qtbot.waitUntil(lambda: window.current_page() is window.saved_page)  # the resume code
    window.end_visit()
    open_form(qtbot, window, "book_service")
    window.go_home()
    wait_idle(qtbot, window.services)
    counts = _counts(window)
    assert counts[("pension_check", "started", "")] == 1
    assert counts[("pension_check", "saved", "")] == 1
    assert counts[("pension_check", "stopped_at", ref)] == 1
    assert counts[("pension_check", "text_size", "3")] == 1
    assert counts[("pension_check", "voice", "on")] == 1
    assert counts[("book_service", "abandoned", "")] == 1
    errors = [item for (_f, measure, item) in counts if measure == "error"]
    assert errors and all(message in shown for message in errors)
    raw = (window.services.paths.data / "statistics.sqlite3").read_bytes()
    assert b"ZHANGWEI-SECRET" not in raw


def test_a_finished_form_counts_its_time_and_no_answer_value(qtbot: Any, main_window: Any) -> None:
    """Finishing counts finished and seconds; none of the answers is in the statistics file."""
    window = main_window(language="en")
    session = open_form(qtbot, window, "book_service")
    answers = answers_for("book_service")
    walk_to_review(qtbot, session, answers)
    send(qtbot, window, session)
    wait_idle(qtbot, window.services)
    counts = _counts(window)
    assert counts[("book_service", "finished", "")] == 1
    assert counts[("book_service", "seconds", "")] == 1
    assert not any(m == "abandoned" for (_f, m, _i) in counts)
    raw = (window.services.paths.data / "statistics.sqlite3").read_bytes()
    for value in answers.values():
        if isinstance(value, str) and len(value) >= 4:
            assert value.encode() not in raw, value


def test_statistics_off_records_nothing(qtbot: Any, main_window: Any) -> None:
    """With statistics turned off in the settings, no count is written."""
    window = main_window(language="en", statistics_on=False)
    open_form(qtbot, window, "book_service")
    window.go_home()
    wait_idle(qtbot, window.services)
    assert _counts(window) == {}


def test_a_message_that_quotes_an_answer_is_counted_without_it() -> None:
    """An error text with a typed answer in it (a form's <output>) is counted with "…"."""
    from inclusion_app.ui.services.usage_recorder import scrub

    assert scrub("You wrote 1234567 but a number has 8 digits", ["1234567"]) == (
        "You wrote … but a number has 8 digits")
    assert scrub("Please list your name", ["张伟", "lis"]) == "Please list your name"
    assert scrub("您填的张伟不对", ["张伟"]) == "您填的…不对"
