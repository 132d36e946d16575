"""Choosing the voice: by language tags and names, and on espeak-ng by the real phonemes."""

from __future__ import annotations

import shutil

from inclusion_app.speech import espeak, voices
from inclusion_app.speech.espeak import EspeakSpeaker
from inclusion_app.speech.speaker import Voice

SAPI = [
    Voice("HKLM\\TTS_MS_EN-US_ZIRA_11.0", "Microsoft Zira Desktop - English (United States)"),
    Voice("HKLM\\TTS_MS_ZH-CN_HUIHUI_11.0", "Microsoft Huihui Desktop - Chinese (Simplified)"),
    Voice("HKLM\\TTS_MS_ZH-HK_TRACY_11.0", "Microsoft Tracy Desktop - Chinese (Hong Kong)"),
]
MAC = [
    Voice("com.apple.voice.compact.zh-CN.Tingting", "Tingting", ("zh_CN",)),
    Voice("com.apple.voice.compact.en-GB.Daniel", "Daniel", ("en_GB",)),
]


def test_espeak_ng_is_installed():
    """The real engine must be present: its absence fails the run instead of skipping tests."""
    assert shutil.which("espeak-ng"), "espeak-ng is missing: run `make sysdeps`"


def test_windows_and_mac_voices_match_by_name_and_tag():
    """SAPI voices match by name, macOS voices by language tag; Cantonese is not Mandarin."""
    assert voices.choose_voice("zh", SAPI).name.startswith("Microsoft Huihui")
    assert voices.choose_voice("en", SAPI).name.startswith("Microsoft Zira")
    assert voices.choose_voice("zh", MAC).name == "Tingting"
    assert voices.choose_voice("en", MAC).name == "Daniel"
    assert voices.choose_voice("fr", SAPI + MAC) is None


def test_verification_can_reject_every_candidate():
    """A voice that fails the listening check is never used, even if it is the only one."""
    assert voices.choose_voice("zh", MAC, verify=lambda v, lang: False) is None


def test_ipa_switch_to_english_is_detected():
    """espeak's '(en)' marker in Chinese phonemes means the voice fell back to English."""
    assert not voices.ipa_stays_in_language("(en)nɪ5θɹˈiː5(cmn)", "zh")
    assert voices.ipa_stays_in_language("nˈiɜ χˈɑu2", "zh")
    assert not voices.ipa_stays_in_language("", "zh")


def test_real_mandarin_voice_is_pinyin_and_plain_cmn_is_rejected():
    """On espeak-ng the chosen Chinese voice speaks Mandarin (no '(en)'); plain cmn fails."""
    speaker = EspeakSpeaker()
    try:
        chosen = speaker.voice_for("zh")
        assert chosen is not None and chosen.id.lower().endswith("cmn-latn-pinyin")
        assert "(en)" not in espeak.ipa(chosen.id, "你好")
        plain = [v for v in speaker.voices("zh") if v.id.lower().endswith("/cmn")]
        assert plain and "(en)" in espeak.ipa(plain[0].id, "你好")
        assert not speaker._verify(plain[0], "zh")
        assert speaker.voice_for("en").id.lower().startswith("gmw/en")
        assert speaker.voice_for("xx") is None
    finally:
        speaker.close()
