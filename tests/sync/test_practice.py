"""Practice submissions are never sent, even when a store somehow holds one."""

from __future__ import annotations

import io
import sqlite3
from dataclasses import replace

from inclusion_app import paths
from inclusion_app.cli import main
from inclusion_app.storage.api import OutboxEntry, State
from inclusion_app.storage.factory import open_store
from inclusion_app.storage.memory import MemoryStore
from inclusion_app.sync.targets import make_target
from inclusion_app.sync.usb import export_outbox, import_outbox
from tests.sync.helpers import fill, uploader_for


class HoldsPractice(MemoryStore):
    """A twin whose listed entries carry practice=True for chosen instanceIDs."""

    def __init__(self, practice_ids: set[str]) -> None:
        super().__init__()
        self.practice_ids = practice_ids

    def _mark(self, entry: OutboxEntry) -> OutboxEntry:
        return replace(entry, practice=True) if entry.instance_id in self.practice_ids else entry

    def list_outbox(self, states: tuple[State, ...] | None = None) -> list[OutboxEntry]:
        return [self._mark(e) for e in super().list_outbox(states)]


def test_uploader_sets_aside_a_practice_entry_from_the_sqlite_store(serve, sqlite_store) -> None:
    """A row flagged practice in the database is set aside unsent; the others are delivered."""
    srv = serve()
    ids = fill(sqlite_store, 3)
    with sqlite3.connect(sqlite_store.path) as conn:  # as an older or foreign program left it
        conn.execute("UPDATE outbox SET practice=1 WHERE instance_id=?", (ids[1],))
    conn.close()
    assert sqlite_store.get_entry(ids[1]).practice
    report = uploader_for(sqlite_store, make_target("c", srv.url)).run()
    assert (report.delivered, report.failed) == (2, 1)
    assert ids[1] not in srv.stored and {ids[0], ids[2]} == set(srv.stored)
    assert all(p.instance_id != ids[1] for p in srv.posts)
    entry = sqlite_store.get_entry(ids[1])
    assert entry.state is State.SET_ASIDE and entry.practice
    assert entry.last_error == "Practice forms are never sent."


def test_uploader_reads_the_flag_from_any_store(serve) -> None:
    """The check uses the entry's practice field, whichever store lists it."""
    srv = serve()
    store = HoldsPractice(set())
    ids = fill(store, 2)
    store.practice_ids.add(ids[0])
    report = uploader_for(store, make_target("c", srv.url)).run()
    assert report.line() == "delivered 1, failed 1, waiting 0"
    assert list(srv.stored) == [ids[1]]
    assert store.get_entry(ids[0]).state is State.SET_ASIDE


def test_practice_entries_in_an_export_are_left_out_on_import(tmp_path, monkeypatch, capsys) -> None:
    """An export carrying a practice entry queues the rest; the command says what was left out."""
    source = HoldsPractice(set())
    ids = fill(source, 3)
    source.practice_ids.add(ids[2])
    file = tmp_path / "stick.iaobx"
    export_outbox(source, file, "long passphrase", log_n=12)
    monkeypatch.setattr("sys.stdin", io.StringIO("long passphrase\n"))
    assert main(["outbox", "import", str(file), "--passphrase-stdin"]) == 0
    out = capsys.readouterr().out
    assert "Queued 2 submissions (0 were already here)." in out
    assert "Left out 1 practice submissions" in out
    store = open_store(paths.resolve().ensure())
    try:
        assert {e.instance_id for e in store.list_outbox()} == set(ids[:2])
    finally:
        store.close()
    again = import_outbox(MemoryStore(), file, "long passphrase")
    assert (again.imported, again.duplicates, again.practice) == (2, 0, 1)
