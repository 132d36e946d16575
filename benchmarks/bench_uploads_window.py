"""Uploads seen from the window: they must never make the screen wait.

Three figures, offscreen, with the loopback Central server in the same process:
- the longest gap between two 5 ms timer ticks on the GUI thread while the window's
  UploadService delivers 300 queued submissions (the server shares the process and the GIL,
  so this is pessimistic; target <= 100 ms);
- the median gap in the same run (target <= 16 ms, one frame);
- from pause() (a person opens a form) to the run standing still, against a server that takes
  50 ms per submission (target <= 1 s).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from common import Result, percentile

from inclusion_app import settings as settings_mod
from inclusion_app.paths import AppPaths
from inclusion_app.storage.factory import open_store
from inclusion_app.sync.targets import TargetBook, make_target
from tests.sync.central_server import CentralServer, ServerConfig
from tests.sync.helpers import make_submission

COUNT = 300


def _folders(root: Path, url: str) -> AppPaths:
    app = AppPaths(root / "data", root / "config", root / "cache").ensure()
    settings = settings_mod.load(app.settings_file)
    book = TargetBook.from_settings(settings)
    book.add(make_target("office", url))
    book.store_into(settings)
    settings_mod.save(settings, app.settings_file)
    return app


def _service(app: AppPaths, store: object) -> object:
    from inclusion_app.ui.services.upload_service import UploadService, settings_reader

    return UploadService(store, app, settings_reader(app, settings_mod.load(app.settings_file)),
                         interval=3600.0)


def _stalls(qapp: object, root: Path) -> tuple[list[float], float, int]:
    """Timer gaps (ms) while 300 submissions go out; the seconds it took; how many arrived."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    with CentralServer(ServerConfig()) as srv:
        app = _folders(root / "a", srv.url)
        store = open_store(app)
        for i in range(COUNT):
            store.finalize(make_submission(i, extra="x" * 400))
        uploads = _service(app, store)
        uploads.start()
        t_first = time.perf_counter()  # the first automatic run delivers these; then refill
        while uploads.last_report is None and time.perf_counter() - t_first < 60:
            qapp.processEvents()
            time.sleep(0.005)
        for i in range(COUNT):
            store.finalize(make_submission(COUNT + i, extra="x" * 400))
        gaps: list[float] = []
        clock = QElapsedTimer()
        clock.start()
        last = [clock.nsecsElapsed()]

        def tick() -> None:
            now = clock.nsecsElapsed()
            gaps.append((now - last[0]) / 1e6)
            last[0] = now

        timer = QTimer()
        timer.setInterval(5)
        timer.timeout.connect(tick)
        done: list[object] = []
        uploads.finished.connect(done.append)
        timer.start()
        t0 = time.perf_counter()
        uploads.upload_now()
        while not done and time.perf_counter() - t0 < 120:
            qapp.processEvents()
            time.sleep(0.001)
        seconds = time.perf_counter() - t0
        timer.stop()
        uploads.shutdown()
        store.close()
        return gaps, seconds, len(srv.stored)


def _pause_latency(qapp: object, root: Path) -> float:
    """Seconds from pause() to the background run standing still (slow server)."""
    with CentralServer(ServerConfig(delay=0.05)) as srv:
        app = _folders(root / "b", srv.url)
        store = open_store(app)
        for i in range(60):
            store.finalize(make_submission(i))
        uploads = _service(app, store)
        uploads.start()
        t_start = time.perf_counter()
        while len(srv.stored) < 3 and time.perf_counter() - t_start < 30:
            time.sleep(0.005)
        t0 = time.perf_counter()
        uploads.pause()
        uploads.wait_idle(30)
        latency = time.perf_counter() - t0
        uploads.shutdown()
        store.close()
        return latency


def run() -> list[Result]:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("INCLUSION_APP_KEY_BACKEND", "file")
    from PySide6.QtWidgets import QApplication

    qapp = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        gaps, seconds, stored = _stalls(qapp, Path(tmp))
        latency = _pause_latency(qapp, Path(tmp))
    gaps = gaps[1:] or [float("nan")]
    detail = f"{COUNT} delivered in {seconds:.2f} s; {stored} of {2 * COUNT} on the server"
    return [
        Result("ui", "uploads: longest GUI-thread gap while sending", max(gaps), "ms", 100.0,
               percentile(gaps, 0.95), detail),
        Result("ui", "uploads: median GUI-thread gap while sending (5 ms timer)",
               percentile(gaps, 0.5), "ms", 16.0, percentile(gaps, 0.95), detail),
        Result("ui", "uploads: pause (a form opens) until sending stands still",
               latency * 1000.0, "ms", 1000.0, None, "server answers each POST after 50 ms"),
    ]


if __name__ == "__main__":
    for result in run():
        print(result)
