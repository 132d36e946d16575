"""ODK submission encryption, as the ODK XForms "Encrypted Submissions" specification describes.

Per submission: a random 256-bit AES key, wrapped with the form's RSA public key using
RSA/NONE/OAEPWithSHA256AndMGF1Padding in its Bouncy Castle meaning (SHA-256 for both the OAEP
digest and MGF1: what ODK Collect produces and ODK Central's decryption expects). Every media
file, then the XML, is encrypted with AES-256-CFB (128-bit segments) plus PKCS#7 padding, each
with the next IV from the seed md5(instanceID + key). The manifest names the files in that
order and carries the element signature. The AES key is dropped afterwards: from then on only
the holder of the private key can read the submission, this PC included.
"""

from __future__ import annotations

import base64
import hashlib
import os
from xml.sax.saxutils import escape, quoteattr

from cryptography.hazmat.primitives import hashes, padding, serialization
from cryptography.hazmat.primitives.asymmetric import padding as asym_padding
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms

try:  # cryptography >= 47 keeps CFB among the "decrepit" modes; ODK still requires it
    from cryptography.hazmat.decrepit.ciphers.modes import CFB
except ImportError:  # pragma: no cover - older cryptography
    from cryptography.hazmat.primitives.ciphers.modes import CFB

from inclusion_app.engine.prompt import Submission
from inclusion_app.i18n import _
from inclusion_app.storage.api import StorageError

SUBMISSIONS_NS = "http://opendatakit.org/submissions"
OPENROSA_NS = "http://openrosa.org/xforms"
XML_FILE = "submission.xml"
AES_KEY_BYTES = 32


class EncryptionSetupError(StorageError):
    """The form's public key cannot be used; the form needs fixing, not the person."""


def oaep() -> asym_padding.OAEP:
    """OAEP as ODK uses it: SHA-256 for the digest and for MGF1."""
    return asym_padding.OAEP(
        mgf=asym_padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None
    )


def load_public_key(text: str) -> RSAPublicKey:
    """The form's `public_key` setting: base64 of the DER SubjectPublicKeyInfo (PEM accepted)."""
    try:
        if "BEGIN PUBLIC KEY" in text:
            key = serialization.load_pem_public_key(text.encode("ascii"))
        else:
            key = serialization.load_der_public_key(base64.b64decode("".join(text.split())))
    except ValueError:
        raise EncryptionSetupError(_(
            "This form's public key (settings: public_key) is not a valid RSA public key, so its "
            "answers cannot be encrypted. Please ask the form's author to fix it."
        )) from None
    if not isinstance(key, RSAPublicKey):
        raise EncryptionSetupError(_("This form's public key is not an RSA key, as ODK requires."))
    return key


class IvSequence:
    """The spec's reproducible IVs: bump one byte of the md5 seed per file, in order."""

    def __init__(self, instance_id: str, key: bytes) -> None:
        self._seed = bytearray(hashlib.md5(instance_id.encode("utf-8") + key).digest())
        self._counter = 0

    def next(self) -> bytes:
        index = self._counter % len(self._seed)
        self._seed[index] = (self._seed[index] + 1) & 0xFF  # a Java byte wraps the same way
        self._counter += 1
        return bytes(self._seed)


def encrypt_file(key: bytes, iv: bytes, data: bytes) -> bytes:
    """AES/CFB/PKCS5Padding in Java's sense: PKCS#7 to 16 bytes, then CFB-128."""
    padder = padding.PKCS7(128).padder()
    padded = padder.update(data) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), CFB(iv)).encryptor()
    return encryptor.update(padded) + encryptor.finalize()


def _check_names(names: list[str]) -> None:
    for name in names:
        if not name or "/" in name or "\\" in name or name == XML_FILE:
            raise StorageError(_("An attachment has a file name that cannot be sent encrypted."))


def encrypt_submission(submission: Submission) -> tuple[bytes, dict[str, bytes]]:
    """(manifest XML, {"x.jpg.enc": ..., "submission.xml.enc": ...}) for an encrypted form."""
    public_key = load_public_key(submission.public_key or "")
    names = list(submission.attachments)
    _check_names(names)
    key = os.urandom(AES_KEY_BYTES)
    wrapped_key = base64.b64encode(public_key.encrypt(key, oaep())).decode("ascii")
    ivs = IvSequence(submission.instance_id, key)

    signature_parts = [submission.form_id]
    if submission.form_version:
        signature_parts.append(submission.form_version)
    signature_parts += [wrapped_key, submission.instance_id]

    files: dict[str, bytes] = {}
    for name in names:  # media first, in manifest order; the XML last
        data = bytes(submission.attachments[name])
        files[name + ".enc"] = encrypt_file(key, ivs.next(), data)
        signature_parts.append(f"{name}::{hashlib.md5(data).hexdigest()}")
    xml = bytes(submission.xml)
    files[XML_FILE + ".enc"] = encrypt_file(key, ivs.next(), xml)
    signature_parts.append(f"{XML_FILE}::{hashlib.md5(xml).hexdigest()}")
    del key  # never stored: this PC cannot read the submission any more

    digest = hashlib.md5(("\n".join(signature_parts) + "\n").encode("utf-8")).digest()
    signature = base64.b64encode(public_key.encrypt(digest, oaep())).decode("ascii")
    return _manifest(submission, wrapped_key, names, signature), files


def _manifest(submission: Submission, wrapped_key: str, names: list[str], signature: str) -> bytes:
    version = f" version={quoteattr(submission.form_version)}" if submission.form_version else ""
    media = "".join(f"<media><file>{escape(n)}.enc</file></media>\n" for n in names)
    text = (
        f'<data xmlns="{SUBMISSIONS_NS}" id={quoteattr(submission.form_id)}{version} encrypted="yes">'
        f"<base64EncryptedKey>{wrapped_key}</base64EncryptedKey>"
        f'<orx:meta xmlns:orx="{OPENROSA_NS}">'
        f"<orx:instanceID>{escape(submission.instance_id)}</orx:instanceID></orx:meta>\n"
        f"{media}"
        f"<encryptedXmlFile>{XML_FILE}.enc</encryptedXmlFile>"
        f"<base64EncryptedElementSignature>{signature}</base64EncryptedElementSignature>"
        "</data>"
    )
    return text.encode("utf-8")
