"""How records become SQLite rows and back: column lists, and the encrypted payload columns.

Every encrypted value carries associated data naming its table, row and column, so a
ciphertext moved to another row or column (by accident or on purpose) refuses to open.
"""

from __future__ import annotations

import sqlite3
from dataclasses import MISSING, fields

from inclusion_app.storage.api import DraftInfo, OutboxEntry, Payload, State
from inclusion_app.storage.vault import Vault

STATES = {s.value: s for s in State}
ENTRY_COLUMNS = (
    "instance_id, reference, form_id, form_version, state, attempts, last_error, target, "
    "encrypted, finalized_at, updated_at, sent_at, next_attempt_at, server_response, "
    "payload_purged, title, practice"
)
DRAFT_COLUMNS = (
    "draft_id, form_id, form_version, form_hash, form_title, created_at, updated_at, practice"
)
# what is read back: the columns above and whether a resume code was given (never the hash)
DRAFT_SELECT = DRAFT_COLUMNS + ", resume_hash IS NOT NULL"
KEY_CHECK = b"inclusion-app key check"


def aad(kind: str, key: str, column: str) -> bytes:
    """Associated data binding a ciphertext to its table, row and column."""
    return f"{kind}|{key}|{column}".encode()


ENTRY_NAMES = tuple(name.strip() for name in ENTRY_COLUMNS.split(","))
# fields added to OutboxEntry later than these columns get their defaults
_EXTRA_DEFAULTS = [
    (f.name, f.default, f.default_factory)
    for f in fields(OutboxEntry)
    if f.name not in ENTRY_NAMES
]
_new = object.__new__


def entry_from_row(row: tuple) -> OutboxEntry:
    """An OutboxEntry from a row of ENTRY_COLUMNS.

    Fills the frozen dataclass's __dict__ directly: listing 10,000 entries through the
    generated __init__ cost more than half of the 50 ms budget. Equal to OutboxEntry(...).
    """
    entry = _new(OutboxEntry)
    values = entry.__dict__
    for name, default, factory in _EXTRA_DEFAULTS:
        values[name] = default if factory is MISSING else factory()
    values.update(zip(ENTRY_NAMES, row, strict=True))
    values["state"] = STATES[row[4]]
    values["encrypted"] = bool(row[8])
    values["payload_purged"] = bool(row[14])
    values["practice"] = bool(row[16])
    return entry


def draft_info_from_row(row: tuple) -> DraftInfo:
    """A DraftInfo from a row of DRAFT_SELECT."""
    return DraftInfo(row[0], row[1], row[2], row[3], row[4], row[5], row[6], bool(row[7]),
                     bool(row[8]))


def seal_payload(
    vault: Vault, iid: str, payload: Payload
) -> tuple[bytes, bytes, list[tuple[str, int, bytes, bytes]]]:
    """(xml, json, attachment rows) encrypted for the payloads and attachments tables."""
    files = [
        (iid, n,
         vault.encrypt(name.encode("utf-8"), aad("attachment", iid, f"{n}.name")),
         vault.encrypt(data, aad("attachment", iid, f"{n}.data")))
        for n, (name, data) in enumerate(payload.attachments.items())
    ]
    return (
        vault.encrypt(payload.xml, aad("payload", iid, "xml")),
        vault.encrypt(payload.json, aad("payload", iid, "json")),
        files,
    )


def open_payload(
    vault: Vault, iid: str, xml: bytes, js: bytes, files: list[tuple], url: str | None
) -> Payload:
    """The stored payload decrypted; attachment rows are (position, name, data)."""
    attachments = {
        vault.decrypt(name, aad("attachment", iid, f"{n}.name")).decode("utf-8"):
            vault.decrypt(data, aad("attachment", iid, f"{n}.data"))
        for n, name, data in files
    }
    return Payload(
        vault.decrypt(xml, aad("payload", iid, "xml")),
        vault.decrypt(js, aad("payload", iid, "json")),
        attachments,
        url,
    )


def is_known(conn: sqlite3.Connection, instance_id: str) -> bool:
    """Whether the outbox already holds this instanceID (asked inside the writing transaction)."""
    return conn.execute("SELECT 1 FROM outbox WHERE instance_id=?", (instance_id,)).fetchone() is not None


def insert_entry(conn: sqlite3.Connection, entry: OutboxEntry, url: str | None,
                 sealed: tuple[bytes, bytes, list[tuple[str, int, bytes, bytes]]]) -> None:
    """One queued outbox row with its sealed payload (from seal_payload), attachments and history."""
    iid = entry.instance_id
    xml, js, files = sealed
    conn.execute(
        f"INSERT INTO outbox ({ENTRY_COLUMNS}, submission_url) "
        "VALUES (?, ?, ?, ?, 'queued', 0, '', NULL, ?, ?, ?, NULL, NULL, '', 0, ?, ?, ?)",
        (iid, entry.reference, entry.form_id, entry.form_version, int(entry.encrypted),
         entry.finalized_at, entry.updated_at, entry.title, int(entry.practice), url),
    )
    conn.execute("INSERT INTO payloads VALUES (?, ?, ?)", (iid, xml, js))
    conn.executemany("INSERT INTO attachments VALUES (?, ?, ?, ?)", files)
    conn.executemany(
        "INSERT INTO history (instance_id, state, at) VALUES (?, ?, ?)",
        [(iid, State.FINALIZED.value, entry.finalized_at), (iid, State.QUEUED.value, entry.updated_at)],
    )
