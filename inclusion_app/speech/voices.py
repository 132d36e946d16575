"""Choosing the voice for a language, verified by how it pronounces, not by its name.

espeak-ng's plain `cmn` voice reads Chinese tone numbers aloud in English; `cmn-latn-pinyin`
speaks proper Mandarin. The phonemes (`espeak-ng --ipa`) show the difference: a switch to
English appears as "(en)". Voices of other engines are matched by their language tags and names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from inclusion_app.speech.speaker import Voice

# Words that mark a voice as speaking the language, and ones that rule it out (Cantonese and
# Hakka are Chinese too, but not what a Mandarin speaker expects to hear).
_INCLUDE = {
    "zh": ("zh", "cmn", "chinese", "mandarin", "huihui", "yaoyao", "kangkang", "tingting"),
    "en": ("en", "english"),
}
_EXCLUDE = {"zh": ("yue", "cantonese", "hak", "hakka", "hk", "jyutping", "sinji")}
# Preferred voice ids in order; the rest follow in the engine's own order.
_PREFERRED = {
    "zh": ("cmn-latn-pinyin", "sit/cmn-latn-pinyin", "cmn", "sit/cmn"),
    "en": ("en-gb", "gmw/en", "en-us", "gmw/en-us", "en"),
}
# A short phrase in each language, to hear whether the voice stays in that language.
SAMPLES = {"zh": "你好", "en": "hello"}


def _words(voice: Voice) -> set[str]:
    text = " ".join((voice.id, voice.name, *voice.languages)).lower().replace("_", "-")
    words = set(re.split(r"[^a-z0-9]+", text))
    words.update(t.lower().replace("_", "-") for t in voice.languages)
    return {w for w in words if w}


def base_language(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()


def speaks(voice: Voice, lang: str) -> bool:
    """Does this voice claim the language (by tag, id or name)?"""
    base = base_language(lang)
    words = _words(voice)
    if any(w in words for w in _EXCLUDE.get(base, ())):
        return False
    return any(w in words for w in _INCLUDE.get(base, (base,)))


def ranked(voices: Iterable[Voice], lang: str) -> list[Voice]:
    """Voices for `lang`, best first."""
    base = base_language(lang)
    found = [v for v in voices if speaks(v, lang)]
    preferred = _PREFERRED.get(base, ())

    def rank(voice: Voice) -> int:
        keys = {voice.id.lower(), *(t.lower() for t in voice.languages[:1])}
        return min((preferred.index(k) for k in keys if k in preferred), default=len(preferred))

    return sorted(found, key=rank)


def choose_voice(
    lang: str, voices: Iterable[Voice], verify: Callable[[Voice, str], bool] | None = None
) -> Voice | None:
    """The best voice that passes `verify` (e.g. its phonemes stay in the language)."""
    for voice in ranked(voices, lang):
        if verify is None or verify(voice, lang):
            return voice
    return None


def ipa_stays_in_language(ipa: str, lang: str) -> bool:
    """espeak marks a switch of language in --ipa output as "(en)", "(cmn)" and so on."""
    if not ipa.strip():
        return False
    base = base_language(lang)
    switches = re.findall(r"\(([a-z][a-z0-9-]*)\)", ipa)
    if base == "zh":
        return not any(s.startswith("en") for s in switches)
    return all(s.startswith(base) for s in switches)
