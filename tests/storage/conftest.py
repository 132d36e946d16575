"""Fixtures for storage tests: the real SQLite store in the test's folders, and its twin."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from inclusion_app import i18n
from inclusion_app.paths import AppPaths
from inclusion_app.storage.memory import MemoryStore
from inclusion_app.storage.sqlite_store import SQLiteStore
from inclusion_app.storage.vault import open_vault
from tests.storage.builders import Clock


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    """Tests read the English msgids; the Chinese catalog must not change what they match."""
    before = i18n.current_language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


@pytest.fixture
def app_paths(isolated_folders: dict[str, Path]) -> AppPaths:
    return AppPaths(isolated_folders["data"], isolated_folders["config"], isolated_folders["cache"])


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def sqlite_store(app_paths: AppPaths, clock: Clock) -> Iterator[SQLiteStore]:
    store = SQLiteStore(app_paths.database, open_vault(app_paths), clock=clock)
    yield store
    store.close()


@pytest.fixture(params=["sqlite", "memory"])
def store(request: pytest.FixtureRequest, app_paths: AppPaths, clock: Clock) -> Iterator[object]:
    """Each contract test runs once against the SQLite store and once against the twin."""
    if request.param == "memory":
        yield MemoryStore(clock=clock)
        return
    s = SQLiteStore(app_paths.database, open_vault(app_paths), clock=clock)
    yield s
    s.close()
