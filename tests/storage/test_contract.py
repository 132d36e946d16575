"""The Store contract, run against the SQLite store and the in-memory twin alike."""

from __future__ import annotations

from dataclasses import replace

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from inclusion_app.storage.api import (
    OutboxEntry,
    Payload,
    PracticeRefusedError,
    State,
    StorageError,
)
from tests.storage.builders import draft, submission

DAY = 86400.0


def test_draft_round_trip_keeps_every_field(store) -> None:
    """A saved draft comes back with the same info, step and snapshot bytes."""
    d = draft("d1", payload="答案 ZEBRA".encode(), step="3,0", practice=True)
    store.save_draft(d)
    assert store.get_draft("d1") == d
    assert store.get_draft("nope") is None


def test_save_draft_replaces_and_lists_newest_first(store) -> None:
    """Autosave overwrites the same draft; the list is ordered by last change, newest first."""
    store.save_draft(draft("a", updated_at=100.0))
    store.save_draft(draft("b", updated_at=200.0))
    store.save_draft(draft("a", updated_at=300.0, payload=b"newer"))
    assert [i.draft_id for i in store.list_drafts()] == ["a", "b"]
    assert store.get_draft("a").payload == b"newer"


def test_delete_draft_removes_only_that_one(store) -> None:
    """A volunteer deleting one draft leaves the others alone."""
    store.save_draft(draft("a"))
    store.save_draft(draft("b"))
    store.delete_draft("a")
    store.delete_draft("missing")  # deleting twice is harmless
    assert [i.draft_id for i in store.list_drafts()] == ["b"]


def test_recent_draft_only_within_the_window(store) -> None:
    """'Continue where you left off' offers only a draft changed within the window."""
    store.save_draft(draft("old", updated_at=1000.0))
    store.save_draft(draft("new", updated_at=5000.0))
    assert store.recent_draft(600, now=5300.0).draft_id == "new"
    assert store.recent_draft(600, now=9000.0) is None


def test_form_version_kept_once_per_hash(store) -> None:
    """The exact form a draft started with is kept; the same hash is never overwritten."""
    store.save_form_version("h1", "f", "1", b"<h:html>one</h:html>")
    store.save_form_version("h1", "f", "1", b"<h:html>changed</h:html>")
    assert store.get_form_version("h1") == b"<h:html>one</h:html>"
    assert store.get_form_version("h2") is None


def test_finalize_keeps_exact_bytes_and_removes_the_draft(store, clock) -> None:
    """Finalizing stores the exact XML, JSON and attachments, queues it and deletes the draft."""
    store.save_draft(draft("d1"))
    sub = submission(1, submission_url="https://example.org/submission")
    entry = store.finalize(sub, draft_id="d1")
    assert entry.state is State.QUEUED and not entry.encrypted
    assert entry.finalized_at == clock.now and entry.reference == sub.reference
    payload = store.load_payload(sub.instance_id)
    assert (payload.xml, payload.json, payload.attachments) == (sub.xml, sub.json, sub.attachments)
    assert payload.submission_url == "https://example.org/submission"
    assert store.get_draft("d1") is None
    assert [s for s, _ in store.history(sub.instance_id)] == [State.FINALIZED, State.QUEUED]
    assert store.list_outbox() == [entry]


def test_practice_submission_is_refused(store) -> None:
    """Trainer forms never reach the outbox."""
    with pytest.raises(PracticeRefusedError):
        store.finalize(submission(1, practice=True))
    assert store.list_outbox() == []


def test_same_instance_twice_is_refused(store) -> None:
    """One instanceID is queued once; a second finalize does not replace the stored bytes."""
    store.finalize(submission(1))
    with pytest.raises(StorageError):
        store.finalize(submission(1, xml=b"<other/>"))
    assert store.load_payload(submission(1).instance_id).xml == submission(1).xml


def test_get_entry_by_instance_id_or_reference(store) -> None:
    """A volunteer can find a submission by the reference a person reads out, in any case."""
    sub = store.finalize(submission(7))
    assert store.get_entry(sub.instance_id) == sub
    assert store.get_entry(sub.reference.lower()) == sub
    assert store.get_entry("NOPE") is None


def test_list_outbox_filters_by_state_in_finalize_order(store, clock) -> None:
    """Listing keeps the order of finalization and can show only some states."""
    for n in (1, 2, 3):
        store.finalize(submission(n))
        clock.advance(1)
    store.mark_sending(submission(2).instance_id)
    ids = [e.instance_id for e in store.list_outbox()]
    assert ids == [submission(n).instance_id for n in (1, 2, 3)]
    queued = store.list_outbox((State.QUEUED,))
    assert [e.instance_id for e in queued] == [submission(1).instance_id, submission(3).instance_id]


