"""The one place that builds the real store for the program's folders."""

from __future__ import annotations

from inclusion_app import settings as settings_mod
from inclusion_app.paths import AppPaths
from inclusion_app.storage.api import StorageError, Store
from inclusion_app.storage.sqlite_store import SQLiteStore
from inclusion_app.storage.vault import open_vault


def open_store(paths: AppPaths, key_backend: str | None = None, purge: bool = True) -> Store:
    """The SQLite store in the data folder, its key from the OS key store or the config folder.

    Check `store.startup_notice`: when the database was damaged and moved aside it says so
    in words for the volunteer (None otherwise). Each opening also applies the retention
    period from the settings (`retention_days`): payloads sent longer ago are removed, so
    the rule holds without any other part having to remember it.
    """
    paths.ensure()
    store = SQLiteStore(paths.database, open_vault(paths, key_backend))
    if purge:
        try:
            days = settings_mod.load(paths.settings_file).retention_days
            store.purge_sent(max(0, int(days)))
        except (StorageError, ValueError, TypeError):
            pass  # a full disk or an odd setting must not stop the program; next start retries
    return store
