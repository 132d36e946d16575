"""A visit in the store: one draft for the whole visit, one outbox entry per form sent.

The draft is an ordinary draft (encrypted at rest like any other) whose form id is the
bundle's id and whose form hash starts with `bundle:`, so the drafts list, the "continue"
tile and the volunteer corner show it as one piece of work. Sending finalizes each form in
turn; a submission already in the outbox (a send interrupted halfway) is not queued again,
so each form is delivered exactly once, and the draft is deleted only when all are queued.
"""

from __future__ import annotations

import time
from typing import Any

from inclusion_app.storage.api import Draft, DraftInfo, OutboxEntry

VISIT_HASH_PREFIX = "bundle:"


def is_visit_draft(info: DraftInfo) -> bool:
    return info.form_hash.startswith(VISIT_HASH_PREFIX)


def visit_draft(visit: Any, draft_id: str, created_at: float, title: str) -> Draft:
    """The whole visit as one draft: every form's answers, the shared details, the stage."""
    bundle = visit.bundle
    info = DraftInfo(
        draft_id=draft_id, form_id=bundle.bundle_id, form_version=bundle.version,
        form_hash=f"{VISIT_HASH_PREFIX}{bundle.bundle_hash}", form_title=title,
        created_at=created_at, updated_at=time.time(), practice=False,
    )
    return Draft(info=info, step=visit.stage, payload=visit.snapshot())


def save_visit(store: Any, visit: Any, draft_id: str, created_at: float, title: str,
               first: bool = False) -> None:
    """Save the visit's draft; the first time, keep each form's exact version too."""
    if first:
        for form in visit.forms.values():
            store.save_form_version(form.form_hash, form.form_id, form.version, form.xml)
    store.save_draft(visit_draft(visit, draft_id, created_at, title))


def send_visit(store: Any, submissions: list[Any], draft_id: str | None) -> list[OutboxEntry]:
    """Queue every submission once, then drop the visit's draft. Raises StorageError (the
    draft stays, and a second try queues only what is missing)."""
    entries = []
    for sub in submissions:
        existing = store.get_entry(sub.instance_id)
        entries.append(existing if existing is not None else store.finalize(sub))
    if draft_id is not None:
        store.delete_draft(draft_id)
    return entries
