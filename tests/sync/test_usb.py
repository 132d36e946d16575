"""USB export and import: round trip with exact bytes, no duplicates, tampering refused."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from inclusion_app.storage.api import State
from inclusion_app.storage.memory import MemoryStore
from inclusion_app.sync.targets import make_target
from inclusion_app.sync.usb import TransferError, export_outbox, import_outbox
from tests.storage.odk_decrypt import decrypt
from tests.sync.helpers import fill, make_submission, uploader_for

PASS = "correct horse battery"


def _export(store, tmp_path: Path) -> Path:
    path = tmp_path / "outbox.iaobx"
    export_outbox(store, path, PASS, log_n=12)  # small scrypt cost keeps the tests quick
    return path


def test_round_trip_keeps_exact_bytes(tmp_path: Path, sqlite_store, serve) -> None:
    """Exported submissions are queued elsewhere with identical bytes and then delivered."""
    offline = MemoryStore()
    ids = fill(offline, 3)
    photo = offline.finalize(make_submission(9, attachments={"photo.jpg": b"\xff\xd8jpeg"})).instance_id
    ids.append(photo)
    path = _export(offline, tmp_path)
    assert PASS.encode() not in path.read_bytes() and b"instanceID" not in path.read_bytes()
    result = import_outbox(sqlite_store, path, PASS)
    assert (result.imported, result.duplicates) == (4, 0)
    assert sqlite_store.load_payload(photo).attachments == {"photo.jpg": b"\xff\xd8jpeg"}
    for iid in ids:
        assert sqlite_store.load_payload(iid) == offline.load_payload(iid)
        assert sqlite_store.get_entry(iid).reference == offline.get_entry(iid).reference
        assert sqlite_store.get_entry(iid).state is State.QUEUED
    srv = serve()
    assert uploader_for(sqlite_store, make_target("c", srv.url)).run().delivered == 4
    assert all(srv.stored[i] == offline.load_payload(i).xml for i in ids)
    assert srv.attachments[photo] == {"photo.jpg": b"\xff\xd8jpeg"}


def test_importing_twice_adds_nothing(tmp_path: Path, sqlite_store) -> None:
    """A second import of the same file, or into the exporting PC, queues no duplicates."""
    source = MemoryStore()
    fill(source, 2)
    path = _export(source, tmp_path)
    assert import_outbox(sqlite_store, path, PASS).imported == 2
    again = import_outbox(sqlite_store, path, PASS)
    assert (again.imported, again.duplicates) == (0, 2)
    assert len(sqlite_store.list_outbox()) == 2
    assert import_outbox(source, path, PASS).duplicates == 2


def test_only_waiting_submissions_are_exported(tmp_path: Path) -> None:
    """Sent and set-aside submissions stay behind; the count says how many went."""
    store = MemoryStore()
    ids = fill(store, 3)
    store.mark_sending(ids[0])
    store.mark_sent(ids[0], "HTTP 201")
    store.mark_failed(ids[1], "refused", permanent=True)
    assert export_outbox(store, tmp_path / "f", PASS, log_n=12) == 1


def test_wrong_passphrase_is_refused_and_nothing_imported(tmp_path: Path, sqlite_store) -> None:
    """A wrong passphrase gives the plain message and leaves the outbox untouched."""
    source = MemoryStore()
    fill(source, 2)
    path = _export(source, tmp_path)
    with pytest.raises(TransferError, match="passphrase is wrong or the file was changed"):
        import_outbox(sqlite_store, path, "not the passphrase")
    assert sqlite_store.list_outbox() == []


@pytest.mark.parametrize("where", [20, 40, -5])
def test_tampered_file_is_refused(tmp_path: Path, sqlite_store, where: int) -> None:
    """One changed byte in the header, the salt or the ciphertext: refused, nothing imported."""
    source = MemoryStore()
    fill(source, 2)
    path = _export(source, tmp_path)
    data = bytearray(path.read_bytes())
    data[where] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(TransferError) as info:
        import_outbox(sqlite_store, path, PASS)
    assert "Nothing was imported" in str(info.value) or "newer version" in str(info.value)
    assert sqlite_store.list_outbox() == []


def test_not_an_export_and_short_passphrase(tmp_path: Path) -> None:
    """Another file, a missing file and a too-short passphrase all get plain words."""
    other = tmp_path / "photo.jpg"
    other.write_bytes(b"\xff\xd8 not ours")
    with pytest.raises(TransferError, match="not an outbox export"):
        import_outbox(MemoryStore(), other, PASS)
    with pytest.raises(TransferError, match="could not be read"):
        import_outbox(MemoryStore(), tmp_path / "missing", PASS)
    with pytest.raises(TransferError, match="at least 8"):
        export_outbox(MemoryStore(), tmp_path / "x", "short")


def test_odk_encrypted_submission_stays_encrypted_after_import(tmp_path: Path, sqlite_store) -> None:
    """An ODK-encrypted entry keeps encrypted=True and its sealed bytes, which still decrypt."""
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    der = private.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    offline = MemoryStore()
    sub = make_submission(1, extra="秘密 MARKER-77", attachments={"photo.jpg": b"\xff\xd8secret"},
                          public_key=base64.b64encode(der).decode())
    assert offline.finalize(sub).encrypted
    path = _export(offline, tmp_path)
    assert import_outbox(sqlite_store, path, PASS).imported == 1
    entry = sqlite_store.get_entry(sub.instance_id)
    assert entry.encrypted and entry.reference == sub.reference and entry.title == sub.title
    payload = sqlite_store.load_payload(sub.instance_id)
    assert payload == offline.load_payload(sub.instance_id)
    assert b"MARKER-77" not in payload.xml and payload.json == b""
    opened = decrypt(private, payload.xml, payload.attachments)
    assert opened.xml == sub.xml and opened.media == {"photo.jpg": b"\xff\xd8secret"}
    assert opened.signature_ok


def test_encrypted_import_is_refused_by_a_json_target(tmp_path: Path, sqlite_store) -> None:
    """An imported ODK-encrypted entry is set aside by a JSON target, never sent as JSON."""
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    der = private.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    offline = MemoryStore()
    iid = offline.finalize(make_submission(2, public_key=base64.b64encode(der).decode())).instance_id
    import_outbox(sqlite_store, _export(offline, tmp_path), PASS)
    target = make_target("j", "https://json.example.invalid/in", kind="json")
    report = uploader_for(sqlite_store, target).run()
    entry = sqlite_store.get_entry(iid)
    assert (report.delivered, report.failed) == (0, 1)
    assert entry.state is State.SET_ASIDE and "encrypted" in entry.last_error


def test_export_item_without_instance_id_is_damaged(tmp_path: Path, monkeypatch) -> None:
    """An item with an empty instanceID makes the whole file damaged: nothing is imported."""
    source = MemoryStore()
    fill(source, 2)
    path = _export(source, tmp_path)
    from inclusion_app.sync import usb

    real = usb.read_export
    monkeypatch.setattr(usb, "read_export", lambda p, pw: [*real(p, pw), {**real(p, pw)[0], "instance_id": ""}])
    target = MemoryStore()
    with pytest.raises(TransferError, match="damaged"):
        import_outbox(target, path, PASS)
    assert target.list_outbox() == []
