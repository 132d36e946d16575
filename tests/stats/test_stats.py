"""The anonymous counts: per ISO week, only fixed measures, a summary and a CSV with a header."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from inclusion_app.stats.book import StatsBook, week_of
from inclusion_app.stats.report import CSV_HEADER, summarise, write_csv


def _book(tmp_path: Path, day: dt.date) -> StatsBook:
    return StatsBook(tmp_path / "statistics.sqlite3", today=lambda: day)


def test_counts_add_up_per_week_and_item(tmp_path: Path) -> None:
    """The same measure in the same week is one row whose count grows; seconds are summed."""
    book = _book(tmp_path, dt.date(2026, 12, 4))
    for _ in range(3):
        book.record("started", "pension_check")
    book.record("seconds", "pension_check", "", 120)
    book.record("seconds", "pension_check", "", 240)
    got = {(c.measure, c.item): (c.count, c.seconds) for c in book.counts()}
    assert got == {("started", ""): (3, 0.0), ("seconds", ""): (2, 360.0)}
    assert {c.week for c in book.counts()} == {"2026-W49"}


def test_only_known_measures_are_accepted(tmp_path: Path) -> None:
    """An answer cannot be slipped in under a new measure name."""
    with pytest.raises(ValueError):
        _book(tmp_path, dt.date(2026, 1, 5)).record("answer", "f", "Zhang San")


def test_week_is_the_iso_week() -> None:
    """1 January 2027 is a Friday of 2026's week 53: the ISO year is used, not the calendar's."""
    assert week_of(dt.date(2027, 1, 1)) == "2026-W53"


def test_summary_orders_weeks_and_ranks_stops_and_errors(tmp_path: Path) -> None:
    """Weeks oldest first; the most frequent stop and error first; minutes averaged per form."""
    first = _book(tmp_path, dt.date(2026, 11, 23))
    first.record("started", "a")
    first.record("abandoned", "a")
    first.record("stopped_at", "a", "bank_account")
    first.close()
    second = _book(tmp_path, dt.date(2026, 12, 1))
    second.record("started", "a")
    second.record("finished", "a")
    second.record("seconds", "a", "", 600)
    for _ in range(2):
        second.record("stopped_at", "a", "id_number")
        second.record("error", "a", "Enter 18 digits.")
    second.record("error", "a", "Please answer this question.")
    s = summarise(second.counts())
    assert s.weeks == ["2026-W48", "2026-W49"]
    assert s.per_week["2026-W48"]["abandoned"] == 1 and s.per_week["2026-W49"]["finished"] == 1
    assert s.stops[0] == ("a", "id_number", 2)
    assert s.errors[0] == ("Enter 18 digits.", 2)
    assert s.minutes == {"a": 10.0}


def test_csv_has_a_header_row_and_every_count(tmp_path: Path) -> None:
    """The export opens in a spreadsheet: a header, then one row per count."""
    book = _book(tmp_path, dt.date(2026, 12, 4))
    book.record("started", "a")
    book.record("error", "a", "Enter 18 digits.")
    assert write_csv(book.counts(), tmp_path / "out.csv") == 2
    with (tmp_path / "out.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == CSV_HEADER
    assert ["2026-W49", "a", "error", "Enter 18 digits.", "1", "0.0"] in rows[1:]
