"""Plays speech and recordings with Qt Multimedia; stops at once, never blocks the GUI thread.

Speech arrives as WAV bytes and goes straight to a QAudioSink from memory, so audio of a
person's answers never touches the disk. (QMediaPlayer.setSourceDevice was tried first: with
the FFmpeg backend it hung the GUI thread after some quick source changes.) Recordings
(a form's media::audio files) play through QMediaPlayer from their file. With no audio
device, playback is simulated for the audio's real length, so the program (and CI) behaves
the same. A watchdog ends any item whose backend never reports the end.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QTimer, QUrl, Signal
from PySide6.QtMultimedia import (
    QAudioFormat,
    QAudioOutput,
    QAudioSink,
    QMediaDevices,
    QMediaPlayer,
)

from inclusion_app.speech import wav as wavinfo

try:  # Qt 6.7 moved the sink's enums to QtAudio; QAudio's compare unequal to what sinks return
    from PySide6.QtMultimedia import QtAudio as _Audio
except ImportError:  # pragma: no cover - older Qt
    from PySide6.QtMultimedia import QAudio as _Audio

_SLACK_MS = 3000  # beyond the audio's own length before the watchdog gives up on a backend
_FILE_LIMIT_MS = 120_000
_POLL_MS = 20  # recordings, whose length is unknown until loaded


class AudioPlayer(QObject):
    """`events` records ("play"|"stopped"|"finished"|"failed", tag) in order, for tests."""

    started = Signal(str)
    finished = Signal(str)  # reached the end (or the watchdog ended it)
    stopped = Signal(str)  # interrupted by stop()
    failed = Signal(str, str)  # tag, reason: the caller may fall back to synthetic speech

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._device = QMediaDevices.defaultAudioOutput()
        self._sink: QAudioSink | None = None
        self._buffer: QBuffer | None = None
        self._media: QMediaPlayer | None = None
        self._media_out: QAudioOutput | None = None
        self._volume = 1.0
        self._tag: str | None = None
        self._clock = QTimer(self)  # simulated playback when there is no audio device
        self._clock.setSingleShot(True)
        self._clock.timeout.connect(lambda: self._end("finished"))
        self._poll = QTimer(self)  # watches the sink while it plays
        self._poll.setInterval(_POLL_MS)
        self._poll.timeout.connect(self._check_sink)
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._on_watchdog)
        self.events: list[tuple[str, str]] = []
        self.backend = ""  # what played the last item: "sink", "simulated" or "media"
        self.watchdog_fired = 0  # items the backend never finished (should stay 0)

    @property
    def has_device(self) -> bool:
        return not self._device.isNull()

    @property
    def playing(self) -> bool:
        return self._tag is not None

    @property
    def current_tag(self) -> str | None:
        return self._tag

    def set_volume(self, volume: float) -> None:
        self._volume = max(0.0, min(1.0, float(volume)))
        if self._sink is not None:
            self._sink.setVolume(self._volume)
        if self._media_out is not None:
            self._media_out.setVolume(self._volume)

    def volume(self) -> float:
        return self._volume

    # -- speech ---------------------------------------------------------------------------
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
        self._device = QMediaDevices.defaultAudioOutput()  # headphones may have been plugged in
        if self.has_device and self._start_sink(rate, channels, frames):
            self.backend = "sink"
        else:
            self.backend = "simulated"
            self._clock.start(max(1, int(seconds * 1000)))

    def _start_sink(self, rate: int, channels: int, frames: bytes) -> bool:
        fmt = QAudioFormat()
        fmt.setSampleRate(rate)
        fmt.setChannelCount(channels)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        if not self._device.isFormatSupported(fmt):
            # Some devices take only their own format: convert (speech is short).
            preferred = self._device.preferredFormat()
            to_rate, to_channels = preferred.sampleRate(), preferred.channelCount()
            frames = wavinfo.convert16(frames, rate, channels, to_rate, to_channels)
            fmt.setSampleRate(to_rate)
            fmt.setChannelCount(to_channels)
            if not self._device.isFormatSupported(fmt):
                return False
        buffer = QBuffer(self)
        buffer.setData(QByteArray(frames))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        sink = QAudioSink(self._device, fmt, self)
        sink.setVolume(self._volume)
        self._sink, self._buffer = sink, buffer
        sink.start(buffer)
        if sink.error() != _Audio.Error.NoError:
            self._drop_sink()
            return False
        # Polled, not stateChanged: PySide cannot hand the signal's QAudio::State to Python.
        self._poll.start()
        return True

    def _check_sink(self) -> None:
        sink = self._sink
        if sink is None:
            self._poll.stop()
            return
        state = sink.state()
        if state == _Audio.State.IdleState:  # the buffer has been played to the end
            self._end("finished")
        elif state == _Audio.State.StoppedState:
            self._end("finished")  # the device went away: treat as done, never hang

    def _drop_sink(self) -> None:
        sink, buffer = self._sink, self._buffer
        self._sink = self._buffer = None
        if sink is not None:
            sink.stop()
            sink.deleteLater()
        if buffer is not None:
            buffer.close()
            buffer.setData(QByteArray())  # drop the audio (maybe of an answer) now
            buffer.deleteLater()

    # -- recordings -----------------------------------------------------------------------
    def play_file(self, path: str | Path, tag: str = "") -> None:
        """Play a recording (a form's media::audio file); `failed` if it is missing or broken."""
        self.stop()
        self._start(tag, _FILE_LIMIT_MS)
        if not Path(path).is_file():
            self._end("failed", "missing file")
            return
        if self._media is None:
            self._media = QMediaPlayer(self)
            self._media_out = QAudioOutput(self)
            self._media.setAudioOutput(self._media_out)
            self._media.mediaStatusChanged.connect(self._on_media_status)
            self._media.errorOccurred.connect(self._on_media_error)
        assert self._media_out is not None
        self.backend = "media"
        self._media_out.setVolume(self._volume)
        self._media.setSource(QUrl.fromLocalFile(str(path)))
        self._media.play()

    def _on_media_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            self._end("finished")
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self._end("failed", "invalid media")

    def _on_media_error(self, error: QMediaPlayer.Error, message: str) -> None:
        if error != QMediaPlayer.Error.NoError:
            self._end("failed", message or str(error))

    # -- common ---------------------------------------------------------------------------
    def stop(self) -> None:
        """Silence at once; the interrupted item is reported as stopped, never as finished."""
        tag = self._tag
        self._tag = None
        self._halt_backends()
        if tag is not None:
            self.events.append(("stopped", tag))
            self.stopped.emit(tag)

    def _halt_backends(self) -> None:
        self._watchdog.stop()
        self._poll.stop()
        self._clock.stop()
        self._drop_sink()
        if self._media is not None and (
            self._media.playbackState() != QMediaPlayer.PlaybackState.StoppedState
        ):
            self._media.stop()

    def _start(self, tag: str, limit_ms: int) -> None:
        self._tag = tag
        self.events.append(("play", tag))
        self._watchdog.start(limit_ms)
        self.started.emit(tag)

    def _end(self, kind: str, reason: str = "") -> None:
        tag = self._tag
        if tag is None:
            return
        self._tag = None
        self._halt_backends()
        self.events.append((kind, tag))
        if kind == "failed":
            self.failed.emit(tag, reason)
        else:
            self.finished.emit(tag)

    def _on_watchdog(self) -> None:
        self.watchdog_fired += 1
        self._end("finished")


def play_and_wait(wav: bytes, volume: float = 1.0) -> bool:
    """Play WAV bytes to the end (the command line's `say`); True when the player finished."""
    import os

    from PySide6.QtCore import QCoreApplication, QEventLoop

    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false")  # no audio-device chatter
    app = QCoreApplication.instance() or QCoreApplication([])
    player = AudioPlayer()
    player.set_volume(volume)
    loop = QEventLoop()
    outcome: list[bool] = []
    player.finished.connect(lambda _tag: (outcome.append(True), loop.quit()))
    player.failed.connect(lambda _tag, _why: (outcome.append(False), loop.quit()))
    player.play_wav(wav, "say")
    if not outcome:
        loop.exec()
    player.stop()
    player.deleteLater()
    del app  # the application object outlives this call; only our reference goes
    return bool(outcome and outcome[0])
