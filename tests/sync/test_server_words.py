"""What servers say in their own words: kept, and used to tell a 409's causes apart."""

from __future__ import annotations

import httpx

from inclusion_app.sync.outcome import Kind, closed_form, judge_openrosa, server_words
from tests.sync.central_server import openrosa_message

URL = "https://kc.example.org/user/submission"


def _answer(status: int, **body: object) -> httpx.Response:
    return httpx.Response(status, request=httpx.Request("POST", URL), **body)


def test_words_come_from_openrosa_xml_json_or_plain_text() -> None:
    """Central's OpenRosa XML, Kobo's JSON detail, Ona's plain text; an HTML page gives none."""
    assert server_words(_answer(409, content=openrosa_message("Form is closed", "error"))) == "Form is closed"
    assert server_words(_answer(400, json={"detail": "Form does not exist"})) == "Form does not exist"
    assert server_words(_answer(400, text="Submission rejected: bad  XML")) == "Submission rejected: bad XML"
    html = _answer(409, text="<html><body>login</body></html>", headers={"content-type": "text/html"})
    assert server_words(html) == ""


def test_closed_forms_are_recognised_in_several_servers_words() -> None:
    assert closed_form("This form is not currently accepting submissions. Please talk to your program staff")
    assert closed_form("Form is not active")
    assert closed_form("This form is no longer accepting submissions.")
    assert not closed_form("A submission already exists with this ID, but with different XML.")


def test_a_kobo_style_409_keeps_its_own_words() -> None:
    """A 409 whose words are neither a closed form nor a conflict: set aside, words kept."""
    outcome = judge_openrosa(_answer(409, json={"detail": "Quota exceeded for this account"}))
    assert outcome.kind is Kind.SET_ASIDE and "Quota exceeded for this account" in outcome.message
    assert "different submission" not in outcome.message
    closed = judge_openrosa(_answer(409, json={"detail": "Form is not active"}))
    assert "closed on the server" in closed.message and "Form is not active" in closed.message
    refused = judge_openrosa(_answer(400, text="Form XML is invalid"))
    assert refused.kind is Kind.SET_ASIDE and "Form XML is invalid" in refused.message
