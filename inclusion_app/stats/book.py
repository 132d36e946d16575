"""The counts themselves: one small SQLite file beside the database, one row per
(week, form, measure, item), each a count and a sum of seconds.

What may be recorded is fixed here (MEASURES) and nothing else is accepted: a form's id, the
name of the question a person stopped at, the words of an error message the program showed,
whether the voice was on, the text size. Never what was typed, never who, never when beyond
the ISO week: a count only grows, so two people in the same week cannot be told apart.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

FILE_NAME = "statistics.sqlite3"
# started/finished/saved/abandoned: forms; stopped_at: item = the question's name;
# error: item = the message shown; seconds: time to finish (count + sum); voice: item on/off;
# text_size: item = the size (1..6) a form was started at.
MEASURES = ("started", "finished", "saved", "abandoned", "stopped_at", "error", "seconds",
            "voice", "text_size")
ITEM_MAX = 200  # an error message longer than this is cut: a message, not a document


@dataclass(frozen=True)
class Count:
    week: str  # ISO week, "2026-W49"
    form_id: str
    measure: str
    item: str
    count: int
    seconds: float


def week_of(day: _dt.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


class StatsBook:
    """`record(measure, form_id, item="", seconds=0.0)` from any thread; `counts()` to read."""

    def __init__(self, path: Path, today: object = None) -> None:
        self.path = path
        self._today = today or _dt.date.today
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        if self._conn is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, check_same_thread=False, timeout=5)
            conn.execute("""CREATE TABLE IF NOT EXISTS counts (
                week TEXT NOT NULL, form_id TEXT NOT NULL, measure TEXT NOT NULL,
                item TEXT NOT NULL, count INTEGER NOT NULL, seconds REAL NOT NULL,
                PRIMARY KEY (week, form_id, measure, item))""")
            conn.commit()
            self._conn = conn
        return self._conn

    def record(self, measure: str, form_id: str, item: str = "", seconds: float = 0.0) -> None:
        if measure not in MEASURES:
            raise ValueError(f"not a statistics measure: {measure}")
        item = " ".join(str(item).split())[:ITEM_MAX]
        week = week_of(self._today())
        with self._lock:
            conn = self._connect()
            conn.execute(
                """INSERT INTO counts VALUES (?, ?, ?, ?, 1, ?)
                   ON CONFLICT (week, form_id, measure, item)
                   DO UPDATE SET count = count + 1, seconds = seconds + excluded.seconds""",
                (week, form_id, measure, item, max(0.0, float(seconds))))
            conn.commit()

    def counts(self) -> list[Count]:
        """Every row, newest week first; an absent file is simply no counts yet."""
        if self._conn is None and not self.path.exists():
            return []
        with self._lock:
            rows = self._connect().execute(
                "SELECT week, form_id, measure, item, count, seconds FROM counts "
                "ORDER BY week DESC, form_id, measure, item").fetchall()
        return [Count(*row) for row in rows]

    def clear(self) -> None:
        with self._lock:
            self._connect().execute("DELETE FROM counts")
            self._conn.commit()

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


def open_book(data_dir: Path) -> StatsBook:
    return StatsBook(data_dir / FILE_NAME)
