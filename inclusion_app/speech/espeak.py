"""Direct espeak-ng renderer: text in on stdin, WAV out on stdout, nothing written to disk.

On Linux this is more robust than pyttsx3 (see the project's notes): each render is its own
short-lived process, killed by a timeout if it ever hangs, so a stuck engine cannot stall us.
Text goes through stdin, not the command line, so other accounts cannot read it in `ps`.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from pathlib import Path

from inclusion_app.speech import voices as voices_mod
from inclusion_app.speech.rendering import RenderError, RenderingSpeaker
from inclusion_app.speech.speaker import Voice
from inclusion_app.speech.wav import fix_header

_LINE = re.compile(r"^\s*(\d+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*(.*)$")


def binary() -> str | None:
    return shutil.which("espeak-ng") or shutil.which("espeak")


def _timeout(text: str) -> float:
    """Generous: espeak renders a 4-second sentence in about 20 ms; a hang is far beyond this."""
    return 10.0 + len(text) * 0.02


def list_voices(exe: str | None = None) -> list[Voice]:
    """Parse `espeak-ng --voices`: priority, language, age/gender, name, file, other languages."""
    exe = exe or binary()
    if exe is None:
        return []
    out = subprocess.run([exe, "--voices"], capture_output=True, timeout=15, check=False)
    found: list[Voice] = []
    for line in out.stdout.decode("utf-8", "replace").splitlines()[1:]:
        match = _LINE.match(line)
        if not match:
            continue
        _pty, lang, _age, name, file, others = match.groups()
        tags = [lang] + re.findall(r"\(([^\s()]+)\s+\d+\)", others)
        found.append(Voice(id=file, name=name.replace("_", " "), languages=tuple(tags),
                           engine="espeak-ng"))
    return found


@functools.lru_cache(maxsize=64)
def ipa(voice_id: str, text: str, exe: str | None = None) -> str:
    """The phonemes espeak would speak, e.g. to check a Chinese voice stays in Chinese."""
    exe = exe or binary()
    if exe is None:
        return ""
    try:
        out = subprocess.run([exe, "-v", voice_id, "-q", "--ipa", "--stdin"],
                             input=text.encode("utf-8"), capture_output=True, timeout=15)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return out.stdout.decode("utf-8", "replace") if out.returncode == 0 else ""


def render_wav(text: str, voice_id: str, wpm: int, volume: float, exe: str | None = None) -> bytes:
    """WAV bytes for `text`; raises RenderError when espeak fails, hangs or says nothing."""
    exe = exe or binary()
    if exe is None:
        raise RenderError("espeak-ng is not installed")
    amplitude = str(max(0, min(200, round(volume * 100))))
    cmd = [exe, "-v", voice_id, "-s", str(wpm), "-a", amplitude, "--stdout", "--stdin"]
    try:
        out = subprocess.run(cmd, input=text.encode("utf-8"), capture_output=True,
                             timeout=_timeout(text))
    except subprocess.TimeoutExpired as exc:  # run() has already killed it: our watchdog
        raise RenderError("espeak-ng did not finish") from exc
    except OSError as exc:
        raise RenderError(f"espeak-ng could not start: {exc}") from exc
    if out.returncode != 0 or len(out.stdout) <= 44:
        raise RenderError(f"espeak-ng failed (exit {out.returncode})")
    return fix_header(out.stdout)


class EspeakSpeaker(RenderingSpeaker):
    """espeak-ng called directly; voices verified by their phonemes."""

    engine_name = "espeak-ng"

    def __init__(self, cache_dir: Path | None = None, exe: str | None = None) -> None:
        super().__init__(cache_dir=cache_dir)
        self.exe = exe or binary()

    def _engine_present(self) -> bool:
        return self.exe is not None

    def _list_voices(self) -> list[Voice]:
        return list_voices(self.exe)

    def _verify(self, voice: Voice, lang: str) -> bool:
        sample = voices_mod.SAMPLES.get(voices_mod.base_language(lang))
        if sample is None:
            return True
        return voices_mod.ipa_stays_in_language(ipa(voice.id, sample, self.exe), lang)

    def _render_with(self, text: str, voice: Voice, wpm: int, volume: float) -> bytes:
        return render_wav(text, voice.id, wpm, volume, self.exe)