def test_sending_then_sent_records_receipt(store, clock) -> None:
    """A confirmed upload keeps the server's answer, the time and the target."""
    iid = store.finalize(submission(1)).instance_id
    clock.advance(10)
    store.mark_sending(iid)
    clock.advance(1)
    store.mark_sent(iid, "201 Created", target="central")
    entry = store.get_entry(iid)
    assert (entry.state, entry.attempts, entry.target) == (State.SENT, 1, "central")
    assert entry.sent_at == clock.now and entry.server_response == "201 Created"
    assert [s for s, _ in store.history(iid)][-2:] == [State.SENDING, State.SENT]


def test_failures_count_attempts_and_set_aside(store) -> None:
    """Failures keep the reason and count tries; permanent ones are set aside; retry requeues."""
    iid = store.finalize(submission(1)).instance_id
    store.mark_sending(iid)
    store.mark_failed(iid, "network unreachable", next_attempt_at=123.0)
    entry = store.get_entry(iid)
    assert (entry.state, entry.attempts, entry.last_error) == (State.FAILED, 1, "network unreachable")
    assert entry.next_attempt_at == 123.0
    store.mark_failed(iid, "server refused the file (413)", permanent=True)
    entry = store.get_entry(iid)
    assert (entry.state, entry.attempts) == (State.SET_ASIDE, 2)
    store.requeue(iid)
    entry = store.get_entry(iid)
    assert (entry.state, entry.attempts) == (State.QUEUED, 2)


def test_unknown_instance_gives_plain_error(store) -> None:
    """Marking or loading a submission that is not there fails with a readable message."""
    for call in (lambda: store.mark_sending("uuid:x"), lambda: store.load_payload("uuid:x")):
        with pytest.raises(StorageError, match="no submission"):
            call()


def test_purge_sent_keeps_receipt_and_recent_payloads(store, clock) -> None:
    """Only payloads sent longer ago than the retention go; the receipt row stays."""
    old, recent, unsent = (store.finalize(submission(n)).instance_id for n in (1, 2, 3))
    store.mark_sent(old, "201")
    clock.advance(20 * DAY)
    store.mark_sent(recent, "201")
    clock.advance(11 * DAY)
    assert store.purge_sent(30) == 1
    assert store.purge_sent(30) == 0
    receipt = store.get_entry(old)
    assert receipt.payload_purged and receipt.server_response == "201" and receipt.state is State.SENT
    with pytest.raises(StorageError, match="retention"):
        store.load_payload(old)
    assert store.load_payload(recent).xml == submission(2).xml
    assert store.load_payload(unsent).xml == submission(3).xml


def test_encrypted_form_keeps_only_the_odk_payload(store) -> None:
    """A form with a public key is stored only as the ODK manifest and .enc files."""
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    der = private.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    import base64

    sub = submission(1, public_key=base64.b64encode(der).decode())
    entry = store.finalize(sub)
    assert entry.encrypted
    payload = store.load_payload(sub.instance_id)
    assert b'encrypted="yes"' in payload.xml and payload.json == b""
    assert sorted(payload.attachments) == ["photo-1.jpg.enc", "submission.xml.enc"]
    assert sub.xml not in payload.attachments["submission.xml.enc"]


def _carried(n: int = 1, **changes: object) -> tuple[OutboxEntry, Payload]:
    """An entry and its payload as another PC's export describes them."""
    entry = OutboxEntry(
        instance_id=submission(n).instance_id, reference=f"R9X{n:04d}", form_id="benefit_claim",
        form_version="2025030901", state=State.FAILED, attempts=3, last_error="timeout there",
        target="their-server", encrypted=True, finalized_at=1_600_000_000.0 + n,
        updated_at=1_600_000_500.0, title="福利申请",
    )
    payload = Payload(
        b'<data encrypted="yes">manifest</data>', b"",
        {"z-last.jpg.enc": b"\x01\x02", "submission.xml.enc": b"\x00" * 40 + b"\xff"},
        "https://central.example.org/v1/key/abc/projects/1/submission",
    )
    return replace(entry, **changes), payload  # type: ignore[arg-type]


def test_import_entry_keeps_bytes_reference_and_encrypted_flag(store, clock) -> None:
    """An imported submission is queued here with its exact bytes, names and encrypted flag."""
    entry, payload = _carried(1)
    assert store.import_entry(entry, payload) is True
    got = store.get_entry(entry.reference)
    assert (got.instance_id, got.reference, got.title, got.form_id, got.form_version) == (
        entry.instance_id, "R9X0001", "福利申请", "benefit_claim", "2025030901")
    assert got.encrypted is True and got.state is State.QUEUED
    assert (got.attempts, got.last_error, got.target) == (0, "", None)  # this PC's tries start afresh
    assert got.finalized_at == entry.finalized_at and got.updated_at == clock.now
    stored = store.load_payload(entry.instance_id)
    assert stored == payload and list(stored.attachments) == list(payload.attachments)
    assert store.history(entry.instance_id) == [
        (State.FINALIZED, entry.finalized_at), (State.QUEUED, clock.now)]
    assert store.list_outbox((State.QUEUED,)) == [got]


