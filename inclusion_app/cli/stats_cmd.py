"""`inclusion-app stats [--csv FILE]`: the centre's anonymous counts, as text or as a CSV file."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from inclusion_app.i18n import _
from inclusion_app.stats.book import open_book
from inclusion_app.stats.report import FORM_MEASURES, summarise, write_csv


def stats(args: argparse.Namespace, ctx) -> int:  # noqa: ANN001 - ctx is cli.Context
    book = open_book(ctx.paths.data)
    try:
        counts = book.counts()
        if args.csv:
            try:
                rows = write_csv(counts, Path(args.csv))
            except OSError as exc:
                print(_("The file could not be written: {reason}").format(
                    reason=exc.strerror or exc), file=sys.stderr)
                return 1
            print(_("Wrote {count} rows to {file}.").format(count=rows, file=args.csv),
                  file=ctx.out)
            return 0
    except sqlite3.Error:
        print(_("The statistics file could not be read."), file=sys.stderr)
        return 1
    finally:
        book.close()
    _print_summary(summarise(counts, weeks=args.weeks), ctx.out)
    return 0


def _print_summary(s, out) -> None:  # noqa: ANN001
    if s.empty:
        print(_("No forms have been started yet."), file=out)
        return
    names = {"started": _("started"), "finished": _("finished"), "saved": _("saved for later"),
             "abandoned": _("abandoned")}
    print(_("Forms per week:"), file=out)
    for week in s.weeks:
        c = s.per_week.get(week, {})
        print(f"  {week}: " + ", ".join(f"{names[m]} {c.get(m, 0)}" for m in FORM_MEASURES),
              file=out)
    print(_("Per form:"), file=out)
    for form, c in sorted(s.per_form.items()):
        line = ", ".join(f"{names[m]} {c.get(m, 0)}" for m in FORM_MEASURES)
        if form in s.minutes:
            line += ", " + _("{minutes} minutes to finish on average").format(
                minutes=f"{s.minutes[form]:.1f}")
        print(f"  {form}: {line}", file=out)
    if s.stops:
        print(_("Where people stopped most often:"), file=out)
        for form, question, n in s.stops:
            print(f"  {form} / {question}: {n}", file=out)
    if s.errors:
        print(_("Messages shown most often:"), file=out)
        for message, n in s.errors:
            print(f"  {n} × {message}", file=out)
    print(_("Voice on: {on}, off: {off}.").format(on=s.voice.get("on", 0),
                                                   off=s.voice.get("off", 0)), file=out)
    sizes = ", ".join(f"{k}: {v}" for k, v in sorted(s.text_size.items()))
    print(_("Text sizes used: {sizes}.").format(sizes=sizes or "-"), file=out)


def register(registry) -> None:  # noqa: ANN001 - cli.Registry
    cmd = registry.command("stats", stats, "anonymous weekly counts of forms started, "
                           "finished and abandoned, where people stopped, errors shown")
    cmd.add_argument("--csv", metavar="FILE", help="write every count to a CSV file")
    cmd.add_argument("--weeks", type=int, default=12, help="how many weeks to show (default 12)")
