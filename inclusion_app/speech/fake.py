"""A recording speaker for tests: remembers every say/stop in order and renders a short tone."""

from __future__ import annotations

import math
import struct
import threading

from inclusion_app.speech import wav as wavinfo
from inclusion_app.speech.speaker import Speaker, Voice


def tone_wav(seconds: float, rate: int = 22050, freq: float = 440.0) -> bytes:
    """A mono 16-bit sine tone: real, playable audio without any speech engine."""
    frames = max(1, int(seconds * rate))
    samples = (int(8000 * math.sin(2 * math.pi * freq * i / rate)) for i in range(frames))
    return wavinfo.pack(b"".join(struct.pack("<h", s) for s in samples), rate, 1)


class FakeSpeaker(Speaker):
    """Records ("say", text, lang, cacheable) and ("stop",) events; speaks the given languages."""

    engine_name = "fake"

    def __init__(
        self, languages: tuple[str, ...] = ("zh", "en"), seconds_per_char: float = 0.005
    ) -> None:
        super().__init__(max_threads=1)
        self.languages = languages
        self.seconds_per_char = seconds_per_char
        self.events: list[tuple[object, ...]] = []
        self.rendered: list[str] = []  # texts actually rendered (prefetch included)
        self._events_lock = threading.Lock()

    def is_available(self) -> bool:
        return bool(self.languages)

    def voices(self, lang: str | None = None) -> list[Voice]:
        return [
            Voice(id=f"fake-{code}", name=f"Fake {code}", languages=(code,), engine="fake")
            for code in self.languages
            if lang is None or code == lang
        ]

    def voice_for(self, lang: str) -> Voice | None:
        found = self.voices(lang)
        return found[0] if found else None

    def render(self, text: str, lang: str, cacheable: bool = True) -> bytes | None:
        if lang not in self.languages:
            return None
        with self._events_lock:
            self.rendered.append(text)
        return tone_wav(min(5.0, max(0.05, len(text) * self.seconds_per_char)))

    def say(self, text, lang, on_audio, cacheable=True) -> None:  # type: ignore[no-untyped-def]
        with self._events_lock:
            self.events.append(("say", text, lang, cacheable))
        super().say(text, lang, on_audio, cacheable)

    def stop(self) -> None:
        with self._events_lock:
            self.events.append(("stop",))
        super().stop()

    @property
    def said(self) -> list[str]:
        """Texts passed to say(), in order."""
        return [str(e[1]) for e in self.events if e[0] == "say"]
