"""A draft started on version 1 finishes and uploads as version 1 after version 2 arrived (and
after the server withdrew the form): the compiled XForm kept with the draft is what it uses.
Also the automatic check's timing (FormUpdateSchedule)."""

from __future__ import annotations

import time

from inclusion_app import paths
from inclusion_app.engine import catalog
from inclusion_app.engine.answer_walk import walk
from inclusion_app.engine.controller import FormController
from inclusion_app.settings import Settings
from inclusion_app.storage.api import Draft, DraftInfo, State
from inclusion_app.storage.draft_forms import form_for_draft
from inclusion_app.sync.form_pull import pull_target
from inclusion_app.sync.form_schedule import RETRY_AFTER_FAILURE, FormUpdateSchedule
from inclusion_app.sync.targets import make_target
from tests.sync.form_fixtures import xform
from tests.sync.helpers import uploader_for


def _start_draft(store, form) -> Draft:  # noqa: ANN001
    """A resident answers the first question of `form` and leaves: a saved draft."""
    controller = FormController(form, language="en")
    ref = controller.screen.questions[0].ref
    assert controller.answer(ref, "41").ok
    info = DraftInfo("d1", form.form_id, form.version, form.form_hash, "Town survey", time.time(), time.time())
    draft = Draft(info, controller.position(), controller.snapshot())
    store.save_form_version(form.form_hash, form.form_id, form.version, form.xml)
    store.save_draft(draft)
    return draft


def test_version_1_draft_is_finished_and_uploaded_after_version_2_arrived(serve, sqlite_store) -> None:
    """The draft resumes on version 1 (not the installed version 2), keeps its answer, and the
    server receives a version-1 submission; after the form is withdrawn it still resumes."""
    srv = serve()
    srv.forms.publish("town", xform("town", "1"), "1")
    target = make_target("central", srv.url)
    app_paths = paths.resolve().ensure()
    pull_target(app_paths, target, None)
    v1 = catalog.find_form(app_paths, "town").form
    draft = _start_draft(sqlite_store, v1)
    srv.forms.publish("town", xform("town", "2", extra=True), "2")
    assert pull_target(app_paths, target, None).updated == ["town"]
    v2 = catalog.find_form(app_paths, "town").form
    assert v2.version == "2" and v2.form_hash != v1.form_hash

    info = sqlite_store.list_drafts()[0]
    form = form_for_draft(sqlite_store, info, v2)
    assert form is not None and form.version == "1" and form.form_hash == v1.form_hash
    controller = FormController.restore(form, sqlite_store.get_draft("d1").payload, draft.step, language="en")
    submission = walk(controller, {"age": 41})
    entry = sqlite_store.finalize(submission, "d1")
    assert entry.form_version == "1" and sqlite_store.list_drafts() == []
    report = uploader_for(sqlite_store, target).run()
    assert report.delivered == 1
    stored = srv.stored[entry.instance_id]
    assert b'version="1"' in stored and b"<age>41</age>" in stored and b"<town" not in stored.split(b">", 1)[1]

    srv.forms.withdraw("town")
    assert pull_target(app_paths, target, None).removed == ["town"]
    assert catalog.find_form(app_paths, "town") is None
    _start_draft(sqlite_store, v1)
    kept = form_for_draft(sqlite_store, sqlite_store.list_drafts()[0], None)
    assert kept is not None and kept.version == "1"


def test_a_queued_submission_of_a_withdrawn_form_still_uploads(serve, sqlite_store) -> None:
    """A finalized version-1 submission waits in the outbox while the form is withdrawn; it is
    sent unchanged."""
    srv = serve()
    srv.forms.publish("town", xform("town", "1"), "1")
    target = make_target("central", srv.url)
    app_paths = paths.resolve().ensure()
    pull_target(app_paths, target, None)
    form = catalog.find_form(app_paths, "town").form
    entry = sqlite_store.finalize(walk(FormController(form, language="en"), {"age": 50}))
    payload = sqlite_store.load_payload(entry.instance_id)
    srv.forms.withdraw("town")
    pull_target(app_paths, target, None)
    assert uploader_for(sqlite_store, target).run().delivered == 1
    assert srv.stored[entry.instance_id] == payload.xml
    assert sqlite_store.get_entry(entry.instance_id).state is State.SENT


def test_schedule_runs_at_start_then_every_n_hours_and_never_in_a_form() -> None:
    """Off unless chosen; due at once at start-up; not while a resident is in a form or a run is
    going; N hours after a good run, 15 minutes after a failed one; at least one hour."""
    now = [1000.0]
    settings = Settings()
    schedule = FormUpdateSchedule(lambda: settings, clock=lambda: now[0])
    assert not schedule.due(busy=False)
    settings.forms_auto_update = True
    assert schedule.due(busy=False) and not schedule.due(busy=True)
    schedule.started()
    assert not schedule.due(busy=False)
    schedule.finished(ok=True)
    now[0] += 6 * 3600 - 1
    assert not schedule.due(busy=False)
    now[0] += 1
    assert schedule.due(busy=False) and not schedule.due(busy=True)
    schedule.started()
    schedule.finished(ok=False)
    now[0] += RETRY_AFTER_FAILURE
    assert schedule.due(busy=False)
    settings.forms_update_hours = 0  # nonsense from a hand-edited file: at least one hour
    schedule.started()
    schedule.finished(ok=True)
    now[0] += 3599
    assert not schedule.due(busy=False)
    now[0] += 1
    assert schedule.due(busy=False)
