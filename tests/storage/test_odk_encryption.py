"""ODK submission encryption: a round trip through the store, decrypted as the spec describes."""

from __future__ import annotations

import base64
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from inclusion_app.storage.odk_encryption import EncryptionSetupError, IvSequence
from tests.storage.builders import PHOTO, submission
from tests.storage.odk_decrypt import decrypt


@pytest.fixture(scope="module")
def private_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def public_b64(private: rsa.RSAPrivateKey) -> str:
    der = private.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(der).decode()


def test_round_trip_with_media_and_signature(sqlite_store, private_key) -> None:
    """Decrypting the stored payload gives back the exact XML and photos; the signature holds."""
    xml = "<data><名字>王小明</名字><meta><instanceID>uuid:1</instanceID></meta></data>".encode()
    attachments = {"photo.jpg": PHOTO, "voice.m4a": b"\x00" * 33, "empty.txt": b""}
    sub = submission(1, xml=xml, attachments=attachments, public_key=public_b64(private_key))
    entry = sqlite_store.finalize(sub)
    assert entry.encrypted
    payload = sqlite_store.load_payload(sub.instance_id)
    assert payload.json == b""
    out = decrypt(private_key, payload.xml, payload.attachments)
    assert (out.form_id, out.version, out.instance_id) == ("benefit_claim", "2025030901", sub.instance_id)
    assert out.xml == xml
    assert out.media == attachments and list(out.media) == list(attachments)
    assert out.signature_ok


def test_form_without_version_leaves_it_out(sqlite_store, private_key) -> None:
    """No version attribute and no version line in the signature when the form has none."""
    sub = submission(2, form_version="", attachments={}, public_key=public_b64(private_key))
    sqlite_store.finalize(sub)
    payload = sqlite_store.load_payload(sub.instance_id)
    assert b"version=" not in payload.xml
    out = decrypt(private_key, payload.xml, payload.attachments)
    assert out.version is None and out.media == {} and out.xml == sub.xml and out.signature_ok


def test_each_submission_gets_its_own_key(private_key, store) -> None:
    """Two submissions never share an AES key (the wrapped keys differ)."""
    key = public_b64(private_key)
    for n in (1, 2):
        store.finalize(submission(n, public_key=key))
    manifests = [store.load_payload(submission(n).instance_id).xml for n in (1, 2)]
    wrapped = [m.split(b"<base64EncryptedKey>")[1].split(b"<")[0] for m in manifests]
    assert wrapped[0] != wrapped[1]


def test_tampered_file_is_detected(sqlite_store, private_key) -> None:
    """A changed byte in the encrypted XML breaks padding or the signature check."""
    sub = submission(3, public_key=public_b64(private_key))
    sqlite_store.finalize(sub)
    payload = sqlite_store.load_payload(sub.instance_id)
    files = dict(payload.attachments)
    data = bytearray(files["submission.xml.enc"])
    data[5] ^= 0x01
    files["submission.xml.enc"] = bytes(data)
    try:
        out = decrypt(private_key, payload.xml, files)
    except ValueError:
        return
    assert not out.signature_ok


def test_bad_public_key_is_a_plain_error_and_nothing_is_queued(store) -> None:
    """A broken public_key setting says what to fix and stores nothing."""
    with pytest.raises(EncryptionSetupError, match="public key"):
        store.finalize(submission(4, public_key="not-a-key"))
    assert store.list_outbox() == []


def test_iv_sequence_wraps_after_sixteen_files() -> None:
    """The 17th IV bumps byte 0 a second time, as the spec's counter modulo 16 says."""
    import hashlib

    seed = hashlib.md5(b"uuid:x" + b"k" * 32).digest()
    ivs = IvSequence("uuid:x", b"k" * 32)
    got = [ivs.next() for _ in range(17)]
    assert got[0][0] == (seed[0] + 1) % 256 and got[0][1:] == seed[1:]
    assert got[15][15] == (seed[15] + 1) % 256
    assert got[16][0] == (seed[0] + 2) % 256


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl command not installed")
def test_openssl_reads_it_like_central(sqlite_store, private_key, tmp_path: Path) -> None:
    """OpenSSL (what Central's decryption builds on) unwraps the key with OAEP SHA-256/MGF1
    SHA-256 and decrypts the XML with AES-256-CFB: an implementation independent of ours."""
    sub = submission(5, attachments={}, public_key=public_b64(private_key))
    sqlite_store.finalize(sub)
    payload = sqlite_store.load_payload(sub.instance_id)
    pem = tmp_path / "test-private.pem"
    pem.write_bytes(private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ))
    wrapped = payload.xml.split(b"<base64EncryptedKey>")[1].split(b"<")[0]
    (tmp_path / "key.bin").write_bytes(base64.b64decode(wrapped))
    key = subprocess.run(
        ["openssl", "pkeyutl", "-decrypt", "-inkey", str(pem), "-in", str(tmp_path / "key.bin"),
         "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256",
         "-pkeyopt", "rsa_mgf1_md:sha256"],
        capture_output=True, check=True,
    ).stdout
    assert len(key) == 32
    iv = IvSequence(sub.instance_id, key).next()  # no media: the XML takes the first IV
    clear = subprocess.run(
        ["openssl", "enc", "-d", "-aes-256-cfb", "-nopad", "-K", key.hex(), "-iv", iv.hex()],
        input=payload.attachments["submission.xml.enc"], capture_output=True, check=True,
    ).stdout
    assert clear[: -clear[-1]] == sub.xml
