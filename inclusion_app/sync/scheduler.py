"""Uploading in the background: on a schedule, on "Upload now", never while a form is being filled.

A plain thread and Events, no Qt: the window calls `pause()` when a person opens a form and
`resume()` when they leave it; pausing also cancels a run in progress between two sends, so the
person's screen never waits on the network. Whether the machine is online is found out cheaply
by the run itself: it starts each target with OpenRosa's bodiless HEAD and sends nothing when
that fails. `trigger(explicit=True)` is "Upload now": it tries everything, due or not.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from inclusion_app.sync.delivery import RunReport

log = logging.getLogger(__name__)
RunOnce = Callable[[threading.Event, bool], "RunReport | None"]


class BackgroundUploader:
    """start() once; trigger() for "Upload now"; pause()/resume() around form filling; stop() at exit."""

    def __init__(self, run_once: RunOnce, interval: float = 600.0,
                 on_report: Callable[[RunReport], None] | None = None) -> None:
        self._run_once = run_once
        self.interval = interval
        self._on_report = on_report or (lambda report: None)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._cancel = threading.Event()  # handed to each run: set by pause() and stop()
        self._idle = threading.Event()
        self._idle.set()
        self._paused = False
        self._explicit = False
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._loop, name="background-upload", daemon=True)
        self.last_report: RunReport | None = None
        self.runs = 0

    def start(self) -> None:
        self._thread.start()

    def trigger(self, explicit: bool = True) -> None:
        """Run soon (after a pause, at resume): explicit runs try every waiting submission."""
        with self._lock:
            self._explicit = self._explicit or explicit
        self._wake.set()

    def pause(self) -> None:
        """A person is filling a form: stop between sends and start nothing until resume()."""
        with self._lock:
            self._paused = True
            self._cancel.set()

    def resume(self) -> None:
        with self._lock:
            self._paused = False
            self._cancel.clear()
        self._wake.set()

    @property
    def paused(self) -> bool:
        return self._paused

    def wait_idle(self, timeout: float | None = None) -> bool:
        """True once no run is in progress (tests and a clean exit use it)."""
        return self._idle.wait(timeout)

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._cancel.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self.interval)
            self._wake.clear()
            if self._stop.is_set():
                return
            with self._lock:
                if self._paused:
                    continue  # resume() wakes us again; a pending "Upload now" waits for it
                explicit, self._explicit = self._explicit, False
                self._idle.clear()
            try:
                report = self._run_once(self._cancel, explicit)
            except Exception:  # the background must outlive any single failure; logged, no values
                log.exception("background upload run failed")
                report = None
            finally:
                self.runs += 1
                self._idle.set()
            if report is not None:
                self.last_report = report
                self._on_report(report)
