"""Damaged databases are moved aside, never deleted; a full disk keeps the last good state."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from inclusion_app.storage.api import StorageError, StorageFullError
from inclusion_app.storage.factory import open_store
from inclusion_app.storage.sqlite_store import SQLiteStore
from inclusion_app.storage.vault import open_vault
from tests.storage.builders import draft, submission


def _filled(app_paths, n: int = 40) -> None:
    store = open_store(app_paths)
    for i in range(n):
        store.finalize(submission(i))
    store.close()


def test_pragmas_on_the_writing_connection(sqlite_store) -> None:
    """WAL, synchronous=FULL, foreign keys and secure_delete are on for every connection."""
    assert sqlite_store.pragma("journal_mode") == "wal"
    assert sqlite_store.pragma("synchronous") == 2
    assert sqlite_store.pragma("foreign_keys") == 1
    assert sqlite_store.pragma("secure_delete") == 1


def test_damaged_header_is_moved_aside(app_paths) -> None:
    """A file that is no longer a database is renamed, a fresh one starts, and a notice says so."""
    _filled(app_paths)
    db = app_paths.database
    original = db.read_bytes()
    db.write_bytes(b"this is not a database" * 10 + original[220:])
    store = open_store(app_paths)
    try:
        assert store.startup_notice and "damaged" in store.startup_notice
        assert store.list_outbox() == []
        moved = list(app_paths.data.glob("inclusion.sqlite3.damaged-*"))
        assert len(moved) == 1 and moved[0].name in store.startup_notice
        assert moved[0].stat().st_size == len(original)  # kept whole, never deleted
        store.finalize(submission(999))  # the fresh database works
    finally:
        store.close()
    reopened = open_store(app_paths)
    assert reopened.startup_notice is None and len(reopened.list_outbox()) == 1
    reopened.close()


def test_damaged_page_fails_quick_check_and_is_moved_aside(app_paths) -> None:
    """Garbage over a table page is caught by quick_check at start-up."""
    _filled(app_paths, 200)
    db = app_paths.database
    data = bytearray(db.read_bytes())
    page = 4096
    assert len(data) > 8 * page
    for p in range(2, len(data) // page):
        data[p * page + 8 : p * page + 200] = b"\x5a" * 192  # break cell pointers of each page
    db.write_bytes(bytes(data))
    store = open_store(app_paths)
    assert store.startup_notice is not None
    assert store.list_outbox() == []
    assert list(app_paths.data.glob("inclusion.sqlite3.damaged-*"))
    store.close()


def test_locked_database_is_not_moved_aside(app_paths, monkeypatch) -> None:
    """A database busy in another process is reported, not mistaken for damage."""
    import inclusion_app.storage.connection as connection

    _filled(app_paths, 1)
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_S", 0.1)
    holder = sqlite3.connect(app_paths.database, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageError) as info:
            open_store(app_paths)
        assert "busy" in str(info.value).lower() or "could not be opened" in str(info.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not list(app_paths.data.glob("*.damaged-*"))


def test_full_disk_keeps_last_good_state(sqlite_store) -> None:
    """With the file capped, finalize and autosave fail plainly and change nothing."""
    sqlite_store.save_draft(draft("d1", payload=b"first version"))
    sqlite_store.finalize(submission(1))
    pages = sqlite_store.pragma("page_count")
    sqlite_store.set_max_page_count(pages)
    big = submission(2, attachments={"photo.jpg": bytes(300_000)})
    with pytest.raises(StorageFullError) as info:
        sqlite_store.finalize(big, draft_id="d1")
    assert "disk is full" in str(info.value) and "Person" not in str(info.value)
    with pytest.raises(StorageFullError):
        sqlite_store.save_draft(draft("d1", payload=bytes(300_000)))
    assert sqlite_store.get_draft("d1").payload == b"first version"
    assert [e.instance_id for e in sqlite_store.list_outbox()] == [submission(1).instance_id]
    assert sqlite_store.integrity_check() == "ok"
    sqlite_store.set_max_page_count(1_000_000)  # space freed: the same submission now goes in
    sqlite_store.finalize(big, draft_id="d1")
    assert sqlite_store.get_draft("d1") is None and len(sqlite_store.list_outbox()) == 2


def test_autosave_from_a_worker_thread(app_paths) -> None:
    """The UI's database worker thread can own the store while others read through it."""
    store = SQLiteStore(app_paths.database, open_vault(app_paths))
    errors: list[BaseException] = []

    def autosave() -> None:
        try:
            for i in range(100):
                store.save_draft(draft("d1", updated_at=float(i), payload=str(i).encode()))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    worker = threading.Thread(target=autosave)
    worker.start()
    while worker.is_alive():
        store.list_drafts()
    worker.join()
    assert errors == []
    assert store.get_draft("d1").payload == b"99"
    store.close()
