"""Uploads for the window: the sync BackgroundUploader, with its news handed to the GUI thread.

The uploader reports on its own thread; that thread is given a plain `_UploadRun` holding the
store, the folders and a `GuiInbox` mailbox, never this object (a Python thread must never hold
a Qt object: see `gui_inbox`). Its news arrives here on the GUI thread and goes out as Qt
signals, so panels can touch widgets in their slots. Automatic runs happen on a schedule and whenever nobody is filling
a form; while a form is open the uploader is paused, so uploads never slow the person.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from inclusion_app import settings as settings_mod
from inclusion_app.i18n import _
from inclusion_app.ui.services.gui_inbox import GuiInbox

log = logging.getLogger(__name__)

DEFAULT_INTERVAL = 600.0  # seconds between automatic tries (each starts with a cheap HEAD)


def has_targets(settings: Any) -> bool:
    """True when at least one server is configured (the panel says so when none is)."""
    return bool(getattr(settings, "targets", None))


class UploadService(QObject):
    """`start()` once the store is open; `upload_now()`; `pause()`/`resume()`; `shutdown()`."""

    progress = Signal(int, int)  # done, total: on the GUI thread
    finished = Signal(object)  # sync.delivery.RunReport: on the GUI thread
    state_changed = Signal()  # running or paused changed: on the GUI thread

    def __init__(self, store: Any, paths: Any, load_settings: Callable[[], Any],
                 interval: float = DEFAULT_INTERVAL, run_db: Callable[..., Any] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store, self.paths, self.load_settings = store, paths, load_settings
        self.interval = interval
        self._run_db = run_db  # TaskRunner.run_db: asks the store whether anything waits
        self._wanted = self._checking = False
        self.running = False
        self.last_report: Any = None
        self._paused = False
        self._background: Any = None
        self._inbox = GuiInbox(self)  # ("started",), ("progress", done, total), ("report", r)
        self._inbox.received.connect(self._on_news)

    # -- lifecycle --------------------------------------------------------------------------
    def start(self) -> None:
        """Uploads are wanted: begin once something waits to be sent (never without a store).

        With `run_db` the outbox is asked on the database worker first, so a computer with
        nothing to send never loads the network code (about 15 MiB); without it, begin now.
        """
        self._wanted = True
        if self._run_db is None:
            self._begin()
        else:
            self._check_waiting()

    def _check_waiting(self) -> None:
        if self.store is None or self._background is not None or self._checking:
            return
        from inclusion_app.storage.api import State

        store, load, self._checking = self.store, self.load_settings, True
        waiting = (State.QUEUED, State.FAILED, State.SENDING)
        # Both questions on the worker (the second reads the settings file): begin when
        # something waits and a server is set up, so a practice room or a PC that sends by USB
        # stick never loads the network code (httpx, TLS: about 8 MiB).
        self._run_db(lambda: bool(store.list_outbox(waiting)) and _configured(load),
                     on_done=self._checked, on_error=self._check_failed)

    def _checked(self, ready: bool) -> None:
        self._checking = False
        if ready:
            self._begin()

    def _check_failed(self, exc: BaseException) -> None:
        self._checking = False
        log.error("could not read the outbox: %s: %s", type(exc).__name__, exc)

    def _begin(self, explicit: bool = False) -> None:
        """Start the background thread and try once soon (one run, explicit or not: two
        triggers in a row could make a second, empty run that reports "nothing waiting")."""
        if self.store is None or self._background is not None:
            return
        from inclusion_app.sync.scheduler import BackgroundUploader  # late: httpx loads here

        run = _UploadRun(self.store, self.paths, self.load_settings, self._inbox.post)
        self._background = BackgroundUploader(run, interval=self.interval)
        if self._paused:
            self._background.pause()
        self._background.start()
        self._background.trigger(explicit=explicit)

    @property
    def started(self) -> bool:
        return self._background is not None

    def shutdown(self, timeout: float = 5.0) -> None:
        """Stop between two sends; an entry still marked sending is resent (same bytes) later."""
        background, self._background = self._background, None
        if background is None:
            return
        background.stop(timeout)
        self._inbox.drain()  # the last run's news, if it ended just now
        self._inbox.close()

    # -- what the window and the volunteer ask ------------------------------------------------
    def upload_now(self) -> bool:
        """A volunteer's explicit request: try every waiting submission now. False if not possible."""
        if self.store is None or self._paused:
            return False
        if self._background is None:
            self._begin(explicit=True)  # a volunteer asked: no need to look what waits first
        else:
            self._background.trigger(explicit=True)
        return True

    def pause(self) -> None:
        """A person opened a form: stop between sends and start nothing until resume()."""
        if self._paused:
            return
        self._paused = True
        if self._background is not None:
            self._background.pause()
        self.state_changed.emit()

    def resume(self) -> None:
        """The person left the form: automatic uploads may go on (one run starts at once)."""
        if not self._paused:
            return
        self._paused = False
        if self._background is not None:
            self._background.resume()
        elif self._wanted:
            self._check_waiting()  # the person may just have sent the first form
        self.state_changed.emit()

    @property
    def paused(self) -> bool:
        return self._paused

    def configured(self) -> bool:
        """Whether a server is set up, read fresh (a volunteer may add one from the command line)."""
        return _configured(self.load_settings)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """True once no run is in progress (tests and a clean exit)."""
        return self._background is None or self._background.wait_idle(timeout)

    # -- back on the GUI thread ---------------------------------------------------------------
    @Slot(object)
    def _on_news(self, news: tuple[Any, ...]) -> None:
        kind = news[0]
        if kind == "started":
            self._on_started()
        elif kind == "progress":
            self._on_progress(news[1], news[2])
        elif kind == "report":
            self._on_report(news[1])

    def _on_started(self) -> None:
        self.running = True
        self.state_changed.emit()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.emit(done, total)

    def _on_report(self, report: Any) -> None:
        self.running = False
        self.last_report = report
        self.finished.emit(report)
        self.state_changed.emit()


class _UploadRun:
    """One run on the upload thread; never raises, always reports back through `post`.
    Holds plain objects only (see the module docstring)."""

    def __init__(self, store: Any, paths: Any, load_settings: Callable[[], Any],
                 post: Callable[[Any], None]) -> None:
        self.store, self.paths, self.load_settings, self.post = store, paths, load_settings, post

    def __call__(self, cancel: threading.Event, explicit: bool) -> Any:
        from inclusion_app.sync.delivery import RunReport
        from inclusion_app.sync.service import build_uploader

        post = self.post
        post(("started",))
        try:
            uploader = build_uploader(self.store, self.paths, self.load_settings(),
                                      progress=lambda done, total: post(("progress", done, total)),
                                      cancel=cancel)
            report = uploader.run(explicit=explicit)
        except Exception as exc:  # logged by type and message only: never answer values
            log.error("upload run failed: %s: %s", type(exc).__name__, exc)
            report = RunReport(notes={"": _("Sending stopped because of an unexpected problem. "
                                            "It will be tried again later.")})
        post(("report", report))
        return report


def _configured(load_settings: Callable[[], Any]) -> bool:
    try:
        return has_targets(load_settings())
    except Exception:  # an unreadable settings file means no usable server
        return False


def settings_reader(paths: Any, fallback: Any) -> Callable[[], Any]:
    """Read the settings file on every run (targets added from the command line count at once)."""

    def load() -> Any:
        try:
            return settings_mod.load(paths.settings_file)
        except Exception:  # a damaged file: the settings the window started with
            return fallback

    return load
