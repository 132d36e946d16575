"""When to try a failed submission again: exponential backoff with jitter, capped, per submission.

Jitter keeps a room full of PCs that lost Wi-Fi together from all retrying in the same second.
Two scales: between runs (minutes to hours, stored as next_attempt_at) and inside one explicit
"Upload now" run (a few quick tries, so a passing hiccup does not send a volunteer home).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class RetryPolicy:
    base: float = 30.0  # seconds before the first retry between runs
    cap: float = 6 * 3600.0
    in_run_tries: int = 4  # tries of one submission within an explicit run
    in_run_base: float = 0.5
    in_run_cap: float = 8.0
    rng: random.Random = field(default_factory=random.Random)

    def _jittered(self, base: float, cap: float, attempt: int) -> float:
        ceiling = min(cap, base * (2 ** max(0, min(attempt, 30))))
        return ceiling * (0.5 + self.rng.random() / 2)  # "equal jitter": never zero, never above cap

    def next_delay(self, attempts: int, retry_after: float | None = None) -> float:
        """Seconds until the next automatic try after `attempts` failures (server's wish honoured)."""
        delay = self._jittered(self.base, self.cap, attempts - 1)
        if retry_after is not None:
            delay = max(delay, min(retry_after, self.cap))
        return delay

    def in_run_delay(self, tries: int, retry_after: float | None = None) -> float:
        delay = self._jittered(self.in_run_base, self.in_run_cap, tries - 1)
        if retry_after is not None:
            delay = max(delay, min(retry_after, self.in_run_cap))
        return delay
