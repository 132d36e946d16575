"""The real store: one SQLite file, every payload AES-GCM encrypted before it reaches SQLite.

Threading: one connection, opened with check_same_thread=False and guarded by a lock, so the
UI's database worker thread (or any thread: calls are serialised) may use it; other processes
open their own store. Every write is one IMMEDIATE transaction committed with synchronous=FULL.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from inclusion_app.engine.prompt import Submission
from inclusion_app.i18n import _
from inclusion_app.storage import resume_codes, transitions
from inclusion_app.storage.api import (
    Draft,
    DraftInfo,
    OutboxEntry,
    Payload,
    State,
    StorageError,
)
from inclusion_app.storage.connection import open_checked, raise_plain
from inclusion_app.storage.rows import (
    DRAFT_COLUMNS,
    DRAFT_SELECT,
    ENTRY_COLUMNS,
    KEY_CHECK,
    STATES,
    aad,
    draft_info_from_row,
    entry_from_row,
    insert_entry,
    is_known,
    open_payload,
    seal_payload,
)
from inclusion_app.storage.schema import migrate
from inclusion_app.storage.sealing import imported, seal
from inclusion_app.storage.secret_hash import CODE_COST, check_secret, hash_secret
from inclusion_app.storage.vault import Vault, VaultError

DAY = 86400.0


class SQLiteStore:
    """Drafts, the outbox and receipts in one encrypted-payload SQLite database."""

    def __init__(
        self, path: Path, vault: Vault, clock: Callable[[], float] | None = None
    ) -> None:
        self.path = Path(path)
        self._vault = vault
        self._clock = clock or time.time
        self._lock = threading.RLock()
        self._conn, self.startup_notice = open_checked(self.path)
        try:
            self.schema_version = migrate(self._conn)
            self._check_key()
        except BaseException:
            self._conn.close()
            raise

    # -- plumbing --------------------------------------------------------------------------------
    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One durable transaction; a failure rolls back so the last good state stays."""
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                yield conn
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise_plain(exc)
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    def _read(self, sql: str, args: tuple = ()) -> list[tuple]:
        with self._lock:
            try:
                return self._conn.execute(sql, args).fetchall()
            except sqlite3.Error as exc:
                raise_plain(exc)
                raise

    def _check_key(self) -> None:
        """Refuse to run with a key that cannot open this database (never mix two keys)."""
        rows = self._read("SELECT value FROM meta WHERE key='key_check'")
        if rows:
            try:
                self._vault.decrypt(rows[0][0], aad(".meta", "key_check", "value"))
            except VaultError:
                raise VaultError(_(
                    "This database was saved with a different key than the one on this computer. "
                    "Restore the recovery copy with `inclusion-app key import FILE`."
                )) from None
            return
        blob = self._vault.encrypt(KEY_CHECK, aad(".meta", "key_check", "value"))
        with self._tx() as conn:
            conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('key_check', ?)", (blob,))

    def pragma(self, name: str) -> object:
        """A pragma's value on the writing connection (tests check synchronous and friends)."""
        return self._read(f"PRAGMA {name}")[0][0]

    def set_max_page_count(self, pages: int) -> None:
        """Cap the file size: how the tests simulate a full disk."""
        with self._lock:
            self._conn.execute(f"PRAGMA max_page_count={int(pages)}")

    def integrity_check(self) -> str:
        return str(self.pragma("integrity_check"))

    # -- forms -----------------------------------------------------------------------------------
    def save_form_version(self, form_hash: str, form_id: str, version: str, xml: bytes) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO form_versions VALUES (?, ?, ?, ?, ?)",
                (form_hash, form_id, version, bytes(xml), self._clock()),
            )

    def get_form_version(self, form_hash: str) -> bytes | None:
        rows = self._read("SELECT xml FROM form_versions WHERE form_hash=?", (form_hash,))
        return bytes(rows[0][0]) if rows else None

    # -- drafts ----------------------------------------------------------------------------------
    def save_draft(self, draft: Draft) -> None:
        i = draft.info
        step = self._vault.encrypt(draft.step.encode("utf-8"), aad("draft", i.draft_id, "step"))
        payload = self._vault.encrypt(draft.payload, aad("draft", i.draft_id, "payload"))
        with self._tx() as conn:
            # an upsert, not INSERT OR REPLACE: the row's resume code must survive autosave
            conn.execute(
                f"INSERT INTO drafts ({DRAFT_COLUMNS}, step, payload) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(draft_id) DO UPDATE SET "
                "form_id=excluded.form_id, form_version=excluded.form_version, "
                "form_hash=excluded.form_hash, form_title=excluded.form_title, "
                "created_at=excluded.created_at, updated_at=excluded.updated_at, "
                "practice=excluded.practice, step=excluded.step, payload=excluded.payload",
                (i.draft_id, i.form_id, i.form_version, i.form_hash, i.form_title,
                 i.created_at, i.updated_at, int(i.practice), step, payload),
            )

    def get_draft(self, draft_id: str) -> Draft | None:
        rows = self._read(
            f"SELECT {DRAFT_SELECT}, step, payload FROM drafts WHERE draft_id=?", (draft_id,)
        )
        if not rows:
            return None
        row = rows[0]
        step = self._vault.decrypt(row[9], aad("draft", draft_id, "step")).decode("utf-8")
        payload = self._vault.decrypt(row[10], aad("draft", draft_id, "payload"))
        return Draft(draft_info_from_row(row), step, payload)

    def list_drafts(self) -> list[DraftInfo]:
        rows = self._read(f"SELECT {DRAFT_SELECT} FROM drafts ORDER BY updated_at DESC, draft_id")
        return [draft_info_from_row(r) for r in rows]

    def delete_draft(self, draft_id: str) -> None:
        with self._tx() as conn:
            conn.execute("DELETE FROM drafts WHERE draft_id=?", (draft_id,))

    def recent_draft(self, within_seconds: float, now: float | None = None) -> DraftInfo | None:
        now = self._clock() if now is None else now
        rows = self._read(
            f"SELECT {DRAFT_SELECT} FROM drafts WHERE updated_at >= ? "
            "ORDER BY updated_at DESC, draft_id LIMIT 1",
            (now - within_seconds,),
        )
        return draft_info_from_row(rows[0]) if rows else None

    def _code_hint(self, code: str) -> str:
        return resume_codes.hint(self._vault.tag(code.encode("utf-8"), b"resume code"))

    def set_resume_code(self, draft_id: str, code: str) -> bool:
        if self.find_draft_by_code(code) is not None:
            return False
        hashed = hash_secret(code, CODE_COST)  # slow: outside the lock
        with self._tx() as conn:
            cursor = conn.execute(
                "UPDATE drafts SET resume_hash=?, resume_hint=? WHERE draft_id=?",
                (hashed, self._code_hint(code), draft_id))
            return cursor.rowcount == 1

    def find_draft_by_code(self, code: str) -> DraftInfo | None:
        rows = self._read(f"SELECT {DRAFT_SELECT}, resume_hash FROM drafts "
                          "WHERE resume_hint=? AND resume_hash IS NOT NULL "
                          "ORDER BY updated_at DESC, draft_id", (self._code_hint(code),))
        for row in rows:
            if check_secret(code, row[9]):
                return draft_info_from_row(row)
        return None

    # -- the outbox ------------------------------------------------------------------------------
    def finalize(self, submission: Submission, draft_id: str | None = None) -> OutboxEntry:
        sealed = seal(submission)
        iid, p = submission.instance_id, sealed.payload
        rows = seal_payload(self._vault, iid, p)  # encrypted before the lock: short transactions
        now = self._clock()
        entry = OutboxEntry(
            iid, submission.reference, submission.form_id, submission.form_version,
            State.QUEUED, encrypted=sealed.encrypted, finalized_at=now, updated_at=now,
            title=submission.title,
        )
        with self._tx() as conn:
            if is_known(conn, iid):
                raise StorageError(transitions.already_queued())
            insert_entry(conn, entry, p.submission_url, rows)
            if draft_id is not None:
                conn.execute("DELETE FROM drafts WHERE draft_id=?", (draft_id,))
        return entry

    def import_entry(self, entry: OutboxEntry, payload: Payload) -> bool:
        now = self._clock()
        queued = imported(entry, now)
        rows = seal_payload(self._vault, queued.instance_id, payload)
        with self._tx() as conn:
            if is_known(conn, queued.instance_id):
                return False
            insert_entry(conn, queued, payload.submission_url, rows)
        return True

    def list_outbox(self, states: tuple[State, ...] | None = None) -> list[OutboxEntry]:
        sql = f"SELECT {ENTRY_COLUMNS} FROM outbox"
        args: tuple = ()
        if states is not None:
            sql += f" WHERE state IN ({','.join('?' * len(states))})"
            args = tuple(State(s).value for s in states)
        rows = self._read(sql + " ORDER BY finalized_at, instance_id", args)
        return [entry_from_row(r) for r in rows]

    def get_entry(self, key: str) -> OutboxEntry | None:
        rows = self._read(f"SELECT {ENTRY_COLUMNS} FROM outbox WHERE instance_id=?", (key,))
        if not rows:
            rows = self._read(
                f"SELECT {ENTRY_COLUMNS} FROM outbox WHERE reference=? COLLATE NOCASE "
                "ORDER BY finalized_at LIMIT 1",
                (key.strip(),),
            )
        return entry_from_row(rows[0]) if rows else None

    def load_payload(self, instance_id: str) -> Payload:
        with self._lock:
            entry = transitions.check_known(self.get_entry_by_id(instance_id))
            if entry.payload_purged:
                raise StorageError(transitions.purged())
            url = self._read("SELECT submission_url FROM outbox WHERE instance_id=?", (instance_id,))
            row = self._read("SELECT xml, json FROM payloads WHERE instance_id=?", (instance_id,))
            files = self._read(
                "SELECT position, name, data FROM attachments WHERE instance_id=? ORDER BY position",
                (instance_id,),
            )
        if not row:
            raise StorageError(_("The stored copy of this submission is missing."))
        return open_payload(self._vault, instance_id, row[0][0], row[0][1], files, url[0][0])

    def get_entry_by_id(self, instance_id: str) -> OutboxEntry | None:
        rows = self._read(f"SELECT {ENTRY_COLUMNS} FROM outbox WHERE instance_id=?", (instance_id,))
        return entry_from_row(rows[0]) if rows else None

    def _move(self, instance_id: str, change: Callable[[OutboxEntry], dict]) -> None:
        with self._tx() as conn:
            entry = transitions.check_known(self.get_entry_by_id(instance_id))
            fields = change(entry)
            now = self._clock()
            fields["updated_at"] = now
            sets = ", ".join(f"{k}=?" for k in fields)
            values = [v.value if isinstance(v, State) else v for v in fields.values()]
            conn.execute(f"UPDATE outbox SET {sets} WHERE instance_id=?", (*values, instance_id))
            state = fields.get("state", entry.state)
            conn.execute(
                "INSERT INTO history (instance_id, state, at) VALUES (?, ?, ?)",
                (instance_id, State(state).value, now),
            )

    def mark_sending(self, instance_id: str) -> None:
        self._move(instance_id, transitions.after_sending)

    def mark_sent(self, instance_id: str, server_response: str, target: str | None = None) -> None:
        self._move(instance_id, lambda e: transitions.after_sent(e, server_response, target, self._clock()))

    def mark_failed(
        self, instance_id: str, reason: str, permanent: bool = False, next_attempt_at: float | None = None,
        server_response: str | None = None,
    ) -> None:
        self._move(instance_id, lambda e: transitions.after_failure(e, reason, permanent, next_attempt_at,
                                                                    server_response))

    def requeue(self, instance_id: str) -> None:
        self._move(instance_id, lambda e: {"state": State.QUEUED, "next_attempt_at": None})

    def history(self, instance_id: str) -> list[tuple[State, float]]:
        rows = self._read(
            "SELECT state, at FROM history WHERE instance_id=? ORDER BY id", (instance_id,)
        )
        return [(STATES[s], at) for s, at in rows]

    def purge_sent(self, retention_days: int, now: float | None = None) -> int:
        now = self._clock() if now is None else now
        cutoff = now - retention_days * DAY
        with self._tx() as conn:
            ids = [r[0] for r in conn.execute(
                "SELECT instance_id FROM outbox WHERE state='sent' AND payload_purged=0 "
                "AND sent_at <= ?", (cutoff,)
            )]
            for iid in ids:
                conn.execute("DELETE FROM attachments WHERE instance_id=?", (iid,))
                conn.execute("DELETE FROM payloads WHERE instance_id=?", (iid,))
                conn.execute("UPDATE outbox SET payload_purged=1 WHERE instance_id=?", (iid,))
        if ids:
            with self._lock:  # move the zeroed pages into the main file and empty the WAL
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return len(ids)

    def close(self) -> None:
        with self._lock:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
