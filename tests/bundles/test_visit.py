"""The visit engine: shared details reach every form, Change reaches them all, a service
left out makes no submission, and each submission is what filling that form alone gives."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from inclusion_app.engine.answer_walk import WalkError, walk
from inclusion_app.engine.bundle import load_bundle
from inclusion_app.engine.controller import FormController
from inclusion_app.engine.loader import load_form
from inclusion_app.engine.visit import Visit
from inclusion_app.engine.visit_walk import walk_visit
from tests.bundles.helpers import SHARED, own_answers, shipped, write_bundle, write_form

NOW = dt.datetime(2026, 12, 4, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
STAMPS = {"instanceID", "start", "end", "today"}


def clock() -> dt.datetime:
    return NOW


def visit_answers(form_ids: list[str]) -> dict[str, object]:
    answers: dict[str, object] = dict(SHARED)
    for form_id in form_ids:
        answers[form_id] = own_answers(form_id)
    return answers


def without_stamps(xml: bytes) -> list[tuple[str, str]]:
    return [(e.tag, e.text or "") for e in ET.fromstring(xml).iter() if e.tag.split("}")[-1] not in STAMPS]


def test_sharedDetails_reachEveryForm() -> None:
    bundle, forms = shipped("turning_60")
    visit = Visit(bundle, forms, "zh", clock)
    for key, value in SHARED.items():
        assert visit.set_shared(key, value).ok
    for form_id, fields in visit.fields.items():
        for key in SHARED:
            if key in fields:
                assert visit.controllers[form_id].inner.node_at(fields[key].ref).value == SHARED[key], (form_id, key)
    assert visit.shared == SHARED
    assert [d.key for d in visit.details()] == ["full_name", "id_number", "phone"]


def test_changeOnOneFormsReview_changesEveryForm() -> None:
    bundle, forms = shipped("turning_60")
    visit = Visit(bundle, forms, "en", clock)
    walk_visit(visit, visit_answers(bundle.form_ids))
    fc = visit.controllers["pension_check"]
    row = next(r for r in fc.review() if r.ref == "/data/phone")
    fc.jump(row.index)  # "Change" on the pension check's review
    assert fc.answer("/data/phone", "13900001111").ok
    for form_id in ("concession_card", "pension_check", "book_service"):
        assert visit.controllers[form_id].inner.node_at("/data/phone").value == "13900001111"
    subs, problem = visit.finalize()
    assert problem is None and len(subs) == 3
    assert all(b"<phone>13900001111</phone>" in s.xml for s in subs)


def test_leftOutService_makesNoSubmission() -> None:
    bundle, forms = shipped("turning_60")
    visit = Visit(bundle, forms, "zh", clock)
    visit.leave_out("pension_check")
    subs = walk_visit(visit, visit_answers(bundle.form_ids))
    assert [s.form_id for s in subs] == ["concession_card", "book_service"]
    assert visit.to_send() == ["concession_card", "book_service"]


def test_relevant_isWorkedOutWhenTheVisitReachesTheForm(tmp_path: Path) -> None:
    a = load_form(write_form(tmp_path, "form_a", ["text | n | Name | full_name", "integer | age | Age |"]))
    b = load_form(write_form(tmp_path, "form_b", ["text | who | Name | full_name", "text | q | Q |"]))
    bundle = load_bundle(write_bundle(tmp_path, "life", [("form_a", ""), ("form_b", "${age} >= 60")]))
    for age, expected in ((72, ["form_a", "form_b"]), (45, ["form_a"])):
        visit = Visit(bundle, {"form_a": a, "form_b": b}, None, clock)
        subs = walk_visit(visit, {"full_name": "Ann", "form_a": {"age": age}, "form_b": {"q": "x"}})
        assert [s.form_id for s in subs] == expected
        assert b"<n>Ann</n>" in subs[0].xml
        if len(subs) == 2:
            assert b"<who>Ann</who>" in subs[1].xml  # the shared name, under form_b's own question


def test_submissions_matchFillingEachFormAlone() -> None:
    """Apart from instanceID and time stamps, a visit's submissions are byte-for-byte what
    walking each form alone with the same answers gives."""
    for bundle_id in ("turning_60", "help_at_home"):
        bundle, forms = shipped(bundle_id)
        visit = Visit(bundle, forms, "zh", clock)
        subs = walk_visit(visit, visit_answers(bundle.form_ids))
        assert [s.form_id for s in subs] == bundle.form_ids
        for sub in subs:
            alone_answers = {**own_answers(sub.form_id), **{k: v for k, v in SHARED.items()}}
            alone = walk(FormController(forms[sub.form_id], language="zh", clock=clock), alone_answers)
            assert without_stamps(sub.xml) == without_stamps(alone.xml), sub.form_id
            assert sub.instance_id != alone.instance_id


def test_stoppedVisit_resumesWhole() -> None:
    bundle, forms = shipped("turning_60")
    visit = Visit(bundle, forms, "zh", clock)
    for key, value in SHARED.items():
        visit.set_shared(key, value)
    visit.leave_out("book_service")
    visit.stage, visit.current = "forms", "pension_check"
    fc = visit.controllers["pension_check"]
    fc.answer("/data/pension_type", "resident")
    visit.skip_answered("pension_check")
    position = fc.position()
    again = Visit.restore(bundle, forms, visit.snapshot(), clock=clock)
    assert (again.stage, again.current, again.left_out, again.shared) == ("forms", "pension_check", {"book_service"}, SHARED)
    assert again.controllers["pension_check"].position() == position
    assert again.controllers["pension_check"].inner.node_at("/data/pension_type").value == "resident"
    assert again.controllers["concession_card"].inner.node_at("/data/full_name").value == "王芳"
    again.controllers["concession_card"].answer("/data/full_name", "王小芳")  # still shared after resuming
    assert again.controllers["pension_check"].inner.node_at("/data/full_name").value == "王小芳"


def test_skipAnswered_movesPastSharedScreensOnly() -> None:
    bundle, forms = shipped("help_at_home")
    visit = Visit(bundle, forms, "zh", clock)
    for key, value in SHARED.items():
        visit.set_shared(key, value)
    fc = visit.controllers["home_care"]
    fc.next()  # past the introduction note
    visit.skip_answered("home_care")
    assert [q.name for q in fc.screen.questions] == ["living"]  # name and ID were skipped


def test_badSharedDetail_namesIt() -> None:
    bundle, forms = shipped("help_at_home")
    with pytest.raises(WalkError) as exc:
        walk_visit(Visit(bundle, forms, "en", clock), {**visit_answers(bundle.form_ids), "full_name": None, "phone": "12"})
    assert "home_care" in exc.value.message


def test_relevant_readsAFormThatMakesNoSubmissionAsEmpty(tmp_path: Path) -> None:
    """form_c asks about form_b's answer; once form_b is left out (or not relevant) it reads ''."""
    a = load_form(write_form(tmp_path, "form_a", ["integer | age | Age |"]))
    b = load_form(write_form(tmp_path, "form_b", ["text | pet | Pet |"]))
    c = load_form(write_form(tmp_path, "form_c", ["text | q | Q |"]))
    forms = {"form_a": a, "form_b": b, "form_c": c}
    bundle = load_bundle(write_bundle(tmp_path, "pets", [("form_a", ""), ("form_b", "${age} > 10"),
                                                         ("form_c", "${pet} = 'cat'")]))
    answers = {"form_a": {"age": 30}, "form_b": {"pet": "cat"}, "form_c": {"q": "x"}}
    assert [s.form_id for s in walk_visit(Visit(bundle, forms), answers)] == ["form_a", "form_b", "form_c"]
    visit = Visit(bundle, forms)
    visit.controllers["form_b"].answer("/data/pet", "cat")  # given, but then the service is not relevant
    visit.controllers["form_a"].answer("/data/age", "5")
    assert not visit.relevant("form_b") and not visit.relevant("form_c")
    visit.leave_out("form_a")  # age reads '' -> form_b not relevant either
    assert visit.to_send() == []


def test_skipAnswered_showsASharedQuestionThisFormRefuses() -> None:
    """A detail left empty in the details is not asked again where it is optional, but a form
    that requires it shows its question (with its own message) when reached."""
    bundle, forms = shipped("turning_60")
    visit = Visit(bundle, forms, "en", clock)
    visit.set_shared("full_name", "王芳")
    visit.set_shared("id_number", SHARED["id_number"])
    visit.controllers["pension_check"].answer("/data/phone", "")  # optional in the pension check
    assert visit.shared["phone"] == ""
    book = visit.controllers["book_service"]  # requires a phone
    answers = own_answers("book_service")
    for _ in range(12):
        names = [q.name for q in book.screen.questions]
        if names == ["phone"]:
            break
        for name in names:
            book.answer(name, answers[name])
        assert book.next().ok
    visit.skip_answered("book_service")
    assert [q.name for q in book.screen.questions] == ["phone"]  # asked here: this form needs it
    pension = visit.controllers["pension_check"]
    walk(pension.inner, {**own_answers("pension_check"), "full_name": "王芳", "id_number": SHARED["id_number"]})
    assert pension.inner.node_at("/data/phone").value == ""  # optional there, and left empty
