"""How a background thread hands something to the GUI thread without touching Qt.

Why not a Qt signal or a closure over a page: a Python thread that holds a reference to a
QObject (a bound signal, a bound method, a lambda over `self`) may turn out to hold the *last*
one when it finishes its job. The object is then destroyed on that thread, its timers are
stopped from the wrong thread ("QObject::killTimer: Timers cannot be stopped from another
thread") and the process may die with a segmentation fault (issue 11). So a thread is given
only a `Mailbox`: a plain queue plus one end of a socket pair. `post(item)` puts the item on
the queue and writes a byte; on the GUI thread a `QSocketNotifier` on the other end wakes the
`GuiInbox`, which emits `received(item)` for every waiting item. No polling, no Qt on the
worker, and no Python reference cycle through the owner (a cycle of Qt objects may be freed by
the cyclic collector on whichever thread happens to trigger it).

Items should be plain data (numbers, bytes, records, exceptions with their frames cleared);
anything that must stay alive meanwhile (callbacks, closures) is kept on the GUI side and
looked up by a key carried in the item (see `tasks.TaskRunner`).
"""

from __future__ import annotations

import queue
import socket
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal


class Mailbox:
    """The thread-safe, Qt-free half: any thread may `post`; the GUI side `take_all`s."""

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self.closed = False

    def fileno(self) -> int:
        return self._reader.fileno()

    def post(self, item: Any) -> None:
        """Queue an item and wake the GUI thread; never blocks, never raises."""
        if self.closed:
            return
        self._queue.put(item)
        try:
            self._writer.send(b"\0")
        except OSError:  # buffer full (a wake-up is already waiting) or closed at exit
            pass

    def take_all(self) -> list[Any]:
        """Everything posted so far (GUI thread). Wake-up bytes are read first, so an item
        posted meanwhile is either taken now or announced by a byte still to be read."""
        try:
            while self._reader.recv(4096):
                pass
        except OSError:  # nothing more to read (BlockingIOError) or closed
            pass
        items = []
        while True:
            try:
                items.append(self._queue.get_nowait())
            except queue.Empty:
                return items

    def close(self) -> None:
        self.closed = True
        self._reader.close()
        self._writer.close()


class GuiInbox(QObject):
    """The GUI half: emits `received(item)` on the GUI thread for every item posted, one item
    per turn of the event loop (as queued signals were), so whoever waits for one item sees
    the state it left before the next one arrives."""

    received = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.mailbox = Mailbox()
        self._waiting: deque[Any] = deque()
        self._notifier = QSocketNotifier(self.mailbox.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._wake)
        self._turn = QTimer(self)
        self._turn.setSingleShot(True)
        self._turn.setInterval(0)
        self._turn.timeout.connect(self._next)

    @property
    def post(self) -> Callable[[Any], None]:
        """What to give a thread: the mailbox's `post` (it holds no Qt object)."""
        return self.mailbox.post

    def _wake(self) -> None:
        if not self.mailbox.closed:
            self._waiting.extend(self.mailbox.take_all())
        self._next()

    def _next(self) -> None:
        if self._waiting:
            self.received.emit(self._waiting.popleft())
        if self._waiting:
            self._turn.start()  # the rest on the next turns of the loop

    def drain(self) -> None:
        """Deliver everything that has arrived now (before shutting down)."""
        if not self.mailbox.closed:
            self._waiting.extend(self.mailbox.take_all())
        while self._waiting:
            self.received.emit(self._waiting.popleft())

    def close(self) -> None:
        """Stop listening (GUI thread); later posts are dropped quietly."""
        if not self.mailbox.closed:
            self._notifier.setEnabled(False)
            self._turn.stop()
            self._waiting.clear()
            self.mailbox.close()
