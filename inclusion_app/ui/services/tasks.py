"""Background work off the GUI thread, in the manner of Anki's task manager.

One single-worker executor serialises database access (SQLite connections are not shared
between threads here); another runs network work so a slow server never delays a save.
Results come back to the GUI thread through a `GuiInbox`, so callbacks may touch widgets.

Qt objects must die on the GUI thread (issue 11: a page last let go of on the database
worker crashed the process). So a worker never owns anything that may reach a QObject: the
callbacks stay on the GUI side, in `_jobs`, until the answer is delivered; the job itself
(often a lambda over a page) is kept there too, and the worker lets go of its own copy before
it posts the answer; an exception's frames are cleared before it crosses over. The last
reference to all of them is therefore always dropped here, on the GUI thread.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Slot

from inclusion_app.ui.services.gui_inbox import GuiInbox

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]
Post = Callable[[Any], None]


class TaskRunner(QObject):
    """`run_db(fn, on_done, on_error)` and `run_net(...)`: call fn on a worker, answer on the GUI."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="inclusion-db")
        self._net = ThreadPoolExecutor(max_workers=1, thread_name_prefix="inclusion-net")
        self._closed = False
        self._serial = 0
        # task number -> (job, on_done, on_error): held here until the answer is delivered
        self._jobs: dict[int, tuple[Callable[[], Any], Callback | None, ErrorCallback | None]] = {}
        self._inbox = GuiInbox(self)
        self._inbox.received.connect(self._deliver)

    @property
    def pending(self) -> int:
        """Tasks submitted whose callbacks have not run yet (tests wait for zero)."""
        return len(self._jobs)

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
        self._serial += 1
        self._jobs[self._serial] = (fn, on_done, on_error)
        # The worker gets a plain list it empties itself, the task number and the mailbox.
        return pool.submit(_work, self._serial, [fn], self._inbox.post)

    @Slot(object)
    def _deliver(self, item: tuple[int, bool, Any]) -> None:
        task, ok, value = item
        job = self._jobs.pop(task, None)
        if job is None or self._closed:
            return
        _fn, on_done, on_error = job
        callback = on_done if ok else (on_error or _log_error)
        if callback is None:
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
        self._inbox.close()
        # `_jobs` is kept: a network job may still be running, and its last reference must
        # not be the worker's.


def _work(task: int, holder: list[Callable[[], Any]], post: Post) -> Any:
    """On the worker: run the job, let go of it, then post (task, ok, value) to the GUI."""
    fn = holder.pop()
    try:
        value = fn()
    except BaseException as exc:  # noqa: BLE001 - handed to on_error on the GUI thread
        del fn
        traceback.clear_frames(exc.__traceback__)  # their locals may hold a page
        post((task, False, exc))
        raise
    del fn
    post((task, True, value))
    return value


def _log_error(exc: BaseException) -> None:
    # Only the type and message: messages from storage never carry answer values.
    log.error("background task failed: %s: %s", type(exc).__name__, exc)
