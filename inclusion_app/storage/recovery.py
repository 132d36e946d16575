"""The volunteer's recovery copy of the storage key, protected by a passphrase.

Queued submissions die with a lost key (a reinstalled PC, a wiped key store), so a volunteer
can export the key to a file kept somewhere safe. The file holds the key encrypted with
AES-256-GCM under a key derived from the passphrase with scrypt (N=2^17, r=8, p=1: about
128 MiB and a fraction of a second per guess, which makes guessing a decent passphrase slow).
"""

from __future__ import annotations

import base64
import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from inclusion_app.i18n import _
from inclusion_app.storage.api import StorageError
from inclusion_app.storage.keys import KEY_BYTES

FORMAT = "inclusion-app-key-recovery"
VERSION = 1
MIN_PASSPHRASE = 8
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
AAD = b"inclusion-app key recovery v1"


class RecoveryError(StorageError):
    """The recovery file cannot be used; the message says why in plain words."""


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise RecoveryError(_(
            "The passphrase is too short: use at least {count} characters "
            "(a few words are easier to remember and harder to guess)."
        ).format(count=MIN_PASSPHRASE))


def export_key(key: bytes, passphrase: str, fingerprint: str = "", n: int = SCRYPT_N) -> bytes:
    """The recovery file's bytes (JSON) for this key and passphrase."""
    check_passphrase(passphrase)
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(_derive(passphrase, salt, n, SCRYPT_R, SCRYPT_P)).encrypt(nonce, key, AAD)
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "kdf": {"name": "scrypt", "n": n, "r": SCRYPT_R, "p": SCRYPT_P,
                "salt": base64.b64encode(salt).decode("ascii")},
        "cipher": "AES-256-GCM",
        "nonce": base64.b64encode(nonce).decode("ascii"),
        "key": base64.b64encode(sealed).decode("ascii"),
        "fingerprint": fingerprint,
    }
    return (json.dumps(doc, indent=2) + "\n").encode("utf-8")


def import_key(blob: bytes, passphrase: str) -> bytes:
    """The key inside a recovery file; a clear error for a wrong passphrase or a damaged file."""
    try:
        doc = json.loads(blob.decode("utf-8"))
        if doc.get("format") != FORMAT:
            raise RecoveryError(_("This file is not an Inclusion Assistant key recovery file."))
        if doc.get("version") != VERSION:
            raise RecoveryError(_("This recovery file was made by a newer version of the program."))
        kdf = doc["kdf"]
        salt = base64.b64decode(kdf["salt"])
        nonce = base64.b64decode(doc["nonce"])
        sealed = base64.b64decode(doc["key"])
        n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
    except RecoveryError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        raise RecoveryError(_("This key recovery file is damaged or not a recovery file.")) from None
    if not (2**10 <= n <= 2**22 and 1 <= r <= 32 and 1 <= p <= 16):
        raise RecoveryError(_("This key recovery file asks for unreasonable settings; not used."))
    try:
        key = AESGCM(_derive(passphrase, salt, n, r, p)).decrypt(nonce, sealed, AAD)
    except (InvalidTag, ValueError):
        raise RecoveryError(
            _("The passphrase does not open this recovery file (or the file was changed).")
        ) from None
    if len(key) != KEY_BYTES:
        raise RecoveryError(_("This key recovery file holds a key of the wrong size."))
    return key
