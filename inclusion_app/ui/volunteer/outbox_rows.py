"""One row of the volunteer's outbox, and the words for its state and for a run's result.

States a volunteer reads at a glance: ready, waiting, delivered, needs attention (drafts,
the fifth, are listed above the outbox); the reason is the store's own plain-words message.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from inclusion_app.i18n import _
from inclusion_app.ui.widgets import controls


def state_words(state: Any) -> str:
    """A state in words a volunteer reads at a glance: ready, waiting, delivered or needs
    attention (drafts, the fifth state, are listed above the outbox)."""
    value = getattr(state, "value", str(state))
    return {
        "finalized": _("Ready to send"),
        "queued": _("Ready to send"),
        "sending": _("Being sent"),
        "sent": _("Delivered"),
        "failed": _("Waiting: it will be tried again"),
        "set_aside": _("Needs attention: a volunteer must look at it"),
    }.get(value, value)


def matches(entry: Any, text: str) -> bool:
    """Search by reference (or instanceID): case, spaces and dashes do not matter."""
    wanted = "".join(ch for ch in text.upper() if ch.isalnum())
    if not wanted:
        return True
    for key in (entry.reference, entry.instance_id):
        if wanted in "".join(ch for ch in str(key or "").upper() if ch.isalnum()):
            return True
    return False


def report_words(report: Any) -> str:
    """One run's result, then each server's problem, in plain words."""
    text = _("Sent: {delivered}. Not sent: {failed}. Still waiting: {waiting}.").format(
        delivered=report.delivered, failed=report.failed, waiting=report.waiting)
    notes = [note for note in dict.fromkeys(report.notes.values()) if note]
    return "\n".join([text, *notes])


class OutboxRow(QFrame):
    """One submission: reference and form, state and tries, the last problem, maybe Try again."""

    def __init__(self, entry: Any, on_retry: Any, first: bool = False,
                 parent: QWidget | None = None, on_set_aside: Any = None) -> None:
        super().__init__(parent)
        self.entry = entry
        self.setObjectName(f"outbox_{entry.reference}")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        if not first:  # a line between rows, so each submission reads as one block
            line = QFrame()
            line.setFrameShape(QFrame.Shape.HLine)
            line.setLineWidth(2)
            column.addWidget(line)
        title = entry.title or entry.form_id
        self.title = controls.label(f"{entry.reference} · {title}", "subheading")
        status = state_words(entry.state)
        if entry.attempts and getattr(entry.state, "value", "") != "sent":
            status += " · " + _("Tries: {count}").format(count=entry.attempts)
        self.status = controls.label(status, "body")
        column.addWidget(self.title)
        column.addWidget(self.status)
        self.error = None
        if entry.last_error and getattr(entry.state, "value", "") != "sent":
            self.error = controls.label(entry.last_error, "error")
            column.addWidget(self.error)
        self.retry = None
        self.set_aside = None
        line = QHBoxLayout()
        state = getattr(entry.state, "value", "")
        if state in ("set_aside", "failed"):
            self.retry = controls.button(_("Try again"), "secondary",
                                         _("Put this submission back in the queue to be sent"))
            self.retry.setObjectName(f"retry_{entry.reference}")
            self.retry.clicked.connect(lambda _c=False: on_retry(entry, self.retry))
            line.addWidget(self.retry)
        if state in ("finalized", "queued", "failed") and on_set_aside is not None:
            # One stuck record must not hold up the others: it waits until a volunteer retries.
            self.set_aside = controls.button(_("Set aside"), "secondary",
                                             _("Stop trying to send this one until a "
                                               "volunteer presses Try again"))
            self.set_aside.setObjectName(f"set_aside_{entry.reference}")
            self.set_aside.clicked.connect(lambda _c=False: on_set_aside(entry, self.set_aside))
            line.addWidget(self.set_aside)
        if line.count():
            line.addStretch(1)
            column.addLayout(line)
