"""The JSON answer walk behind `fill`: lookup by question name, groups, repeats, refusals."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from inclusion_app.engine.answer_walk import _MISSING, Step, WalkError, lookup, walk
from inclusion_app.engine.controller import FormController
from inclusion_app.engine.loader import load_form
from inclusion_app.engine.prompt import ScreenKind, Status

HOUSEHOLD = """\
| survey |
| | type | name | label | relevant | constraint | required |
| | text | head | Head of household? | | | yes |
| | begin_group | info | Details | | | |
| | integer | rooms | Rooms? | | . > 0 | |
| | end_group | | | | | |
| | begin_repeat | member | Member | | | |
| | text | mname | Name? | | | yes |
| | select_multiple langs | spoken | Languages? | | | |
| | begin_repeat | phone | Phone | | | |
| | text | number | Number? | | | |
| | end_repeat | | | | | |
| | end_repeat | | | | | |
| | text | extra | Anything else? | ${rooms} > 3 | | |
| choices |
| | list_name | name | label |
| | langs | zh | Chinese |
| | langs | en | English |
"""


@pytest.fixture
def form(tmp_path: Path):  # noqa: ANN201
    path = tmp_path / "household.md"
    path.write_text(HOUSEHOLD, encoding="utf-8")
    return load_form(path)


def test_lookup_by_name_through_groups_and_repeats() -> None:
    """Names are looked up flat, in a group's object, or in the n-th repeat object."""
    answers = {"head": "A", "info": {"rooms": 2}, "member": [{"mname": "B"}, {"mname": "C", "phone": [{"number": "1"}]}]}
    assert lookup(answers, "/data/head") == "A"
    assert lookup(answers, "/data/info/rooms") == 2
    assert lookup({"rooms": 5}, "/data/info/rooms") == 5
    assert lookup(answers, "/data/member[2]/mname") == "C"
    assert lookup(answers, "/data/member[2]/phone[1]/number") == "1"
    assert lookup(answers, "/data/member[3]/mname") is _MISSING
    assert lookup({"head": "A", "member": [{}]}, "/data/member[1]/head") is _MISSING  # no leaking out of a repeat


def test_walk_fills_nested_repeats_and_skips_irrelevant(form) -> None:  # noqa: ANN001
    """A full walk: two members, the second with two phones; 'extra' is skipped (rooms <= 3)."""
    answers = {
        "head": 42, "rooms": 2, "extra": "ignored",
        "member": [{"mname": "B", "spoken": ["zh", "en"]}, {"mname": "C", "phone": [{"number": "1"}, {"number": "2"}]}],
    }
    steps: list[Step] = []
    submission = walk(FormController(form), answers, steps.append)
    root = ET.fromstring(submission.xml)
    members = root.findall("member")
    assert root.findtext("head") == "42"  # a JSON number for a text question
    assert [m.findtext("mname") for m in members] == ["B", "C"]
    assert members[0].findtext("spoken") == "zh en"
    assert [p.findtext("number") for p in members[1].findall("phone")] == ["1", "2"]
    assert root.findtext("extra") in ("", None)
    texts = [t for s in steps for t in s.texts]
    assert "Anything else?" not in texts and texts.count("Name?") == 2
    assert sum(1 for s in steps if s.kind is ScreenKind.REPEAT_PROMPT) >= 3


def test_walk_stops_at_a_constraint(form) -> None:  # noqa: ANN001
    """A value that breaks a constraint stops the walk, naming the question."""
    with pytest.raises(WalkError) as info:
        walk(FormController(form), {"head": "A", "rooms": 0})
    assert info.value.status is Status.CONSTRAINT_VIOLATED
    assert info.value.message.startswith("question 'rooms' (Rooms?): ")


def test_walk_stops_at_a_wrong_type(form) -> None:  # noqa: ANN001
    """A value of the wrong type (text for an integer) is refused as invalid."""
    with pytest.raises(WalkError) as info:
        walk(FormController(form), {"head": "A", "rooms": "many"})
    assert info.value.status is Status.INVALID and "'rooms'" in info.value.message


def test_walk_stops_at_a_missing_required_answer_in_a_repeat(form) -> None:  # noqa: ANN001
    """A repeat object without its required answer stops the walk at that question."""
    with pytest.raises(WalkError) as info:
        walk(FormController(form), {"head": "A", "member": [{"spoken": ["zh"]}]})
    assert info.value.status is Status.REQUIRED_BUT_EMPTY and "'mname'" in info.value.message
