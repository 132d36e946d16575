"""The sound device: 16-bit PCM from memory through miniaudio, with no Qt and nothing on disk.

Why not Qt Multimedia: the first use of any of its audio classes loads its media backend
(FFmpeg, plus Qt Quick and QML, which that plugin links), about 18 MiB, to play a few seconds
of speech. miniaudio talks to PulseAudio/PipeWire or ALSA, WASAPI and Core Audio itself, in a
1.6 MB library. Qt Multimedia is now loaded only for a camera.

Every call into the sound system (opening, starting and stopping the device, which wait on
the sound server) happens on a thread of this class's own, so a slow or hung server never
freezes the window: `play` and `stop` only leave a note and return. miniaudio pulls audio on
its device thread through a generator; what those threads and the caller share sits behind
one lock, and the caller only polls `status`. The end is counted in the device's own time (two
periods of silence after the last sample was handed over). Volume is applied to each chunk.
"""

from __future__ import annotations

import logging
import queue
import sys
import threading
import time
from array import array
from pathlib import Path

log = logging.getLogger(__name__)

PERIOD_MS = 100  # the device asks for this much at a time: short enough to stop at once
_TAIL_PERIODS = 2  # silent periods after the last sample: it has then left the speaker
_RETRY_S = 20.0  # after no device was found, how long before opening is tried again

IDLE, OPENING, PLAYING, DONE, NO_DEVICE = "idle", "opening", "playing", "done", "no device"


