"""A form's recordings (media::audio) made into 16-bit PCM WAV, the one thing the player plays.

miniaudio decodes the formats form authors use (WAV in any PCM or float layout, MP3, FLAC,
Ogg Vorbis) without Qt's media backend, which would load FFmpeg, Qt Quick and QML (about
18 MiB) for a few seconds of a volunteer's voice. Anything else (M4A, AMR, ...) is reported
as unplayable, and the question is read by the synthetic voice instead; `forms check` says so
before a person ever meets it. Decoding runs off the GUI thread (see the speech service).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from inclusion_app.engine.itext import playable_recording
from inclusion_app.speech import wav as wavinfo

MAX_SECONDS = 180.0  # a question read aloud; longer is a mistake, and ~8 MB of memory


log = logging.getLogger(__name__)


class Unplayable(Exception):
    """A recording this program cannot play; the message says why, in plain words."""


def decode(path: str | Path) -> bytes:
    """The recording as a mono or stereo 16-bit PCM WAV at its own sample rate.

    Raises Unplayable for a missing, broken, too long or unsupported file."""
    import miniaudio  # here: only a form with recordings needs the decoder

    file = Path(path)
    if not file.is_file():
        raise Unplayable(f"the recording {file.name} is missing")
    if not playable_recording(file.name):
        raise Unplayable(f"{file.suffix or 'this'} recordings cannot be played; "
                         "use WAV, MP3, FLAC or Ogg Vorbis")
    try:
        info = miniaudio.get_file_info(str(file))
        if info.duration > MAX_SECONDS:
            raise Unplayable(f"the recording {file.name} is longer than {MAX_SECONDS:.0f} s")
        channels = max(1, min(2, info.nchannels))
        sound = miniaudio.decode_file(str(file), output_format=miniaudio.SampleFormat.SIGNED16,
                                      nchannels=channels, sample_rate=info.sample_rate)
    except miniaudio.MiniaudioError as exc:  # DecodeError is one of these
        raise Unplayable(f"the recording {file.name} could not be read") from exc
    if not sound.samples:
        raise Unplayable(f"the recording {file.name} is silent")
    return wavinfo.pack(sound.samples.tobytes(), sound.sample_rate, sound.nchannels)


def decode_later(path: str | Path, deliver: Callable[[bytes | None], None]) -> None:
    """Decode on a thread of its own (a long MP3 takes a while) and hand the WAV, or None for a
    recording that cannot be played, to `deliver` on that thread."""

    def work() -> None:
        try:
            wav: bytes | None = decode(path)
        except Unplayable as exc:
            log.info("recorded audio could not be played (%s); using speech", exc)
            wav = None
        deliver(wav)

    threading.Thread(target=work, name="recording", daemon=True).start()
