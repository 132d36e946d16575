"""Target secrets (passwords, tokens): in the OS key store when one really exists, otherwise
encrypted with the program's key (storage's Vault) in a file in the data folder.

Never in settings.json, never printed. On headless Linux keyring only has its "fail" backend,
so kiosks and tests use the encrypted file. The key-store service name carries a hash of the data
folder, so two data folders (a test, a second kiosk profile) never read each other's secrets.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from inclusion_app.paths import AppPaths

FILE_NAME = "credentials.bin"
AAD = b"inclusion-app target credentials v1"


class _Cipher(Protocol):
    def encrypt(self, data: bytes, aad: bytes = b"") -> bytes: ...
    def decrypt(self, blob: bytes, aad: bytes = b"") -> bytes: ...


def _real_keyring() -> Any | None:
    """The keyring backend if it can actually keep secrets, else None."""
    if os.environ.get("INCLUSION_APP_KEYRING", "").lower() in ("0", "off", "no"):
        return None
    # The same rule the storage key follows: where no key store can exist, skip the import.
    from inclusion_app.storage.keys import no_key_store_possible

    if no_key_store_possible():
        return None
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or type(backend).__module__.startswith("keyring.backends.null"):
        return None
    if getattr(backend, "priority", 0) <= 0:
        return None
    return backend


def _open_program_vault(paths: AppPaths) -> _Cipher:
    from inclusion_app.storage.vault import open_vault  # storage owns the program's key

    return open_vault(paths)


class Credentials:
    """get/set/delete one secret per target name."""

    def __init__(self, paths: AppPaths, keyring_backend: Any | None = None,
                 vault_factory: Callable[[AppPaths], _Cipher] = _open_program_vault,
                 use_keyring: bool = True) -> None:
        self.paths = paths
        self._backend = keyring_backend if keyring_backend is not None else (
            _real_keyring() if use_keyring else None)
        self._vault_factory = vault_factory
        self._vault: _Cipher | None = None
        digest = hashlib.sha256(str(paths.data.resolve()).encode()).hexdigest()[:12]
        self.service = f"inclusion-app/{digest}"

    @property
    def where(self) -> str:
        """Where secrets are kept, in words (for `targets list`)."""
        return "OS key store" if self._backend is not None else "encrypted file"

    # -- the encrypted-file fallback --------------------------------------------------------
    @property
    def _file(self) -> Path:
        return self.paths.data / FILE_NAME

    def _cipher(self) -> _Cipher:
        if self._vault is None:
            self._vault = self._vault_factory(self.paths)
        return self._vault

    def _read_file(self) -> dict[str, str]:
        try:
            blob = self._file.read_bytes()
        except FileNotFoundError:
            return {}
        return json.loads(self._cipher().decrypt(blob, aad=AAD).decode("utf-8"))

    def _write_file(self, secrets: dict[str, str]) -> None:
        blob = self._cipher().encrypt(json.dumps(secrets).encode("utf-8"), aad=AAD)
        self._file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".cred-", dir=self._file.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self._file)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    # -- the interface ----------------------------------------------------------------------
    def get(self, name: str) -> str | None:
        """From the key store, else from the encrypted file: a password saved where there was
        no key store (a kiosk set up over sudo, an older version) still counts once one runs."""
        if self._backend is not None:
            found = self._backend.get_password(self.service, name)
            if found is not None:
                return found
        return self._read_file().get(name)

    def set(self, name: str, secret: str) -> None:
        if self._backend is not None:
            self._backend.set_password(self.service, name, secret)
            return
        secrets = self._read_file()
        secrets[name] = secret
        self._write_file(secrets)

    def delete(self, name: str) -> None:
        if self._backend is not None:
            try:
                self._backend.delete_password(self.service, name)
            except Exception:  # keyring raises PasswordDeleteError when absent: nothing to do
                pass
            return
        secrets = self._read_file()
        if secrets.pop(name, None) is not None:
            self._write_file(secrets)
