"""What the window says about storage, and the wiring of uploads once the store is open.

Two kinds of news: a database that was damaged and moved aside (the store opens, with a
`startup_notice` for the volunteer) and a store that cannot open at all (a wrong key: the exact
message, naming `inclusion-app key import`, is for the volunteer; the resident gets one calm
sentence, since nothing could be kept). Neither is ever a pop-up in front of the resident.
"""

from __future__ import annotations

import logging
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QStackedWidget

from inclusion_app.i18n import _
from inclusion_app.ui.widgets import controls

log = logging.getLogger(__name__)


def calm_sentence() -> str:
    """What the resident reads on home when nothing can be saved on this computer."""
    return _("This computer cannot keep forms right now. Please ask a volunteer for help.")


def open_store(paths: Any, services: Any) -> Any:
    """Open the real store on the database worker; note its problem or notice on `services`."""
    try:
        from inclusion_app.storage.factory import open_store as factory
    except ImportError:
        return None
    try:
        store = factory(paths)
    except Exception as exc:  # shown to the volunteer; the resident gets a calm sentence
        from inclusion_app.storage.api import StorageError

        log.error("storage unavailable: %s", exc)
        # Storage errors are already in plain, translated words; anything else is not.
        services.storage_problem = str(exc) if isinstance(exc, StorageError) and str(exc) else _(
            "The saved data could not be opened ({kind}). Nothing can be saved until this is "
            "fixed.").format(kind=type(exc).__name__)
        return None
    services.storage_notice = getattr(store, "startup_notice", None)
    return store


def store_opened(services: Any, window: Any, store: Any, interval: float | None = None) -> None:
    """On the GUI thread once the store opened (or failed): uploads start, notices show."""
    if store is not None and getattr(services, "uploads", None) is None:
        from inclusion_app.ui.services.upload_service import (
            DEFAULT_INTERVAL,
            UploadService,
            settings_reader,
        )

        uploads = UploadService(store, services.paths,
                                settings_reader(services.paths, services.settings),
                                interval=interval or DEFAULT_INTERVAL,
                                run_db=services.tasks.run_db, parent=services)
        services.uploads = uploads
        follow_forms(uploads, window.stack)
        uploads.start()
    if getattr(services, "form_updates", None) is None:
        start_form_updates(services, window, store)
    window.home_page.retranslate()  # the calm sentence or the volunteer marker, if any


def start_form_updates(services: Any, window: Any, store: Any) -> None:
    """Forms from the server: paused while a form is open, home redrawn when forms change,
    and the optional automatic check (off unless chosen in the settings)."""
    from inclusion_app.ui.services.form_update_service import FormUpdateService
    from inclusion_app.ui.services.upload_service import settings_reader

    updates = FormUpdateService(services.paths, settings_reader(services.paths, services.settings),
                                store, parent=services)
    services.form_updates = updates
    follow_forms(updates, window.stack)

    def forms_changed() -> None:
        services.reload_catalog()
        window.home_page.rebuild()

    def reopened(reports: Any) -> None:
        """Submissions a closed form held back are queued again: send them now, unasked."""
        if reports and any(r.reopened for r in reports) and services.uploads is not None:
            services.uploads.upload_now()

    updates.forms_changed.connect(forms_changed)
    updates.finished.connect(reopened)
    updates.start_schedule()


def follow_forms(uploads: Any, stack: QStackedWidget) -> None:
    """Pause uploads (or form updates) while a form session is in the window's stack; resume
    once it is gone."""
    watcher = _FormWatcher(uploads, stack)
    # currentChanged: a form was opened; widgetRemoved: it was closed (even behind the
    # confirmation page, which is shown before the session is dropped).
    stack.currentChanged.connect(watcher.check)
    stack.widgetRemoved.connect(watcher.check)
    watcher.check()


class _FormWatcher(QObject):
    """A child of the upload service, so its connections end when either side is deleted
    (a window torn down after the service must not call into a deleted object)."""

    def __init__(self, uploads: Any, stack: QStackedWidget) -> None:
        super().__init__(uploads)
        self.uploads, self.stack = uploads, stack

    @Slot()
    @Slot(int)
    def check(self, *_args: object) -> None:
        stack = self.stack
        if not shiboken6.isValid(stack):
            return
        if any(getattr(stack.widget(i), "IN_A_FORM", False) for i in range(stack.count())):
            self.uploads.pause()
        else:
            self.uploads.resume()


def decorate_home(home: Any) -> None:
    """After home's own texts: the calm sentence instead of tiles, or the volunteer's marker."""
    services = home.services
    problem = getattr(services, "storage_problem", None)
    notice = getattr(services, "storage_notice", None)
    if problem:
        # No question to answer on this screen any more: a greeting, then the one sentence.
        controls.set_heading(home.heading, _("Hello"))
        home.hint.setText(calm_sentence())
        for tile in home.tiles.values():
            tile.hide()  # nothing started now could be kept
        home.resume.hide()
    if problem or notice:
        controls.retitle(home.volunteer, _("Volunteer ●"),
                         _("For volunteers only: there is a message about saved data"))
