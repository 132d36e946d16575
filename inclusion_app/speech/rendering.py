"""What the real engines share: voice choice per language, the audio cache, and giving up.

An engine that fails `MAX_FAILURES` times in a row is switched off for the rest of the run:
the program goes on silently instead of retrying (and stalling) on every screen.
"""

from __future__ import annotations

import logging
import threading
from abc import abstractmethod
from pathlib import Path

from inclusion_app.speech import voices as voices_mod
from inclusion_app.speech.cache import AudioCache, cache_key
from inclusion_app.speech.speaker import RATE_WPM, Speaker, Voice

log = logging.getLogger(__name__)
MAX_FAILURES = 3


class RenderError(Exception):
    """One render failed (engine crashed, hung, or produced nothing)."""


class RenderingSpeaker(Speaker):
    """A `Speaker` whose subclasses only list voices, verify one, and render one text."""

    def __init__(self, cache_dir: Path | None = None, max_threads: int = 2) -> None:
        super().__init__(max_threads=max_threads)
        self.cache = AudioCache(cache_dir / self.engine_name) if cache_dir is not None else None
        self.failures = 0
        self.broken = False
        self._voices: list[Voice] | None = None
        self._chosen: dict[str, Voice | None] = {}
        self._voice_lock = threading.Lock()

    @abstractmethod
    def _list_voices(self) -> list[Voice]: ...

    @abstractmethod
    def _render_with(self, text: str, voice: Voice, wpm: int, volume: float) -> bytes:
        """Render one text; raise RenderError on failure."""

    def _verify(self, voice: Voice, lang: str) -> bool:
        """Does the voice truly speak `lang`? Engines that can listen (espeak --ipa) override."""
        return True

    def _engine_present(self) -> bool:
        return True

    def is_available(self) -> bool:
        return not self.broken and self._engine_present() and bool(self.voices())

    def voices(self, lang: str | None = None) -> list[Voice]:
        with self._voice_lock:
            if self._voices is None:
                try:
                    self._voices = self._list_voices()
                except Exception as exc:  # no voices is a notice in settings, not a crash
                    log.info("could not list voices: %s", exc)
                    self._voices = []
            found = list(self._voices)
        return found if lang is None else voices_mod.ranked(found, lang)

    def voice_for(self, lang: str) -> Voice | None:
        base = voices_mod.base_language(lang)
        all_voices = self.voices()
        with self._voice_lock:
            if base not in self._chosen:
                self._chosen[base] = voices_mod.choose_voice(base, all_voices, self._verify)
            return self._chosen[base]

    def render(self, text: str, lang: str, cacheable: bool = True) -> bytes | None:
        if self.broken or not text.strip():
            return None
        voice = self.voice_for(lang)
        if voice is None:
            return None  # never read a language with another language's voice
        rate = self.rate if self.rate in RATE_WPM else "normal"
        key = cache_key(self.engine_name, voice.id, rate, self.volume, text)
        if cacheable and self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:
                return hit
        try:
            wav = self._render_with(text, voice, RATE_WPM[rate], self.volume)
        except RenderError as exc:
            self._failed(exc)
            return None
        self.failures = 0
        if cacheable and self.cache is not None:
            self.cache.put(key, wav)
        return wav

    def _failed(self, exc: Exception) -> None:
        self.failures += 1
        log.info("speech render failed (%d in a row): %s", self.failures, exc)
        if self.failures >= MAX_FAILURES:
            self.broken = True
            log.warning("speech switched off after %d failures in a row", self.failures)
