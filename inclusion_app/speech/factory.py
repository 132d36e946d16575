"""Picks the speaker for this computer: espeak-ng on Linux, pyttsx3 elsewhere, silence if none."""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

from inclusion_app.speech.silent import SilentSpeaker
from inclusion_app.speech.speaker import Speaker

log = logging.getLogger(__name__)


# Before labels quoting answers (<output>) were kept out of it, such text could be cached in
# "speech": that folder is removed once, and renders go to a fresh one.
CACHE_FOLDER = "speech-2"
_OLD_FOLDERS = ("speech",)


def default_cache_dir() -> Path:
    from inclusion_app import paths

    return cache_dir_in(paths.resolve().cache)


def cache_dir_in(cache_root: Path) -> Path:
    """The speech cache inside the program's cache folder; an older one is emptied first."""
    for old in _OLD_FOLDERS:
        folder = Path(cache_root) / old
        if folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)
    return Path(cache_root) / CACHE_FOLDER


def default_speaker(cache_dir: Path | None = None, platform: str | None = None) -> Speaker:
    """The best working engine; never raises: without one the program runs silently."""
    platform = platform or sys.platform
    cache_dir = cache_dir if cache_dir is not None else default_cache_dir()
    makers = (_espeak, _pyttsx3) if platform.startswith("linux") else (_pyttsx3, _espeak)
    for make in makers:
        try:
            speaker = make(cache_dir)
        except Exception as exc:  # an engine that cannot start is simply not used
            log.info("speech engine unavailable: %s", exc)
            continue
        if speaker is not None and speaker.is_available():
            return speaker
        if speaker is not None:
            speaker.close()
    return SilentSpeaker("no speech engine found")


def _espeak(cache_dir: Path) -> Speaker | None:
    try:
        from inclusion_app.speech.espeak import EspeakSpeaker
    except ImportError:
        return None
    return EspeakSpeaker(cache_dir=cache_dir)


def _pyttsx3(cache_dir: Path) -> Speaker | None:
    try:
        from inclusion_app.speech.pyttsx3_speaker import Pyttsx3Speaker
    except ImportError:
        return None
    return Pyttsx3Speaker(cache_dir=cache_dir)
