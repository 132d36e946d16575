"""Shared fixtures: every test runs with its own home, data, config, cache and temp folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
CONFORMANCE = REPO.parent / "shared" / "conformance"


@pytest.fixture(autouse=True)
def isolated_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Keep every test away from the real home folder and from the other tests."""
    folders = {name: tmp_path / f"_{name}" for name in ("home", "data", "config", "cache")}
    for folder in folders.values():
        folder.mkdir()
    monkeypatch.setenv("HOME", str(folders["home"]))
    monkeypatch.setenv("XDG_DATA_HOME", str(folders["home"] / ".local/share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folders["home"] / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(folders["home"] / ".cache"))
    monkeypatch.setenv("INCLUSION_APP_DATA_DIR", str(folders["data"]))
    monkeypatch.setenv("INCLUSION_APP_CONFIG_DIR", str(folders["config"]))
    monkeypatch.setenv("INCLUSION_APP_CACHE_DIR", str(folders["cache"]))
    # the storage key goes to a key file in the test's config folder, never a real key store
    monkeypatch.setenv("INCLUSION_APP_KEY_BACKEND", "file")
    return folders


@pytest.fixture
def conformance_dir() -> Path:
    if not CONFORMANCE.is_dir():
        pytest.skip("../shared/conformance is absent")
    return CONFORMANCE


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language, whatever the previous test switched to."""
    from inclusion_app import i18n

    i18n.set_language(i18n.DEFAULT_LANGUAGE)
    yield
    i18n.set_language(i18n.DEFAULT_LANGUAGE)
