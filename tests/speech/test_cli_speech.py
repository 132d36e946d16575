"""`inclusion-app voices` and `inclusion-app say` with the real espeak-ng."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from inclusion_app.cli import Context, build_parser
from inclusion_app.speech import wav


def run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    args = build_parser().parse_args(argv)
    return args.handler(args, Context(out=out)), out.getvalue()


def test_voices_lists_and_names_the_chosen_voice():
    """`voices --lang zh` names the Mandarin pinyin voice the program would use."""
    code, text = run(["voices", "--lang", "zh"])
    assert code == 0
    assert "cmn-Latn-pinyin" in text and "the program uses" in text


def test_voices_for_a_language_without_a_voice_exits_1(capsys):
    """A language nobody speaks on this machine is a plain message and exit 1."""
    code, text = run(["voices", "--lang", "xx"])
    assert code == 1 and "no voice" in text


def test_say_writes_a_wav_with_the_chosen_voice(tmp_path):
    """`say --out` writes a real, audible WAV file."""
    out = tmp_path / "hello.wav"
    code, text = run(["say", "您好，欢迎", "--lang", "zh", "--rate", "slow", "--out", str(out)])
    data = out.read_bytes()
    assert code == 0 and "cmn-Latn-pinyin" in text
    assert wav.duration(data) > 0.5 and wav.rms(data) > 300


def test_say_without_a_fitting_voice_exits_1(tmp_path, capsys):
    """`say --lang xx` explains there is no such voice, writes nothing, exits 1."""
    out = tmp_path / "x.wav"
    code, _ = run(["say", "hello", "--lang", "xx", "--out", str(out)])
    assert code == 1 and not out.exists()
    assert "No voice" in capsys.readouterr().err


def test_say_to_an_unwritable_place_is_a_plain_message(tmp_path, capsys):
    """A bad --out path gives a sentence, not a traceback."""
    code, _ = run(["say", "hello", "--lang", "en", "--out", str(tmp_path / "no" / "x.wav")])
    err = capsys.readouterr().err
    assert code == 1 and "Could not write" in err and "Traceback" not in err


def test_say_without_a_sound_device_says_so_plainly():
    """No sound server and no sound card: one plain sentence pointing at --out, and no page of
    ALSA errors."""
    env = {k: v for k, v in os.environ.items() if k != "PULSE_SERVER"}
    proc = subprocess.run(
        [sys.executable, "-m", "inclusion_app", "say", "Hello", "--lang", "en", "--rate", "fast"],
        capture_output=True, text=True, timeout=120, env={**env, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert proc.returncode == 1
    assert "No sound device was found" in proc.stderr and "--out" in proc.stderr
    assert "Traceback" not in proc.stderr and "ALSA lib" not in proc.stderr
