"""Plays speech and recordings with Qt Multimedia; can be stopped at once, never blocks.

Speech arrives as WAV bytes and is played from memory (QBuffer), so audio of a person's
answers never touches the disk. A watchdog ends an item whose player never reports the end
(a broken audio backend must not leave the program waiting forever).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QTimer, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

from inclusion_app.speech.wav import duration

_SLACK_MS = 3000  # beyond the audio's own length before the watchdog gives up on the player
_FILE_LIMIT_MS = 120_000  # recordings whose length is unknown until loaded


class AudioPlayer(QObject):
    """One QMediaPlayer; `events` records ("play"|"stopped"|"finished"|"failed", tag) in order."""

    started = Signal(str)
    finished = Signal(str)  # reached the end (or the watchdog ended it)
    stopped = Signal(str)  # interrupted by stop()
    failed = Signal(str, str)  # tag, reason: the caller may fall back to synthetic speech

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._player = QMediaPlayer(self)
        self._output = QAudioOutput(self)
        self._player.setAudioOutput(self._output)
        self._player.mediaStatusChanged.connect(self._on_status)
        self._player.errorOccurred.connect(self._on_error)
        self._buffer: QBuffer | None = None
        self._tag: str | None = None
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._on_watchdog)
        self.events: list[tuple[str, str]] = []

    @property
    def playing(self) -> bool:
        return self._tag is not None

    @property
    def current_tag(self) -> str | None:
        return self._tag

    def set_volume(self, volume: float) -> None:
        self._output.setVolume(max(0.0, min(1.0, float(volume))))

    def volume(self) -> float:
        return float(self._output.volume())

    def play_wav(self, wav: bytes, tag: str = "") -> None:
        """Play WAV bytes from memory, stopping whatever was playing first."""
        self.stop()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(wav))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._start(tag, int(duration(wav) * 1000) + _SLACK_MS)
        self._buffer = buffer
        self._player.setSourceDevice(buffer, QUrl("speech.wav"))
        self._player.play()

    def play_file(self, path: str | Path, tag: str = "") -> None:
        """Play a recording (a form's media::audio file); `failed` if it is missing or broken."""
        self.stop()
        self._start(tag, _FILE_LIMIT_MS)
        if not Path(path).is_file():
            self._end("failed", "missing file")
            return
        self._player.setSource(QUrl.fromLocalFile(str(path)))
        self._player.play()

    def stop(self) -> None:
        """Silence at once; the interrupted item is reported as stopped, never as finished."""
        tag = self._tag
        self._tag = None
        self._watchdog.stop()
        if self._player.playbackState() != QMediaPlayer.PlaybackState.StoppedState:
            self._player.stop()
        self._release_buffer()
        if tag is not None:
            self.events.append(("stopped", tag))
            self.stopped.emit(tag)

    def _start(self, tag: str, limit_ms: int) -> None:
        self._tag = tag
        self.events.append(("play", tag))
        self._watchdog.start(limit_ms)
        self.started.emit(tag)

    def _release_buffer(self) -> None:
        if self._buffer is not None:
            self._player.setSourceDevice(None)
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None

    def _end(self, kind: str, reason: str = "") -> None:
        tag = self._tag
        if tag is None:
            return
        self._tag = None
        self._watchdog.stop()
        self.events.append((kind, tag))
        if kind == "failed":
            self.failed.emit(tag, reason)
        else:
            self.finished.emit(tag)

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            self._end("finished")
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self._end("failed", "invalid media")

    def _on_error(self, error: QMediaPlayer.Error, message: str) -> None:
        if error != QMediaPlayer.Error.NoError:
            self._end("failed", message or str(error))

    def _on_watchdog(self) -> None:
        if self._player.playbackState() != QMediaPlayer.PlaybackState.StoppedState:
            self._player.stop()
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
