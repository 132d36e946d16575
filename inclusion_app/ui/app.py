"""The composition root of the window: builds the services and the main window, then runs.

Nothing else constructs the world. A computer with no display gets a one-line explanation
and exit code 2 instead of Qt's abort with a misleading message.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

from inclusion_app import centre_defaults, i18n

log = logging.getLogger(__name__)

NO_DISPLAY = ("Inclusion Assistant needs a screen: no display was found "
              "(set DISPLAY or WAYLAND_DISPLAY, or run it on the computer's desktop).")
ALREADY_OPEN = "Inclusion Assistant is already open: its window has been brought to the front."


def display_available(env: dict[str, str] | None = None, platform: str | None = None) -> bool:
    """On Linux Qt needs DISPLAY, WAYLAND_DISPLAY or an explicit QT_QPA_PLATFORM."""
    env = dict(os.environ) if env is None else env
    platform = platform or sys.platform
    if not platform.startswith("linux"):
        return True
    return any(env.get(k) for k in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def open_store(paths: Any) -> Any:
    """The real store, or None with a logged reason: forms can still be filled in."""
    try:
        from inclusion_app.storage.factory import open_store as factory
    except ImportError:
        return None
    try:
        return factory(paths)
    except Exception as exc:  # a damaged key store must not keep the window shut
        log.error("storage unavailable: %s", exc)
        return None


def make_speech(settings: Any) -> Any:
    try:
        from inclusion_app.ui.services.speech_service import SpeechService
    except ImportError:
        return None
    try:
        return SpeechService(settings)
    except Exception as exc:  # no voice is a loss of comfort, not of the service
        log.error("speech unavailable: %s", exc)
        return None


def install_qt_translator(app: Any, lang: str) -> Any:
    """Qt's own buttons (Cancel, OK, file dialogs) in the person's language."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    translator = QTranslator(app)
    if lang == "zh":
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load("qtbase_zh_CN", folder):
            app.installTranslator(translator)
    return translator


def build(ctx: Any, app: Any) -> tuple[Any, Any]:
    """Services and main window for the folders and settings in ctx (tests call this too).

    The window comes first; the store (whose key store can take a while to answer) opens on
    the database worker and speech is set up just after the first paint, so the home screen
    appears at once. Anything needing the store before it is open simply waits for it.
    """
    from PySide6.QtCore import QTimer

    from inclusion_app.ui.services import memory

    memory.drop_feature_import_hook()  # before the pages' imports: ~10 MB less (see memory.py)
    memory.tune_allocator()  # before the database and speech threads start
    from inclusion_app.ui.main_window import MainWindow
    from inclusion_app.ui.services import storage_notices
    from inclusion_app.ui.services.app_services import AppServices

    settings = ctx.settings
    centre_defaults.start_visit(settings)  # not the text size of whoever was here before
    i18n.set_language(settings.language)
    services = AppServices(ctx.paths, settings)
    services.apply_theme()
    window = MainWindow(services)
    paths = ctx.paths

    def start_speech() -> None:
        services.speech = make_speech(settings)
        if services.speech is not None:
            services.hold_voice_for_screen_reader()  # the bridge may have come up meanwhile
            services.speech.install_focus_reader(window)
            window.speech_ready()

    def store_ready(store: Any) -> None:
        storage_notices.store_opened(services, window, store)  # uploads and storage notices
        window.store_ready()

    def after_first_paint() -> None:
        services.open_store_in_background(lambda: storage_notices.open_store(paths, services),
                                          on_ready=store_ready)
        QTimer.singleShot(0, start_speech)  # next turn of the loop: the window answers first

    QTimer.singleShot(0, after_first_paint)
    return services, window


def run_gui(ctx: Any) -> int:
    """Open the window and run until it is closed."""
    if not display_available():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from inclusion_app.ui.kiosk_window import TERMINATED, on_terminate
    from inclusion_app.ui.services.single_instance import SingleInstance

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Inclusion Assistant")
    app.setDesktopFileName("inclusion-app")
    built: list[Any] = []  # (services, window) once they exist

    def terminated() -> None:
        """SIGTERM: before the window exists there is nothing to save; after, close tidily."""
        if not built:
            raise SystemExit(TERMINATED)
        services, window = built[0]
        app.setQuitOnLastWindowClosed(False)  # keep TERMINATED as the exit code
        if services.kiosk is not None:
            services.kiosk.closing = True
        window.close()  # saves the open form's last answers
        app.exit(TERMINATED)
        QTimer.singleShot(0, lambda: app.exit(TERMINATED))  # in case the loop had not begun

    on_terminate(app, terminated)
    single = SingleInstance(ctx.paths.data, app)
    try:
        if not single.claim():
            print(ALREADY_OPEN, file=sys.stderr)
            return 0
        return _run_window(ctx, app, single, built)
    finally:
        single.close()


def _run_window(ctx: Any, app: Any, single: Any, built: list[Any]) -> int:
    from inclusion_app.ui.kiosk_window import KioskGuard, bring_to_front

    translator = install_qt_translator(app, i18n.normalise(ctx.settings.language))
    services, window = build(ctx, app)
    built.append((services, window))
    kiosk = bool(getattr(ctx, "kiosk", False))
    single.activated.connect(lambda: bring_to_front(window, kiosk))

    def on_language(lang: str) -> None:
        nonlocal translator
        app.removeTranslator(translator)
        translator = install_qt_translator(app, lang)

    services.language_changed.connect(on_language)
    if kiosk:
        services.kiosk = KioskGuard(window)
        services.kiosk.show()
    elif os.environ.get("INCLUSION_APP_FULLSCREEN") == "1":
        window.showFullScreen()
    else:
        window.showMaximized()
    try:
        return int(app.exec())
    finally:
        services.shutdown()
