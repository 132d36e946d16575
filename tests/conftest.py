"""Shared fixtures: every test runs with its own home, data, config, cache and temp folders."""

from __future__ import annotations

import os
import sys
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


# -- Qt's thread warnings fail the test (tests/qt_threads.py) -----------------------------------
def pytest_configure(config: pytest.Config) -> None:
    import gc

    from tests import qt_threads

    qt_threads.install()
    # As in the program (ui/services/gui_collector.py): cycles are collected on the main
    # thread only, here at the end of every test, never on a worker thread mid-test.
    gc.disable()


@pytest.fixture(autouse=True)
def qt_thread_warnings_fail():
    """A Qt object used or destroyed off its own thread fails the test (issue 11)."""
    from tests import qt_threads

    before = qt_threads.take()  # from between tests: the previous test's leftovers
    qt_threads.install(over_pytest_qt=True)
    if before:
        pytest.fail("Qt thread warnings before this test started (after the previous one):\n"
                    + "\n".join(before), pytrace=False)
    yield
    import gc

    # What the test dropped dies now, on this thread (or shows its warning). With automatic
    # collection off everything new is young: collecting the young generations is enough.
    gc.collect(1)
    qt_threads.install()
    found = qt_threads.take()
    if found:
        pytest.fail("Qt thread warnings:\n" + "\n".join(found), pytrace=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):  # type: ignore[no-untyped-def]
    """Checked right after the test body too, so the test itself fails (not its teardown)."""
    from tests import qt_threads

    result = yield
    found = qt_threads.take()
    if found:
        pytest.fail("Qt thread warnings:\n" + "\n".join(found), pytrace=False)
    return result


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    from tests import qt_threads

    found = qt_threads.take()
    if found:
        print("\nQt thread warnings after the last test:\n" + "\n".join(found), file=sys.stderr)
        session.exitstatus = 1
