"""The background uploader (pausable while a form is filled) and where secrets are kept."""

from __future__ import annotations

import threading

from inclusion_app import paths
from inclusion_app.storage.api import State
from inclusion_app.storage.memory import MemoryStore
from inclusion_app.sync.credentials import FILE_NAME, Credentials
from inclusion_app.sync.delivery import RunReport
from inclusion_app.sync.scheduler import BackgroundUploader
from inclusion_app.sync.targets import make_target
from tests.sync.helpers import fill, uploader_for


def test_trigger_runs_and_pause_holds_runs_back() -> None:
    """"Upload now" runs at once; while paused nothing starts; resume runs the waiting request."""
    calls: list[bool] = []
    done = threading.Event()

    def run(cancel: threading.Event, explicit: bool) -> RunReport:
        calls.append(explicit)
        done.set()
        return RunReport(delivered=1)

    bg = BackgroundUploader(run, interval=3600)
    bg.start()
    try:
        bg.trigger()
        assert done.wait(5) and calls == [True]
        assert bg.wait_idle(5) and bg.last_report.delivered == 1
        done.clear()
        bg.pause()
        bg.trigger()
        assert not done.wait(0.3) and calls == [True]
        bg.resume()
        assert done.wait(5) and calls == [True, True]
    finally:
        bg.stop()


def test_pause_cancels_a_run_in_progress(serve) -> None:
    """A person opening a form stops the upload between sends; resume finishes it, once each."""
    srv = serve(delay=0.05)
    store = MemoryStore()
    ids = fill(store, 30)
    target = make_target("c", srv.url)
    started = threading.Event()

    def run(cancel: threading.Event, explicit: bool) -> RunReport:
        up = uploader_for(store, target, workers=1, cancel=cancel,
                          progress=lambda d, t: started.set() if d >= 2 else None)
        return up.run(explicit=explicit)

    bg = BackgroundUploader(run, interval=3600)
    bg.start()
    try:
        bg.trigger(explicit=False)
        assert started.wait(10)
        bg.pause()
        assert bg.wait_idle(10)
        assert bg.last_report.cancelled and bg.last_report.delivered < 30
        bg.resume()
        for _ in range(100):
            if {e.state for e in store.list_outbox()} == {State.SENT}:
                break
            bg.wait_idle(5)
            threading.Event().wait(0.05)
    finally:
        bg.stop()
    assert set(srv.stored) == set(ids) and set(srv.store_count.values()) == {1}


def test_a_failing_run_does_not_kill_the_background() -> None:
    """An exception in one run is logged and the next trigger still runs."""
    calls: list[int] = []

    def run(cancel: threading.Event, explicit: bool) -> RunReport:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("boom")
        return RunReport()

    bg = BackgroundUploader(run, interval=3600)
    bg.start()
    try:
        bg.trigger()
        for _ in range(100):
            if bg.runs >= 1:
                break
            threading.Event().wait(0.02)
        bg.trigger()
        for _ in range(100):
            if bg.runs >= 2:
                break
            threading.Event().wait(0.02)
    finally:
        bg.stop()
    assert len(calls) == 2 and bg.last_report is not None


def test_credentials_file_is_encrypted_and_per_data_folder(tmp_path) -> None:
    """Without an OS key store, secrets are encrypted in the data folder, one set per folder."""
    here = paths.resolve().ensure()
    creds = Credentials(here, use_keyring=False)
    creds.set("office", "hunter2-secret")
    assert creds.get("office") == "hunter2-secret" and creds.where == "encrypted file"
    assert b"hunter2-secret" not in (here.data / FILE_NAME).read_bytes()
    other = paths.resolve(tmp_path / "other").ensure()
    assert Credentials(other, use_keyring=False).get("office") is None
    creds.delete("office")
    assert creds.get("office") is None


def test_os_key_store_is_used_when_present() -> None:
    """A working keyring backend gets the secret; nothing is written to the data folder."""

    class FakeKeyring:
        def __init__(self) -> None:
            self.saved: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, name: str) -> str | None:
            return self.saved.get((service, name))

        def set_password(self, service: str, name: str, secret: str) -> None:
            self.saved[(service, name)] = secret

        def delete_password(self, service: str, name: str) -> None:
            self.saved.pop((service, name))

    here = paths.resolve().ensure()
    ring = FakeKeyring()
    creds = Credentials(here, keyring_backend=ring)
    creds.set("office", "tok")
    assert creds.where == "OS key store" and creds.get("office") == "tok"
    assert not (here.data / FILE_NAME).exists()
    assert list(ring.saved) == [(creds.service, "office")]


def test_background_service_reads_targets_from_settings(serve) -> None:
    """The window's two-line wiring: settings' targets are used and "Upload now" delivers."""
    from inclusion_app.settings import Settings
    from inclusion_app.sync.service import background
    from inclusion_app.sync.targets import TargetBook

    srv = serve()
    store = MemoryStore()
    ids = fill(store, 4)
    settings = Settings()
    book = TargetBook([])
    book.add(make_target("c", srv.url))
    book.store_into(settings)
    reports: list = []
    bg = background(store, paths.resolve().ensure(), lambda: settings, on_report=reports.append)
    bg.start()
    try:
        bg.trigger(explicit=True)
        for _ in range(200):
            if reports:
                break
            threading.Event().wait(0.02)
    finally:
        bg.stop()
    assert reports and reports[0].delivered == 4 and set(srv.stored) == set(ids)
