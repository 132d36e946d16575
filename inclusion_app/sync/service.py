"""Assembling the uploader from the program's folders and settings, for the CLI and the window.

The window's composition root (ui/app.py) needs two lines: `uploader = build_uploader(...)` for
"Upload now", and `background(...)` for the automatic runs it pauses while a form is open.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from inclusion_app.paths import AppPaths
from inclusion_app.storage.api import Store
from inclusion_app.sync.channel import ChannelFactory
from inclusion_app.sync.credentials import Credentials
from inclusion_app.sync.delivery import Progress, RunReport, Uploader
from inclusion_app.sync.scheduler import BackgroundUploader
from inclusion_app.sync.targets import TargetBook


def build_uploader(store: Store, paths: AppPaths, settings: Any, *, workers: int = 3,
                   timeout: float = 30.0, progress: Progress | None = None,
                   cancel: threading.Event | None = None) -> Uploader:
    """An Uploader for the current settings (targets re-read each time it is built)."""
    channels = ChannelFactory(Credentials(paths).get, timeout=timeout, workers=workers)
    return Uploader(store, TargetBook.from_settings(settings), channels, workers=workers,
                    progress=progress, cancel=cancel)


def background(store: Store, paths: AppPaths, load_settings: Callable[[], Any], *,
               interval: float = 600.0, progress: Progress | None = None,
               on_report: Callable[[RunReport], None] | None = None) -> BackgroundUploader:
    """A started-later background uploader that rebuilds its targets from settings on every run.

    `progress` and `on_report` are called on the background thread: the window must hand them
    to the GUI thread (a Qt signal) itself.
    """

    def run_once(cancel: threading.Event, explicit: bool) -> RunReport:
        uploader = build_uploader(store, paths, load_settings(), progress=progress, cancel=cancel)
        return uploader.run(explicit=explicit)

    return BackgroundUploader(run_once, interval=interval, on_report=on_report)
