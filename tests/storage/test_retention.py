"""The retention period from the settings is applied every time the store is opened."""

from __future__ import annotations

import time

from inclusion_app import settings as settings_mod
from inclusion_app.storage.factory import open_store
from inclusion_app.storage.sqlite_store import SQLiteStore
from inclusion_app.storage.vault import open_vault
from tests.storage.builders import Clock, submission

DAY = 86400.0


def _sent_days_ago(app_paths, days_ago: dict[int, float]) -> None:
    clock = Clock(time.time())
    store = SQLiteStore(app_paths.database, open_vault(app_paths), clock=clock)
    for n, ago in days_ago.items():
        iid = store.finalize(submission(n)).instance_id
        clock.now = time.time() - ago * DAY
        store.mark_sent(iid, "201")
    store.close()


def test_default_thirty_days_applied_on_open(app_paths) -> None:
    """Sent 31 days ago: payload gone, receipt kept; sent 29 days ago: still readable."""
    _sent_days_ago(app_paths, {1: 31, 2: 29})
    store = open_store(app_paths)
    try:
        old, recent = (store.get_entry(submission(n).instance_id) for n in (1, 2))
        assert old.payload_purged and old.server_response == "201"
        assert not recent.payload_purged
    finally:
        store.close()


def test_retention_setting_is_honoured(app_paths) -> None:
    """A volunteer's shorter retention (5 days) is what the store applies."""
    s = settings_mod.Settings(retention_days=5)
    settings_mod.save(s, app_paths.settings_file)
    _sent_days_ago(app_paths, {1: 6, 2: 4})
    store = open_store(app_paths)
    try:
        assert store.get_entry(submission(1).instance_id).payload_purged
        assert not store.get_entry(submission(2).instance_id).payload_purged
    finally:
        store.close()
