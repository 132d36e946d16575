"""No network at all: carry the waiting submissions to a connected PC on a USB stick.

One file, encrypted with a passphrase (scrypt -> AES-256-GCM, the header authenticated too), so a
lost stick leaks nothing and a changed byte is refused. Import queues each submission with its
exact stored bytes; an instanceID already in the outbox is skipped, so importing twice, or
importing on the PC that exported, never duplicates anything (and Central answers an identical
resend with 201 anyway). Wrong passphrase or a changed file: a clear message, nothing imported.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import struct
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from inclusion_app.i18n import _
from inclusion_app.storage.api import OutboxEntry, Payload, PracticeRefusedError, State, Store

MAGIC = b"INCLUSION-OUTBOX"
VERSION = 1
HEADER = struct.Struct(">16sB16sBBB12s")  # magic, version, salt, log2 N, r, p, nonce
EXPORT_STATES = (State.QUEUED, State.FAILED, State.SENDING)
MIN_PASSPHRASE = 8


class TransferError(Exception):
    """An export or import that cannot go ahead, in plain words."""


@dataclass(frozen=True)
class ImportResult:
    imported: int
    duplicates: int
    practice: int = 0  # practice submissions left out: they are never queued


def _key(passphrase: str, salt: bytes, log_n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**log_n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def export_outbox(store: Store, path: Path, passphrase: str, log_n: int = 15) -> int:
    """Write every waiting submission to `path`; returns how many. Nothing changes in the store."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise TransferError(_("The passphrase needs at least 8 characters."))
    items = []
    for entry in store.list_outbox(EXPORT_STATES):
        payload = store.load_payload(entry.instance_id)
        items.append({
            "instance_id": entry.instance_id, "reference": entry.reference,
            "form_id": entry.form_id, "form_version": entry.form_version, "title": entry.title,
            "encrypted": entry.encrypted, "practice": entry.practice,
            "finalized_at": entry.finalized_at,
            "submission_url": payload.submission_url,
            "xml": _b64(payload.xml), "json": _b64(payload.json),
            "attachments": {name: _b64(data) for name, data in payload.attachments.items()},
        })
    plain = zlib.compress(json.dumps({"format": VERSION, "exported_at": time.time(),
                                      "entries": items}).encode("utf-8"))
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    header = HEADER.pack(MAGIC, VERSION, salt, log_n, 8, 1, nonce)
    blob = header + AESGCM(_key(passphrase, salt, log_n, 8, 1)).encrypt(nonce, plain, header)
    _write_atomically(path, blob)
    return len(items)


def _write_atomically(path: Path, blob: bytes) -> None:
    """Temporary file, fsync, rename: a stick pulled out early never leaves half a file."""
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".outbox-", dir=path.parent if str(path.parent) else ".")
    except OSError as exc:
        raise TransferError(_("The file could not be written there: {reason}").format(
            reason=exc.strerror or exc)) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise TransferError(_("The file could not be written there: {reason}").format(
            reason=exc.strerror or exc)) from exc


def read_export(path: Path, passphrase: str) -> list[dict]:
    """The entries in an export file, or TransferError: not ours, wrong passphrase or changed."""
    try:
        blob = Path(path).read_bytes()
    except OSError as exc:
        raise TransferError(_("The file could not be read: {reason}").format(
            reason=exc.strerror or exc)) from exc
    if len(blob) < HEADER.size or not blob.startswith(MAGIC):
        raise TransferError(_("This is not an outbox export file."))
    magic, version, salt, log_n, r, p, nonce = HEADER.unpack_from(blob)
    if version != VERSION or not (10 <= log_n <= 22) or not (1 <= r <= 32) or not (1 <= p <= 16):
        raise TransferError(_("This export file comes from a newer version of the program."))
    header = blob[:HEADER.size]
    try:
        plain = AESGCM(_key(passphrase, salt, log_n, r, p)).decrypt(nonce, blob[HEADER.size:], header)
        data = json.loads(zlib.decompress(plain))
        entries = data["entries"]
    except InvalidTag as exc:
        raise TransferError(_("This file could not be opened: the passphrase is wrong or the "
                              "file was changed. Nothing was imported.")) from exc
    except (ValueError, KeyError, TypeError, zlib.error) as exc:
        raise TransferError(_("This export file is damaged. Nothing was imported.")) from exc
    return list(entries)


def import_outbox(store: Store, path: Path, passphrase: str) -> ImportResult:
    """Queue the file's submissions with their exact bytes; skip instanceIDs already known."""
    entries = read_export(path, passphrase)
    try:
        carried = [_carried(item) for item in entries]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise TransferError(_("This export file is damaged. Nothing was imported.")) from exc
    imported = duplicates = practice = 0
    for entry, payload in carried:
        # the store checks and inserts in one transaction: an instanceID queued meanwhile by
        # another window or import is a duplicate, never a second copy
        try:
            added = store.import_entry(entry, payload)
        except PracticeRefusedError:
            practice += 1
            continue
        if added:
            imported += 1
        else:
            duplicates += 1
    return ImportResult(imported, duplicates, practice)


def _carried(item: dict) -> tuple[OutboxEntry, Payload]:
    """An exported item as the entry and exact payload to queue (already sealed on the other PC)."""
    dec = base64.b64decode
    url = item.get("submission_url")
    entry = OutboxEntry(
        instance_id=str(item["instance_id"]), reference=str(item["reference"]),
        form_id=str(item["form_id"]), form_version=str(item["form_version"]),
        state=State.QUEUED, encrypted=bool(item["encrypted"]), practice=bool(item.get("practice")),
        finalized_at=float(item.get("finalized_at") or 0.0), title=str(item.get("title", "")),
    )
    if not entry.instance_id:
        raise ValueError("an exported submission without an instanceID")
    payload = Payload(
        dec(item["xml"]), dec(item["json"]),
        {str(k): dec(v) for k, v in item["attachments"].items()},
        None if url is None else str(url),
    )
    return entry, payload
