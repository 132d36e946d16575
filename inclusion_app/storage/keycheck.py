"""Does a key open a database? Answered from its encrypted check value, without opening a store.

`key import` uses this to refuse a recovery copy of some other key, and to recognise a key
made afresh after the real one was lost (it opens nothing, so replacing it loses nothing).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from inclusion_app.storage.rows import aad
from inclusion_app.storage.vault import Vault, VaultError


def key_matches(path: Path, vault: Vault) -> bool | None:
    """Whether this key opens the database at path (None: no database or no check value yet)."""
    if not Path(path).exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True)
        try:
            rows = conn.execute("SELECT value FROM meta WHERE key='key_check'").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    if not rows:
        return None
    try:
        vault.decrypt(rows[0][0], aad(".meta", "key_check", "value"))
        return True
    except VaultError:
        return False
