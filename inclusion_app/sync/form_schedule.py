"""When the optional automatic form check is due: Qt-free timing, no network code imported.

Settings `forms_auto_update` (off by default) and `forms_update_hours` (N, default 6, at least
1): the first check at start-up, then every N hours, 15 minutes after a failed one (no server
reachable), and never while a resident is in a form (`busy`) or while a check runs. The window
asks `due(busy)` on a timer and calls `started()` / `finished(ok)` around each run
(ui/services/form_update_service.py); this module stays light so asking costs nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

RETRY_AFTER_FAILURE = 15 * 60.0  # an unreachable server is asked again this much later


class FormUpdateSchedule:
    """When the automatic form check is due. No threads, no Qt: the window asks `due()` on a
    timer and calls `started()` / `finished(ok)` around each run."""

    def __init__(self, load_settings: Callable[[], Any], clock: Callable[[], float] = time.monotonic) -> None:
        self._settings = load_settings
        self._clock = clock
        self._next: float | None = None  # None: at start-up, the first check is due at once
        self.running = False

    def interval(self) -> float:
        try:
            hours = max(1, int(getattr(self._settings(), "forms_update_hours", 6)))
        except (TypeError, ValueError):
            hours = 6
        return hours * 3600.0

    def due(self, busy: bool) -> bool:
        """True when a check should start now: the setting is on, none is running, nobody is
        in a form, and the time has come."""
        if busy or self.running or not getattr(self._settings(), "forms_auto_update", False):
            return False
        return self._next is None or self._clock() >= self._next

    def started(self) -> None:
        self.running = True

    def finished(self, ok: bool) -> None:
        """After a run: the next one in N hours, or sooner when the server was not reachable."""
        self.running = False
        wait = self.interval() if ok else min(RETRY_AFTER_FAILURE, self.interval())
        self._next = self._clock() + wait
