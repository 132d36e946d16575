"""Python's cyclic garbage collector, run on the GUI thread only.

The collector normally runs on whichever thread happens to allocate past its threshold: a
speech, database or upload thread. If it then frees a cycle that holds a Qt object, that object
is destroyed on the wrong thread (its timers "cannot be stopped from another thread") and the
process may crash later (issue 11). So automatic collection is switched off and a GUI-thread
timer does the same work, generation by generation, at the same thresholds
(as pyqtgraph's `GarbageCollector` does). `memory.release_unused` still collects in full when
a form is closed. Reference counting, which frees almost everything, is not affected.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class GuiCollector(QObject):
    """Owns the collection while it exists; `stop()` gives it back to Python."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self.collections = 0
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(interval_ms)

    def check(self) -> int:
        """Collect the oldest generation whose count passed its threshold; what was found."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.threshold[generation]:
                self.collections += 1
                return gc.collect(generation)
        return 0

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()
