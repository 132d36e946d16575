"""Fixtures for the sync tests: loopback servers, and the real SQLite store beside its twin."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from inclusion_app import i18n, paths
from inclusion_app.storage.api import Store
from inclusion_app.storage.factory import open_store
from inclusion_app.storage.memory import MemoryStore
from tests.sync.central_server import CentralServer, ServerConfig


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    """Tests read the English msgids; the Chinese catalog must not change what they match."""
    before = i18n.current_language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


@pytest.fixture
def serve() -> Iterator[Callable[..., CentralServer]]:
    """Start loopback servers with ServerConfig fields; all are stopped after the test."""
    started: list[CentralServer] = []

    def start(**config: object) -> CentralServer:
        server = CentralServer(ServerConfig(**config)).__enter__()  # type: ignore[arg-type]
        started.append(server)
        return server

    yield start
    for server in started:
        server.__exit__(None, None, None)


@pytest.fixture
def sqlite_store() -> Iterator[Store]:
    """The real SQLite store in this test's own data folder."""
    store = open_store(paths.resolve().ensure())
    yield store
    store.close()


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """Each delivery test runs against the in-memory twin and the real SQLite store."""
    if request.param == "memory":
        yield MemoryStore()
        return
    store = open_store(paths.resolve().ensure())
    yield store
    store.close()
