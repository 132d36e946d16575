"""Autosave for one form session: every answer becomes a durable draft, off the GUI thread.

At most one save is in flight; answers given meanwhile are saved right after it, so a burst
of typing costs two writes, not one per key. The first save also keeps the exact compiled
form (by its hash), so a draft can always be resumed on the version it was started with.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

from inclusion_app.engine.controller import FormController
from inclusion_app.storage.api import Draft, DraftInfo, StorageError

log = logging.getLogger(__name__)


def open_controller(form: Any, draft: Draft | None, lang: str | None
                    ) -> tuple[FormController, str, float, bool]:
    """(controller, draft id, created at, damaged): the draft resumed where it was, or a fresh
    start when there is none or it cannot be read (a damaged draft must not stop anyone)."""
    if draft is not None:
        try:
            controller = FormController.restore(form, draft.payload, draft.step, language=lang)
            return controller, draft.info.draft_id, draft.info.created_at, False
        except Exception as exc:
            log.error("could not resume draft %s: %s", draft.info.draft_id, type(exc).__name__)
    fresh = FormController(form, language=lang)
    return fresh, uuid.uuid4().hex, time.time(), draft is not None


def draft_of(controller: Any, form: Any, draft_id: str, created_at: float, title: str) -> Draft:
    """The controller's snapshot and position with the exact form version they belong to."""
    info = DraftInfo(
        draft_id=draft_id, form_id=form.form_id, form_version=form.version,
        form_hash=form.form_hash, form_title=title, created_at=created_at,
        updated_at=time.time(), practice=bool(form.practice),
    )
    return Draft(info=info, step=controller.position(), payload=controller.snapshot())


def plain_message(exc: BaseException, fallback: str) -> str:
    """Storage errors carry words for people (already translated); anything else gets `fallback`."""
    return str(exc) if isinstance(exc, StorageError) and str(exc) else fallback


class DraftSaver:
    """`save()` after each answer; `then(callback)` runs once the latest answers are durable."""

    def __init__(self, tasks: Any, store: Any, form: Any, make_draft: Callable[[], Draft],
                 on_failed: Callable[[BaseException], None]) -> None:
        self.tasks, self.store, self.form = tasks, store, form
        self.make_draft, self.on_failed = make_draft, on_failed
        self.saving = self.dirty = self.version_saved = self.closed = False
        self._after: list[Callable[[], None]] = []

    def save(self) -> None:
        """Save a draft now, or right after the save already under way."""
        if self.store is None or self.closed:
            return
        if self.saving:
            self.dirty = True
            return
        self.saving, self.dirty = True, False
        draft = self.make_draft()  # the snapshot is taken here, on the GUI thread
        store, form, first = self.store, self.form, not self.version_saved

        def work() -> None:
            if first:
                store.save_form_version(form.form_hash, form.form_id, form.version, form.xml)
            store.save_draft(draft)

        self.tasks.run_db(work, on_done=self._saved, on_error=self._failed)

    def then(self, callback: Callable[[], None]) -> None:
        """Call back once everything answered so far is saved (at once without a store)."""
        if self.store is None:
            callback()
            return
        self._after.append(callback)
        self.save()

    def _saved(self, _result: object = None) -> None:
        self.saving, self.version_saved = False, True
        if self.dirty and not self.closed:
            self.save()
            return
        callbacks, self._after = self._after, []
        for callback in callbacks:
            callback()

    def _failed(self, exc: BaseException) -> None:
        self.saving = False
        self._after = []
        self.on_failed(exc)
