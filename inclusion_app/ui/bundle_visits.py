"""The main window's part in a visit: open one from its tile or its draft, show its receipt.

Kept beside main_window.py so the page switcher stays small: a visit is a session like a
form's (it sits in `window.session`, pauses uploads, saves on close), and its end is a
confirmation page of its own that lists every reference.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from inclusion_app.i18n import _
from inclusion_app.ui.resident import visit_tiles

log = logging.getLogger(__name__)


def load(services: Any, bundle_id: str) -> tuple[Any, dict[str, Any]] | None:
    """(bundle, its forms) checked together, or None (logged) when it cannot be used now."""
    from inclusion_app.engine.bundle_check import Installed, check_bundle  # not at start-up

    tiles = {t.form_id for t in services.tiles}
    bundle = next((b for b in reversed(visit_tiles.usable_bundles(services.paths, tiles))
                   if b.bundle_id == bundle_id), None)
    if bundle is None:
        return None
    forms = {fid: services.load_form(fid) for fid in bundle.form_ids}
    if any(form is None for form in forms.values()):
        return None
    problems = check_bundle(bundle, {fid: Installed(form=f) for fid, f in forms.items()}, bundle.path.name)
    if problems:
        log.error("bundle %s cannot be used: %s", bundle_id, problems[0])
        return None
    return bundle, forms


def open_visit(window: Any, bundle_id: str, draft: Any = None) -> bool:
    """Start (or resume) a visit in the window; False when the bundle cannot be opened."""
    from inclusion_app.ui.resident.visit_session import VisitSessionView

    loaded = load(window.services, bundle_id)
    if loaded is None:
        window.home_page.show_problem(_("This form cannot be opened right now. Please ask a volunteer."))
        window.show_page(window.home_page)
        return False
    bundle, forms = loaded
    if getattr(window.services, "class_mode", False) and draft is None:
        # the trainer's class mode: every form is practice, so the visit keeps and sends nothing
        forms = {fid: dataclasses.replace(form, practice=True) for fid, form in forms.items()}
    window._drop_session()
    session = VisitSessionView(window.services, bundle, forms, draft=draft)
    session.finished.connect(lambda done: finished(window, done))
    # stopped and saved: a resume code, as for one form (ui/visit_flow.py)
    session.left.connect(getattr(window, "saved_for_later", window.go_home))
    session.abandoned.connect(window.go_home)  # left at the overview: nothing was kept
    session.help_requested.connect(window.show_help)
    window.session = session
    if hasattr(window, "session_started"):
        window.session_started(draft)
    window.stack.addWidget(session)
    window.show_page(session)
    return True


def resume(window: Any, info: Any) -> None:
    """A visit's draft chosen (continue tile, volunteer corner): load it, then open it."""
    store = window.services.store
    if store is None:
        return
    window.services.tasks.run_db(lambda: store.get_draft(info.draft_id),
                                 on_done=lambda draft: draft is not None and open_visit(window, info.form_id, draft))


def finished(window: Any, done: Any) -> None:
    page = window._page("visit_confirmation")
    page.show_visit(done)
    window.show_page(page)
    window._drop_session()
