"""Repeats: add another / done, jr:count sizing, position(), count(), indexed-repeat()."""

from __future__ import annotations

from inclusion_app.engine.prompt import ScreenKind
from tests.engine.forms import REPEATS
from tests.scenario import Scenario


def _to_member_prompt(s: Scenario) -> None:
    s.answer_and_next("n", 0)


def test_countedRepeat_sizedByAnswer_withoutPrompt():
    """jr:count repeats get exactly that many instances and no "add another" screen."""
    s = Scenario.from_xlsform_md(REPEATS, language="en")
    s.answer("n", 2)
    s.next()
    assert s.screen.questions[0].ref == "/data/child[1]/cname"
    s.answer_and_next("cname", "A")
    assert s.screen.questions[0].ref == "/data/child[2]/cname"
    s.answer_and_next("/data/child[2]/cname", "B")
    assert s.question.name == "mname"  # straight on to the next repeat's first instance
    assert [s.value("pos")] == ["1"]
    nodes = s.fc._state.root.children_named("child")
    assert [n.child("pos").value for n in nodes] == ["1", "2"]


def test_countedRepeat_shrinks_whenCountLowered():
    """Lowering the count removes the extra instances."""
    s = Scenario.from_xlsform_md(REPEATS, language="en")
    s.answer("n", 3)
    assert len(s.fc._state.root.children_named("child")) == 3
    s.answer("n", 1)
    assert len(s.fc._state.root.children_named("child")) == 1


def test_userRepeat_addAnother_thenDone():
    """The first member is asked directly; "add another?" then adds or moves on."""
    s = Scenario.from_xlsform_md(REPEATS, language="zh")
    _to_member_prompt(s)
    assert s.question.name == "mname"
    assert s.screen.group_label == "家人"
    s.answer_and_next("mname", "甲")
    s.answer_and_next("mage", 70)
    screen = s.screen
    assert screen.kind is ScreenKind.REPEAT_PROMPT
    assert (screen.repeat_label, screen.repeat_count) == ("家人", 1)
    assert screen.repeat_ref == "/data/member"
    s.add_repeat()
    assert s.screen.questions[0].ref == "/data/member[2]/mname"
    s.answer_and_next("mname", "乙")
    s.answer_and_next("mage", 40)
    assert s.screen.kind is ScreenKind.REPEAT_PROMPT and s.screen.repeat_count == 2
    s.next()
    assert s.question.name == "done"
    assert s.question.label == "共 2 人"
    assert (s.value("members"), s.value("first_name"), s.value("total_age")) == ("2", "甲", "110")


def test_repeatPrompt_back_returnsToLastInstance():
    """Back from "add another?" goes to the last question of the last instance."""
    s = Scenario.from_xlsform_md(REPEATS, language="en")
    _to_member_prompt(s)
    s.answer_and_next("mname", "a")
    s.answer_and_next("mage", 1)
    assert s.screen.kind is ScreenKind.REPEAT_PROMPT
    assert s.back()
    assert s.question.ref == "/data/member/mage"


def test_nestedRepeats_fromJavaRosa_addAndFill(conformance_dir):
    """twoNestedRepeatGroups: prompts for g1 then g2, answers land in the nested instance."""
    s = Scenario.from_xform(conformance_dir / "xform" / "twoNestedRepeatGroups.xml")
    assert s.screen.kind is ScreenKind.REPEAT_PROMPT and s.screen.repeat_label == "g1"
    s.add_repeat()
    assert s.screen.kind is ScreenKind.REPEAT_PROMPT and s.screen.repeat_label == "g2"
    s.add_repeat()
    assert s.question.ref == "/data/g1/g2/numeric"
    s.answer_and_next("numeric", 5)
    s.answer_and_next("text", "t")
    s.add_repeat()  # a second g2 in the same g1
    s.answer("numeric", 6)
    xml = s.answers_xml()
    assert [e.text for e in xml.iter("numeric")] == ["5", "6"]
    assert len(xml.findall("g1")) == 1 and len(xml.findall("g1/g2")) == 2


def test_repeatCount_zero_skipsRepeatEntirely():
    """A jr:count of 0 gives no instances and no screens."""
    s = Scenario.from_xlsform_md(REPEATS, language="en")
    s.answer_and_next("n", 0)
    assert s.question.name == "mname"
    assert s.fc._state.root.children_named("child") == []


DEFAULTS = """
| survey |
| | type | name | label | default | calculation | trigger |
| | date | d | Day | today() | | |
| | text | a | A | | | |
| | text | b | B | | concat('got ', ${a}) | ${a} |
| | begin repeat | r | R | | | |
| | integer | k | K | position(..) * 10 | | |
| | end repeat | | | | | |
"""


def test_dynamicDefaults_firstLoad_andNewRepeat():
    """today() fills at first load; a repeat default is evaluated for each new instance."""
    s = Scenario.from_xlsform_md(DEFAULTS)
    assert s.value("d") == "2025-03-09"
    s.jump_to("k")
    assert s.question.answer == "10"
    s.next()
    assert s.screen.kind is ScreenKind.REPEAT_PROMPT
    s.add_repeat()
    assert s.question.ref == "/data/r[2]/k" and s.question.answer == "20"


def test_trigger_setsValueOnlyWhenSourceChanges():
    """A `trigger` column sets the value when its question changes, and not otherwise."""
    s = Scenario.from_xlsform_md(DEFAULTS)
    assert s.value("b") == ""
    s.answer("a", "x")
    assert s.value("b") == "got x"
    s.answer("b", "mine")
    assert s.value("b") == "mine"
    s.answer("a", "y")
    assert s.value("b") == "got y"


RELEVANT_REPEAT = """
| survey |
| | type | name | label | relevant | appearance |
| | select_one yn | has_kids | Any children? | | |
| | begin repeat | kid | Child | ${has_kids} = 'yes' | |
| | text | kname | Name | | |
| | end repeat | | | | |
| | begin group | page | Page | | field-list |
| | text | p1 | P1 | | |
| | begin repeat | inner | Inner | | |
| | text | iname | Inner name | | |
| | end repeat | | | | |
| | end group | | | | |
| choices |
| | list_name | name | label |
| | yn | yes | Yes |
| | yn | no | No |
"""


def test_repeatRelevance_hidesInstancesAndPrompt():
    """A repeat that does not apply shows neither its questions nor "add another?"."""
    s = Scenario.from_xlsform_md(RELEVANT_REPEAT)
    s.answer_and_next("has_kids", "no")
    assert s.question.name == "p1"
    s.back()
    s.answer_and_next("has_kids", "yes")
    assert s.question.name == "kname"
    s.next()
    assert s.screen.kind is ScreenKind.REPEAT_PROMPT and s.screen.repeat_label == "Child"


def test_fieldListHoldingRepeat_isWalkedQuestionByQuestion():
    """A field-list with a repeat inside is not lost: its questions come one by one."""
    s = Scenario.from_xlsform_md(RELEVANT_REPEAT)
    s.answer_and_next("has_kids", "no")
    assert s.names() == ["p1"]
    s.next()
    assert s.question.name == "iname"
