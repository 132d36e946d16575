"""Build tests/fixtures/db/v<N>.sqlite3: a filled database of every earlier schema version.

Run `python -m tests.storage.make_fixtures` after adding a migration, and commit the new file:
the migration tests open each one with the current code and check nothing was lost. The rows
are written with the SQL of *that* version (not the current store code), as an older program
would have written them. The key is a fixed test key, used for nothing else.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from inclusion_app.storage.rows import KEY_CHECK, aad
from inclusion_app.storage.schema import LATEST, migrate
from inclusion_app.storage.vault import Vault

FIXTURE_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "db"
FIXTURE_KEY = bytes.fromhex("7e" * 16 + "a5" * 16)  # test-only key, committed on purpose
DRAFTS = {"draft-1": ("2,0", b'{"answers": "v1 draft"}'), "draft-2": ("0", b"{}")}
SUBMISSIONS = {
    # instance_id: (reference, state, xml, json, attachments)
    "uuid:fixture-1": ("K7MA01", "queued", b"<data>one</data>", b'{"n": 1}', {"p.jpg": b"\xff\xd8one"}),
    "uuid:fixture-2": ("K7MA02", "sent", b"<data>two</data>", b'{"n": 2}', {}),
    "uuid:fixture-3": ("K7MA03", "failed", b"<data>three</data>", b'{"n": 3}', {"a.png": b"\x89PNG", "b.m4a": b"aud"}),
}
SUBMISSION_URL = "https://central.example.org/v1/key/x/projects/1/submission"
FORM_XML = b"<h:html><h:head><h:title>Fixture form</h:title></h:head></h:html>"


def fill_v1(conn: sqlite3.Connection, vault: Vault) -> None:
    """Rows as schema version 1 stores them."""
    conn.execute("INSERT INTO meta VALUES ('key_check', ?)",
                 (vault.encrypt(KEY_CHECK, aad(".meta", "key_check", "value")),))
    conn.execute("INSERT INTO form_versions VALUES ('sha256:fixture', 'fixture_form', '1', ?, 1.0)",
                 (FORM_XML,))
    for n, (draft_id, (step, payload)) in enumerate(DRAFTS.items()):
        conn.execute(
            "INSERT INTO drafts VALUES (?, 'fixture_form', '1', 'sha256:fixture', 'Fixture form', "
            "?, ?, 0, ?, ?)",
            (draft_id, 100.0 + n, 200.0 + n,
             vault.encrypt(step.encode(), aad("draft", draft_id, "step")),
             vault.encrypt(payload, aad("draft", draft_id, "payload"))),
        )
    for n, (iid, (ref, state, xml, js, files)) in enumerate(SUBMISSIONS.items()):
        sent = 500.0 if state == "sent" else None
        conn.execute(
            "INSERT INTO outbox (instance_id, reference, form_id, form_version, state, attempts, "
            "last_error, target, encrypted, finalized_at, updated_at, sent_at, next_attempt_at, "
            "server_response, payload_purged, title) VALUES (?, ?, 'fixture_form', '1', ?, ?, ?, "
            "NULL, 0, ?, ?, ?, NULL, ?, 0, 'Fixture form')",
            (iid, ref, state, 1 if state != "queued" else 0,
             "server unreachable" if state == "failed" else "", 300.0 + n, 400.0 + n, sent,
             "201 Created" if sent else ""),
        )
        conn.execute("INSERT INTO payloads VALUES (?, ?, ?)", (
            iid, vault.encrypt(xml, aad("payload", iid, "xml")),
            vault.encrypt(js, aad("payload", iid, "json"))))
        for pos, (name, data) in enumerate(files.items()):
            conn.execute("INSERT INTO attachments VALUES (?, ?, ?, ?)", (
                iid, pos, vault.encrypt(name.encode(), aad("attachment", iid, f"{pos}.name")),
                vault.encrypt(data, aad("attachment", iid, f"{pos}.data"))))
        conn.execute("INSERT INTO history (instance_id, state, at) VALUES (?, 'finalized', ?)",
                     (iid, 300.0 + n))


def fill_v2(conn: sqlite3.Connection, vault: Vault) -> None:
    """Version 2 added outbox.submission_url."""
    fill_v1(conn, vault)
    conn.execute("UPDATE outbox SET submission_url = ? WHERE instance_id = 'uuid:fixture-1'",
                 (SUBMISSION_URL,))


FILLERS = {1: fill_v1, 2: fill_v2, 3: fill_v2, 4: fill_v2}  # 3 added an index, 4 a default column


def build(version: int, target: Path) -> None:
    target.unlink(missing_ok=True)
    conn = sqlite3.connect(target, isolation_level=None)
    migrate(conn, target=version)
    conn.execute("BEGIN")
    FILLERS[version](conn, Vault(FIXTURE_KEY))
    conn.execute("COMMIT")
    conn.execute("VACUUM")
    conn.close()


def main() -> int:
    FIXTURE_DIR.mkdir(parents=True, exist_ok=True)
    for version in range(1, LATEST):
        target = FIXTURE_DIR / f"v{version}.sqlite3"
        if target.exists():
            continue  # committed fixtures stay as they were written: only new versions are added
        build(version, target)
        print(f"wrote {target.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
