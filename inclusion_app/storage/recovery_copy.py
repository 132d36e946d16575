"""Writing the recovery copy of the storage key to a file (a USB stick), as `key export` does,
for the volunteer corner: owner-only permissions, flushed to the stick before it is pulled."""

from __future__ import annotations

import os
from pathlib import Path

from inclusion_app.paths import AppPaths
from inclusion_app.storage import recovery
from inclusion_app.storage.vault import open_vault


def save_recovery_copy(paths: AppPaths, target: Path, passphrase: str) -> str:
    """Write the passphrase-protected key to `target` (which must not exist yet); returns the
    key's fingerprint. RecoveryError for a short passphrase, OSError if it cannot be written."""
    vault = open_vault(paths)
    blob = recovery.export_key(vault.key_bytes(), passphrase, vault.fingerprint)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(blob)
        fh.flush()
        os.fsync(fh.fileno())
    return vault.fingerprint
