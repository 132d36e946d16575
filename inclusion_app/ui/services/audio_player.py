"""Plays speech and recordings from memory; stops at once, never blocks the GUI thread.

Everything arrives as WAV bytes (speech from the renderer, recordings decoded off the GUI
thread by `speech.recording`) and goes to the sound device through `speech.output`, so audio
of a person's answers never touches the disk and Qt Multimedia (whose media backend alone is
about 18 MiB) is not loaded to speak. The device is only ever touched on the sound thread of
`SoundOutput`; this object polls it. With no sound device, playback is simulated for the
audio's real length, so the program (and CI) behaves the same. A watchdog ends any item whose
device never reports the end.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal

from inclusion_app.speech import output as sound
from inclusion_app.speech import wav as wavinfo
from inclusion_app.speech.output import SoundOutput

_SLACK_MS = 3000  # beyond the audio's own length before the watchdog gives up on a device
_POLL_MS = 20
_MAX_EVENTS = 1000  # a kiosk speaks all day: keep only the recent history


class AudioPlayer(QObject):
    """`events` records ("play"|"stopped"|"finished"|"failed", tag) in order, for tests."""

    started = Signal(str)
    finished = Signal(str)  # reached the end (or the watchdog ended it)
    stopped = Signal(str)  # interrupted by stop()
    failed = Signal(str, str)  # tag, reason: the caller may fall back to synthetic speech

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._out = SoundOutput()
        self._tag: str | None = None
        self._clock = QTimer(self)  # simulated playback when there is no sound device
        self._clock.setSingleShot(True)
        self._clock.timeout.connect(self._simulated_end)
        self._poll = QTimer(self)  # watches the device while it plays
        self._poll.setInterval(_POLL_MS)
        self._poll.timeout.connect(self._check_device)
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._on_watchdog)
        self.events: list[tuple[str, str]] = []
        self._seconds = self._since = 0.0
        self.backend = ""  # what played the last item: "device" or "simulated"
        self.has_device = False  # whether the last item found a sound device
        self.watchdog_fired = 0  # items the device never finished (should stay 0)

    @property
    def playing(self) -> bool:
        return self._tag is not None

    @property
    def current_tag(self) -> str | None:
        return self._tag

    def set_volume(self, volume: float) -> None:
        self._out.volume = volume

    def volume(self) -> float:
        return self._out.volume

    def play_wav(self, wav: bytes, tag: str = "") -> None:
        """Play WAV bytes from memory, stopping whatever was playing first."""
        self.stop()
        seconds = wavinfo.duration(wav)
        self._start(tag, int(seconds * 1000) + _SLACK_MS)
        parsed = wavinfo.pcm(wav)
        if parsed is None or parsed[2] != 2:
            self._end("failed", "not 16-bit PCM audio")
            return
        rate, channels, _width, frames = parsed
        # The device is opened (or found missing) on the sound thread; the poll learns which.
        # Tried again on every item: headphones or a USB speaker may have been plugged in.
        self._seconds, self._since = seconds, time.monotonic()
        self._out.play(frames, rate, channels)
        self.backend = ""
        self._poll.start()

    def _check_device(self) -> None:
        state = self._out.status()
        if state == sound.DONE:
            if not self.backend:  # over before a poll saw it start
                self.backend, self.has_device = "device", True
            self._end("finished")
        elif state == sound.PLAYING and not self.backend:
            self.backend, self.has_device = "device", True
        elif state == sound.NO_DEVICE and self.backend != "simulated":
            # No sound device: the item still takes its real time, as if it were heard.
            self.backend, self.has_device = "simulated", False
            self._poll.stop()
            left = self._seconds - (time.monotonic() - self._since)
            self._clock.start(max(1, int(left * 1000)))

    def stop(self) -> None:
        """Silence at once; the interrupted item is reported as stopped, never as finished."""
        tag = self._tag
        self._tag = None
        self._halt()
        if tag is not None:
            self._record("stopped", tag)
            self.stopped.emit(tag)

    def close(self) -> None:
        """Stop and let go of the sound device (at exit)."""
        self.stop()
        self._out.close()

    def _halt(self) -> None:
        self._watchdog.stop()
        self._poll.stop()
        self._clock.stop()
        self._out.stop()

    def _record(self, kind: str, tag: str) -> None:
        self.events.append((kind, tag))
        if len(self.events) > _MAX_EVENTS:
            del self.events[: _MAX_EVENTS // 2]

    def _start(self, tag: str, limit_ms: int) -> None:
        self._tag = tag
        self._record("play", tag)
        self._watchdog.start(limit_ms)
        self.started.emit(tag)

    def _end(self, kind: str, reason: str = "") -> None:
        tag = self._tag
        if tag is None:
            return
        self._tag = None
        self._halt()
        self._record(kind, tag)
        if kind == "failed":
            self.failed.emit(tag, reason)
        else:
            self.finished.emit(tag)

    def _simulated_end(self) -> None:
        self._end("finished")

    def _on_watchdog(self) -> None:
        self.watchdog_fired += 1
        self._end("finished")
