"""Real speech through espeak-ng (and pyttsx3): shipped forms, rates, cache, privacy, failures."""

from __future__ import annotations

import stat
import sys
import tempfile
import time
from pathlib import Path

import pytest

from inclusion_app.paths import shipped_forms_dir
from inclusion_app.speech import espeak, script, wav
from inclusion_app.speech.espeak import EspeakSpeaker
from inclusion_app.speech.pyttsx3_speaker import Pyttsx3Speaker
from tests.speech.helpers import row

FORMS = sorted(shipped_forms_dir().glob("*.md"))


@pytest.fixture
def speaker(tmp_path):
    s = EspeakSpeaker(cache_dir=tmp_path / "speech-cache")
    yield s
    s.close()


def first_screen_text(form_path: Path, lang: str) -> str:
    from inclusion_app.engine.controller import FormController
    from inclusion_app.engine.loader import load_form

    form = load_form(form_path)
    screen = FormController(form, language=lang).screen
    return " ".join(u.text for u in script.screen_utterances(screen, lang))


def test_shipped_forms_exist():
    """The forms this test reads are really there (an empty folder must not pass silently)."""
    assert FORMS


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("form_path", FORMS, ids=[p.stem for p in FORMS])
def test_first_question_renders_audible_speech(form_path, lang, speaker):
    """Each shipped form's first screen renders to a non-silent WAV of plausible length."""
    text = first_screen_text(form_path, lang)
    assert text
    audio = speaker.render(text, lang)
    seconds = wav.duration(audio)
    assert wav.rms(audio) > 300, "silence"
    # Roughly 3-8 Chinese characters or 10-25 English characters a second at normal speed.
    assert 0.04 * len(text) < seconds < 0.6 * len(text) + 2
    if lang == "zh":
        assert "(en)" not in espeak.ipa(speaker.voice_for("zh").id, text)


def test_slow_rate_is_slower_than_fast(speaker):
    """The three rates are real: slow speech lasts clearly longer than fast."""
    text = "请问您今年多大年纪？"
    speaker.rate = "slow"
    slow = wav.duration(speaker.render(text, "zh"))
    speaker.rate = "fast"
    fast = wav.duration(speaker.render(text, "zh"))
    assert slow > fast * 1.3


def test_cache_hits_on_repeat_and_is_keyed_by_voice_and_rate(speaker):
    """A repeat comes from the cache; another rate or voice is a separate entry."""
    folder = speaker.cache.folder
    first = speaker.render("您好，欢迎使用。", "zh")
    assert speaker.cache.hits == 0 and len(list(folder.glob("*.wav"))) == 1
    assert speaker.render("您好，欢迎使用。", "zh") == first and speaker.cache.hits == 1
    speaker.rate = "slow"
    speaker.render("您好，欢迎使用。", "zh")
    speaker.render("Welcome.", "en")
    assert len(list(folder.glob("*.wav"))) == 3


def _all_files(*folders: Path) -> list[Path]:
    return [p for f in folders if f.exists() for p in f.rglob("*") if p.is_file()]


@pytest.mark.parametrize("engine", [EspeakSpeaker, Pyttsx3Speaker])
def test_answers_never_reach_the_disk(engine, tmp_path, isolated_folders, monkeypatch):
    """Audio of a person's answer is in no file under the cache or temp folders afterwards."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))  # every temporary file of ours and our children
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    speaker = engine(cache_dir=isolated_folders["cache"] / "speech")
    answer = "张三丰住在幸福路十八号"
    try:
        speaker.render("姓名", "zh")  # form text alongside, which is cached
        audio = speaker.render(answer, "zh", cacheable=False)
        speaker.render(script.review_row_utterance(row("姓名", answer), "zh").text, "zh",
                       cacheable=False)
    finally:
        speaker.close()
    assert audio and wav.rms(audio) > 300
    middle = len(audio) // 2
    pcm = audio[middle : middle + 8000]  # a stretch of the answer's own samples
    files = _all_files(isolated_folders["cache"], isolated_folders["home"], temp)
    assert any(p.suffix == ".wav" for p in files)  # the form text's cache file was looked at
    for path in files:
        data = path.read_bytes()
        assert answer.encode() not in data and pcm not in data, path


def _fake_espeak(tmp_path: Path, render: str) -> Path:
    """A stand-in espeak-ng with one English voice whose rendering runs `render` (shell)."""
    exe = tmp_path / "espeak-ng"
    exe.write_text(
        "#!/bin/sh\n"
        "case \"$*\" in\n"
        "  *--voices*) echo 'Pty Language Age/Gender VoiceName File Other Languages';\n"
        "              echo ' 2  en-gb  --/M  English_(Great_Britain) gmw/en  (en 2)';;\n"
        "  *--ipa*) echo 'həlˈəʊ';;\n"
        f"  *) {render};;\n"
        "esac\n"
    )
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return exe


def test_hung_espeak_is_killed_and_speech_goes_on(tmp_path, monkeypatch):
    """A render that hangs is killed at the watchdog's limit and counts as one failure."""
    monkeypatch.setattr(espeak, "_timeout", lambda text: 0.5)
    marker = tmp_path / "started"
    exe = _fake_espeak(tmp_path, f"echo $$ > {marker}; exec sleep 60")
    speaker = EspeakSpeaker(exe=str(exe))
    try:
        t0 = time.monotonic()
        assert speaker.render("Hello", "en") is None
        assert time.monotonic() - t0 < 5  # loose: 10x the 0.5 s limit
        pid = int(marker.read_text())
        assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text()
        assert speaker.failures == 1 and not speaker.broken
    finally:
        speaker.close()


def test_engine_gives_up_silently_after_repeated_failures(tmp_path):
    """An espeak that lists voices but cannot render is switched off after three failures."""
    exe = _fake_espeak(tmp_path, "exit 3")
    speaker = EspeakSpeaker(exe=str(exe))
    try:
        assert speaker.is_available() and speaker.voice_for("en") is not None
        for _ in range(3):
            assert speaker.render("Hello", "en") is None
        assert speaker.broken and not speaker.is_available()
    finally:
        speaker.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="espeak-backed pyttsx3")
def test_pyttsx3_worker_renders_both_languages(tmp_path):
    """pyttsx3 in its worker process renders Mandarin and English WAVs, many in a row."""
    speaker = Pyttsx3Speaker(cache_dir=None)
    try:
        assert speaker.voice_for("zh").id.lower().endswith("cmn-latn-pinyin")
        for i in range(5):
            audio = speaker.render(f"第{i + 1}个问题：您住在哪里？", "zh")
            assert wav.rms(audio) > 300
        assert wav.duration(speaker.render("Where do you live?", "en")) > 0.5
        assert len(speaker._workers.workers()) == 2  # one per voice and rate
    finally:
        speaker.close()
