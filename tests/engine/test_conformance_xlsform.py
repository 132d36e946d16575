"""pyxform's own example XLSForms compile through the loader and walk to a submission."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from inclusion_app.engine.loader import load_form
from inclusion_app.engine.prompt import Status
from tests.scenario import Scenario, walk

pytestmark = pytest.mark.conformance

EXPECTED: dict[str, tuple[int, dict[str, str]]] = {
    "text_and_integer.md": (2, {"your_name": "text", "your_age": "1"}),
    "yes_or_no_question.md": (1, {"good_day": "yes"}),
    # calculate_test is 2 * 2; the second is a string concatenation
    "calculate.xls": (2, {"calculate_test": "4", "calculate_test_2": "success"}),
    "group.xlsx": (3, {"family_name": "text", "father/phone_number": "1", "father/age": "1"}),
}


def _scenario(path: Path, tmp_path: Path) -> Scenario:
    return Scenario(load_form(path, cache_dir=tmp_path))


def test_everyXlsForm_compilesAndWalks(conformance_dir: Path, tmp_path: Path):
    """Every example XLSForm loads and a walk reaches the end; only unanswerable types may block."""
    walked = 0
    for path in sorted((conformance_dir / "xlsform").iterdir()):
        s = _scenario(path, tmp_path)
        w = walk(s)
        if w.stuck is not None:
            # widgets.xls: a constraint the walker's guesses do not meet is reported, not raised
            assert w.stuck.status is Status.CONSTRAINT_VIOLATED and w.stuck.message, path.name
        elif not w.result.ok:
            assert {p.status for p in w.result.problems} == {Status.UNSUPPORTED}, path.name
        else:
            ET.fromstring(w.result.submission.xml)
        walked += 1
    assert walked >= 10


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_smallXlsForm_stepsAndValues(conformance_dir: Path, tmp_path: Path, name: str):
    """Small example forms walk in the expected screens to the expected values."""
    steps, values = EXPECTED[name]
    w = walk(_scenario(conformance_dir / "xlsform" / name, tmp_path))
    assert w.steps == steps, w.screens
    root = ET.fromstring(w.result.submission.xml)
    for path, expected in values.items():
        assert root.findtext(path) == expected, path


def test_tutorial_repeat_andRelevance(conformance_dir: Path, tmp_path: Path):
    """tutorial.xls: the member repeat asks age in years for over-fives and offers another member."""
    s = _scenario(conformance_dir / "xlsform" / "tutorial.xls", tmp_path)
    w = walk(s)
    assert w.screens[-1][0] == "+repeat"
    root = ET.fromstring(w.result.submission.xml)
    assert root.findtext("member/age_in_years") == "5"
    assert root.findtext("member/age_in_months") in (None, "")
