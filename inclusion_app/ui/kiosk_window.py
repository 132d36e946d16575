"""The window in a kiosk session: full-screen, no frame, and closed only by a volunteer.

An event filter on the main window refuses every close (Alt+F4, the window manager, a stray
click) until `close_for_good()` is called from the volunteer corner behind the PIN. That close
ends the program with exit code 0, which the kiosk watchdog (inclusion_app/kiosk.py) takes
as "do not restart". Kept out of main_window.py so the normal window stays as it was.
"""

from __future__ import annotations

import logging
import signal
import socket
import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSocketNotifier, Qt
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)
TERMINATED = 128 + 15  # as a shell reports SIGTERM: not a clean close, so a watchdog restarts


class KioskGuard(QObject):
    """Holds the window full-screen and frameless; see the module docstring."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.closing = False
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        window.installEventFilter(self)

    def show(self) -> None:
        self.window.showFullScreen()

    def close_for_good(self) -> None:
        """The volunteer's clean exit: drafts are saved by the window's own close."""
        log.info("kiosk closed from the volunteer corner")
        self.closing = True
        self.window.close()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.window and event.type() == QEvent.Type.Close and not self.closing:
            event.ignore()
            return True
        return super().eventFilter(watched, event)


def bring_to_front(window: QWidget, kiosk: bool = False) -> None:
    """Another start of the program asked for this window: show it on top, ready for input."""
    if kiosk:
        window.showFullScreen()
    elif window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def on_terminate(app: QApplication, callback: Callable[[], None]) -> None:
    """Run `callback` on the GUI thread when the process is asked to stop (SIGTERM: the
    session ending, the kiosk watchdog stopping, `kill`), so the window closes as it would
    by hand: the last answers saved, the one-window socket removed. Qt's loop does not run
    Python's signal handlers by itself: the signal wakes it through a socket pair."""
    if sys.platform == "win32":
        return
    reader, writer = socket.socketpair()
    for end in (reader, writer):
        end.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def drain() -> None:
        try:
            reader.recv(64)
        except OSError:
            pass

    notifier.activated.connect(drain)
    signal.signal(signal.SIGTERM, lambda *_args: callback())
    app._terminate_wakeup = (reader, writer, notifier)  # type: ignore[attr-defined]  # kept alive
