"""The volunteer's view of the outbox: what waits, what was sent, what needs a hand.

Shown inside the volunteer corner after the PIN. One row per submission with its reference,
form, state and last problem in plain words; "Upload now" with a progress bar; "Try again" on
rows the server set aside or that keep failing. Store reads happen on the database worker.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QProgressBar, QVBoxLayout, QWidget

from inclusion_app.i18n import _
from inclusion_app.ui import theme
from inclusion_app.ui.volunteer.outbox_rows import OutboxRow, matches, report_words
from inclusion_app.ui.widgets import controls

UNSENT_SHOWN = 200  # rows beyond these are counted, not drawn: a big outbox stays quick
SENT_SHOWN = 20


class WrappedBody(QWidget):
    """A scroll area's body whose height follows its wrapped text at the width it really has.

    Word-wrapped labels report a minimum measured at a narrow width; a body built from them
    would keep that height and leave a screen of blank space under the list at large text.
    """

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(0, 0)


class OutboxPanel(QWidget):
    """`refresh()` when shown; `clear()` when the volunteer corner locks again."""

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.rows: list[OutboxRow] = []
        self.active = False
        self._sent_in_view = False  # a run sent something since the corner was opened
        self.configured = False
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.banner = controls.label("", "errorSummary")
        self.banner.setObjectName("storage_banner")
        self.banner.hide()
        self.heading = controls.label("", "subheading")
        self.server_line = controls.label("", "hint")
        self.search = QLineEdit()
        self.search.setObjectName("outbox_search")
        theme.set_role(self.search, "field")
        self.search.textChanged.connect(lambda _t: self._filter())
        self.search_label = controls.label("", "body")
        self.search_label.setBuddy(self.search)
        self.upload_button = controls.button("", "primary", "", "continue")
        self.upload_button.setObjectName("upload_now")
        self.upload_button.clicked.connect(self.upload_now)
        self.bar = QProgressBar()
        self.bar.setObjectName("upload_progress")
        self.bar.setTextVisible(False)  # the words beside it say it, large
        self.bar.setMinimumHeight(24)
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.bar.hide()
        self.progress_line = controls.label("", "progress")
        self.result_line = controls.label("", "body")
        self.result_line.setObjectName("upload_result")
        self.rows_box = QWidget()
        self.rows_layout = QVBoxLayout(self.rows_box)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.more_line = controls.label("", "hint")
        # The banner is placed by the page that holds this panel (the volunteer corner: on top).
        for w in (self.heading, self.server_line):
            column.addWidget(w)
        button_row = QHBoxLayout()  # the main button at its own size, where Continue would be
        button_row.addWidget(self.upload_button)
        button_row.addStretch(1)
        column.addLayout(button_row)
        for w in (self.bar, self.progress_line, self.result_line, self.search_label,
                  self.search, self.rows_box, self.more_line):
            column.addWidget(w)
        self.retranslate()
        self._wired_uploads: Any = None
        self._wire_uploads()
        services.language_changed.connect(self._language_changed)

    def _language_changed(self, _lang: str) -> None:
        if self.active:  # rows carry state words: read them again in the new language
            self.refresh()

    # -- texts ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(_("Finished forms (the outbox)"))
        running = self._uploads is not None and self._uploads.running
        controls.retitle(self.upload_button, _("Sending…") if running else _("Upload now"),
                         _("Send every waiting form to the server now"))
        self.search_label.setText(_("Find a form by its reference"))
        self.search.setAccessibleName(_("Find a form by its reference"))
        self.search.setAccessibleDescription(_("Type a few letters of the reference: only "
                                               "matching forms are shown"))
        self.bar.setAccessibleName(_("Sending progress"))
        self.bar.setAccessibleDescription(_("How many waiting forms have been tried"))
        self._show_banner()

    def _show_banner(self) -> None:
        s = self.services
        text = getattr(s, "storage_problem", None) or getattr(s, "storage_notice", None)
        self.banner.setText(text or "")
        self.banner.setVisible(bool(text) and self.active)

    @property
    def _uploads(self) -> Any:
        return getattr(self.services, "uploads", None)

    def _wire_uploads(self) -> None:
        """Connect once to the upload service (it appears only after the store opened)."""
        uploads = self._uploads
        if uploads is None or uploads is self._wired_uploads:
            return
        self._wired_uploads = uploads
        uploads.progress.connect(self._progress)
        uploads.finished.connect(self._finished)
        uploads.state_changed.connect(self._state)

    # -- showing ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the outbox (and whether a server is set up) on the database worker."""
        self.active = True
        self._wire_uploads()
        self.retranslate()
        store = self.services.store
        uploads = self._uploads
        if store is None:
            self._clear_rows()
            self.server_line.setText(_("Finished forms cannot be shown: nothing can be saved "
                                       "on this computer right now."))
            self.upload_button.hide()
            return

        if uploads is not None and not uploads.started:
            uploads.start()  # entries may have arrived meanwhile (a USB import from the CLI)

        def read() -> tuple[list[Any], bool]:
            configured = uploads.configured() if uploads is not None else False
            return store.list_outbox(), configured

        self.services.tasks.run_db(read, on_done=self._show, on_error=self._failed)

    def clear(self) -> None:
        """Forget everything shown (the corner is locked again)."""
        self.active = False
        self._clear_rows()
        self.result_line.setText("")
        self.progress_line.setText("")
        self.more_line.setText("")
        self.search.clear()
        self.bar.hide()
        self.banner.hide()
        self._sent_in_view = False

    def _failed(self, exc: BaseException) -> None:
        from inclusion_app.ui.services.draft_saver import plain_message

        self.server_line.setText(plain_message(exc, _("The outbox could not be read.")))

    def _clear_rows(self) -> None:
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = []

    def _show(self, result: tuple[list[Any], bool]) -> None:
        if not self.active:
            return
        entries, configured = result
        self.configured = configured
        self.server_line.setText(
            "" if configured else
            _("No server is set up yet: add one under Servers. Finished forms wait here "
              "until then."))
        self.server_line.setVisible(not configured)
        # Hidden rather than disabled: a greyed main button reads badly and explains nothing.
        self.upload_button.setVisible(configured and self._uploads is not None)
        unsent = [e for e in entries if e.state.value != "sent"]
        sent = sorted((e for e in entries if e.state.value == "sent"),
                      key=lambda e: e.sent_at or e.updated_at, reverse=True)
        shown = unsent[:UNSENT_SHOWN] + sent[:SENT_SHOWN]
        self._clear_rows()
        for entry in shown:
            row = OutboxRow(entry, self._retry, first=not self.rows,
                            on_set_aside=self._set_aside)
            self.rows.append(row)
            self.rows_layout.addWidget(row)
            row.setVisible(matches(entry, self.search.text()))  # at once, not a loop turn later
        hidden = len(entries) - len(shown)
        self.more_line.setText(_("And {count} more not shown here.").format(count=hidden)
                               if hidden else ("" if entries else _("No finished forms yet.")))
        controls.restyle(self, self.services.metrics.step, self.services.settings.high_contrast)

    # -- actions ------------------------------------------------------------------------------
    def upload_now(self) -> None:
        """Start sending; a press while a run is going on is ignored (it reports when done)."""
        uploads = self._uploads
        if uploads is not None and uploads.running:
            return
        if uploads is None or not uploads.upload_now():
            self.result_line.setText(_("Sending cannot start right now."))
            return
        self.result_line.setText("")
        controls.retitle(self.upload_button, _("Sending…"),
                         _("Send every waiting form to the server now"))

    def _retry(self, entry: Any, button: Any) -> None:
        store = self.services.store
        if store is None:
            return
        if button is not None:
            button.setEnabled(False)
        self.services.tasks.run_db(lambda: store.requeue(entry.instance_id),
                                   on_done=self._requeued, on_error=self._failed)

    def _requeued(self, _result: object) -> None:
        self.refresh()

    def _set_aside(self, entry: Any, button: Any) -> None:
        store = self.services.store
        if store is None:
            return
        button.setEnabled(False)
        reason = _("Set aside by a volunteer. Press Try again to send it.")
        self.services.tasks.run_db(
            lambda: store.mark_failed(entry.instance_id, reason, permanent=True),
            on_done=self._requeued, on_error=self._failed)

    def _filter(self) -> None:
        """Show only the rows whose reference matches what is typed in the search box."""
        text = self.search.text()
        shown = 0
        for row in self.rows:
            row.setVisible(matches(row.entry, text))
            shown += row.isVisibleTo(self)
        if text.strip() and self.rows and not shown:
            self.more_line.setText(_("No finished form has this reference."))
        elif text.strip():
            self.more_line.setText("")

    # -- news from the upload service (already on the GUI thread) ----------------------------
    def _progress(self, done: int, total: int) -> None:
        if not self.active:
            return
        if not total:  # a full bar for nothing at all would say something false
            if self._sent_in_view:
                return  # an empty run right after one that sent: its full bar still tells the truth
            self.bar.hide()
            self.progress_line.setText(_("Nothing is waiting to be sent."))
            return
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        self.bar.show()
        self.progress_line.setText(_("Sending: {done} of {total} done").format(done=done,
                                                                               total=total))

    def _finished(self, report: Any) -> None:
        if not self.active:
            return
        tried = report.delivered or report.failed or report.waiting or report.notes
        if tried or not self._sent_in_view:
            # "Upload now" pressed while the corner's own start-up run was sending: the second,
            # empty run must not replace "Sent: 3" with nothing.
            self.result_line.setText(report_words(report))
        self._sent_in_view = self._sent_in_view or bool(report.delivered)
        self.refresh()

    def _state(self) -> None:
        self.retranslate()

