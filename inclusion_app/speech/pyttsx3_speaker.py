"""pyttsx3 behind worker processes: the default on Windows (SAPI5) and macOS (NSSpeech).

The only module importing pyttsx3, and only inside worker processes. Of pyttsx3 2.99's calls
only `save_to_file` + `runAndWait` behaved reliably, so each worker is set to one voice, rate
and volume once and then only saves files. pyttsx3 needs a file: it goes in a private temporary
folder and is deleted the moment it has been read into memory.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from inclusion_app.speech import voices as voices_mod
from inclusion_app.speech.rendering import RenderError, RenderingSpeaker
from inclusion_app.speech.speaker import Voice
from inclusion_app.speech.wav import from_aiff
from inclusion_app.speech.worker import WorkerError, WorkerPool

_FACTORY = "inclusion_app.speech.pyttsx3_speaker:make_renderer"
_LISTER = "inclusion_app.speech.pyttsx3_speaker:make_lister"
# Named, not left to pyttsx3's guess: Windows' own voices (SAPI5) and macOS's (NSSpeechSynthesizer).
DRIVERS = {"win32": "sapi5", "darwin": "nsss"}


def driver_name(platform: str | None = None) -> str | None:
    """pyttsx3's driver for this system; None elsewhere (pyttsx3 then uses espeak)."""
    return DRIVERS.get(platform or sys.platform)


def make_renderer(voice_id: str, wpm: int, volume: float, folder: str) -> Callable[[str], bytes]:
    """Runs in the worker: one engine set up once; each call renders one text to WAV bytes."""
    import pyttsx3

    sys.stdout = open(os.devnull, "w")  # pyttsx3 prints each saved file's path  # noqa: SIM115
    engine = pyttsx3.init(driverName=driver_name())
    engine.setProperty("voice", voice_id)
    engine.setProperty("rate", wpm)
    engine.setProperty("volume", volume)
    path = os.path.join(folder, f"{os.getpid()}.wav")  # the parent removes it if we are killed

    def render(text: str) -> bytes:
        try:
            engine.save_to_file(text, path)
            engine.runAndWait()
            with open(path, "rb") as fh:
                data = fh.read()
        finally:
            if os.path.exists(path):
                os.unlink(path)  # at once: it may hold a person's answer
        if len(data) <= 44:
            raise RuntimeError("the engine produced no audio")
        return from_aiff(data)

    return render


def make_lister() -> Callable[[str], list[tuple[str, str, tuple[str, ...]]]]:
    """Runs in a worker: pyttsx3.init() must never run in the GUI process."""
    import pyttsx3

    engine = pyttsx3.init(driverName=driver_name())

    def lister(_: str) -> list[tuple[str, str, tuple[str, ...]]]:
        found = []
        for v in engine.getProperty("voices"):
            langs = tuple(
                x.decode("utf-8", "replace") if isinstance(x, bytes) else str(x)
                for x in (v.languages or [])
            )
            found.append((str(v.id), str(v.name or v.id), langs))
        return found

    return lister


class Pyttsx3Speaker(RenderingSpeaker):
    """Renders in one worker process per voice, rate and volume."""

    engine_name = "pyttsx3"

    def __init__(self, cache_dir: Path | None = None) -> None:
        super().__init__(cache_dir=cache_dir)
        self._folder = tempfile.mkdtemp(prefix="speech-")  # owner-only on POSIX
        self._workers = WorkerPool(_FACTORY, timeout_for=lambda text: 20.0 + len(text) * 0.05)
        self._listers = WorkerPool(_LISTER, timeout_for=lambda _: 30.0, max_failures=1)
        # Listing voices starts a process (a second or two on Windows): never on the GUI thread.
        self._listing = self._pool.submit(self.voices)

    def is_available(self) -> bool:
        """Optimistic while the voices are still being listed, so start-up never waits."""
        if not self._listing.done():
            return not self.broken
        return super().is_available()

    def _engine_present(self) -> bool:
        return not self._workers.broken

    def _list_voices(self) -> list[Voice]:
        try:
            rows = self._listers.render("voices", (), "") or []
        except WorkerError:
            return []
        finally:
            self._listers.close()
        return [Voice(id=i, name=n, languages=langs, engine="pyttsx3") for i, n, langs in rows]

    def _verify(self, voice: Voice, lang: str) -> bool:
        # On Linux pyttsx3 drives espeak-ng: listen to the phonemes as the espeak speaker does.
        exe = shutil.which("espeak-ng") if sys.platform.startswith("linux") else None
        sample = voices_mod.SAMPLES.get(voices_mod.base_language(lang))
        if exe is None or sample is None:
            return True
        from inclusion_app.speech.espeak import ipa

        return voices_mod.ipa_stays_in_language(ipa(voice.id, sample, exe), lang)

    def _render_with(self, text: str, voice: Voice, wpm: int, volume: float) -> bytes:
        key, args = (voice.id, wpm, round(volume, 2)), (voice.id, wpm, volume, self._folder)
        try:
            try:
                wav = self._workers.render(key, args, text)
            except WorkerError:
                # pyttsx3 now and then saves an empty file: one more try in a fresh worker.
                self._remove_orphans()
                wav = self._workers.render(key, args, text)
        except WorkerError as exc:
            self._remove_orphans()
            raise RenderError(str(exc)) from exc
        if not wav:
            raise RenderError("the speech workers have given up")
        return wav

    def _remove_orphans(self) -> None:
        """A worker killed mid-render may leave its file (maybe a person's answer): delete it."""
        alive = {str(w.pid) for w in self._workers.workers() if w.pid is not None}
        for path in Path(self._folder).glob("*.wav"):
            if path.stem not in alive:
                path.unlink(missing_ok=True)

    def close(self) -> None:
        super().close()
        self._workers.close()
        self._listers.close()
        shutil.rmtree(self._folder, ignore_errors=True)
