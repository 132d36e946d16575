"""Schema migrations: every earlier version's committed database opens with nothing lost."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from inclusion_app.storage.api import State, StorageError
from inclusion_app.storage.schema import LATEST, current_version, migrate
from inclusion_app.storage.sqlite_store import SQLiteStore
from inclusion_app.storage.vault import Vault
from tests.storage.make_fixtures import (
    DRAFTS,
    FIXTURE_DIR,
    FIXTURE_KEY,
    FORM_XML,
    SUBMISSION_URL,
    SUBMISSIONS,
)


def test_there_is_a_fixture_for_every_earlier_version() -> None:
    """Adding a migration without a fixture of the version before it fails here."""
    missing = [v for v in range(1, LATEST) if not (FIXTURE_DIR / f"v{v}.sqlite3").exists()]
    assert LATEST >= 2 and missing == []


@pytest.mark.parametrize("version", range(1, LATEST))
def test_old_database_opens_with_everything_intact(version: int, tmp_path: Path) -> None:
    """Drafts, payloads, attachments, states and receipts survive the upgrade to the latest."""
    db = tmp_path / "inclusion.sqlite3"
    shutil.copy(FIXTURE_DIR / f"v{version}.sqlite3", db)
    with sqlite3.connect(db) as conn:
        assert current_version(conn) == version
    store = SQLiteStore(db, Vault(FIXTURE_KEY))
    try:
        assert store.schema_version == LATEST and store.integrity_check() == "ok"
        for draft_id, (step, payload) in DRAFTS.items():
            d = store.get_draft(draft_id)
            assert (d.step, d.payload) == (step, payload)
        assert store.get_form_version("sha256:fixture") == FORM_XML
        for iid, (ref, state, xml, js, files) in SUBMISSIONS.items():
            entry = store.get_entry(ref)
            assert entry.instance_id == iid and entry.state is State(state)
            p = store.load_payload(iid)
            url = SUBMISSION_URL if version >= 2 and iid == "uuid:fixture-1" else None
            assert (p.xml, p.json, p.attachments, p.submission_url) == (xml, js, files, url)
        assert store.get_entry("uuid:fixture-2").server_response == "201 Created"
        assert not any(e.practice for e in store.list_outbox())  # version 4's column, default off
        # version 5: drafts saved before resume codes have none (only a volunteer opens them)
        assert {i.draft_id: i.has_code for i in store.list_drafts()} == dict.fromkeys(DRAFTS, False)
        assert store.find_draft_by_code("482915") is None
        store.mark_sending("uuid:fixture-1")  # and it keeps working after the upgrade
        assert store.get_entry("uuid:fixture-1").attempts == 1
    finally:
        store.close()


def test_fresh_database_gets_every_migration(tmp_path: Path) -> None:
    """A new file is created at the latest version, with the later indexes present."""
    conn = sqlite3.connect(tmp_path / "new.sqlite3", isolation_level=None)
    assert migrate(conn) == LATEST == current_version(conn)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"outbox_state", "outbox_reference", "outbox_order"} <= names
    conn.close()


def test_newer_database_is_refused_plainly(tmp_path: Path) -> None:
    """A database from a newer program is not touched; the message says to update."""
    conn = sqlite3.connect(tmp_path / "new.sqlite3", isolation_level=None)
    migrate(conn)
    conn.execute("UPDATE schema_version SET version = ?", (LATEST + 1,))
    with pytest.raises(StorageError, match="newer version"):
        migrate(conn)
    conn.close()


def test_failed_migration_leaves_previous_version(tmp_path: Path, monkeypatch) -> None:
    """A migration that fails halfway rolls back to the version before it."""
    from inclusion_app.storage import schema

    conn = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
    migrate(conn, target=1)
    monkeypatch.setitem(schema.MIGRATIONS, 2, ("CREATE INDEX ok_so_far ON outbox(title)", "NOT SQL"))
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn)
    assert current_version(conn) == 1
    assert conn.execute("SELECT name FROM sqlite_master WHERE name='ok_so_far'").fetchone() is None
    conn.close()


def test_concurrent_start_migrates_once(tmp_path: Path, monkeypatch) -> None:
    """If another process migrated after we looked, the step is not applied twice."""
    from inclusion_app.storage import schema

    db = tmp_path / "db.sqlite3"
    first = sqlite3.connect(db, isolation_level=None)
    second = sqlite3.connect(db, isolation_level=None)
    real = schema.current_version
    migrate(first)
    calls: list[int] = []

    def stale_then_real(conn: sqlite3.Connection) -> int:
        calls.append(1)  # the second process read version 0 before the first one migrated
        return 0 if len(calls) == 1 else real(conn)

    monkeypatch.setattr(schema, "current_version", stale_then_real)
    assert migrate(second) == LATEST and len(calls) >= 2
    rows = second.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0]
    assert rows == 1
    first.close()
    second.close()


def test_practice_flag_held_in_a_row_is_read_back(sqlite_store) -> None:
    """A row flagged practice (never queued by this program) keeps the flag through every change."""
    from tests.storage.builders import submission

    iid = sqlite_store.finalize(submission(1)).instance_id
    assert sqlite_store.get_entry(iid).practice is False
    conn = sqlite3.connect(sqlite_store.path)
    with conn:
        conn.execute("UPDATE outbox SET practice=1 WHERE instance_id=?", (iid,))
    conn.close()
    sqlite_store.mark_failed(iid, "Practice forms are never sent.", permanent=True)
    assert sqlite_store.get_entry(iid).practice is True
    assert [e.practice for e in sqlite_store.list_outbox()] == [True]
