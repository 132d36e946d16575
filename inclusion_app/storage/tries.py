"""Wrong tries slow down: the volunteer PIN and the residents' resume codes.

Five wrong tries cost nothing (people mistype); from the fifth wrong try on, the next try
must wait, and the wait doubles with every further wrong try, up to 15 minutes. The count
and the end of the wait are kept in a small JSON file in the data folder, written
atomically, so closing and restarting the program does not start the count afresh.
Wall-clock time is stored (a restart must see it); a wait that reaches further than the cap
(the clock was set back) is cut to the cap.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

FREE_TRIES = 5
FIRST_WAIT = 30.0  # seconds after the fifth wrong try
MAX_WAIT = 15 * 60.0


def wait_after(failures: int) -> float:
    """The wait after `failures` wrong tries in a row: 0, then 30 s doubling, capped."""
    if failures < FREE_TRIES:
        return 0.0
    return min(MAX_WAIT, FIRST_WAIT * 2 ** (failures - FREE_TRIES))


@dataclass
class TryState:
    failures: int = 0
    locked_until: float = 0.0
    last_failure: float = 0.0


class TryCounter:
    """Counts wrong tries of one secret kind in `path`.

    `reset_on_success`: a right PIN clears the count. Resume codes keep it (someone holding
    one good code must not use it to wipe the count between guesses at the others) and
    instead forget wrong tries after `forget_after` seconds without one."""

    def __init__(self, path: Path, reset_on_success: bool = True,
                 forget_after: float | None = None,
                 clock: Callable[[], float] | None = None) -> None:
        self.path = Path(path)
        self.reset_on_success = reset_on_success
        self.forget_after = forget_after
        self.clock = clock or time.time

    def state(self) -> TryState:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            state = TryState(int(raw.get("failures", 0)), float(raw.get("locked_until", 0.0)),
                             float(raw.get("last_failure", 0.0)))
        except (OSError, ValueError, TypeError, AttributeError):
            return TryState()
        now = self.clock()
        if self.forget_after is not None and now - state.last_failure > self.forget_after:
            return TryState()
        state.locked_until = min(state.locked_until, now + MAX_WAIT)
        return state

    def wait_seconds(self) -> float:
        """How long before the next try is allowed (0: try now)."""
        return max(0.0, self.state().locked_until - self.clock())

    def failed(self) -> float:
        """Count one wrong try; returns the wait it now imposes."""
        state = self.state()
        now = self.clock()
        state.failures += 1
        state.last_failure = now
        wait = wait_after(state.failures)
        state.locked_until = now + wait if wait else 0.0
        self._write(state)
        return wait

    def succeeded(self) -> None:
        if self.reset_on_success:
            self.clear()

    def clear(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass

    def _write(self, state: TryState) -> None:
        """Atomically; a read-only disk must not stop the check itself."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tries-", dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(state.__dict__, fh)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except OSError:
            pass
