"""The three places the engine used to differ from JavaRosa (issue: "Where the engine differs")."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from inclusion_app.engine.errors import FormDefError
from inclusion_app.engine.formdef import parse_xform
from inclusion_app.engine.loader import FormLoadError, load_form
from tests.scenario import Scenario

HEAD = ("<h:html xmlns='http://www.w3.org/2002/xforms' xmlns:h='http://www.w3.org/1999/xhtml' "
        "xmlns:jr='http://openrosa.org/javarosa'><h:head><h:title>t</h:title><model>")

REPEAT_COUNTS = HEAD + """
<instance><data id='t'>
  <rep jr:template=''><q/><all/><mine/><pos/></rep>
  <total/>
</data></instance>
<bind nodeset='/data/rep/q' type='int'/>
<bind nodeset='/data/rep/all' calculate='count(/data/rep)'/>
<bind nodeset='/data/rep/mine' calculate='/data/rep/q * 10'/>
<bind nodeset='/data/rep/pos' calculate='position(..)'/>
<bind nodeset='/data/total' calculate='sum(/data/rep/q)'/>
</model></h:head><h:body>
<group ref='/data/rep'><label>Rep</label><repeat nodeset='/data/rep'>
  <input ref='/data/rep/q'><label>Q</label></input>
</repeat></group>
</h:body></h:html>"""


def test_absolutePathToTheRepeat_meansEveryInstance():
    """Inside rep[2], count(/data/rep) counts all instances (JavaRosa's intent, ODK Web Forms),
    while /data/rep/q still means this instance's q."""
    s = Scenario.from_xform(REPEAT_COUNTS)
    for value in (1, 2, 3):
        s.add_repeat()
        assert s.answer(s.screen.questions[0].ref, value).ok
        assert s.next().ok
    s.next()  # no more
    root = ET.fromstring(s.finalize().submission.xml)
    reps = root.findall("rep")
    assert [r.findtext("all") for r in reps] == ["3", "3", "3"]
    assert [r.findtext("mine") for r in reps] == ["10", "20", "30"]
    assert [r.findtext("pos") for r in reps] == ["1", "2", "3"]
    assert root.findtext("total") == "6"


@pytest.mark.parametrize("event", ["odk-inftance-first-load", "xforms-value-change", "DOMActivate"])
def test_unknownEventName_isRefusedWithItsPlace(event: str):
    """A misspelt event used to be accepted and its action silently never ran; JavaRosa refuses it."""
    xml = HEAD + (f"<instance><data id='t'><a/></data></instance><setvalue event='{event}' ref='/data/a' "
                  "value='1'/></model></h:head><h:body/></h:html>")
    with pytest.raises(FormDefError, match=f"the event '{event}' is not one ODK knows") as err:
        parse_xform(xml.encode())
    assert "/data/a" in err.value.message


def test_unknownEventName_inASpreadsheet_namesTheRow(tmp_path: Path):
    """From an XLSForm the refusal points at the question's row."""
    form = tmp_path / "f.xml"
    form.write_text(HEAD + "<instance><data id='t'><a/><b/></data></instance>"
                    "<setvalue event='odk-instance-first-load odk-inftance-load' ref='/data/b' value='2'/>"
                    "</model></h:head><h:body/></h:html>")
    with pytest.raises(FormLoadError, match="odk-inftance-load"):
        load_form(form)


@pytest.mark.parametrize("event", ["xforms-ready", "odk-instance-load"])
def test_olderLoadEvents_runAtFirstLoad(event: str):
    """xforms-ready and odk-instance-load are accepted and run when the form opens, as in JavaRosa."""
    xml = HEAD + (f"<instance><data id='t'><a/></data></instance><setvalue event='{event}' ref='/data/a' "
                  "value='7'/></model></h:head><h:body/></h:html>")
    s = Scenario.from_xform(xml)
    assert s.fc._state.root.child("a").value == "7"


@pytest.mark.parametrize("text", ["name_key,name,label\nk1,a,A\n", "list_name,name,label\nyn,yes,Yes\n"])
def test_csvThatIsNotAForm_saysSoInWords(tmp_path: Path, text: str):
    """A list or data CSV given as a form: a plain, located message, not pyxform's TypeError."""
    path = tmp_path / "fruits.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormLoadError) as err:
        load_form(path)
    line = err.value.lines()[0]
    assert "not an XLSForm" in line and "row 1" in line and "media folder" in line
    assert "TypeError" not in line and "DefinitionData" not in line


def test_instanceLoad_runsEachTimeAFormOpens_firstLoadOnce():
    """odk-instance-load runs on a new form and again when its draft is opened; first-load once."""
    from inclusion_app.engine.controller import FormController

    xml = HEAD + ("<instance><data id='t'><opened/><first/><twice/></data></instance>"
                  "<bind nodeset='/data/opened' type='int'/><bind nodeset='/data/first' type='int'/>"
                  "<bind nodeset='/data/twice' type='int' calculate='/data/opened * 2'/>"
                  "<setvalue event='odk-instance-load' ref='/data/opened' value='coalesce(/data/opened, 0) + 1'/>"
                  "<setvalue event='odk-instance-first-load' ref='/data/first' value='coalesce(/data/first, 0) + 1'/>"
                  "</model></h:head><h:body/></h:html>")
    s = Scenario.from_xform(xml)
    root = s.fc._state.root
    assert (root.child("opened").value, root.child("first").value) == ("1", "1")
    again = FormController.restore(s.form, s.fc.snapshot(), s.fc.position())
    root = again._state.root
    assert [root.child(n).value for n in ("opened", "first", "twice")] == ["2", "1", "4"]


def test_countOfTheRepeatInsideIt_followsAddingAndRemoving():
    """JavaRosa's ignored test addingOrRemovingRepeatInstance_updatesRepeatCount_insideRepeat:
    each instance's count(/data/rep) follows every add and a removal."""
    s = Scenario.from_xform(REPEAT_COUNTS)
    for n in range(1, 6):
        s.add_repeat()
        reps = s.fc._state.root.children_named("rep")
        assert [r.child("all").value for r in reps] == [str(n)] * n
        s.answer(s.screen.questions[0].ref, n)
        s.next()
    assert s.fc.remove_repeat("/data/rep[4]")
    reps = s.fc._state.root.children_named("rep")
    assert [r.child("all").value for r in reps] == ["4"] * 4
    assert [r.child("pos").value for r in reps] == ["1", "2", "3", "4"]
    assert s.fc._state.root.child("total").value == "11"
