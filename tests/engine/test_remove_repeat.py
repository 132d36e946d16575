"""Removing a repeat instance added by mistake: FormController.remove_repeat() and `removable`."""

from __future__ import annotations

from inclusion_app.engine.controller import FormController
from inclusion_app.engine.prompt import ScreenKind
from tests.engine.forms import REPEATS
from tests.scenario import Scenario

NO_ADD_REMOVE = """<h:html xmlns='http://www.w3.org/2002/xforms' xmlns:h='http://www.w3.org/1999/xhtml'
 xmlns:jr='http://openrosa.org/javarosa'><h:head><h:title>t</h:title><model><instance><data id='t'>
 <r><q/></r><r><q/></r></data></instance></model></h:head><h:body><group ref='/data/r'><label>R</label>
 <repeat nodeset='/data/r' jr:noAddRemove='true()'><input ref='/data/r/q'><label>Q</label></input></repeat>
 </group></h:body></h:html>"""


def _three_members(s: Scenario) -> None:
    s.answer_and_next("n", 1)
    s.answer_and_next("cname", "kid")
    for i, (name, age) in enumerate((("A", 30), ("B", 40), ("C", 50))):
        if i:
            s.add_repeat()
        assert s.answer_and_next(s.screen.questions[0].ref, name).ok
        assert s.answer_and_next(s.screen.questions[0].ref, age).ok


def _names(s: Scenario) -> list[str]:
    return [m.child("mname").value for m in s.fc._state.root.children_named("member")]


def test_removeMiddleInstance_recomputesCountsSumsAndPositions():
    s = Scenario.from_xlsform_md(REPEATS, language="en")
    _three_members(s)
    assert (s.value("members"), s.value("total_age")) == ("3", "120")
    assert s.fc.remove_repeat("/data/member[2]")
    assert _names(s) == ["A", "C"]
    assert (s.value("members"), s.value("total_age"), s.value("first_name")) == ("2", "80", "A")
    assert s.screen.questions[0].ref == "/data/member[2]/mname"  # C now stands where B was
    assert s.fc.remove_repeat()  # the one this screen is in
    assert _names(s) == ["A"] and s.screen.kind is ScreenKind.REPEAT_PROMPT
    assert s.fc.remove_repeat("/data/member[1]")
    assert (s.value("members"), s.value("total_age"), s.value("first_name")) == ("0", "0", "")


def test_removable_isOfferedOnlyForRepeatsThePersonGrows():
    """A member's screens and review rows say which instance may go; a jr:count child's do not."""
    s = Scenario.from_xlsform_md(REPEATS, language="en")
    s.answer_and_next("n", 1)
    assert s.screen.questions[0].ref == "/data/child/cname" and s.screen.removable == ""
    assert not s.fc.remove_repeat("/data/child")
    s.answer_and_next("cname", "kid")
    assert s.screen.removable == "/data/member"
    rows = {r.ref: r.removable for r in s.fc.review()}
    assert rows["/data/child/cname"] == "" and rows["/data/member/mname"] == "/data/member"
    assert not s.fc.remove_repeat("/data/nothing[3]")
    assert len(s.fc._state.root.children_named("child")) == 1


def test_noAddRemoveRepeat_cannotBeRemoved():
    s = Scenario.from_xform(NO_ADD_REMOVE)
    assert s.screen.removable == ""
    assert not s.fc.remove_repeat("/data/r[2]") and len(s.fc._state.root.children_named("r")) == 2


def test_removal_survivesADraft():
    """A draft saved after a removal comes back without the removed instance."""
    s = Scenario.from_xlsform_md(REPEATS, language="en")
    _three_members(s)
    s.fc.remove_repeat("/data/member[1]")
    back = FormController.restore(s.form, s.fc.snapshot(), s.fc.position())
    assert [m.child("mname").value for m in back._state.root.children_named("member")] == ["B", "C"]
    assert back._state.root.child("total_age").value == "90"
