"""The one place that builds the real store for the program's folders."""

from __future__ import annotations

from inclusion_app.paths import AppPaths
from inclusion_app.storage.api import Store
from inclusion_app.storage.sqlite_store import SQLiteStore
from inclusion_app.storage.vault import open_vault


def open_store(paths: AppPaths, key_backend: str | None = None) -> Store:
    """The SQLite store in the data folder, its key from the OS key store or the config folder.

    Check `store.startup_notice`: when the database was damaged and moved aside it says so
    in words for the volunteer (None otherwise).
    """
    paths.ensure()
    return SQLiteStore(paths.database, open_vault(paths, key_backend))
