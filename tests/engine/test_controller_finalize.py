"""Check your answers, finalization, the submission bytes, drafts and unsupported questions."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree as ET

import pytest

from inclusion_app.engine.controller import FormController
from inclusion_app.engine.prompt import ScreenKind, Status
from inclusion_app.engine.snapshot import SnapshotError
from inclusion_app.engine.submission import REFERENCE_ALPHABET, reference_code
from tests.engine.forms import BASIC, FIELD_LIST, REPEATS
from tests.scenario import Scenario, fixed_clock, valid_cn_id


def _fill_basic(s: Scenario, age: int = 70) -> None:
    s.answer("name", "张三")
    s.answer("age", age)
    s.answer("pension", "yes")
    s.answer("amount", "1500.5")
    s.answer("needs", "meals cleaning")


def test_finalize_refuses_whileRequiredMissing():
    """finalize() lists every relevant required answer still missing and gives no submission."""
    s = Scenario.from_xlsform_md(BASIC, language="en")
    result = s.finalize()
    assert not result.ok and result.submission is None
    assert [(p.ref, p.status) for p in result.problems] == [
        ("/data/name", Status.REQUIRED_BUT_EMPTY),
        ("/data/age", Status.REQUIRED_BUT_EMPTY),
    ]


def test_finalize_refuses_whileConstraintFails():
    """A stored answer that breaks its constraint blocks finalization with its message."""
    s = Scenario.from_xlsform_md(BASIC, language="en")
    _fill_basic(s)
    s.answer("age", 500)
    result = s.finalize()
    assert [p.message for p in result.problems] == ["Age must be between 0 and 130"]


def test_submission_xml_valuesAndMeta():
    """The XML has the root's id/version, the answers, start/end times and a uuid instanceID."""
    s = Scenario.from_xlsform_md(BASIC, language="en")
    _fill_basic(s)
    result = s.finalize()
    assert result.ok
    sub = result.submission
    root = ET.fromstring(sub.xml)
    assert root.tag == "data" and root.get("id") == "basic" and root.get("version") == "2025030901"
    assert root.findtext("name") == "张三" and root.findtext("age") == "70"
    assert root.findtext("needs") == "meals cleaning"
    assert root.findtext("double") == "140"
    assert root.findtext("start") == "2025-03-09T10:30:00.000+08:00"
    assert root.findtext("end") == "2025-03-09T10:30:00.000+08:00"
    instance_id = root.findtext("meta/instanceID")
    assert re.fullmatch(r"uuid:[0-9a-f-]{36}", instance_id)
    assert sub.instance_id == instance_id
    assert sub.reference == reference_code(instance_id)
    assert sub.xml.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')


def test_submission_emptiesNonRelevantAnswers():
    """An answer given, then made non-relevant, is not submitted (its element stays, empty)."""
    s = Scenario.from_xlsform_md(BASIC, language="en")
    _fill_basic(s)
    s.answer("age", 30)  # pension no longer applies
    sub = s.finalize().submission
    root = ET.fromstring(sub.xml)
    assert root.find("pension") is not None and root.findtext("pension") in (None, "")
    assert json.loads(sub.json)["pension"] == ""
    s.answer("age", 70)  # the kept answer comes back with its question
    assert ET.fromstring(s.finalize().submission.xml).findtext("pension") == "yes"


def test_submission_nonRelevantChain_emptiesDependents():
    """A question relevant on a now non-relevant answer is not relevant either."""
    s = Scenario.from_xlsform_md(BASIC, language="en")
    _fill_basic(s)
    s.answer("age", 30)
    root = ET.fromstring(s.finalize().submission.xml)
    assert root.findtext("amount") in (None, "")


def test_submission_json_view_withRepeats():
    """The JSON view is name -> value, repeats as lists of objects, with meta and the reference."""
    s = Scenario.from_xlsform_md(REPEATS, language="en")
    s.answer("n", 1)
    s.answer("cname", "kid")
    s.answer("mname", "a")
    s.answer("mage", 3)
    s.jump_to("mage")
    s.next()
    s.add_repeat()
    s.answer("mname", "b")
    sub = s.finalize().submission
    data = json.loads(sub.json)
    assert data["child"] == [{"cname": "kid", "pos": "1"}]
    assert data["member"] == [{"mname": "a", "mage": "3"}, {"mname": "b", "mage": ""}]
    assert data["members"] == "2"
    assert data["meta"]["instanceID"] == sub.instance_id
    assert data["meta"]["reference"] == sub.reference and data["meta"]["formId"] == "repeats"


