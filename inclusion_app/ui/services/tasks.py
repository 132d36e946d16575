"""Background work off the GUI thread, in the manner of Anki's task manager.

One single-worker executor serialises database access (SQLite connections are not shared
between threads here); another runs network work so a slow server never delays a save.
Results come back to the GUI thread through a queued signal, so callbacks may touch widgets.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]


class TaskRunner(QObject):
    """`run_db(fn, on_done, on_error)` and `run_net(...)`: call fn on a worker, answer on the GUI."""

    _finished = Signal(object)  # (callback, value): emitted on a worker, delivered on the GUI

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="inclusion-db")
        self._net = ThreadPoolExecutor(max_workers=1, thread_name_prefix="inclusion-net")
        self._closed = False
        self._pending = 0
        self._finished.connect(self._deliver)

    @property
    def pending(self) -> int:
        """Tasks submitted whose callbacks have not run yet (tests wait for zero)."""
        return self._pending

    def run_db(self, fn: Callable[[], Any], on_done: Callback | None = None,
               on_error: ErrorCallback | None = None) -> Future[Any] | None:
        """Run database work in order, one at a time."""
        return self._submit(self._db, fn, on_done, on_error)

    def run_net(self, fn: Callable[[], Any], on_done: Callback | None = None,
                on_error: ErrorCallback | None = None) -> Future[Any] | None:
        """Run network work without holding up the database queue."""
        return self._submit(self._net, fn, on_done, on_error)

    def _submit(self, pool: ThreadPoolExecutor, fn: Callable[[], Any],
                on_done: Callback | None, on_error: ErrorCallback | None) -> Future[Any] | None:
        if self._closed:
            return None
        self._pending += 1
        future = pool.submit(fn)

        def handback(fut: Future[Any]) -> None:
            exc = fut.exception()
            if exc is not None:
                self._finished.emit((on_error or _log_error, exc))
            else:
                self._finished.emit((on_done, fut.result()))

        future.add_done_callback(handback)
        return future

    @Slot(object)
    def _deliver(self, item: tuple[Callable[[Any], None] | None, Any]) -> None:
        self._pending -= 1
        callback, value = item
        if callback is None or self._closed:
            return
        owner = getattr(callback, "__self__", None)
        if isinstance(owner, QObject) and not shiboken6.isValid(owner):
            return  # the page that asked was closed meanwhile: nobody is waiting for this
        callback(value)

    def shutdown(self, wait: bool = True) -> None:
        """Finish queued database work (a save must not be lost at exit); drop callbacks."""
        self._closed = True
        self._net.shutdown(wait=False, cancel_futures=True)
        self._db.shutdown(wait=wait)


def _log_error(exc: BaseException) -> None:
    # Only the type and message: messages from storage never carry answer values.
    log.error("background task failed: %s: %s", type(exc).__name__, exc)
