"""Nothing typed is lost (issue 11): whatever a box holds when the person leaves the screen,
by any way off it, is the answer the form keeps and the draft saves."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from inclusion_app.engine.loader import load_form
from inclusion_app.ui.resident.form_page import FormPage
from tests.ui.conftest import wait_idle
from tests.ui.form_walk import agree_if_asked, click, fill, type_text

pytestmark = pytest.mark.gui
FORM = Path(__file__).resolve().parents[1] / "forms" / "every_kind.md"

# question -> (what the person enters, what the form keeps)
KINDS = {
    "full_name": ("QabcdefghijXY", "QabcdefghijXY"),
    "story": ("Fell on the stairs", "Fell on the stairs"),
    "people": ("12", "12"),
    "amount": ("12.5", "12.5"),
    "day": ("1950-03-09", "1950-03-09"),
    "at": ("14:30", "14:30:00.000+00:00"),
    "alone": ("yes", "yes"),
    "changes": (["moved", "card"], "moved card"),
    "id_number": ("11010519491231002X", "11010519491231002X"),
    "bank": ("6222020200112233445", "6222020200112233445"),
}


def answers(payload: bytes) -> dict[str, str]:
    """Question name -> stored value, from a draft's snapshot."""
    found: dict[str, str] = {}

    def walk(node: Any) -> None:
        name, value = node
        if isinstance(value, list):
            for child in value:
                walk(child)
        else:
            found[name] = value

    walk(json.loads(payload)["tree"])
    return found


def stored(session: Any, name: str) -> str:
    return answers(session.controller.snapshot()).get(name, "")


def saved_draft(qtbot: Any, window: Any) -> dict[str, str]:
    services = window.services
    wait_idle(qtbot, services)
    [info] = services.store.list_drafts()
    return answers(services.store.get_draft(info.draft_id).payload)


def open_at(qtbot: Any, main_window: Any, name: str, **kwargs: Any) -> tuple[Any, Any]:
    """The window with the test form open at question `name` (earlier ones left empty)."""
    window = main_window(**kwargs)
    window.start_form(load_form(FORM))
    session = window.session
    agree_if_asked(qtbot, session)  # the form asks an ID number: the consent page comes first
    for _ in range(len(KINDS)):
        if session.page.blocks[0].prompt.ref == f"/data/{name}":
            return window, session
        click(qtbot, session.page.continue_button)
    raise AssertionError(f"{name} never came")


@pytest.fixture(autouse=True)
def no_settle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FormPage, "settle_ms", 0)


@pytest.mark.parametrize("name", list(KINDS))
def test_typed_and_stopped_at_once_is_saved(qtbot: Any, main_window: Any, name: str) -> None:
    """Every input kind: enter an answer, press "Stop and save for later" at once; the saved
    draft holds the whole answer."""
    window, session = open_at(qtbot, main_window, name)
    typed, kept = KINDS[name]
    fill(qtbot, session.page.blocks[0].input, typed)
    click(qtbot, session.page.actions.save)
    qtbot.waitUntil(lambda: window.session is None, timeout=10_000)
    assert saved_draft(qtbot, window)[name] == kept


def _leave_by(qtbot: Any, window: Any, session: Any, way: str) -> None:
    page = session.page
    if way == "back":
        click(qtbot, page.back_button)
    elif way == "help":
        click(qtbot, page.actions.help)
    elif way == "f1":
        qtbot.keyClick(window, Qt.Key.Key_F1)
    elif way == "settings":
        click(qtbot, window.top_bar.settings_button)
    elif way == "language":
        window.services.set_language("en")
    elif way == "start_again_then_keep":
        click(qtbot, page.actions.restart)
        session.confirm.cancelled.emit()  # "No, keep my answers"
    elif way == "close":
        window.close()
    elif way == "commit_pending":  # what the inactivity reset calls
        session.commit_pending()
    else:
        raise AssertionError(way)


@pytest.mark.parametrize("way", ["back", "help", "f1", "settings", "language",
                                 "start_again_then_keep", "close", "commit_pending"])
@pytest.mark.parametrize("name", ["story", "amount"])
def test_every_way_off_a_screen_keeps_the_box(qtbot: Any, main_window: Any, name: str,
                                              way: str) -> None:
    """Typed, then straight off the screen: the form has the answer and the draft saves it."""
    window, session = open_at(qtbot, main_window, name)
    typed, kept = KINDS[name]
    box = session.page.blocks[0].input
    click(qtbot, box.field)
    type_text(qtbot, box.field, typed)
    _leave_by(qtbot, window, session, way)
    assert stored(session, name) == kept
    assert saved_draft(qtbot, window)[name] == kept


def test_commit_pending_takes_text_the_box_has_not_reported(qtbot: Any, main_window: Any) -> None:
    """A box whose change was never reported (an input method committing at the last moment,
    a late signal) is still read when the person leaves."""
    window, session = open_at(qtbot, main_window, "full_name")
    field = session.page.blocks[0].input.field
    field.blockSignals(True)
    field.setText("Zhang Wei")  # on screen, never announced
    field.blockSignals(False)
    assert stored(session, "full_name") == ""
    click(qtbot, session.page.actions.save)
    qtbot.waitUntil(lambda: window.session is None, timeout=10_000)
    assert saved_draft(qtbot, window)["full_name"] == "Zhang Wei"
