"""Qt's thread warnings are test failures (issue 11).

Qt prints "Timers cannot be stopped from another thread" and its like when a Qt object is
touched, stopped or destroyed off the thread it belongs to, and then often crashes much later.
`conftest.py` installs `handler` for the whole session and again over pytest-qt's own message
capture for each test, so such a warning fails the test it happened in (or, when it happens
between two tests, the next one; after the last test, the session).
"""

from __future__ import annotations

import sys
import threading
from typing import Any

# Substrings of Qt's messages about using an object from the wrong thread.
PATTERNS = (
    "another thread", "different thread", "threads started with QThread", "moveToThread",
    "outside the GUI thread", "outside the main thread", "owned by a different thread",
)

_lock = threading.Lock()
_found: list[str] = []
_chain: Any = None  # pytest-qt's handler while a test runs, so its capture still works


def is_thread_warning(message: str) -> bool:
    return any(p in message for p in PATTERNS)


def handler(mode: Any, context: Any, message: str) -> None:
    """Qt's message handler: remember thread warnings, pass everything on."""
    if is_thread_warning(message):
        where = threading.current_thread().name
        with _lock:
            _found.append(f"{message} (on thread {where})")
    chain = _chain
    if chain is not None:
        chain(mode, context, message)
    else:
        print(message, file=sys.stderr)


def install(over_pytest_qt: bool = False) -> None:
    """The session handler; with over_pytest_qt, chained in front of the handler in place."""
    from PySide6.QtCore import qInstallMessageHandler

    global _chain
    previous = qInstallMessageHandler(handler)
    _chain = previous if over_pytest_qt and previous is not handler else None


def take() -> list[str]:
    """The warnings seen since the last call."""
    with _lock:
        found = list(_found)
        _found.clear()
    return found
