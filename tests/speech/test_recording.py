"""A form's recordings decoded for the player, and the sound output's own bookkeeping."""

from __future__ import annotations

from array import array
from pathlib import Path

import pytest

from inclusion_app.engine.itext import playable_recording
from inclusion_app.speech import output, recording, wav
from inclusion_app.speech.fake import tone_wav

RECORDINGS = Path(__file__).resolve().parents[1] / "data" / "recordings"


@pytest.mark.parametrize(("name", "rate", "channels", "seconds"), [
    ("tone.mp3", 24000, 2, 0.6), ("tone.ogg", 44100, 2, 0.6), ("tone.flac", 44100, 2, 0.6),
    ("tone24.wav", 16000, 1, 0.5),
])
def test_recordings_in_common_formats_become_16_bit_wav(name, rate, channels, seconds):
    """MP3, Ogg Vorbis, FLAC and a 24-bit WAV decode to audible 16-bit PCM of the right length."""
    decoded = recording.decode(RECORDINGS / name)
    got_rate, got_channels, width, frames = wav.pcm(decoded)
    assert (got_rate, got_channels, width) == (rate, channels, 2)
    assert wav.duration(decoded) == pytest.approx(seconds, abs=0.06)
    assert wav.rms(decoded) > 3000  # the tone, not silence
    assert len(frames) > 0


def test_unsupported_missing_broken_and_too_long_recordings_are_named(tmp_path, monkeypatch):
    """Each problem is Unplayable with a sentence that names the file or the format."""
    m4a = tmp_path / "hello.m4a"
    m4a.write_bytes(b"\0\0\0\x20ftypM4A " + bytes(64))
    with pytest.raises(recording.Unplayable, match="WAV, MP3, FLAC or Ogg"):
        recording.decode(m4a)
    with pytest.raises(recording.Unplayable, match="missing"):
        recording.decode(tmp_path / "gone.mp3")
    broken = tmp_path / "broken.mp3"
    broken.write_bytes(b"this is not audio at all" * 100)
    with pytest.raises(recording.Unplayable, match="broken.mp3"):
        recording.decode(broken)
    monkeypatch.setattr(recording, "MAX_SECONDS", 0.2)
    with pytest.raises(recording.Unplayable, match="longer than"):
        recording.decode(RECORDINGS / "tone.ogg")
    assert playable_recording("Q1.MP3") and not playable_recording("q1.amr")


def _pull(out: output.SoundOutput, feed, frames: int, times: int) -> bytes:  # type: ignore[no-untyped-def]
    """Ask the generator for audio as the device thread would."""
    got = b""
    for _ in range(times):
        got += feed.send(frames)
    return got


def test_output_feeds_all_audio_then_counts_the_tail_in_device_time():
    """The device gets every sample once, in the sizes it asks for; DONE only after two
    silent periods; a volume change applies to the next chunk."""
    out = output.SoundOutput()
    assert out.status() == output.IDLE
    frames = array("h", [1000] * 1000).tobytes()
    with out._lock:  # what play() and the sound thread leave behind once the device runs
        out._serial += 1
        out._data, out._pos, out._tail = memoryview(frames), 0, 0
        out._state = output.PLAYING
    feed = out._feed(out._serial, 2)
    next(feed)
    first = feed.send(400)
    assert len(first) == 800 and out.status() == output.PLAYING
    out.volume = 0.5
    rest = _pull(out, feed, 400, 2)
    assert len(first) + len(rest) == len(frames)
    assert array("h", rest)[0] == 500  # half as loud from the change on
    assert out.status() == output.PLAYING
    assert _pull(out, feed, 400, 2) == b""  # silence after the end
    assert out.status() == output.DONE
    out.stop()
    assert feed.send(400) == b"" and out.status() == output.IDLE  # a stopped feed is silent


def _settled(out: output.SoundOutput, timeout: float = 10.0) -> str:
    import time

    end = time.monotonic() + timeout
    while out.status() == output.OPENING and time.monotonic() < end:
        time.sleep(0.01)
    return out.status()


def test_output_without_a_device_says_so_and_is_not_retried_at_once(monkeypatch):
    """With no sound server or card the sound thread reports NO_DEVICE (the caller never
    waits for it), and the next item within the retry interval does not try again."""
    monkeypatch.delenv("PULSE_SERVER", raising=False)
    out = output.SoundOutput()
    parsed = wav.pcm(tone_wav(0.1))
    out.play(parsed[3], parsed[0], parsed[1])
    assert _settled(out) == output.NO_DEVICE and out.error
    opened = []
    monkeypatch.setattr(out, "_close_device", lambda: opened.append(1))
    out.play(parsed[3], parsed[0], parsed[1])
    assert _settled(out) == output.NO_DEVICE
    assert opened == []  # it did not try to open within the retry interval
    out.close()
    assert out._thread is None
