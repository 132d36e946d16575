"""UI fixtures: real settings in the test's data folder, a real store, the real main window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from inclusion_app import i18n, paths
from inclusion_app import settings as settings_mod


@pytest.fixture(autouse=True)
def flush_deferred_deletes(qapp: Any) -> Iterator[None]:
    """After each test, delete the widgets it handed to deleteLater(). Tests rarely spin an
    event loop, so such widgets (a panel's rows, a destroyed page) otherwise outlive the test,
    and a later restyle (QApplication.setStyleSheet walks every widget) crashed on them."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def app_paths() -> paths.AppPaths:
    """The isolated folders of this test (see the autouse fixture in tests/conftest.py)."""
    return paths.resolve().ensure()


@pytest.fixture
def app_services(qapp: Any, app_paths: paths.AppPaths) -> Iterator[Callable[..., Any]]:
    """Factory: AppServices with real settings (overridable), a real SQLite store unless
    store=None is asked for, and speech only if given (speech="fake": the real SpeechService
    over the recording FakeSpeaker). Everything is shut down afterwards."""
    from inclusion_app.ui.services.app_services import AppServices

    made: list[Any] = []

    def make(*, store: Any = "real", speech: Any = None, **overrides: Any) -> AppServices:
        settings = settings_mod.load(app_paths.settings_file)
        settings.language = overrides.pop("language", "zh")
        for key, value in overrides.items():
            setattr(settings, key, value)
        if store == "real":
            from inclusion_app.storage.factory import open_store

            store = open_store(app_paths)
        services = AppServices(app_paths, settings, store=store)
        if speech == "fake":
            from inclusion_app.speech.fake import FakeSpeaker
            from inclusion_app.ui.services.speech_service import SpeechService

            speech = SpeechService(settings, parent=services, speaker=FakeSpeaker())
        services.speech = speech
        services.apply_theme()
        made.append(services)
        return services

    yield make
    for services in made:
        services.shutdown()
    i18n.set_language(i18n.DEFAULT_LANGUAGE)
    qapp.setStyleSheet("")


@pytest.fixture
def main_window(qtbot: Any, app_services: Callable[..., Any]) -> Callable[..., Any]:
    """Factory: the real MainWindow over app_services(**kwargs), shown at 1366x768."""
    from inclusion_app.ui.main_window import MainWindow

    def make(size: tuple[int, int] = (1366, 768), **kwargs: Any) -> MainWindow:
        services = app_services(**kwargs)
        window = MainWindow(services)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


def wait_idle(qtbot: Any, services: Any) -> None:
    """Wait until background tasks have handed their results back to the GUI thread."""
    qtbot.waitUntil(lambda: services.tasks.pending == 0, timeout=10_000)
