"""The database schema as numbered migrations, run in order at start-up.

Each migration is a list of SQL statements applied in one transaction together with the new
version number, so a crash mid-migration leaves the previous version intact. Never edit a
released migration: add the next number. tests/storage/make_fixtures.py builds a database of
every earlier version, and the tests open each one with the current code.
"""

from __future__ import annotations

import sqlite3

from inclusion_app.i18n import _
from inclusion_app.storage.api import StorageError

MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL)",
        """CREATE TABLE form_versions (
            form_hash TEXT PRIMARY KEY, form_id TEXT NOT NULL, version TEXT NOT NULL,
            xml BLOB NOT NULL, saved_at REAL NOT NULL)""",
        # step and payload are encrypted; the other columns hold no answers
        """CREATE TABLE drafts (
            draft_id TEXT PRIMARY KEY, form_id TEXT NOT NULL, form_version TEXT NOT NULL,
            form_hash TEXT NOT NULL, form_title TEXT NOT NULL, created_at REAL NOT NULL,
            updated_at REAL NOT NULL, practice INTEGER NOT NULL DEFAULT 0,
            step BLOB NOT NULL, payload BLOB NOT NULL)""",
        """CREATE TABLE outbox (
            instance_id TEXT PRIMARY KEY, reference TEXT NOT NULL, form_id TEXT NOT NULL,
            form_version TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT NOT NULL DEFAULT '', target TEXT, encrypted INTEGER NOT NULL DEFAULT 0,
            finalized_at REAL NOT NULL, updated_at REAL NOT NULL, sent_at REAL,
            next_attempt_at REAL, server_response TEXT NOT NULL DEFAULT '',
            payload_purged INTEGER NOT NULL DEFAULT 0, title TEXT NOT NULL DEFAULT '')""",
        """CREATE TABLE payloads (
            instance_id TEXT PRIMARY KEY REFERENCES outbox(instance_id) ON DELETE CASCADE,
            xml BLOB NOT NULL, json BLOB NOT NULL)""",
        # attachment names are encrypted too: a file name can itself be personal
        """CREATE TABLE attachments (
            instance_id TEXT NOT NULL REFERENCES outbox(instance_id) ON DELETE CASCADE,
            position INTEGER NOT NULL, name BLOB NOT NULL, data BLOB NOT NULL,
            PRIMARY KEY (instance_id, position))""",
        """CREATE TABLE history (
            id INTEGER PRIMARY KEY, instance_id TEXT NOT NULL
                REFERENCES outbox(instance_id) ON DELETE CASCADE,
            state TEXT NOT NULL, at REAL NOT NULL)""",
        "CREATE INDEX history_instance ON history(instance_id, id)",
    ),
    2: (
        # the submission URL from the form's settings, kept so a resend goes where it was meant
        "ALTER TABLE outbox ADD COLUMN submission_url TEXT",
        # outbox listing by state and lookup by the reference a person reads out
        "CREATE INDEX outbox_state ON outbox(state, finalized_at)",
        "CREATE INDEX outbox_reference ON outbox(reference COLLATE NOCASE)",
        "CREATE INDEX drafts_updated ON drafts(updated_at)",
    ),
    3: (
        # the outbox is listed in finalize order: an index saves sorting 10,000 rows each time
        "CREATE INDEX outbox_order ON outbox(finalized_at, instance_id)",
    ),
    4: (
        # a practice submission is never queued, but if one is ever held the uploader must see it
        "ALTER TABLE outbox ADD COLUMN practice INTEGER NOT NULL DEFAULT 0",
    ),
    5: (
        # a resident's resume code, only as a salted slow hash (storage/secret_hash.py);
        # NULL for drafts saved before codes existed: those open from the volunteer corner only
        "ALTER TABLE drafts ADD COLUMN resume_hash TEXT",
        # one byte of a keyed digest of the code (meaningless without the key): a lookup
        # checks the slow hash of about one draft in 256, not of every draft
        "ALTER TABLE drafts ADD COLUMN resume_hint TEXT",
        "CREATE INDEX drafts_resume_hint ON drafts(resume_hint)",
    ),
}
LATEST = max(MIGRATIONS)


def current_version(conn: sqlite3.Connection) -> int:
    row = conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name='schema_version'"
    ).fetchone()
    if row is None:
        return 0
    found = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
    return int(found or 0)


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> int:
    """Bring the database up to `target`, one numbered step per transaction; returns the version."""
    version = current_version(conn)
    if version > LATEST:
        raise StorageError(_(
            "This database was made by a newer version of Inclusion Assistant. "
            "Please install the newer version to open it."
        ))
    while version < target:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # another process (the window and a command at once) may have migrated meanwhile
            version = current_version(conn)
            if version >= target:
                conn.execute("COMMIT")
                break
            step = version + 1
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            for statement in MIGRATIONS[step]:
                conn.execute(statement)
            conn.execute("DELETE FROM schema_version")
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (step,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        version = step
    return version
