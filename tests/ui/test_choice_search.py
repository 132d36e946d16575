"""Long choice lists are answered with a large search box: type a few characters, press a card."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from inclusion_app.engine.loader import load_form
from inclusion_app.engine.prompt import Choice, QuestionPrompt
from inclusion_app.ui.resident.form_page import FormPage
from inclusion_app.ui.resident.form_session import FormSessionView
from inclusion_app.ui.resident.inputs.choice_cards import ChoiceCards
from inclusion_app.ui.resident.inputs.choice_search import SHOWN, ChoiceSearch
from tests.ui.form_walk import click, fill, replace_text, type_text
from tests.ui.test_form_inputs import shown, styled  # noqa: F401  (fixture)

pytestmark = pytest.mark.gui

STREETS = tuple(Choice(f"s{i}", f"Street {i} 第{i}街") for i in range(1, 501))


def _prompt(qtype: str = "select_one", choices: tuple[Choice, ...] = STREETS, appearance: str = "",
            answer: str = "") -> QuestionPrompt:
    return QuestionPrompt(ref="/d/q", name="q", qtype=qtype, label="Which street?", choices=choices,
                          appearance=appearance, answer=answer)


def test_longList_isSearched_andACardChoosesTheAnswer(qtbot: Any, styled: Any) -> None:  # noqa: F811
    """500 streets: no cards until something is typed, then the first few that match (labels
    starting with the text first); pressing one answers, and typing on keeps the answer."""
    w = shown(qtbot, _prompt())
    assert isinstance(w, ChoiceSearch) and w.cards == []
    click(qtbot, w.box)
    type_text(qtbot, w.box, "street 12")
    assert [c.choice_value for c in w.cards] == ["s12", "s120", "s121", "s122", "s123", "s124"][:SHOWN]
    with qtbot.waitSignal(w.changed):
        click(qtbot, w.cards[1])
    assert w.value() == "s120" and w.cards[1].isChecked()
    assert "Street 120" in w.chosen_label.plain_text() and w.chosen_label.isVisible()
    replace_text(qtbot, w.box, "zzz")
    assert w.cards == [] and w.status.isVisible() and w.value() == "s120"


def test_chineseCharacters_findTheirStreet(qtbot: Any, styled: Any) -> None:  # noqa: F811
    w = shown(qtbot, _prompt())
    click(qtbot, w.box)
    type_text(qtbot, w.box, "第34街")
    assert [c.choice_value for c in w.cards] == ["s34"]


def test_searchAppearance_onAShortMultipleList(qtbot: Any, styled: Any) -> None:  # noqa: F811
    """The `search` appearance asks for typing even on a short list; select_multiple keeps several."""
    choices = (Choice("a", "Apple"), Choice("b", "Banana"), Choice("p", "Pear"))
    w = shown(qtbot, _prompt("select_multiple", choices, "search", answer="p"))
    assert isinstance(w, ChoiceSearch) and w.value() == "p"
    fill(qtbot, w, ["p", "b"])
    assert w.value() == "p b"
    short = shown(qtbot, _prompt(choices=choices))
    assert isinstance(short, ChoiceCards)


def test_questionScreen_withAListFromAFile_isAnsweredBySearch(
    qtbot: Any, app_services: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real form with a 300-row CSV beside it: the screen shows the search box; an answer found
    by typing reaches the controller when Continue is pressed."""
    monkeypatch.setattr(FormPage, "settle_ms", 0)
    form_path = tmp_path / "streets.md"
    form_path.write_text("| survey |\n| | type | name | label |\n"
                         "| | select_one_from_file streets.csv | street | Which street? |\n"
                         "| | text | note | Anything else? |\n", encoding="utf-8")
    (tmp_path / "streets-media").mkdir()
    (tmp_path / "streets-media" / "streets.csv").write_text(
        "name,label\n" + "".join(f"s{i},Street {i}\n" for i in range(300)), encoding="utf-8")
    session = FormSessionView(app_services(store=None), load_form(form_path))
    qtbot.addWidget(session)
    session.resize(1366, 768)
    session.show()
    page = session.page
    widget = page.blocks[0].input
    assert isinstance(widget, ChoiceSearch)
    fill(qtbot, widget, "s250")
    click(qtbot, page.continue_button)
    qtbot.waitUntil(lambda: page.screen.questions[0].name == "note")
    assert session.controller._state.root.child("street").value == "s250"
