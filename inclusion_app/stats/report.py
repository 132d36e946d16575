"""What a trainer reads from the counts: weeks, where people stopped, which errors, how long.

Pure functions over `StatsBook.counts()`, shared by `inclusion-app stats` and the volunteer
corner's charts; `write_csv` is the export (a header row, then one row per count).
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from inclusion_app.stats.book import Count

FORM_MEASURES = ("started", "finished", "saved", "abandoned")
CSV_HEADER = ("week", "form_id", "measure", "item", "count", "seconds")


@dataclass
class Summary:
    weeks: list[str] = field(default_factory=list)  # oldest first, for charts left to right
    per_week: dict[str, Counter[str]] = field(default_factory=dict)  # week -> measure -> n
    per_form: dict[str, Counter[str]] = field(default_factory=dict)  # form -> measure -> n
    minutes: dict[str, float] = field(default_factory=dict)  # form -> average minutes to finish
    stops: list[tuple[str, str, int]] = field(default_factory=list)  # (form, question, n)
    errors: list[tuple[str, int]] = field(default_factory=list)  # (message, n)
    voice: Counter[str] = field(default_factory=Counter)  # "on"/"off" -> forms started
    text_size: Counter[str] = field(default_factory=Counter)  # "1".."6" -> forms started

    @property
    def empty(self) -> bool:
        return not self.weeks


def summarise(counts: list[Count], weeks: int = 12, top: int = 8) -> Summary:
    """The last `weeks` weeks that have any counts; the `top` stops and errors."""
    chosen = sorted({c.week for c in counts})[-weeks:]
    keep = set(chosen)
    s = Summary(weeks=chosen)
    seconds: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    stops: Counter[tuple[str, str]] = Counter()
    errors: Counter[str] = Counter()
    for c in counts:
        if c.week not in keep:
            continue
        if c.measure in FORM_MEASURES:
            s.per_week.setdefault(c.week, Counter())[c.measure] += c.count
            s.per_form.setdefault(c.form_id, Counter())[c.measure] += c.count
        elif c.measure == "seconds":
            seconds[c.form_id][0] += c.seconds
            seconds[c.form_id][1] += c.count
        elif c.measure == "stopped_at":
            stops[(c.form_id, c.item)] += c.count
        elif c.measure == "error":
            errors[c.item] += c.count
        elif c.measure == "voice":
            s.voice[c.item] += c.count
        elif c.measure == "text_size":
            s.text_size[c.item] += c.count
    s.minutes = {form: total / n / 60 for form, (total, n) in seconds.items() if n}
    s.stops = [(form, item, n) for (form, item), n in stops.most_common(top)]
    s.errors = errors.most_common(top)
    return s


def write_csv(counts: list[Count], path: Path) -> int:
    """Every count with a header row; returns the number of rows under the header."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(CSV_HEADER)
        for c in counts:
            writer.writerow((c.week, c.form_id, c.measure, c.item, c.count, round(c.seconds, 1)))
    return len(counts)