def test_finalize_twice_returnsSameBytes():
    """Without changes a second finalize gives the identical submission (never regenerated)."""
    s = Scenario.from_xlsform_md(BASIC)
    _fill_basic(s)
    first = s.finalize().submission
    assert s.finalize().submission.xml == first.xml


def test_referenceCode_readableAndDeterministic():
    """The code is XXXX-XXXX from an alphabet without I, O, Q, Z, 0, 1, fixed by the instanceID."""
    code = reference_code("uuid:0b5c8e7e-1111-4222-8333-944455556666")
    assert re.fullmatch(f"[{REFERENCE_ALPHABET}]{{4}}-[{REFERENCE_ALPHABET}]{{4}}", code)
    assert not set("IOQZ01") & set(REFERENCE_ALPHABET)
    assert code == reference_code("uuid:0b5c8e7e-1111-4222-8333-944455556666")
    codes = {reference_code(f"uuid:{i}") for i in range(2000)}
    assert len(codes) == 2000


def test_review_rows_markNotAnswered_andShowChoiceLabels():
    """Check-your-answers lists relevant questions with labels, choice labels and gaps."""
    s = Scenario.from_xlsform_md(BASIC, language="zh")
    _fill_basic(s)
    rows = {r.ref.rsplit("/", 1)[-1]: r for r in s.fc.review()}
    assert rows["pension"].answer == "是" and rows["pension"].answered
    assert rows["needs"].answer == "送餐、打扫"  # several answers joined with the Chinese list mark
    assert not rows["visit"].answered and rows["visit"].answer == ""
    assert "summary" not in rows  # notes are not answers
    s.fc.jump(rows["visit"].index)
    assert s.question.name == "visit"


def test_review_omitsNonRelevant():
    """Questions that do not apply are not listed."""
    s = Scenario.from_xlsform_md(BASIC, language="en")
    s.answer("name", "x")
    s.answer("age", 20)
    names = [r.ref.rsplit("/", 1)[-1] for r in s.fc.review()]
    assert "pension" not in names and "amount" not in names and "age" in names


def test_snapshot_restore_continuesExactly():
    """A restored draft has the same answers, repeats, screen, language and attachments."""
    s = Scenario.from_xlsform_md(REPEATS, language="zh")
    s.answer("n", 2)
    s.answer("/data/child[2]/cname", "二")
    s.jump_to("mname")
    s.answer("mname", "a")
    s.next()
    s.next()
    s.add_repeat()
    s.answer("/data/member[2]/mname", "b")
    blob, pos = s.fc.snapshot(), s.fc.position()
    fc = FormController.restore(s.form, blob, pos, clock=fixed_clock)
    assert fc.language == "zh"
    assert fc.screen.index == s.screen.index
    assert fc.screen.questions[0].answer == "b"
    assert fc.finalize().submission.xml == s.fc.finalize().submission.xml


def test_restore_damagedSnapshot_raisesSnapshotError():
    """A damaged draft gives a clear SnapshotError, not a crash deep inside."""
    s = Scenario.from_xlsform_md(BASIC)
    with pytest.raises(SnapshotError):
        FormController.restore(s.form, b"not json", "0")
    with pytest.raises(SnapshotError):
        FormController.restore(s.form, b'{"format": 1, "tree": [1, 2]}', "0")


def test_fieldList_isOneScreen_withGroupLabel():
    """A field-list group shows all its questions on one screen under the group's label."""
    s = Scenario.from_xlsform_md(FIELD_LIST, language="zh")
    assert s.names() == ["id_number", "postcode", "mobile"]
    assert s.screen.group_label == "联系方式"
    result = s.next()
    assert result.status is Status.REQUIRED_BUT_EMPTY and result.ref == "/data/contact/id_number"


def test_cnId_checkDigit_onFieldList():
    """cn-id accepts a correct check digit and refuses a wrong one with a clear message."""
    s = Scenario.from_xlsform_md(FIELD_LIST, language="en")
    good = valid_cn_id("11010519491231002")
    assert good == "11010519491231002X"
    bad = good[:-1] + "5"
    assert s.answer("id_number", bad).status is Status.CONSTRAINT_VIOLATED
    assert s.answer("id_number", good.lower()).ok
    assert s.value("id_number") == good
    assert s.answer("postcode", "12345").status is Status.CONSTRAINT_VIOLATED
    assert s.answer("postcode", "100000").ok
    assert s.next().ok


