"""Real XForms from JavaRosa's resources load and walk to a submission (../shared/conformance)."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from inclusion_app.engine.prompt import Status
from tests.scenario import Scenario, walk

pytestmark = pytest.mark.conformance

# name -> (screens walked, {element path in the submission: expected text}), worked out by hand
EXPECTED: dict[str, tuple[int, dict[str, str]]] = {
    # date() of a dateTime literal stored as a string keeps the date only; format-date-time pads the time
    "calculate-now.xml": (1, {"now": "2018-01-01", "now_format": "2018-01-01T00:00:00.000"}),
    # constraint . > '5': the walker's 1, 2 and 5 are refused, 10 is taken
    "constraint-message-error.xml": (4, {"q1": "10", "q2": "10", "q3": "10", "q4": "10"}),
    # four given repeat instances plus the "add another" screen; the walker fills every weight
    "countNonEmptyForm.xml": (5, {"count_value": "4", "count_non_empty_value": "4"}),
    "default_test.xml": (1, {"string_val": "text", "inline_val": "inline-value"}),
    "jr-choice-name.xml": (
        6,
        {
            "literal_choice_name": "Choice 2",
            "select_one_outside": "choice1",
            "select_one_name_outside": "Choice 1",
            "cocotero": "a-a",
            "my-repeat/select_one_name": "Choice 1",
        },
    ),
    "three-level-cascading-select.xml": (
        6,
        {"level1": "a", "level2": "aa", "level3": "aaa", "level2_contains": "aa", "level3_contains": "aaa"},
    ),
    # g1 prompt, g2 prompt, numeric, text, g2 prompt (done), g1 prompt (done)
    "twoNestedRepeatGroups.xml": (6, {"g1/g2/numeric": "1", "g1/g2/text": "text"}),
}


def _forms(conformance_dir: Path) -> list[Path]:
    return sorted((conformance_dir / "xform").glob("*.xml"))


def test_everyXForm_loadsAndWalks(conformance_dir: Path):
    """Every conformance XForm loads and a walk answering what it can reaches the end."""
    walked = 0
    for path in _forms(conformance_dir):
        s = Scenario.from_xform(path)
        w = walk(s)
        assert w.stuck is None, (path.name, w.stuck)
        assert w.result is not None
        if not w.result.ok:
            # Only questions this computer cannot answer may stop it, and they are named.
            assert {p.status for p in w.result.problems} == {Status.UNSUPPORTED}, path.name
        else:
            ET.fromstring(w.result.submission.xml)
        assert not s.fc._state.errors, (path.name, s.fc._state.errors[:3])
        walked += 1
    assert walked >= 10


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_smallXForm_stepsAndValues(conformance_dir: Path, name: str):
    """The small forms walk in the expected number of screens to the expected values."""
    steps, values = EXPECTED[name]
    s = Scenario.from_xform(conformance_dir / "xform" / name)
    w = walk(s)
    assert w.steps == steps, w.screens
    assert w.result is not None and w.result.ok, w.result
    root = ET.fromstring(w.result.submission.xml)
    for path, expected in values.items():
        assert root.findtext(path) == expected, path
    assert w.result.submission.instance_id.startswith("uuid:")


def test_constraintMessages_itextAndLiteral(conformance_dir: Path):
    """jr:constraintMsg as jr:itext(...) (even with a leading space) and as a literal."""
    s = Scenario.from_xform(conformance_dir / "xform" / "constraint-message-error.xml")
    messages = [s.answer(q, 3).message for q in ("q1", "q2", "q3", "q4")]
    assert messages == ["Your message", "Message", "Your message", "Message"]


def test_countNonEmpty_beforeAnswers(conformance_dir: Path):
    """count() counts all four weights, count-non-empty() the two that have values."""
    s = Scenario.from_xform(conformance_dir / "xform" / "countNonEmptyForm.xml")
    assert (s.value("count_value"), s.value("count_non_empty_value")) == ("4", "2")
    s.answer("/test/details[3]/group2/weight", "5")
    assert s.value("count_non_empty_value") == "3"


def test_firstLoadSetvalue_setsDefaults(conformance_dir: Path):
    """odk-instance-first-load setvalue fills both an expression and an inline value."""
    s = Scenario.from_xform(conformance_dir / "xform" / "default_test.xml")
    assert s.question.answer == "string-value"
    assert s.value("inline_val") == "inline-value"


def test_childVaccination_requiredGeopoint_blocksFinalizeOnly(conformance_dir: Path):
    """A required geopoint is shown as unanswerable, the walk goes on, finalize names it."""
    s = Scenario.from_xform(conformance_dir / "xform" / "child_vaccination_VOL_tool_v12.xml")
    s.answer_and_next("building_type", "multi")
    assert s.question.name == "gps" and not s.question.supported
    w = walk(s)
    names = [n for screen in w.screens for n in screen]
    assert {"flatNumber", "childNum", "childName", "dob_year", "finalflat"} <= set(names)
    assert [p.ref for p in w.result.problems] == ["/data/not_single/gps"]
    assert s.fc._state.root.children_named("household")[0].child("child_repeat") is not None


def test_largeForms_walkWithManyTypes(conformance_dir: Path):
    """eIMCI and the WHO verbal autopsy form walk to a submission answering several types."""
    for name, min_steps in (("eIMCI-by-D-Tree.xml", 40), ("whova_form.xml", 60)):
        s = Scenario.from_xform(conformance_dir / "xform" / name)
        w = walk(s)
        assert w.result is not None and w.result.ok, (name, w.stuck)
        assert w.steps >= min_steps
        assert {"select_one", "integer"} <= set(w.answered)


def test_whova_languageSwitch_keepsAnswers(conformance_dir: Path):
    """Switching the WHO form between French and English mid-way keeps the answers."""
    s = Scenario.from_xform(conformance_dir / "xform" / "whova_form.xml", language="english")
    assert s.form.languages == ["french", "english"]
    for _ in range(5):
        walk_one = s.screen.questions
        for q in walk_one:
            if q.choices:
                s.answer(q.ref, q.choices[0].value)
        if not s.next().ok:
            break
    before = s.fc.snapshot()
    s.fc.set_language("french")
    assert s.fc.language == "french"
    s.fc.set_language("english")
    assert s.fc.snapshot().replace(b'"english"', b"") == before.replace(b'"english"', b"")


def test_childVaccination_selfCountingRepeat_growsWhenLeavingLastFlat(conformance_dir: Path):
    """household_count reads count(household): another flat is added only when the last one is
    left after "not the final flat", and the walk ends (no runaway growth)."""
    from tests.scenario import candidates

    s = Scenario.from_xform(conformance_dir / "xform" / "child_vaccination_VOL_tool_v12.xml")
    s.answer_and_next("building_type", "multi")
    households = s.fc._state.root.children_named
    finals, refs = 0, []
    for _ in range(300):
        if s.screen.kind.name == "END":
            break
        for q in s.screen.questions:
            refs.append(q.ref)
            if q.name == "finalflat":
                finals += 1
                s.answer(q.ref, "no" if finals == 1 else "yes")
            elif q.supported and not q.readonly:
                for value in candidates(q):
                    if s.answer(q.ref, value).ok:
                        break
        assert s.next().ok
    assert s.screen.kind.name == "END"
    assert finals == 2 and len(households("household")) == 2
    assert any(ref.startswith("/data/household[2]/") for ref in refs)
