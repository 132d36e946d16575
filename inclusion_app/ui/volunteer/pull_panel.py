"""The volunteer corner's "Get forms from the server": new and updated forms, with a progress bar.

The pull itself runs in the FormUpdateService (ui/services/form_update_service.py) off the GUI
thread; this panel only starts it and shows its news: a bar while forms are checked, then one
line per change and per refused form, in the words `inclusion-app forms pull` prints.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QVBoxLayout, QWidget

from inclusion_app.i18n import _
from inclusion_app.ui.widgets import controls

LINES_SHOWN = 12  # a long report is cut, with a count of the rest


def reports_words(reports: Any) -> str:
    """A pull's result for every server, in plain words."""
    if reports is None:
        return _("The forms could not be fetched because of an unexpected problem. "
                 "Nothing was changed.")
    if not reports:
        return _("No server to take forms from.")
    from inclusion_app.sync.form_updates import report_lines  # loaded: a pull just ran

    lines = [line for report in reports for line in report_lines(report)]
    if len(lines) > LINES_SHOWN:
        rest = len(lines) - LINES_SHOWN
        lines = lines[:LINES_SHOWN] + [_("And {count} more not shown here.").format(count=rest)]
    return "\n".join(lines)


class PullPanel(QWidget):
    """`refresh()` when the corner opens; `clear()` when it locks; `on_done` after a pull."""

    def __init__(self, services: Any, on_done: Callable[[], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.on_done = on_done or (lambda: None)
        self.active = False
        self._wired: Any = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.heading = controls.label("", "subheading")
        self.server_line = controls.label("", "hint")
        self.pull_button = controls.button("", "secondary", "", "continue")
        self.pull_button.setObjectName("pull_forms")
        self.pull_button.clicked.connect(self.pull_now)
        self.bar = QProgressBar()
        self.bar.setObjectName("pull_progress")
        self.bar.setTextVisible(False)  # the words beside it say it, large
        self.bar.setMinimumHeight(24)
        self.bar.setRange(0, 1)
        self.bar.hide()
        self.progress_line = controls.label("", "progress")
        self.result_line = controls.label("", "body")
        self.result_line.setObjectName("pull_result")
        column.addWidget(self.heading)
        column.addWidget(self.server_line)
        row = QHBoxLayout()
        row.addWidget(self.pull_button)
        row.addStretch(1)
        column.addLayout(row)
        for w in (self.bar, self.progress_line, self.result_line):
            column.addWidget(w)
        self.retranslate()

    @property
    def _updates(self) -> Any:
        return getattr(self.services, "form_updates", None)

    def _wire(self) -> None:
        updates = self._updates
        if updates is None or updates is self._wired:
            return
        self._wired = updates
        updates.progress.connect(self._progress)
        updates.finished.connect(self._finished)
        updates.state_changed.connect(self.retranslate)

    def retranslate(self) -> None:
        self.heading.setText(_("Forms from the server"))
        running = self._updates is not None and self._updates.running
        controls.retitle(self.pull_button,
                         _("Getting forms…") if running else _("Get forms from the server"),
                         _("Take new and updated forms from the organisation's server now"))
        self.bar.setAccessibleName(_("Forms progress"))
        self.bar.setAccessibleDescription(_("How many of the server's forms have been checked"))

    def refresh(self) -> None:
        """Show the button when a server can give forms; the last result stays until locked."""
        self.active = True
        self._wire()
        self.retranslate()
        updates = self._updates
        ready = updates is not None and updates.has_servers()
        self.server_line.setText("" if ready else _(
            "No server gives forms yet: add one under Servers."))
        self.server_line.setVisible(not ready)
        self.pull_button.setVisible(ready)

    def clear(self) -> None:
        self.active = False
        self.bar.hide()
        self.progress_line.setText("")
        self.result_line.setText("")

    def pull_now(self) -> None:
        updates = self._updates
        if updates is not None and updates.running:
            return  # it reports when done
        if updates is None or not updates.pull_now():
            self.result_line.setText(_("Forms cannot be fetched right now."))
            return
        self.result_line.setText("")
        self.progress_line.setText(_("Asking the server for its forms…"))

    # -- news from the service (already on the GUI thread) --------------------------------------
    def _progress(self, done: int, total: int) -> None:
        if not self.active:
            return
        if not total:
            self.bar.hide()
            self.progress_line.setText(_("The server offers no forms."))
            return
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        self.bar.show()
        self.progress_line.setText(_("Checking forms: {done} of {total} done").format(
            done=done, total=total))

    def _finished(self, reports: Any) -> None:
        if not self.active:
            return
        self.progress_line.setText("")
        self.result_line.setText(reports_words(reports))
        controls.restyle(self, self.services.metrics.step, self.services.settings.high_contrast)
        self.on_done()
