"""The Qt-side SpeechService driven with the recording fake speaker."""

from __future__ import annotations

import pytest

from inclusion_app.settings import Settings
from inclusion_app.speech.fake import FakeSpeaker
from inclusion_app.speech.silent import SilentSpeaker
from inclusion_app.ui.services.speech_service import SpeechService
from tests.speech.helpers import question, screen

pytestmark = pytest.mark.gui


@pytest.fixture
def service(qtbot):
    svc = SpeechService(Settings(), speaker=FakeSpeaker(seconds_per_char=0.002))
    yield svc
    svc.shutdown()


def test_speak_screen_reads_question_hint_and_numbered_choices(service, qtbot):
    """A new screen is read as question, hint, then '1: Yes; 2: No', and then finishes."""
    with qtbot.waitSignal(service.finished, timeout=10_000):
        service.speak_screen(screen(question(hint="Count your birthday.")), "en")
    said = service.speaker.said
    assert said == ["Are you over 60? Count your birthday. 1: Yes; 2: No."]
    assert ("play", said[0]) in service.last_events


def test_new_screen_stops_before_saying(service, qtbot):
    """Moving on stops the previous utterance before the next one is requested."""
    service.speak_screen(screen(question("First question")), "en")
    with qtbot.waitSignal(service.finished, timeout=10_000):
        service.speak_screen(screen(question("Second question")), "en")
    kinds = [e[0] if e[0] == "stop" else e[1].split(".")[0] for e in service.speaker.events]
    assert kinds.index("Second question") > max(i for i, k in enumerate(kinds) if k == "stop")
    assert kinds[:3] == ["stop", "First question", "stop"]


def test_voice_off_says_nothing(service, qtbot):
    """With the voice toggled off, screens are not rendered at all."""
    service.set_enabled(False)
    service.speak_screen(screen(), "en")
    assert service.speaker.said == []


def test_silent_speaker_runs_and_explains_once(qtbot):
    """Without any engine the service still accepts every call and gives one plain notice."""
    svc = SpeechService(Settings(), speaker=SilentSpeaker())
    with qtbot.waitSignal(svc.finished, timeout=5_000):
        svc.speak_screen(screen(), "en")
    svc.repeat()
    svc.prefetch([screen()], "en")
    assert not svc.available
    assert "speech" in svc.notice("en").lower()
    svc.shutdown()
