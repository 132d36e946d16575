"""A number is kept exactly and shown the same on every screen, or refused aloud (issue 11).

"1,250" typed into the medical claim's amount became 1.25 ("You are claiming 1.25 yuan in
total"), check-your-answers showed "1,250" and the reopened question "1.250"."""

from __future__ import annotations

import json
from typing import Any

import pytest

from inclusion_app.ui.resident.form_page import FormPage
from tests.data.service_answers import answers_for
from tests.ui.form_walk import click, click_change, plain, type_text, walk_to_review
from tests.ui.test_form_walks import open_form

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def no_settle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FormPage, "settle_ms", 0)


def _texts(page: Any) -> list[str]:
    return [plain(block.title) for block in page.blocks]


def _amounts(session: Any) -> list[str]:
    tree = json.loads(session.controller.snapshot())["tree"]
    found: list[str] = []

    def walk(node: Any) -> None:
        name, value = node
        if isinstance(value, list):
            for child in value:
                walk(child)
        elif name == "amount":
            found.append(value)

    walk(tree)
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_1250_is_1250_on_every_screen(qtbot: Any, main_window: Any, lang: str) -> None:
    window = main_window(language=lang)
    session = open_form(qtbot, window, "medical_claim")
    answers = answers_for("medical_claim")
    answers["expense"][0]["amount"] = "1,250"
    answers["expense"][1]["amount"] = "１２。５"  # full-width digits, a Chinese full stop
    seen: list[str] = []
    walk_to_review(qtbot, session, answers, on_screen=lambda page: seen.extend(_texts(page)))
    assert _amounts(session) == ["1250", "12.5"]  # what the submission will hold
    total = [t for t in seen if "1,262.5" in t]
    assert total, seen  # the computed total, as the language writes it
    review = session.review
    rows = [r for r in review.rows if r.ref.split("/")[-1].startswith("amount")]
    assert [r.answer for r in rows] == ["1,250", "12.5"]
    click_change(qtbot, review, review.rows.index(rows[0]))
    field = session.page.blocks[0].input.field
    assert field.text() == "1,250"  # the reopened question: never 1.250
    click(qtbot, session.page.continue_button)
    assert _amounts(session) == ["1250", "12.5"]


@pytest.mark.parametrize(("lang", "message"), [
    ("en", "Please write it as 125 or 12.5."), ("zh", "请写成 125 或 12.5。")])
def test_an_ambiguous_amount_is_refused_on_screen_and_aloud(
        qtbot: Any, main_window: Any, lang: str, message: str) -> None:
    window = main_window(language=lang, speech="fake")
    session = open_form(qtbot, window, "medical_claim")
    page = session.page
    for _ in range(10):
        if page.blocks and page.blocks[0].prompt.ref.endswith("/amount"):
            break
        answers = answers_for("medical_claim")
        answers["expense"] = answers["expense"][:1]
        walk_to_review  # noqa: B018 - the walk below stops at the amount
        from tests.ui.test_form_session import answer_screen

        answer_screen(qtbot, page, {**answers, **answers["expense"][0]})
        click(qtbot, page.continue_button)
    assert page.blocks[0].prompt.ref.endswith("/amount")
    field = page.blocks[0].input.field
    click(qtbot, field)
    type_text(qtbot, field, "12,5")
    click(qtbot, page.continue_button)
    assert page.blocks[0].prompt.ref.endswith("/amount")  # not moved on
    assert message in page.error_summary.text()
    speech = window.services.speech
    qtbot.waitUntil(lambda: any(message in said for said in speech.speaker.said), timeout=5000)
    assert _amounts(session) == [""]  # nothing guessed
