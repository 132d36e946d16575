"""What centres want to know, as large charts: forms per week, where people stopped, the
messages shown most often, minutes per form, voice and text-size use; saved as a CSV file.

Only the anonymous weekly counts of `stats.book` are shown: no answer, no name, no time of
day. They are read on the database worker each time the part is opened.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from inclusion_app.i18n import _, format_date, format_number
from inclusion_app.stats.book import open_book
from inclusion_app.stats.report import Summary, summarise, write_csv
from inclusion_app.ui import theme
from inclusion_app.ui.volunteer.panel import Panel, form_choices
from inclusion_app.ui.widgets import controls
from inclusion_app.ui.widgets.bar_chart import BarChart
from inclusion_app.ui.widgets.file_picker import FilePicker
from inclusion_app.ui.widgets.list_row import ListRow

WEEKS_SHOWN = 6
CHARTS = ("weeks", "stops", "errors", "minutes", "voice", "sizes")


def week_words(week: str) -> str:
    """'2026-W49' as the Monday it starts on: "Week of 30 Nov 2026"."""
    try:
        year, number = week.split("-W")
        monday = _dt.date.fromisocalendar(int(year), int(number), 1)
    except ValueError:
        return week
    return _("Week of {date}").format(date=format_date(monday, "medium"))


class StatsPanel(Panel):
    picker_options: dict[str, Any] = {}  # tests and kiosks: where the picker looks for sticks

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.summary_line = self.add(controls.label("", "body"))
        self.summary_line.setObjectName("stats_summary")
        self.export_button = ListRow("", "", "usb")  # its words wrap at the largest text
        self.export_button.setObjectName("stats_export")
        self.export_button.clicked.connect(self.choose_file)
        self.add(self.export_button)
        self.export_result = self.add(controls.label("", "body"))
        self.export_result.setObjectName("stats_export_result")
        self.export_result.hide()
        self.headings: dict[str, Any] = {}
        self.charts: dict[str, BarChart] = {}
        for key in CHARTS:
            self.headings[key] = self.add(controls.label("", "subheading"))
            self.charts[key] = self.add(BarChart())
            self.charts[key].setObjectName(f"chart_{key}")
        self.counts: list[Any] = []
        self.picker: FilePicker | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.set_title(_("Statistics"), _("Counted on this computer only: never an answer, a "
                                          "name or a time of day; only how many, per week."))
        self.export_button.retitle(_("Save as a spreadsheet file (CSV)"),
                                   _("Save every count in a CSV file, for example on a USB "
                                     "stick"))
        titles = {"weeks": _("Forms per week"), "stops": _("Where people stopped most often"),
                  "errors": _("Messages shown most often"),
                  "minutes": _("Minutes to finish a form, on average"),
                  "voice": _("Forms started with the voice on or off"),
                  "sizes": _("Forms started at each text size")}
        for key, text in titles.items():
            self.headings[key].setText(text)
            self.charts[key].setAccessibleName(text)
        if self.active:
            self._show(self.counts)

    def refresh(self) -> None:
        self.active = True
        data = self.services.paths.data
        self.services.tasks.run_db(lambda: _read(data), on_done=self._show,
                                   on_error=self._failed)

    def clear(self) -> None:
        super().clear()
        self.counts = []
        self.export_result.hide()
        self._close_picker()

    def _failed(self, _exc: BaseException) -> None:
        self.summary_line.setText(_("The statistics file could not be read."))

    def _show(self, counts: list[Any]) -> None:
        if not self.active:
            return
        self.counts = counts
        s = summarise(counts, weeks=WEEKS_SHOWN)
        if s.empty:
            self.summary_line.setText(_("No forms have been started yet."))
        else:
            total = {m: sum(c.get(m, 0) for c in s.per_week.values())
                     for m in ("started", "finished", "saved", "abandoned")}
            self.summary_line.setText(_(
                "Weeks counted: {weeks}. Forms started: {started}; finished: {finished}; "
                "saved for later: {saved}; left unfinished: {abandoned}.").format(
                    weeks=len(s.weeks), **{k: format_number(v) for k, v in total.items()}))
        for key, rows in self._rows(s).items():
            self.headings[key].setVisible(bool(rows))
            self.charts[key].setVisible(bool(rows))
            self.charts[key].set_rows(rows, self.services.settings.high_contrast)

    def _rows(self, s: Summary) -> dict[str, list[tuple[str, float, str]]]:
        titles = dict(form_choices(self.services))
        words = {"started": _("started"), "finished": _("finished"),
                 "abandoned": _("left unfinished")}
        weeks = [(f"{week_words(w)}: {words[m]}", s.per_week.get(w, {}).get(m, 0), "")
                 for w in reversed(s.weeks) for m in words]
        minutes = [(titles.get(f, f), v, _("{n} min").format(n=format_number(round(v, 1))))
                   for f, v in sorted(s.minutes.items())]
        voice = [(_("Voice on"), s.voice.get("on", 0), ""),
                 (_("Voice off"), s.voice.get("off", 0), "")] if s.voice else []
        return {
            "weeks": weeks,
            "stops": [(f"{titles.get(f, f)} · {q or '-'}", n, "") for f, q, n in s.stops],
            "errors": [(message, n, "") for message, n in s.errors],
            "minutes": minutes,
            "voice": voice,
            "sizes": [(_("Text size {n}").format(n=k), v, "")
                      for k, v in sorted(s.text_size.items())],
        }

    # -- the CSV file ---------------------------------------------------------------------------
    def choose_file(self) -> None:
        if self.picker is None:
            self.picker = FilePicker(self.services, mode="save", extensions=(".csv",),
                                     suggested_name="statistics",
                                     title=lambda: _("Where should the file be saved?"),
                                     **self.picker_options)
            self.picker.chosen.connect(self._save)
            self.picker.cancelled.connect(self._close_picker)
        self.show_picker(self.picker)
        self.picker.start()

    def _close_picker(self) -> None:
        self.hide_picker(self.picker)

    def _save(self, target: Path) -> None:
        self._close_picker()
        data = self.services.paths.data
        self.services.tasks.run_db(lambda: write_csv(_read(data), target),
                                   on_done=self._saved, on_error=self._save_failed)

    def _saved(self, rows: int) -> None:
        theme.set_role(self.export_result, "body")
        self.export_result.setText(_("Saved: {count} rows.").format(count=format_number(rows)))
        self.export_result.show()

    def _save_failed(self, _exc: BaseException) -> None:
        theme.set_role(self.export_result, "error")
        self.export_result.setText(_("The file could not be saved. Is the USB stick still "
                                     "plugged in?"))
        self.export_result.show()


def _read(data: Path) -> list[Any]:
    book = open_book(data)
    try:
        return book.counts()
    finally:
        book.close()
