"""A visit in the real SQLite store: one draft for the whole visit that resumes whole, and
one outbox entry per form, queued exactly once even when sending is interrupted."""

from __future__ import annotations

from inclusion_app.engine.visit import Visit
from inclusion_app.engine.visit_walk import walk_visit
from inclusion_app.storage.factory import open_store
from inclusion_app.storage.visit_drafts import is_visit_draft, save_visit, send_visit
from tests.bundles.helpers import SHARED, own_answers, shipped


def test_stoppedVisit_isOneDraft_andResumesWhole(app_paths) -> None:
    bundle, forms = shipped("turning_60")
    visit = Visit(bundle, forms, "zh")
    for key, value in SHARED.items():
        visit.set_shared(key, value)
    visit.leave_out("book_service")
    visit.stage, visit.current = "forms", "pension_check"
    visit.controllers["concession_card"].answer("/data/card_use", "parks")
    store = open_store(app_paths)
    save_visit(store, visit, "v1", 100.0, bundle.title("zh"), first=True)
    store.close()

    store = open_store(app_paths)  # as after a restart
    try:
        (info,) = store.list_drafts()
        assert is_visit_draft(info) and info.form_id == "turning_60" and info.form_title == "我满60岁了"
        for form in forms.values():
            assert store.get_form_version(form.form_hash) == form.xml
        again = Visit.restore(bundle, forms, store.get_draft("v1").payload)
    finally:
        store.close()
    assert again.shared == SHARED and again.left_out == {"book_service"} and again.current == "pension_check"
    assert again.controllers["concession_card"].inner.node_at("/data/card_use").value == "parks"
    assert again.controllers["pension_check"].inner.node_at("/data/id_number").value == SHARED["id_number"]


def test_sendAll_queuesEachFormOnce_evenWhenRepeated(app_paths) -> None:
    bundle, forms = shipped("help_at_home")
    visit = Visit(bundle, forms, "en")
    answers = {**SHARED, **{fid: own_answers(fid) for fid in bundle.form_ids}}
    walk_visit(visit, answers)
    subs, problem = visit.finalize()
    assert problem is None
    store = open_store(app_paths)
    try:
        save_visit(store, visit, "v2", 100.0, "Needing help at home", first=True)
        first = send_visit(store, subs[:1], None)  # interrupted after the first form
        again, problem = Visit.restore(bundle, forms, store.get_draft("v2").payload).finalize()
        assert problem is None and again[0].instance_id == subs[0].instance_id
        entries = send_visit(store, again, "v2")  # "Send all" pressed again after resuming
        outbox = store.list_outbox()
        assert store.get_draft("v2") is None
    finally:
        store.close()
    assert entries[0] == first[0]
    assert sorted(e.form_id for e in outbox) == ["book_service", "home_care"]
    assert len({e.instance_id for e in outbox}) == 2
