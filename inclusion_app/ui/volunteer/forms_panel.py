"""The forms on this computer: import one from a USB stick, see its problems, show or hide it.

Each form is listed with its title, version and where it came from; a tick says whether its
tile is on the home screen. "Add a form from a USB stick" opens our large-type file picker;
the chosen file is checked on the database worker, and a form that cannot be used is not
copied: its problems are listed one by one, naming the sheet, the row and the column.
Further ways to get forms (from a server) add their buttons to `action_row`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from inclusion_app.i18n import _
from inclusion_app.ui.volunteer.panel import Panel
from inclusion_app.ui.widgets import controls
from inclusion_app.ui.widgets.file_picker import FilePicker
from inclusion_app.ui.widgets.list_row import ListRow

FORM_FILES = (".xlsx", ".xls", ".csv", ".md", ".xml")


def origin_words(origin: str) -> str:
    return {"shipped": _("Came with the program"),
            "imported": _("Added from a file")}.get(origin, _("From a server"))


def problem_words(problem: tuple[Any, ...]) -> str:
    """One problem of a form file: where (sheet, row, column) in words, then what."""
    _file, sheet, row, column, message = problem
    where = []
    if sheet:
        where.append(_("sheet {sheet}").format(sheet=sheet))
    if row is not None:
        where.append(_("row {row}").format(row=row))
    if column:
        where.append(_("column {column}").format(column=column))
    return f"{', '.join(where)}: {message}" if where else str(message)


def import_file(paths: Any, path: Path) -> Any:
    """Check and copy (database worker): the new FormEntry, or FormLoadError's problems."""
    from inclusion_app.engine.catalog import import_form
    from inclusion_app.engine.form_problems import FormLoadError

    try:
        return import_form(paths, path)
    except FormLoadError as exc:
        return exc.problems


class FormRow(QFrame):
    """A form: title, version and origin, a problem if broken, and Show on the home screen."""

    def __init__(self, panel: FormsPanel, entry: Any, hidden: bool) -> None:
        super().__init__()
        self.entry = entry
        self.setObjectName(f"form_{entry.form_id}")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        try:
            title = str(entry.title(panel.services.language))
        except Exception:  # noqa: BLE001 - a broken form may have no title
            title = entry.form_id or Path(str(entry.path)).name
        self.title = controls.label(title, "subheading")
        version = entry.version or "-"
        detail = _("Version {version} · {origin}").format(version=version,
                                                          origin=origin_words(entry.origin))
        if getattr(entry, "practice", False):
            detail += " · " + _("practice form, never sent")
        self.detail = controls.label(detail, "body")
        column.addWidget(self.title)
        column.addWidget(self.detail)
        self.show_card = None
        if getattr(entry, "broken", False):
            column.addWidget(controls.label(entry.error or _("This form cannot be used."), "error"))
            return
        self.show_card = controls.Card(_("Show on the home screen"),
                                       _("Residents see this form's tile on the home screen"),
                                       panel.services.metrics.step,
                                       panel.services.settings.high_contrast)
        self.show_card.setObjectName(f"show_{entry.form_id}")
        self.show_card.setChecked(not hidden)
        self.show_card.toggled.connect(lambda on: panel.set_shown(entry.form_id, on))
        column.addWidget(self.show_card)


class FormsPanel(Panel):
    picker_options: dict[str, Any] = {}  # tests and kiosks: where the picker looks for sticks

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.rows: dict[str, FormRow] = {}
        self.import_button = ListRow("", "", "usb")  # its words wrap at the largest text
        self.import_button.setObjectName("form_import")
        self.import_button.clicked.connect(self.choose_file)
        self.add(self.import_button)
        self.actions = self.add_box()  # other ways to get forms (the server pull) sit here
        self.result = self.add(controls.label("", "body"))
        self.result.setObjectName("import_result")
        self.result.hide()
        self.problems_box = self.add_box()
        self.problems_box.setObjectName("import_problems")
        self.list_heading = self.add(controls.label("", "subheading"))
        self.list_box = self.add_box()
        self.picker: FilePicker | None = None
        self.retranslate()

    def add_action(self, widget: QWidget) -> None:
        """Another way to get forms, shown under the USB stick's (e.g. from the server)."""
        self.put(self.actions, widget)

    def retranslate(self) -> None:
        self.set_title(_("Forms"), _("Forms a resident can choose on the home screen."))
        self.import_button.retitle(_("Add a form from a USB stick"),
                                   _("Excel, CSV, Markdown or XForm"),
                                   _("Choose a form file (Excel, CSV, Markdown or XForm) to add"))
        self.list_heading.setText(_("Forms on this computer"))
        if self.active:
            self.refresh()

    def refresh(self) -> None:
        self.active = True
        hidden = set(self.services.settings.hidden_forms or [])
        self.clear_box(self.list_box)
        self.rows = {}
        seen: dict[str, Any] = {}
        for entry in self.services.catalog:  # an imported copy replaces a shipped one
            seen[entry.form_id or str(entry.path)] = entry
        for key, entry in seen.items():
            row = FormRow(self, entry, entry.form_id in hidden)
            self.rows[key] = row
            self.put(self.list_box, row)
        self.restyle()

    def clear(self) -> None:
        super().clear()
        self.result.hide()
        self.clear_box(self.problems_box)
        self._close_picker()

    # -- show or hide -------------------------------------------------------------------------
    def set_shown(self, form_id: str, shown: bool) -> None:
        hidden = set(self.services.settings.hidden_forms or [])
        (hidden.discard if shown else hidden.add)(form_id)
        self.services.update_settings(hidden_forms=sorted(hidden))

    # -- import -------------------------------------------------------------------------------
    def choose_file(self) -> None:
        if self.picker is None:
            self.picker = FilePicker(self.services, extensions=FORM_FILES,
                                     title=lambda: _("Choose a form file"),
                                     **self.picker_options)
            self.picker.chosen.connect(self._chosen)
            self.picker.cancelled.connect(self._close_picker)
        self.show_picker(self.picker)
        self.picker.start()

    def _close_picker(self) -> None:
        self.hide_picker(self.picker)

    def _chosen(self, path: Path) -> None:
        self._close_picker()
        self.clear_box(self.problems_box)
        self.result.setText(_("Checking the form…"))
        self.result.show()
        paths = self.services.paths
        self.services.tasks.run_db(lambda: import_file(paths, path), on_done=self._imported,
                                   on_error=self._import_failed)

    def _imported(self, outcome: Any) -> None:
        if isinstance(outcome, list):  # problems: nothing was copied
            self.result.setText(_("This form was not added. Please correct these problems in "
                                  "the file and try again:"))
            for problem in outcome:
                self.put(self.problems_box, controls.label(problem_words(problem), "error"))
            self.say(self.result.plain_text())
            return
        title = outcome.title(self.services.language)
        self.result.setText(_("Added: {title} (version {version}). It is on the home screen.")
                            .format(title=title, version=outcome.version or "-"))
        self.say(self.result.plain_text())
        self.services.reload_catalog()
        self.services.settings_changed.emit()  # the home screen draws its tiles again
        self.refresh()

    def _import_failed(self, exc: BaseException) -> None:
        self.result.setText(_("This file could not be read. Is the USB stick still plugged "
                              "in?"))
