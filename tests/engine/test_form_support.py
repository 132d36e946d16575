"""docs/FORM_SUPPORT.md stays true: made from engine.features, whose tables match the engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from inclusion_app.cli import main
from inclusion_app.engine import features
from inclusion_app.engine.features import DIFFERS, NOT_HERE, QUESTION_TYPES, differences
from inclusion_app.engine.xpath import XPathError
from inclusion_app.engine.xpath.functions import TABLE
from tests.engine.xpath_helpers import ev
from tests.scenario import Scenario

DOC = Path(__file__).resolve().parents[2] / "docs" / "FORM_SUPPORT.md"

# XLSForm types asked on a screen, with the type column and a choices list when they need one.
ASKED = ["text", "integer", "decimal", "range", "select_one yn", "select_multiple yn", "rank yn", "note",
         "acknowledge", "trigger", "date", "time", "dateTime", "image", "file", "audio", "video", "barcode",
         "geopoint", "geotrace", "geoshape"]


def _one_question(qtype: str, appearance: str = "") -> Scenario:
    extra = " parameters |" if qtype == "range" else ""
    params = " start=1 end=5 |" if qtype == "range" else ""
    md = f"""
| survey |
| | type | name | label | appearance |{extra}
| | {qtype} | q | Q | {appearance} |{params}
| choices |
| | list_name | name | label |
| | yn | yes | Yes |
| | yn | no | No |
"""
    return Scenario.from_xlsform_md(md)


def test_docsPage_isMadeFromTheTables():
    """The page is exactly what the tables make: regenerate it after changing them."""
    assert DOC.read_text(encoding="utf-8") == features.markdown(), (
        "run: python -m inclusion_app.engine.features > docs/FORM_SUPPORT.md")


def test_everyFunction_isOnThePage_andNotesNameRealFunctions():
    page = DOC.read_text(encoding="utf-8")
    assert all(f"| `{name}()` |" in page for name in TABLE)
    assert set(features.FUNCTION_NOTES) <= set(TABLE)


@pytest.mark.parametrize("qtype", ASKED)
def test_questionTypeSupport_matchesTheEngine(qtype: str):
    """'not on a desktop' exactly when the engine says the question cannot be answered here."""
    s = _one_question(qtype)
    control = s.form.by_ref[next(iter(s.form.by_ref))]
    support, _note = QUESTION_TYPES[qtype.split()[0]]
    assert (support == NOT_HERE) == (not control.supported), (qtype, control.qtype)


@pytest.mark.parametrize("appearance", ["signature", "draw", "annotate"])
def test_penAppearances_areNotOnADesktop(appearance: str):
    control = next(iter(_one_question("image", appearance).form.by_ref.values()))
    assert features.APPEARANCES[appearance][0] == NOT_HERE and not control.supported


@pytest.mark.parametrize("name", sorted(n for n, (s, _) in features.FUNCTION_NOTES.items() if s == NOT_HERE))
def test_functionsNotOnADesktop_giveAnError(name: str):
    with pytest.raises(XPathError):
        ev(f"{name}('1 2 0 0; 3 4 0 0', '1 2 0 0')")


def test_property_isEmptyHere():
    assert features.FUNCTION_NOTES["property"][0] == DIFFERS and ev("property('deviceid')") == ""


def test_differences_nameEachFeatureOnce():
    """A form's uses that differ from Collect: one line each, full ones never."""
    md = """
| survey |
| | type | name | label | appearance | calculation | parameters |
| | range | r | R | | | start=1 end=5 |
| | geopoint | g | G | | | |
| | select_one yn | a | A | minimal | | |
| | select_one yn | b | B | minimal | | |
| | text | t | T | multiline | | |
| | calculate | d | | | distance(${g}) | |
| | calculate | e | | | concat(${t}, 'x') | |
| | deviceid | dev | | | | |
| choices |
| | list_name | name | label |
| | yn | yes | Yes |
"""
    lines = differences(Scenario.from_xlsform_md(md).form)
    assert lines == [
        f"question type range ({DIFFERS}): {QUESTION_TYPES['range'][1]}",
        f"question type geopoint ({NOT_HERE}): {QUESTION_TYPES['geopoint'][1]}",
        f"appearance minimal ({DIFFERS}): {features.APPEARANCES['minimal'][1]}",
        f"function distance() ({NOT_HERE}): {features.FUNCTION_NOTES['distance'][1]}",
        f"question type deviceid ({DIFFERS}): {QUESTION_TYPES['deviceid'][1]}",
    ]
    assert not any("multiline" in line or "concat" in line for line in lines)


def test_formsCheck_printsTheDifferences(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    form = tmp_path / "f.md"
    form.write_text("| survey |\n| | type | name | label |\n| | geotrace | w | Walk |\n", encoding="utf-8")
    assert main(["forms", "check", str(form)]) == 0
    out = capsys.readouterr().out
    assert f"{form}: differs from ODK Collect: question type geotrace ({NOT_HERE})" in out
