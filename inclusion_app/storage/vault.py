"""Encryption at rest: AES-256-GCM for every payload, with associated data binding it to its row.

Each blob is `version byte | 12-byte random nonce | ciphertext+tag`. The associated data (for
example instanceID + column name) is not stored: it must be supplied again to decrypt, so a
ciphertext copied into another row or column fails to open instead of being read as the wrong
thing. Other parts (the sync helper's saved credentials) use the same vault.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from inclusion_app.i18n import _
from inclusion_app.paths import AppPaths
from inclusion_app.storage import keys
from inclusion_app.storage.api import StorageError

BLOB_VERSION = 1
NONCE_BYTES = 12


class VaultError(StorageError):
    """A blob did not open: the wrong key, or the stored bytes were changed or moved."""


class Vault:
    """Encrypts and decrypts with one 256-bit key; holds no plaintext itself."""

    def __init__(self, key: bytes, source: str = "given key") -> None:
        if len(key) != keys.KEY_BYTES:
            raise VaultError(_("A storage key must be 32 bytes."))
        self._aes = AESGCM(key)
        self._key = key
        self.source = source  # where the key lives, for the volunteer's information

    @property
    def fingerprint(self) -> str:
        """A short, non-secret name for the key, to tell two keys apart."""
        return hashlib.sha256(b"inclusion-app key fingerprint" + self._key).hexdigest()[:16]

    def key_bytes(self) -> bytes:
        """The raw key, only for the passphrase-protected recovery copy."""
        return self._key

    def tag(self, data: bytes, purpose: bytes) -> bytes:
        """A keyed, deterministic digest (HMAC-SHA256 under a key derived for `purpose`): equal
        data gives equal tags, and without the key a tag says nothing about the data."""
        subkey = hashlib.sha256(b"inclusion-app tag|" + purpose + b"|" + self._key).digest()
        return hmac.new(subkey, data, hashlib.sha256).digest()

    def encrypt(self, data: bytes, aad: bytes = b"") -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return bytes([BLOB_VERSION]) + nonce + self._aes.encrypt(nonce, bytes(data), aad)

    def decrypt(self, blob: bytes, aad: bytes = b"") -> bytes:
        blob = bytes(blob)
        if len(blob) < 1 + NONCE_BYTES + 16 or blob[0] != BLOB_VERSION:
            raise VaultError(_("Stored data is damaged or in an unknown format."))
        try:
            return self._aes.decrypt(blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :], aad)
        except InvalidTag:
            raise VaultError(_(
                "Stored data could not be opened with this computer's key: the key is not the "
                "one it was saved with, or the data was changed. If the key was lost, restore "
                "it with `inclusion-app key import FILE`."
            )) from None


def open_vault(paths: AppPaths, backend: str | None = None) -> Vault:
    """The vault for these folders, creating the key on first use (OS key store or key file)."""
    paths.config.mkdir(parents=True, exist_ok=True)
    key, source = keys.load_or_create(paths, backend)
    return Vault(key, source)
