""""Remove this one" on a repeat's screens and on check-your-answers, with a spoken question."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from inclusion_app.engine.loader import load_form
from inclusion_app.engine.prompt import ScreenKind
from inclusion_app.ui.resident.form_page import FormPage
from inclusion_app.ui.resident.form_session import FormSessionView
from tests.ui.form_walk import click, fill

pytestmark = pytest.mark.gui

FORM = """
| survey |
| | type | name | label | calculation | repeat_count |
| | integer | n | How many children? | | |
| | begin repeat | child | Child | | ${n} |
| | text | cname | Child's name | | |
| | end repeat | | | | |
| | begin repeat | member | Household member | | |
| | text | mname | Member's name | | |
| | end repeat | | | | |
| | calculate | members | | count(${member}) | |
| | note | done | ${members} members | | |
"""


@pytest.fixture
def session(qtbot: Any, app_services: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(FormPage, "settle_ms", 0)
    path = tmp_path / "household.md"
    path.write_text(FORM, encoding="utf-8")
    from inclusion_app.speech.fake import FakeSpeaker
    from inclusion_app.ui.services.speech_service import SpeechService

    services = app_services(store=None, language="en")
    services.speech = SpeechService(services.settings, speaker=FakeSpeaker())
    services.speech.set_enabled(True)
    view = FormSessionView(services, load_form(path))
    qtbot.addWidget(view)
    view.resize(1366, 900)
    view.show()
    qtbot.waitExposed(view)
    yield view
    services.speech.shutdown()


def _continue(qtbot: Any, view: Any) -> None:
    click(qtbot, view.page.continue_button)


def _said(view: Any) -> str:
    return " ".join(str(e[1]) for e in view.services.speech.last_events if e[0] == "say")


def _members(view: Any) -> list[str]:
    return [m.child("mname").value for m in view.controller._state.root.children_named("member")]


def _to_members(qtbot: Any, view: Any) -> None:
    fill(qtbot, view.page.blocks[0].input, "1")
    _continue(qtbot, view)
    assert view.page.remove_button is None  # a jr:count child is never offered for removal
    fill(qtbot, view.page.blocks[0].input, "Kid")
    _continue(qtbot, view)
    for i, name in enumerate(("Ann", "Bob", "Cai")):
        if i:
            click(qtbot, view.page.add_button)
        fill(qtbot, view.page.blocks[0].input, name)
        _continue(qtbot, view)


def test_removeThisOne_onTheRepeatScreen_asksAloudThenRemoves(qtbot: Any, session: Any) -> None:
    view = session
    _to_members(qtbot, view)
    view.controller.jump(next(r.index for r in view.controller.review() if r.ref.endswith("/member[2]/mname")))
    view.show_current()
    click(qtbot, view.page.remove_button)
    confirm = view.removal.page
    assert view.stack.currentWidget() is confirm
    assert confirm.heading.plain_text() == "Remove Household member 2?"
    qtbot.waitUntil(lambda: "Remove Household member 2?" in _said(view))
    qtbot.keyClick(confirm, Qt.Key.Key_Escape)  # no: nothing changes
    assert view.stack.currentWidget() is view.page and _members(view) == ["Ann", "Bob", "Cai"]
    click(qtbot, view.page.remove_button)
    click(qtbot, confirm.yes)
    assert _members(view) == ["Ann", "Cai"]
    assert view.page.screen.questions[0].ref.endswith("/member[2]/mname")  # Cai, where Bob was
    qtbot.waitUntil(lambda: "It has been removed." in _said(view))
    assert view.controller._state.root.child("members").value == "2"


def test_removeThisOne_onCheckYourAnswers(qtbot: Any, session: Any) -> None:
    view = session
    _to_members(qtbot, view)
    assert view.page.screen.kind is ScreenKind.REPEAT_PROMPT
    _continue(qtbot, view)  # no more members
    _continue(qtbot, view)  # the note
    assert view.stack.currentWidget() is view.review
    buttons = view.review.remove_buttons
    assert [b.accessibleName() for b in buttons] == [
        f"Remove this one: Household member {i}" for i in (1, 2, 3)]
    click(qtbot, buttons[0])
    click(qtbot, view.removal.page.yes)
    assert view.stack.currentWidget() is view.review and _members(view) == ["Bob", "Cai"]
    assert len(view.review.remove_buttons) == 2
    assert any(r.answer == "Bob" for r in view.review.rows)
