"""The composition root's bundle of services, handed to every page.

Pages never build the world themselves: they get one `AppServices` with the folders, the
settings, the store (or None when storage is unavailable), speech (or None), the task runner
and the installed forms, plus the two app-wide signals pages listen to.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication

from inclusion_app import centre_defaults, i18n
from inclusion_app import settings as settings_mod
from inclusion_app.paths import AppPaths
from inclusion_app.settings import Settings
from inclusion_app.ui import theme
from inclusion_app.ui.services.tasks import TaskRunner

log = logging.getLogger(__name__)


class AppServices(QObject):
    """What every page may use. Change language or comfort settings only through here."""

    language_changed = Signal(str)
    theme_changed = Signal()
    settings_changed = Signal()  # any comfort setting (voice on/off, rate, ...) was changed

    def __init__(self, paths: AppPaths, settings: Settings, store: Any = None,
                 speech: Any = None, tasks: TaskRunner | None = None,
                 catalog: list[Any] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.settings = settings
        self._store = store
        self._store_opening: Future[Any] | None = None
        self.speech = speech
        self.tasks = tasks or TaskRunner(self)
        self._catalog = catalog
        self._tiles: list[Any] | None = None
        self.uploads: Any = None  # ui/upload_service.UploadService, once the store is open
        self.form_updates: Any = None  # form_update_service.FormUpdateService, likewise
        self.storage_problem: str | None = None  # the store could not open: for the volunteer
        self.storage_notice: str | None = None  # store.startup_notice (damaged file moved aside)
        self.kiosk: Any = None  # ui/kiosk_window.KioskGuard when this is a kiosk session
        self._voice_held = False  # off for this run because a screen reader is speaking
        self._voice_chosen = False  # the person set the voice themselves during this run
        # what every visit starts with; a visitor's own changes are undone by end_visit
        self.centre_defaults = centre_defaults.read(settings)
        # A trainer's class: every form started is practice. Never saved to settings: a PC
        # restarted in the morning is a real kiosk again.
        self.class_mode = False
        self.assisting = False  # a volunteer helps this visit: its forms are marked assisted
        i18n.set_language(settings.language)
        self.hold_voice_for_screen_reader()

    # -- storage --------------------------------------------------------------------------
    @property
    def store(self) -> Any:
        """The store; if it is still being opened in the background, wait for it (rarely)."""
        if self._store is None and self._store_opening is not None:
            future, self._store_opening = self._store_opening, None
            try:
                self._store = future.result(timeout=60)
            except Exception as exc:  # storage problems are shown where a save is attempted
                log.error("storage unavailable: %s", exc)
        return self._store

    @store.setter
    def store(self, value: Any) -> None:
        self._store = value
        self._store_opening = None

    def open_store_in_background(self, opener: Callable[[], Any],
                                 on_ready: Callable[[Any], None] | None = None) -> None:
        """Open the store on the database worker so the first screen shows without waiting
        for the key store; `store` blocks only if someone needs it before it is ready."""

        def done(store: Any) -> None:
            if self._store_opening is not None:
                self._store, self._store_opening = store, None
            if on_ready is not None:
                on_ready(self._store)

        def failed(exc: BaseException) -> None:
            log.error("storage unavailable: %s", exc)
            self._store_opening = None

        self._store_opening = self.tasks.run_db(opener, on_done=done, on_error=failed)

    @property
    def store_ready(self) -> bool:
        return self._store is not None

    # -- settings -------------------------------------------------------------------------
    def save_settings(self) -> None:
        """Write the settings file; a read-only disk must not stop the person's form."""
        self._keep_servers_from_disk()
        centre_defaults.remember(self.settings, self.centre_defaults)
        try:
            settings_mod.save(self.settings, self.paths.settings_file)
        except OSError as exc:
            log.warning("could not save settings: %s", exc)

    def _keep_servers_from_disk(self) -> None:
        """The window never edits servers, the automatic form check or the volunteer PIN;
        `inclusion-app targets add`, `forms auto` or `volunteer set-pin` may have, while it
        ran. Saving the window's older copy would silently remove that server (and stop
        uploads) or bring back an old PIN."""
        try:
            on_disk = settings_mod.load(self.paths.settings_file)
        except Exception:  # an unreadable file: nothing newer to keep
            return
        for key in ("targets", "default_target", "form_targets", "forms_auto_update",
                    "forms_update_hours", "volunteer_pin_hash"):
            setattr(self.settings, key, getattr(on_disk, key))

    # -- language -------------------------------------------------------------------------
    @property
    def language(self) -> str:
        """The language on screen now ('zh' or 'en')."""
        return i18n.normalise(self.settings.language)

    def set_language(self, code: str) -> None:
        """Switch the whole program's language at once; open forms keep their answers."""
        lang = i18n.set_language(code)
        changed = lang != self.settings.language
        self.settings.language = lang
        if self.centre_defaults.get("language") is None:  # the first-run choice: the centre's
            self.centre_defaults["language"] = lang
        self.save_settings()
        if self.speech is not None:
            self.speech.set_language(lang)
        if changed:
            self.language_changed.emit(lang)

    # -- the program's own voice ----------------------------------------------------------
    @property
    def voice_on(self) -> bool:
        """Whether the program speaks now: the saved choice, except that it starts off for a
        run while a screen reader is running, so the two never talk over each other."""
        return bool(self.settings.voice_on) and not self._voice_held

    def hold_voice_for_screen_reader(self) -> bool:
        """At start (Qt reports an active accessibility client): voice off for this run only.
        The saved preference is left as it is, and a choice the person made wins."""
        if not self._voice_chosen and QAccessible.isActive():
            self._voice_held = True
        if self.speech is not None:
            self.speech.set_enabled(self.voice_on)
        return self._voice_held

    # -- comfort --------------------------------------------------------------------------
    def apply_theme(self) -> None:
        """Re-apply text size, contrast and pointer from the settings, app-wide and live."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, self.settings.text_size_step, self.settings.high_contrast)
            from inclusion_app.ui.widgets import pointer  # late: only needed once a window exists

            pointer.apply(app, self.settings.large_pointer)
        self.theme_changed.emit()

    def update_settings(self, **changes: Any) -> None:
        """Change comfort settings, save them, and restyle/re-voice what they affect."""
        for key, value in changes.items():
            setattr(self.settings, key, value)
        if "voice_on" in changes:  # the person's own choice overrides the screen-reader hold
            self._voice_chosen, self._voice_held = True, False
        self.save_settings()
        if self.speech is not None:
            self.speech.set_enabled(self.voice_on)  # other changes never switch the voice on
            if "speech_rate" in changes:
                self.speech.set_rate(self.settings.speech_rate)
            if "speech_volume" in changes:
                self.speech.set_volume(float(self.settings.speech_volume))
        if {"text_size_step", "high_contrast", "large_pointer"} & changes.keys():
            self.apply_theme()
        self.settings_changed.emit()

    def restore_centre_defaults(self) -> None:
        """A visit ended: text size, theme, language and voice back to the centre's choices."""
        changes = centre_defaults.visit_changes(self.settings, self.centre_defaults)
        language = changes.pop("language", None)
        if language:
            self.set_language(language)
        if changes:
            self.update_settings(**changes)
            if "voice_on" in changes:  # the centre's voice, not the visitor's, from now on
                self._voice_chosen = False
                self.hold_voice_for_screen_reader()
                self.settings_changed.emit()

    def keep_as_centre_defaults(self, **values: Any) -> None:
        """Make comfort settings the centre's defaults (the volunteer corner's choice)."""
        unknown = set(values) - set(centre_defaults.COMFORT_KEYS)
        if unknown:
            raise KeyError(f"not a comfort setting: {sorted(unknown)}")
        self.centre_defaults.update(values)
        self.save_settings()

    @property
    def metrics(self) -> theme.Metrics:
        return theme.metrics(self.settings.text_size_step)

    # -- forms ----------------------------------------------------------------------------
    @property
    def catalog(self) -> list[Any]:
        """Installed forms, read once and kept (the loader caches compiled forms on disk)."""
        if self._catalog is None:
            self._catalog = self._load_catalog()
        return self._catalog

    def reload_catalog(self) -> list[Any]:
        self._catalog = None
        self._tiles = None
        return self.catalog

    @property
    def tiles(self) -> list[Any]:
        """What the home screen draws: from a small index, so start-up parses no form."""
        if self._tiles is None:
            from inclusion_app.ui.services import tile_index

            try:
                self._tiles = tile_index.tiles(self.paths, lambda: self.catalog)
            except Exception as exc:  # the home screen must open even if listing fails
                log.error("could not list the forms for the home screen: %s", exc)
                self._tiles = []
        return self._tiles

    def load_form(self, form_id: str) -> Any:
        """The loaded form for a tile (from the compiled-form cache), or None with a log line."""
        if self._catalog is not None:  # already loaded in full: no need to read the file
            loaded = [getattr(e, "form", e) for e in self._catalog]
            matches = [f for f in loaded if getattr(f, "form_id", None) == form_id]
            if matches:
                return matches[-1]  # an imported form replaces a shipped one
        tile = next((t for t in reversed(self.tiles) if t.form_id == form_id), None)
        if tile is None:
            return None
        from pathlib import Path

        from inclusion_app.engine.loader import load_form

        try:
            return load_form(Path(tile.path), cache_dir=self.paths.form_cache,
                             source_name=Path(tile.path).name)
        except Exception as exc:  # changed on disk since listing: say so, keep the window
            log.error("could not load form %s: %s", form_id, exc)
            return None

    def _load_catalog(self) -> list[Any]:
        from inclusion_app.engine.catalog import installed_forms

        try:
            return list(installed_forms(self.paths))
        except Exception as exc:  # one broken form file must not keep the home screen shut
            log.error("could not list installed forms: %s", exc)
            return []

    # -- speech helpers: speech is optional, so pages go through these -------------------
    def say(self, method: str, *args: Any, **kwargs: Any) -> None:
        """Call a SpeechService method when speech exists and the voice is on."""
        if self.speech is None or not self.voice_on:
            return
        fn = getattr(self.speech, method, None)
        if fn is not None:
            try:
                fn(*args, **kwargs)
            except Exception as exc:  # speech is a comfort: its failure must never stop a form
                log.warning("speech %s failed: %s", method, exc)

    def shutdown(self) -> None:
        """Stop speech and uploads, finish queued saves, close the store: in that order."""
        if self.uploads is not None:  # before the store closes: the uploader writes to it
            self.uploads.shutdown()
        if self.form_updates is not None:  # it may queue held-back submissions again
            self.form_updates.shutdown()
        if self.speech is not None and hasattr(self.speech, "shutdown"):
            try:
                self.speech.shutdown()
            except Exception as exc:
                log.warning("speech shutdown failed: %s", exc)
        self.tasks.shutdown(wait=True)
        store = self._store
        if store is None and self._store_opening is not None and self._store_opening.done():
            store = self._store_opening.result() if not self._store_opening.exception() else None
        if store is not None:
            try:
                store.close()
            except Exception as exc:
                log.warning("store close failed: %s", exc)
