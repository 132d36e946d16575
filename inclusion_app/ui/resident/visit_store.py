"""A visit's records: opening it from its draft, keeping its forms' versions, its outcome.

The visit's one draft is resumed whole, or, when it cannot be read, the visit starts afresh
with a note (a damaged draft must never stop anyone); a finished visit hands its
confirmation page one `Completed` per service in a `VisitCompleted`.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from inclusion_app.engine.visit import Visit
from inclusion_app.ui.resident.form_outcome import Completed

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class VisitCompleted:
    bundle_id: str
    title: str
    services: list[Completed] = field(default_factory=list)
    when: float = 0.0  # seconds since the epoch
    practice: bool = False  # class mode: nothing was kept or sent


def open_visit(bundle: Any, forms: dict[str, Any], draft: Any, lang: str | None
               ) -> tuple[Visit, str, float, bool]:
    """(visit, draft id, created at, damaged): resumed where it was, or a fresh visit."""
    if draft is not None:
        try:
            visit = Visit.restore(bundle, forms, draft.payload, language=lang)
            return visit, draft.info.draft_id, draft.info.created_at, False
        except Exception as exc:
            log.error("could not resume visit %s: %s", draft.info.draft_id, type(exc).__name__)
    return Visit(bundle, forms, lang), uuid.uuid4().hex, time.time(), draft is not None


def keep_versions(tasks: Any, store: Any, forms: dict[str, Any],
                  on_error: Callable[[BaseException], None]) -> None:
    """Keep the exact version of every form (off the GUI thread), as a form's first save does."""
    if store is None:
        return
    listed = list(forms.values())

    def work() -> None:
        for form in listed:
            store.save_form_version(form.form_hash, form.form_id, form.version, form.xml)

    tasks.run_db(work, on_error=on_error)


def outcome(visit: Visit, submissions: list[Any]) -> VisitCompleted:
    lang = visit.language
    now = time.time()
    return VisitCompleted(visit.bundle.bundle_id, visit.bundle.title(lang), [
        Completed(reference=s.reference, instance_id=s.instance_id, form_id=s.form_id,
                  title=visit.forms[s.form_id].title(lang), rows=visit.controllers[s.form_id].review(),
                  when=now, practice=s.practice) for s in submissions], now,
        any(s.practice for s in submissions))