class SoundOutput:
    """One playback device, opened on first use for the audio's rate and channel count."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._data = memoryview(b"")
        self._pos = 0
        self._tail = _TAIL_PERIODS
        self._serial = 0  # which play() is current; older notes and feeds fall silent
        self._state = IDLE
        self._volume = 1.0
        self._notes: queue.SimpleQueue[tuple[str, int, int, int]] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        # used by the sound thread only
        self._device = None  # miniaudio.PlaybackDevice
        self._format: tuple[int, int] | None = None
        self._failed_at: float | None = None
        self.error = ""  # why the last open failed, for the log

    @property
    def volume(self) -> float:
        return self._volume

    @volume.setter
    def volume(self, value: float) -> None:
        self._volume = max(0.0, min(1.0, float(value)))

    def play(self, frames: bytes, rate: int, channels: int) -> None:
        """Start playing 16-bit frames (whatever played before stops); see `status`."""
        with self._lock:
            self._serial += 1
            self._data, self._pos, self._tail = memoryview(frames), 0, 0
            self._state = OPENING
            serial = self._serial
        self._note("play", serial, rate, channels)

    def status(self) -> str:
        """IDLE, OPENING, PLAYING, DONE (everything heard) or NO_DEVICE (nothing will play)."""
        with self._lock:
            if self._state == PLAYING and self._pos >= len(self._data) \
                    and self._tail >= _TAIL_PERIODS:
                return DONE
            return self._state

    def stop(self) -> None:
        """Silence at once (the device thread feeds silence from now on); the audio is dropped."""
        with self._lock:
            self._serial += 1
            self._data, self._pos, self._tail = memoryview(b""), 0, _TAIL_PERIODS
            self._state = IDLE
            serial = self._serial
        if self._thread is not None:
            self._note("stop", serial, 0, 0)

    def close(self, timeout: float = 2.0) -> None:
        """Stop and let go of the device (at exit); waits a little for the sound thread."""
        self.stop()
        thread = self._thread
        if thread is not None:
            self._notes.put(("close", 0, 0, 0))
            thread.join(timeout)
            self._thread = None

    # -- the sound thread --------------------------------------------------------------------
    def _note(self, what: str, serial: int, rate: int, channels: int) -> None:
        self._notes.put((what, serial, rate, channels))
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="sound", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            what, serial, rate, channels = self._notes.get()
            if what == "close":
                self._halt()
                self._close_device()
                return
            with self._lock:
                current = serial == self._serial
            if what == "stop" or not current:
                self._halt()  # a later note supersedes this one
                continue
            self._start(serial, rate, channels)

    def _start(self, serial: int, rate: int, channels: int) -> None:
        self._halt()
        ok = self._open(rate, channels)
        if ok:
            feed = self._feed(serial, 2 * channels)
            next(feed)
            try:
                self._device.start(feed)
            except Exception as exc:  # noqa: BLE001 - the device went away since it was opened
                log.info("sound device would not start: %s", exc)
                self._close_device()
                ok = False
        with self._lock:
            if serial == self._serial:
                self._state = PLAYING if ok else NO_DEVICE

    def _halt(self) -> None:
        device = self._device
        if device is not None and device.running:
            try:
                device.stop()  # waits for the device thread's current period, never for more
            except Exception as exc:  # noqa: BLE001 - a lost device is stopped anyway
                log.info("sound device stop: %s", exc)
                self._close_device()

    def _open(self, rate: int, channels: int) -> bool:
        if self._device is not None and self._format == (rate, channels):
            return True
        if self._failed_at is not None and time.monotonic() - self._failed_at < _RETRY_S:
            return False
        self._close_device()
        try:
            import miniaudio

            self._device = miniaudio.PlaybackDevice(
                output_format=miniaudio.SampleFormat.SIGNED16, nchannels=channels,
                sample_rate=rate, buffersize_msec=PERIOD_MS, backends=_backends(miniaudio),
                app_name="Inclusion Assistant")
        except Exception as exc:  # noqa: BLE001 - no sound card, no server, no library
            self.error = str(exc) or type(exc).__name__
            self._failed_at = time.monotonic()
            log.info("no sound device: %s", self.error)
            return False
        self._format, self._failed_at, self.error = (rate, channels), None, ""
        return True

    def _close_device(self) -> None:
        device, self._device, self._format = self._device, None, None
        if device is not None:
            try:
                device.close()
            except Exception as exc:  # noqa: BLE001
                log.info("sound device close: %s", exc)

    def _feed(self, serial: int, frame_bytes: int):  # type: ignore[no-untyped-def]
        """The generator miniaudio calls on its thread: the next chunk, or silence (b"")."""
        frames = yield b""
        while True:
            with self._lock:
                if serial != self._serial:
                    chunk = b""
                else:
                    start = self._pos
                    self._pos = min(len(self._data), start + frames * frame_bytes)
                    chunk = self._data[start:self._pos]
                    if not chunk:
                        self._tail += 1
                volume = self._volume
            frames = yield _scaled(chunk, volume) if chunk else b""


def _backends(miniaudio) -> list | None:  # type: ignore[no-untyped-def]
    """Linux: the sound server (PulseAudio or PipeWire's stand-in for it), and ALSA only where
    the kernel has a sound card: ALSA without one prints a page of errors to the terminal.
    Elsewhere miniaudio's own order (WASAPI on Windows, Core Audio on macOS)."""
    if not sys.platform.startswith("linux"):
        return None
    found = [miniaudio.Backend.PULSEAUDIO]
    try:
        cards = Path("/proc/asound/cards").read_text(encoding="utf-8", errors="replace")
    except OSError:
        cards = ""
    if cards.strip() and "no soundcards" not in cards:
        found.append(miniaudio.Backend.ALSA)
    return found


def _scaled(chunk: memoryview, volume: float) -> bytes:
    if volume >= 0.999:
        return bytes(chunk)
    samples = array("h")
    samples.frombytes(chunk)
    return array("h", [int(s * volume) for s in samples]).tobytes()


def play_blocking(wav: bytes, volume: float = 1.0, timeout: float = 300.0) -> bool:
    """Play WAV bytes to the end (the command line's `say`); False with no sound device."""
    from inclusion_app.speech import wav as wavinfo

    parsed = wavinfo.pcm(wav)
    if parsed is None or parsed[2] != 2:
        return False
    rate, channels, _width, frames = parsed
    out = SoundOutput()
    out.volume = volume
    try:
        out.play(frames, rate, channels)
        end = time.monotonic() + timeout
        while out.status() in (OPENING, PLAYING) and time.monotonic() < end:
            time.sleep(0.02)
        return out.status() == DONE
    finally:
        out.close()
