"""Recorded voices first, privacy of review rows, screen readers, focus reading, rate/volume."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget

from inclusion_app.settings import Settings
from inclusion_app.speech.fake import FakeSpeaker, tone_wav
from inclusion_app.ui.services import speech_service as speech_service_mod
from inclusion_app.ui.services.speech_service import SpeechService
from tests.speech.helpers import question, row, screen

pytestmark = pytest.mark.gui
RECORDINGS = Path(__file__).resolve().parents[1] / "data" / "recordings"


def make(qtbot, **settings) -> SpeechService:  # type: ignore[no-untyped-def]
    svc = SpeechService(Settings(**settings), speaker=FakeSpeaker(seconds_per_char=0.001))
    return svc


@pytest.mark.parametrize("name", ["q1.wav", "tone.mp3", "tone.ogg"])
def test_recording_is_played_instead_of_synthetic_speech(qtbot, tmp_path, name):
    """A question with a media::audio file plays that file; nothing is synthesised."""
    recording = RECORDINGS / name
    if name == "q1.wav":
        recording = tmp_path / name
        recording.write_bytes(tone_wav(0.2))
    svc = make(qtbot)
    try:
        with qtbot.waitSignal(svc.finished, timeout=10_000):
            svc.speak_screen(screen(question("Your age?", audio=str(recording))), "en")
        assert svc.speaker.said == []
        assert [e[0] for e in svc.player.events] == ["play", "finished"]
    finally:
        svc.shutdown()


@pytest.mark.parametrize(("name", "content"), [
    ("q1.mp3", None), ("q1.mp3", b"this is not audio at all" * 100),
    ("q1.m4a", b"\0\0\0\x20ftypM4A " + bytes(64)),
])
def test_missing_or_broken_recording_falls_back_to_speech(qtbot, tmp_path, name, content):
    """A recording that is missing, broken or in a format the player does not decode is
    replaced by the synthetic voice."""
    recording = tmp_path / name
    if content is not None:
        recording.write_bytes(content)
    svc = make(qtbot)
    try:
        with qtbot.waitSignal(svc.finished, timeout=15_000):
            svc.speak_screen(screen(question("Your age?", audio=str(recording))), "en")
        assert svc.speaker.said and svc.speaker.said[0].startswith("Your age?")
    finally:
        svc.shutdown()


def test_review_rows_are_never_cacheable_and_hide_id_numbers(qtbot):
    """Review rows go to the speaker as not cacheable, and an ID number is withheld."""
    svc = make(qtbot)
    try:
        with qtbot.waitSignal(svc.finished, timeout=10_000):
            svc.speak_review_row(row("ID number", "11010519491231002X", "cn-id"), "en")
        [event] = [e for e in svc.speaker.events if e[0] == "say"]
        assert "11010519491231002X" not in event[1] and event[3] is False
    finally:
        svc.shutdown()


def test_sensitive_numbers_are_read_when_the_person_allows_it(qtbot):
    """With read_sensitive_numbers on, the number is read (still not cacheable)."""
    svc = make(qtbot, read_sensitive_numbers=True)
    try:
        with qtbot.waitSignal(svc.finished, timeout=10_000):
            svc.speak_review_row(row("Mobile", "13812345678", "cn-mobile"), "en")
        assert "13812345678" in svc.speaker.said[0]
    finally:
        svc.shutdown()


def test_reference_spelled_and_repeat_says_it_again(qtbot):
    """The reference is spelled out; 'Read again' repeats exactly the last thing said."""
    svc = make(qtbot)
    try:
        with qtbot.waitSignal(svc.finished, timeout=10_000):
            svc.speak_reference("K7M-2P", "en")
        with qtbot.waitSignal(svc.finished, timeout=10_000):
            svc.repeat()
        assert svc.speaker.said == ["Your reference is: K, 7, M, 2, P."] * 2
    finally:
        svc.shutdown()


def test_voice_starts_off_when_a_screen_reader_is_running(qtbot, monkeypatch):
    """An active accessibility client means our own voice starts off."""
    monkeypatch.setattr(speech_service_mod.QAccessible, "isActive", staticmethod(lambda: True))
    svc = make(qtbot)
    try:
        assert svc.screen_reader_active and not svc.enabled
        svc.speak_screen(screen(), "en")
        assert svc.speaker.said == []
        svc.set_enabled(True)  # the person may still turn it on
        assert svc.enabled
    finally:
        svc.shutdown()


def test_audio_backend_is_loaded_only_when_something_plays(qtbot):
    """With the voice off no audio player (and so no sound library) is made; the first
    utterance makes one, with the volume already chosen."""
    svc = make(qtbot, voice_on=False, speech_volume=0.3)
    try:
        svc.speak_screen(screen(), "en")
        svc.stop()
        assert svc._player is None
        svc.set_enabled(True)
        with qtbot.waitSignal(svc.finished, timeout=10_000):
            svc.speak_screen(screen(), "en")
        assert svc._player is not None and svc.player.volume() == pytest.approx(0.3)
    finally:
        svc.shutdown()


def test_rate_and_volume_reach_the_speaker_and_player(qtbot):
    """Rate goes to the renderer; volume to the player; a bad rate falls back to normal."""
    svc = make(qtbot, speech_rate="slow", speech_volume=0.4)
    try:
        assert svc.speaker.rate == "slow" and svc.player.volume() == pytest.approx(0.4)
        svc.set_rate("fast")
        assert svc.speaker.rate == "fast"
        svc.set_rate("warp")
        assert svc.speaker.rate == "normal"
    finally:
        svc.shutdown()


def _root_with_button(qtbot):  # type: ignore[no-untyped-def]
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    button = QPushButton("&Continue")
    card = QPushButton("")
    card.setAccessibleName("Yes, I live alone")
    layout.addWidget(button)
    layout.addWidget(card)
    root.show()
    return root, button, card


def test_focus_reader_reads_names_on_hover_and_focus(qtbot):
    """With speak-on-focus on, hovering a button or focusing a card reads its name."""
    svc = make(qtbot, speak_on_focus=True)
    root, button, card = _root_with_button(qtbot)
    try:
        svc.set_language("en")
        svc.install_focus_reader(root)
        QApplication.sendEvent(button, QEvent(QEvent.Type.Enter))
        QApplication.sendEvent(card, QEvent(QEvent.Type.FocusIn))
        QApplication.sendEvent(card, QEvent(QEvent.Type.Enter))  # the same card: not again
        QApplication.sendEvent(card, QEvent(QEvent.Type.Leave))
        QApplication.sendEvent(card, QEvent(QEvent.Type.Enter))  # back to it: read again
        assert svc.speaker.said == ["Continue", "Yes, I live alone", "Yes, I live alone"]
        assert all(e[3] is False for e in svc.speaker.events if e[0] == "say")
    finally:
        svc.shutdown()


def test_focus_reader_is_quiet_when_the_option_is_off(qtbot):
    """Without speak-on-focus, hovering reads nothing."""
    svc = make(qtbot, speak_on_focus=False)
    root, button, _card = _root_with_button(qtbot)
    try:
        svc.install_focus_reader(root)
        QApplication.sendEvent(button, QEvent(QEvent.Type.Enter))
        assert svc.speaker.said == []
    finally:
        svc.shutdown()


def test_a_slow_sound_server_never_holds_up_the_window(qtbot, monkeypatch):
    """Opening the device waits on the sound server: that happens on the sound thread, so
    play returns at once, and with no device the item still ends (simulated) on its own."""
    import time

    from inclusion_app.speech import output
    from inclusion_app.ui.services.audio_player import AudioPlayer

    opened: list[bool] = []

    def slow_open(self, rate, channels):  # type: ignore[no-untyped-def]
        time.sleep(1.0)  # a server that takes its time, then says no
        opened.append(False)
        return False

    monkeypatch.setattr(output.SoundOutput, "_open", slow_open)
    player = AudioPlayer()
    try:
        player.play_wav(tone_wav(0.3), "slow")
        assert opened == []  # play_wav came back before the sound server answered
        with qtbot.waitSignal(player.finished, timeout=10_000):
            pass
        assert player.backend == "simulated" and not player.has_device
        assert player.events == [("play", "slow"), ("finished", "slow")]
    finally:
        player.close()
