"""Assisted entry: a submission made with a volunteer's help says so, in its own namespace."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from inclusion_app.engine.controller import FormController
from inclusion_app.engine.submission import INCLUSION_NS
from tests.engine.forms import BASIC
from tests.scenario import Scenario

ORX_META = "{http://openrosa.org/xforms}meta"

OWN_ASSISTED = """
| survey |
| | type | name | label |
| | text | name | Name |
| | select_one yn | assisted | Did someone help you? |

| choices |
| | list_name | name | label |
| | yn | true | Yes |
| | yn | false | No |

| settings |
| | form_id | version |
| | own_assisted | 1 |
"""


def _fill_basic(s: Scenario) -> None:
    s.answer("name", "张三")
    s.answer("age", 70)
    s.answer("pension", "yes")
    s.answer("amount", "1500.5")


def _meta(root: ET.Element) -> ET.Element:
    meta = root.find("meta")
    if meta is None:
        meta = root.find(ORX_META)
    assert meta is not None
    return meta


def test_assisted_submission_has_inclusion_assisted_inMeta():
    """meta holds <inclusion:assisted>true</inclusion:assisted> in urn:inclusion-app:xforms."""
    s = Scenario.from_xlsform_md(BASIC, language="en")
    s.fc.assisted = True
    _fill_basic(s)
    xml = s.finalize().submission.xml
    root = ET.fromstring(xml)
    assert _meta(root).findtext(f"{{{INCLUSION_NS}}}assisted") == "true"
    assert b'xmlns:inclusion="urn:inclusion-app:xforms"' in xml
    assert root.findtext("name") == "张三"  # the rest is as before


def test_unassisted_submission_has_no_mark():
    """A resident alone: no assisted element at all (not even false)."""
    s = Scenario.from_xlsform_md(BASIC, language="en")
    _fill_basic(s)
    xml = s.finalize().submission.xml
    assert b"assisted" not in xml and b"urn:inclusion-app:xforms" not in xml


def test_forms_own_assisted_question_is_used_instead():
    """A form with its own question named `assisted` gets `true` there, and no extra element."""
    s = Scenario.from_xlsform_md(OWN_ASSISTED, language="en")
    s.fc.assisted = True
    s.answer("name", "Li")
    root = ET.fromstring(s.finalize().submission.xml)
    assert root.findtext("assisted") == "true"
    assert _meta(root).find(f"{{{INCLUSION_NS}}}assisted") is None


def test_assisted_survives_a_draft():
    """Stopped and resumed, a helped draft is still marked as helped when finished."""
    s = Scenario.from_xlsform_md(BASIC, language="en")
    s.fc.assisted = True
    s.answer("name", "张三")
    blob, position = s.fc.snapshot(), s.fc.position()
    fc = FormController.restore(s.form, blob, position)
    assert fc.assisted
    plain = FormController.restore(s.form, Scenario.from_xlsform_md(BASIC).fc.snapshot())
    assert not plain.assisted
