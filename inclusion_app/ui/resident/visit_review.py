"""Check your answers for the whole visit: the shared details once, then each service's own.

The ordinary review page does the drawing; each row's group heading names its part of the
visit. Change on a shared detail opens the form that asked it, and the new value reaches
every form. One button sends every service.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Signal

from inclusion_app.engine.prompt import ReviewRow
from inclusion_app.i18n import _
from inclusion_app.ui.resident.review_page import ReviewPage
from inclusion_app.ui.widgets import controls


def visit_rows(visit: Any) -> list[tuple[str, ReviewRow]]:
    """(form id, row) in the order shown: shared details first, then each service's rows."""
    lang = visit.language
    sending = visit.to_send()
    out: list[tuple[str, ReviewRow]] = []
    shown_shared: set[str] = set()
    details_title = _("Your details (used for every service)")
    for key in visit.shared_keys():
        for form_id in sending:
            found = visit.fields[form_id].get(key)
            if found is None:
                continue
            row = next((r for r in visit.controllers[form_id].review() if r.ref == found.ref), None)
            if row is not None:
                out.append((form_id, replace(row, group_label=details_title)))
                shown_shared.add(key)
                break
    for form_id in sending:
        fc = visit.controllers[form_id]
        title = visit.forms[form_id].title(lang)
        for row in fc.review():
            if fc.key_of(row.ref) in shown_shared:
                continue
            group = f"{title}: {row.group_label}" if row.group_label else title
            out.append((form_id, replace(row, group_label=group)))
    return out


class VisitReviewPage(ReviewPage):
    """Emits change_in(form id, row) and send_pressed() ("Send all")."""

    change_in = Signal(str, object)

    def __init__(self, step: int = 0, parent: Any = None) -> None:
        super().__init__(step, parent)
        self._forms: dict[int, str] = {}
        self.change_requested.connect(self._changed)

    def show_visit(self, visit: Any) -> None:
        pairs = visit_rows(visit)
        rows = [row for _fid, row in pairs]
        self._forms = {id(row): fid for fid, row in pairs}
        self.show_rows(rows, visit.bundle.title(visit.language), False)
        if self.heading is not None:  # the whole visit's answers, named
            controls.set_heading(self.heading, f"{_('Check your answers')}: {self.title}")

    def _changed(self, row: ReviewRow) -> None:
        form_id = self._forms.get(id(row))
        if form_id is not None:
            self.change_in.emit(form_id, row)

    def retranslate(self) -> None:
        super().retranslate()
        controls.retitle(self.send_button, _("Send all"),
                         _("Send every service of this visit. You get a reference for each."))
