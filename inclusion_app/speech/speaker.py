"""The `Speaker` interface: text in, WAV audio out, off the caller's thread. Playing is the UI's job.

Contract (every implementation keeps it; the UI and the command line rely on nothing else):

- `say(text, lang, on_audio, cacheable=True)` returns at once. Later, on another thread, it calls
  `on_audio(wav)` exactly once with the rendered WAV bytes, or with `None` when nothing could be
  rendered (no voice for `lang`, engine failed). It never raises.
- `stop()` returns at once and cancels every `say` not yet delivered: their `on_audio` is never
  called. A `say` made after `stop()` is delivered as usual (stop-then-say is how a new screen
  interrupts the old one).
- `cacheable=False` marks text containing a person's answers: its audio is never written to
  the cache or anywhere else on disk.
- `is_available()`: an engine works at all. `voice_for(lang)` is the voice that would be used
  (None when the machine has none that truly speaks that language); `voices(lang)` lists the
  installed ones, all of them when `lang` is None.
- `rate` is one of RATES ("slow", "normal", "fast"); `volume` is 0.0-1.0. Changing either
  affects later renders only.
- `render(text, lang, cacheable=True)` is the blocking form used by worker threads, the command
  line and tests; never call it on the GUI thread.
- `prefetch(text, lang)` renders form text into the cache ahead of time, delivering nothing.
- `close()` ends worker processes; the speaker may not be used afterwards.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

RATES = ("slow", "normal", "fast")
# Words per minute for espeak-ng-like engines; "slow" is what most of our people want.
RATE_WPM = {"slow": 120, "normal": 160, "fast": 200}

OnAudio = Callable[[bytes | None], None]


@dataclass(frozen=True)
class Voice:
    """One installed voice as the engine names it."""

    id: str  # what the engine is given: "cmn-latn-pinyin", a SAPI token id, ...
    name: str  # human-readable, for `inclusion-app voices`
    languages: tuple[str, ...] = ()  # BCP-47-like tags: ("zh-cmn", "zh")
    engine: str = ""


class Speaker(ABC):
    """Base class: subclasses implement `render`; asynchronous delivery and stop live here."""

    engine_name = "none"

    def __init__(self, max_threads: int = 2) -> None:
        self.rate = "normal"
        self.volume = 1.0
        self._generation = 0
        self._lock = threading.RLock()  # re-entrant: on_audio may call say() or stop()
        self._pending: set[Future[None]] = set()
        self._pool = ThreadPoolExecutor(max_workers=max_threads, thread_name_prefix="speech")
        # Rendering ahead has its own single thread, so it never delays what is said now.
        self._ahead = ThreadPoolExecutor(max_workers=1, thread_name_prefix="speech-ahead")
        self._closed = False

    # -- what subclasses provide -------------------------------------------------------------
    @abstractmethod
    def is_available(self) -> bool: ...

    @abstractmethod
    def voices(self, lang: str | None = None) -> list[Voice]: ...

    @abstractmethod
    def voice_for(self, lang: str) -> Voice | None: ...

    @abstractmethod
    def render(self, text: str, lang: str, cacheable: bool = True) -> bytes | None: ...

    # -- the asynchronous side, shared by all engines -----------------------------------------
    def say(self, text: str, lang: str, on_audio: OnAudio, cacheable: bool = True) -> None:
        """Render on a worker thread and hand the WAV to `on_audio` unless stopped first."""
        with self._lock:
            if self._closed:
                return
            generation = self._generation
            future = self._pool.submit(self._deliver, generation, text, lang, on_audio, cacheable)
            self._pending.add(future)
        future.add_done_callback(self._forget)

    def _deliver(
        self, generation: int, text: str, lang: str, on_audio: OnAudio, cacheable: bool
    ) -> None:
        if generation != self._generation:
            return
        try:
            wav = self.render(text, lang, cacheable)
        except Exception:  # the contract: a failed render is silence, never a crash
            wav = None
        with self._lock:  # held while delivering so a concurrent stop() cannot slip in between
            if generation != self._generation:
                return
            on_audio(wav)

    def _forget(self, future: Future[None]) -> None:
        with self._lock:
            self._pending.discard(future)

    def stop(self) -> None:
        """Cancel undelivered renders; a render already running finishes but is dropped."""
        with self._lock:
            self._generation += 1
            for future in list(self._pending):
                future.cancel()

    def prefetch(self, text: str, lang: str) -> None:
        """Render form text into the cache in the background; nothing is delivered."""
        with self._lock:
            if self._closed:
                return
            self._ahead.submit(self._quiet_render, text, lang)

    def _quiet_render(self, text: str, lang: str) -> None:
        try:
            self.render(text, lang, True)
        except Exception:
            pass

    def close(self) -> None:
        """Stop everything; subclasses also end their processes."""
        with self._lock:
            self._closed = True
        self.stop()
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._ahead.shutdown(wait=False, cancel_futures=True)
