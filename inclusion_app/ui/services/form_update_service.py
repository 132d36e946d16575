"""Forms from the server for the window: "Get forms from the server" and the automatic check.

A pull runs on its own plain thread (it downloads, checks forms and writes files, never touching
a widget); its progress and its reports come back as Qt signals emitted on the GUI thread.
While a resident is in a form the service is paused (storage_notices.follow_forms, as uploads
are): a running pull is cancelled, which leaves every form as it was, and no automatic check
starts. The automatic check (settings `forms_auto_update`, `forms_update_hours`) is asked on a
timer through sync.form_schedule; the network code is imported only when a pull really runs.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from inclusion_app.sync.form_schedule import FormUpdateSchedule

log = logging.getLogger(__name__)

TICK_MS = 5 * 60 * 1000  # how often the automatic check asks whether it is due
FIRST_TICK_MS = 20 * 1000  # start-up: after the window settled, not during its first paint


class FormUpdateService(QObject):
    """`pull_now()`; `start_schedule()`; `pause()`/`resume()`; `shutdown()`."""

    progress = Signal(int, int)  # done, total (forms of the target being asked): GUI thread
    finished = Signal(object)  # list of sync.form_pull.PullReport: GUI thread
    state_changed = Signal()  # running or paused changed: GUI thread
    forms_changed = Signal()  # some form was added, updated or removed: reload the catalog

    _thread_progress = Signal(int, int)
    _thread_reports = Signal(object)

    def __init__(self, paths: Any, load_settings: Callable[[], Any], store: Any = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths, self.load_settings, self.store = paths, load_settings, store
        self.schedule = FormUpdateSchedule(load_settings)
        self.running = False
        self.last_reports: list[Any] = []
        self._paused = False
        self._automatic = False
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self._timer: QTimer | None = None
        queued = Qt.ConnectionType.QueuedConnection
        self._thread_progress.connect(self._on_progress, queued)
        self._thread_reports.connect(self._on_reports, queued)

    # -- what the volunteer corner and the window ask ---------------------------------------
    def pull_now(self, automatic: bool = False) -> bool:
        """Start a pull from every server; False when one is running or a form is open."""
        if self.running or self._paused:
            return False
        self.running, self._automatic = True, automatic
        self._cancel = threading.Event()
        if automatic:
            self.schedule.started()
        self._thread = threading.Thread(target=self._run, args=(self._cancel,),
                                        name="form-updates", daemon=True)
        self._thread.start()
        self.state_changed.emit()
        return True

    def start_schedule(self, first_ms: int = FIRST_TICK_MS, tick_ms: int = TICK_MS) -> None:
        """The optional automatic check: soon after start-up, then on every tick when due."""
        if self._timer is not None:
            return
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.tick)
        self._timer.start(tick_ms)
        QTimer.singleShot(first_ms, self, self.tick)

    @Slot()
    def tick(self) -> None:
        """Start the automatic check when the schedule says it is due (never in a form)."""
        if self.schedule.due(busy=self._paused) and self.has_servers():
            self.pull_now(automatic=True)

    def pause(self) -> None:
        """A resident opened a form: cancel a running pull (nothing changes) and start none."""
        if self._paused:
            return
        self._paused = True
        self._cancel.set()
        self.state_changed.emit()

    def resume(self) -> None:
        if not self._paused:
            return
        self._paused = False
        self.state_changed.emit()

    @property
    def paused(self) -> bool:
        return self._paused

    def wait_idle(self, timeout: float | None = None) -> bool:
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
            return not thread.is_alive()
        return True

    def shutdown(self, timeout: float = 5.0) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._cancel.set()
        self.wait_idle(timeout)

    def has_servers(self) -> bool:
        """Whether any server gives forms, read fresh (targets may be added from the CLI)."""
        try:
            targets = getattr(self.load_settings(), "targets", None) or []
        except Exception:  # an unreadable settings file means no usable server
            return False
        return any(t.get("kind", "openrosa") == "openrosa" and t.get("forms", "match") != "off"
                   for t in targets if isinstance(t, dict))

    # -- the pull thread ------------------------------------------------------------------------
    def _run(self, cancel: threading.Event) -> None:
        """One pull on its own thread; never raises, always reports back."""
        try:
            from inclusion_app.sync.form_updates import pull_all  # late: httpx loads here

            reports = pull_all(self.paths, self.load_settings(), store=self.store,
                               progress=self._thread_progress.emit, cancel=cancel)
            if any(r.changed for r in reports):
                from inclusion_app.engine.catalog import installed_forms

                installed_forms(self.paths)  # parsed here, so the window's reload is quick
        except Exception as exc:  # logged by type and message; the forms stay as they were
            log.error("form update failed: %s: %s", type(exc).__name__, exc)
            reports = None
        self._thread_reports.emit(reports)

    # -- back on the GUI thread -------------------------------------------------------------------
    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.emit(done, total)

    @Slot(object)
    def _on_reports(self, reports: Any) -> None:
        self.running = False
        ok = reports is not None and all(r.error is None and not r.cancelled for r in reports)
        if self._automatic:
            self.schedule.finished(ok)
        self.last_reports = list(reports or [])
        if any(r.changed for r in self.last_reports):
            self.forms_changed.emit()
        self.finished.emit(reports)
        self.state_changed.emit()