def test_unsupported_optional_isSkipped_required_blocksFinalize():
    """An optional geopoint is skipped; a required barcode is shown, then refuses finalize."""
    s = Scenario.from_xlsform_md(FIELD_LIST, language="en")
    s.answer("id_number", valid_cn_id())
    s.next()
    assert s.names() == ["other"]
    s.answer_and_next("other", "scan")
    q = s.question
    assert (q.name, q.supported, q.qtype) == ("code", False, "barcode")
    assert s.answer("code", "123").status is Status.UNSUPPORTED
    assert s.next().ok  # the person can go on
    assert s.question.name == "photo"
    row = next(r for r in s.fc.review() if r.ref == "/data/more/code")
    assert (row.supported, row.answered, row.qtype) == (False, False, "barcode")
    result = s.finalize()
    assert [p.status for p in result.problems] == [Status.UNSUPPORTED]
    assert result.problems[0].message == "This question cannot be answered on this computer."
    s.jump_to("other")
    s.answer("other", "no scan")
    assert s.finalize().ok


def test_attachment_bytes_goWithSubmission():
    """An image answer is a file name in the XML and its bytes travel in attachments."""
    s = Scenario.from_xlsform_md(FIELD_LIST, language="en")
    s.answer("id_number", valid_cn_id())
    assert s.fc.attach("photo", "C:\\pics\\me.jpg", b"JPEGDATA").ok
    sub = s.finalize().submission
    assert ET.fromstring(sub.xml).findtext("more/photo") == "me.jpg"
    assert sub.attachments == {"me.jpg": b"JPEGDATA"}


def test_endScreen_thenFinalize_afterWalk():
    """Reaching END and finalizing works after a straight walk."""
    s = Scenario.from_xlsform_md(FIELD_LIST, language="en")
    s.answer("id_number", valid_cn_id())
    while s.screen.kind is not ScreenKind.END:
        assert s.next().ok
    assert s.finalize().ok


ORX_FORM = b"""<h:html xmlns='http://www.w3.org/2002/xforms' xmlns:h='http://www.w3.org/1999/xhtml'
 xmlns:orx='http://openrosa.org/xforms' xmlns:jr='http://openrosa.org/javarosa'>
<h:head><h:title>O</h:title><model>
<instance><data id='orx-form' orx:version='7'><a/><orx:meta><orx:instanceID/></orx:meta></data></instance>
<bind nodeset='/data/a' type='string'/>
<bind nodeset='/data/meta/instanceID' type='string' jr:preload='uid'/>
</model></h:head><h:body><input ref='/data/a'><label>A</label></input></h:body></h:html>"""


def test_submission_keepsNamespacesOfTheInstance():
    """Prefixed instance nodes (orx:meta) are written with their namespace declared."""
    s = Scenario.from_xform(ORX_FORM)
    s.answer("a", "x < y & z")
    sub = s.finalize().submission
    root = ET.fromstring(sub.xml)
    orx = "{http://openrosa.org/xforms}"
    assert root.get(f"{orx}version") == "7"
    assert root.findtext(f"{orx}meta/{orx}instanceID") == sub.instance_id
    assert root.findtext("a") == "x < y & z"


def test_submission_defaultNamespaceRoot(conformance_dir):
    """eIMCI's instance lives in its own default namespace; the submission keeps it."""
    s = Scenario.from_xform(conformance_dir / "xform" / "eIMCI-by-D-Tree.xml")
    from tests.scenario import walk

    w = walk(s)
    root = ET.fromstring(w.result.submission.xml)
    assert root.tag == "{http://dtree.org/e-imci}imci"
    assert root.findtext("{http://dtree.org/e-imci}visit_type") == "first"


def test_review_formatsDatesAndTimes_perLanguage():
    """Check-your-answers writes dates the person's way: 2025年3月9日 / 9 March 2025; times as 14:30."""
    s = Scenario.from_xlsform_md(BASIC, language="zh")
    s.answer("visit", "2025-03-09")
    s.answer("at", "14:30")
    rows = {r.ref.rsplit("/", 1)[-1]: r.answer for r in s.fc.review()}
    assert (rows["visit"], rows["at"]) == ("2025年3月9日", "14:30")
    s.fc.set_language("en")
    rows = {r.ref.rsplit("/", 1)[-1]: r.answer for r in s.fc.review()}
    assert rows["visit"] == "9 March 2025"


def test_restore_keepsAttachments_andTakesLanguageOverride():
    """Attachment bytes survive a draft; a language given at restore wins over the saved one."""
    s = Scenario.from_xlsform_md(FIELD_LIST, language="zh")
    s.answer("id_number", valid_cn_id())
    s.fc.attach("photo", "me.png", b"\x89PNG")
    fc = FormController.restore(s.form, s.fc.snapshot(), s.fc.position(), language="en", clock=fixed_clock)
    assert fc.language == "en"
    assert fc.screen.questions[0].label == "ID number"
    assert fc.finalize().submission.attachments == {"me.png": b"\x89PNG"}