def test_import_entry_of_a_known_instance_changes_nothing(store) -> None:
    """A second import, or one of a submission finalized here, returns False and keeps the bytes."""
    entry, payload = _carried(1, encrypted=False)
    assert store.import_entry(entry, payload)
    assert not store.import_entry(replace(entry, reference="OTHER1"), replace(payload, xml=b"<x/>"))
    local = store.finalize(submission(2))
    assert not store.import_entry(*_carried(2))
    assert store.get_entry(local.instance_id) == local
    assert store.load_payload(local.instance_id).xml == submission(2).xml
    assert store.load_payload(entry.instance_id) == payload
    assert store.get_entry("OTHER1") is None and len(store.list_outbox()) == 2


def test_import_entry_without_instance_id_is_refused(store) -> None:
    """An entry with no instanceID cannot be queued; the outbox stays empty."""
    with pytest.raises(StorageError, match="instanceID"):
        store.import_entry(*_carried(1, instance_id=""))
    assert store.list_outbox() == []


def test_import_entry_of_a_practice_submission_is_refused(store) -> None:
    """A practice entry from another PC is never queued here, like a practice finalize."""
    with pytest.raises(PracticeRefusedError):
        store.import_entry(*_carried(1, practice=True))
    assert store.list_outbox() == [] and store.get_entry(submission(1).instance_id) is None
    assert store.import_entry(*_carried(1))  # the same entry, not practice, goes in
    assert store.get_entry(submission(1).instance_id).practice is False


# -- resume codes: a draft opens for its owner's code only ---------------------------------------
def test_resume_code_finds_its_draft_only(store) -> None:
    """The right code finds its own draft; another code, or no code at all, finds nothing."""
    store.save_draft(draft("a"))
    store.save_draft(draft("b", updated_at=2_000_000_000.0))
    assert store.find_draft_by_code("482915") is None
    assert store.set_resume_code("a", "482915")
    assert store.set_resume_code("b", "730264")
    assert store.find_draft_by_code("482915").draft_id == "a"
    assert store.find_draft_by_code("730264").draft_id == "b"
    assert store.find_draft_by_code("482916") is None
    assert {i.draft_id: i.has_code for i in store.list_drafts()} == {"a": True, "b": True}


def test_resume_code_is_refused_when_it_already_opens_another_draft(store) -> None:
    """Two drafts never share a code: the second is refused and keeps none."""
    store.save_draft(draft("a"))
    store.save_draft(draft("b"))
    assert store.set_resume_code("a", "482915")
    assert not store.set_resume_code("b", "482915")
    assert not store.get_draft("b").info.has_code
    assert not store.set_resume_code("missing", "730264")
    assert store.find_draft_by_code("730264") is None


def test_autosave_keeps_the_code_and_delete_or_finalize_drop_it(store) -> None:
    """Saving the draft again (autosave after a resume) keeps its code; a deleted or sent
    draft's code opens nothing."""
    store.save_draft(draft("a"))
    store.set_resume_code("a", "482915")
    store.save_draft(draft("a", payload=b"more answers"))
    assert store.get_draft("a").info.has_code
    assert store.find_draft_by_code("482915").draft_id == "a"
    store.delete_draft("a")
    assert store.find_draft_by_code("482915") is None
    store.save_draft(draft("b"))
    store.set_resume_code("b", "730264")
    store.finalize(submission(1), draft_id="b")
    assert store.find_draft_by_code("730264") is None


def test_a_draft_without_a_code_is_marked(store) -> None:
    """Drafts saved without a code (before codes existed) say so: the corner lists them."""
    store.save_draft(draft("old"))
    assert [(i.draft_id, i.has_code) for i in store.list_drafts()] == [("old", False)]


def test_a_refusal_keeps_the_servers_own_answer(store) -> None:
    """mark_failed(server_response=...) keeps the server's words with the entry; a failure
    without them leaves the earlier answer as it was."""
    iid = store.finalize(submission(1)).instance_id
    store.mark_sending(iid)
    store.mark_failed(iid, "closed", permanent=True,
                      server_response="HTTP 409 This form is not currently accepting submissions.")
    entry = store.get_entry(iid)
    assert entry.state is State.SET_ASIDE and "not currently accepting" in entry.server_response
    store.requeue(iid)
    store.mark_failed(iid, "timeout")
    assert "not currently accepting" in store.get_entry(iid).server_response
