"""The in-memory twin behaves like the SQLite store for any sequence of operations."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inclusion_app.storage.api import OutboxEntry, Payload, State, StorageError
from inclusion_app.storage.memory import MemoryStore
from inclusion_app.storage.sqlite_store import SQLiteStore
from inclusion_app.storage.vault import Vault
from tests.storage.builders import Clock, draft, submission

KEY = bytes(range(32))
N = st.integers(min_value=1, max_value=3)
OPS = st.one_of(
    st.tuples(st.just("save_draft"), N, st.binary(max_size=40)),
    st.tuples(st.just("delete_draft"), N),
    st.tuples(st.just("finalize"), N, st.booleans()),
    st.tuples(st.just("import_entry"), N, st.booleans()),
    st.tuples(st.just("mark_sending"), N),
    st.tuples(st.just("mark_sent"), N),
    st.tuples(st.just("mark_failed"), N, st.booleans()),
    st.tuples(st.just("requeue"), N),
    st.tuples(st.just("purge"), st.integers(min_value=0, max_value=2)),
    st.tuples(st.just("tick"), st.sampled_from([60, 86400, 2 * 86400])),
)


def apply(store, clock: Clock, op: tuple) -> object:
    """Run one operation; the outcome (or the error's type) is what must match."""
    name, *args = op
    iid = submission(args[0]).instance_id if name not in ("purge", "tick") else ""
    try:
        if name == "save_draft":
            store.save_draft(draft(f"d{args[0]}", updated_at=clock.now, payload=args[1]))
        elif name == "delete_draft":
            store.delete_draft(f"d{args[0]}")
        elif name == "finalize":
            draft_id = f"d{args[0]}" if args[1] else None
            return store.finalize(submission(args[0]), draft_id=draft_id).state
        elif name == "import_entry":
            sub = submission(args[0])
            entry = OutboxEntry(iid, sub.reference, sub.form_id, sub.form_version, State.FAILED,
                                attempts=2, encrypted=args[1], finalized_at=5.0, title=sub.title)
            return store.import_entry(entry, Payload(sub.xml, sub.json, dict(sub.attachments)))
        elif name == "mark_sending":
            store.mark_sending(iid)
        elif name == "mark_sent":
            store.mark_sent(iid, "201")
        elif name == "mark_failed":
            store.mark_failed(iid, "timeout", permanent=args[1])
        elif name == "requeue":
            store.requeue(iid)
        elif name == "purge":
            return store.purge_sent(args[0])
        elif name == "tick":
            clock.advance(args[0])
    except StorageError as exc:
        return type(exc)
    return None


def observe(store) -> tuple:
    outbox = store.list_outbox()
    payloads = []
    for entry in outbox:
        try:
            payloads.append(store.load_payload(entry.instance_id))
        except StorageError as exc:
            payloads.append(type(exc))
    drafts = [(i, store.get_draft(i.draft_id)) for i in store.list_drafts()]
    histories = [[s for s, _ in store.history(e.instance_id)] for e in outbox]
    return outbox, payloads, drafts, histories


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(OPS, max_size=25))
def test_twin_matches_sqlite(ops: list[tuple], tmp_path: Path) -> None:
    """Same operations, same results, same outbox, drafts, payloads and histories."""
    clock_a, clock_b = Clock(), Clock()
    db = tmp_path / f"twin-{abs(hash(tuple(map(repr, ops))))}.sqlite3"
    db.unlink(missing_ok=True)
    real = SQLiteStore(db, Vault(KEY), clock=clock_a)
    twin = MemoryStore(clock=clock_b)
    try:
        for op in ops:
            assert apply(real, clock_a, op) == apply(twin, clock_b, op), op
        assert observe(real) == observe(twin)
    finally:
        real.close()
