"""Playback through a real audio device: a private PulseAudio server with a null sink."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from inclusion_app.speech.fake import tone_wav

REPO = Path(__file__).resolve().parents[2]
RECORDINGS = REPO / "tests" / "data" / "recordings"


@pytest.fixture
def pulse_server(tmp_path):
    """A PulseAudio daemon of our own (null sink, private socket), stopped afterwards."""
    exe = shutil.which("pulseaudio")
    assert exe, "pulseaudio is missing: run `make sysdeps`"
    socket = tmp_path / "native"
    env = {**os.environ, "HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(tmp_path)}
    proc = subprocess.Popen(
        [exe, "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no",
         "--disable-shm=yes", "--log-target=stderr", "--log-level=error",
         "-L", "module-null-sink sink_name=speakers",
         "-L", f"module-native-protocol-unix socket={socket} auth-anonymous=1"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while not socket.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert socket.exists(), "the private PulseAudio server did not start"
    yield f"unix:{socket}"
    proc.terminate()
    proc.wait(timeout=10)


def test_speech_plays_through_a_real_audio_device(pulse_server, tmp_path):
    """With a sound device, speech and recordings (WAV, MP3, Ogg, FLAC) go to the device itself;
    an interruption stops the first utterance cleanly, every item ends on its own, and Qt
    Multimedia (with its FFmpeg backend) is never loaded to speak."""
    env = {**os.environ, "PULSE_SERVER": pulse_server, "QT_QPA_PLATFORM": "offscreen",
           "HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(tmp_path)}
    recording = tmp_path / "recording.wav"
    recording.write_bytes(tone_wav(0.4))
    encoded = [str(RECORDINGS / name) for name in ("tone.mp3", "tone.ogg", "tone.flac")]
    proc = subprocess.run([sys.executable, "-m", "tests.speech.pulse_child", str(recording),
                           *encoded], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr[-800:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["device"] and result["backend"] == "device"
    kinds = [e[0] for e in result["events"]]
    assert kinds == ["play", "stopped", "play", "finished"] + ["play", "finished"] * 4
    assert result["finished"]
    assert result["recordings"] == [[True, "device"]] * 4  # each recording, on the device
    assert not any(text.startswith("Recorded") for text in result["synthesised"])
    assert result["watchdog"] == 0  # every item ended by the device itself, not the watchdog
    assert not result["qt_multimedia"] and not result["ffmpeg"]


def test_say_plays_on_the_sound_device(pulse_server, tmp_path):
    """`inclusion-app say` speaks through the device and ends once it has been heard."""
    env = {**os.environ, "PULSE_SERVER": pulse_server, "HOME": str(tmp_path),
           "XDG_RUNTIME_DIR": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-m", "inclusion_app", "say", "Hello", "--lang", "en",
                           "--rate", "fast"], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr[-800:]
    assert "Traceback" not in proc.stderr
