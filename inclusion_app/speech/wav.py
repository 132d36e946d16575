"""Small facts about WAV bytes: repair a streamed header, length in seconds, loudness."""

from __future__ import annotations

import io
import math
import struct
import wave
from array import array


def fix_header(data: bytes) -> bytes:
    """espeak-ng --stdout cannot seek back, so its RIFF and data sizes are placeholders: fill them."""
    if len(data) < 44 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        return data
    pos = 12
    out = bytearray(data)
    while pos + 8 <= len(out):
        chunk, size = out[pos : pos + 4], struct.unpack_from("<I", out, pos + 4)[0]
        if chunk == b"data":
            struct.pack_into("<I", out, pos + 4, len(out) - pos - 8)
            struct.pack_into("<I", out, 4, len(out) - 8)
            return bytes(out)
        pos += 8 + size + (size & 1)
    return data


def duration(data: bytes) -> float:
    """Seconds of audio; 0.0 for anything that is not a readable WAV."""
    try:
        with wave.open(io.BytesIO(data)) as w:
            return w.getnframes() / float(w.getframerate() or 1)
    except (wave.Error, EOFError, struct.error):
        return 0.0


def rms(data: bytes) -> float:
    """Root-mean-square level of 16-bit samples (0-32767): near 0 means silence."""
    try:
        with wave.open(io.BytesIO(data)) as w:
            if w.getsampwidth() != 2:
                return 0.0
            frames = w.readframes(w.getnframes())
    except (wave.Error, EOFError, struct.error):
        return 0.0
    samples = array("h")
    samples.frombytes(frames[: len(frames) // 2 * 2])
    if not samples:
        return 0.0
    return math.sqrt(sum(s * s for s in samples) / len(samples))


def pcm(data: bytes) -> tuple[int, int, int, bytes] | None:
    """(sample rate, channels, sample width, raw frames) of a PCM WAV, or None if unreadable."""
    try:
        with wave.open(io.BytesIO(data)) as w:
            return w.getframerate(), w.getnchannels(), w.getsampwidth(), w.readframes(w.getnframes())
    except (wave.Error, EOFError, struct.error):
        return None


def pack(frames: bytes, rate: int, channels: int, width: int = 2) -> bytes:
    """Raw little-endian PCM frames wrapped as WAV bytes (in memory only)."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(width)
        out.setframerate(rate)
        out.writeframes(frames)
    return buf.getvalue()


def from_aiff(data: bytes) -> bytes:
    """macOS's speech engine saves AIFF whatever the file name says: make it a PCM WAV."""
    if data[:4] != b"FORM":
        return data
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # aifc is fine until 3.13
        try:
            import aifc
        except ImportError:  # Python 3.13+: leave it; the player reports it as unplayable
            return data
        try:
            with aifc.open(io.BytesIO(data)) as a:
                rate, channels, width = a.getframerate(), a.getnchannels(), a.getsampwidth()
                frames = a.readframes(a.getnframes())
        except (aifc.Error, EOFError, struct.error):
            return data
    if width == 2:
        samples = array("h")
        samples.frombytes(frames)
        samples.byteswap()  # AIFF is big-endian, WAV little-endian
        frames = samples.tobytes()
    return pack(frames, rate, channels, width)
