"""The SpeechService with the real espeak-ng engine and the real Qt player (offscreen)."""

from __future__ import annotations

import os
import time

import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from inclusion_app.settings import Settings
from inclusion_app.speech import factory
from inclusion_app.speech.espeak import EspeakSpeaker
from inclusion_app.ui.services.speech_service import SpeechService
from tests.speech.helpers import question, screen

pytestmark = pytest.mark.gui
LONG_TEXT = "请您慢慢听，这是一段很长的说明。" * 40
SOAK = os.environ.get("INCLUSION_SOAK") == "1"


@pytest.fixture
def service(qtbot, isolated_folders):
    svc = SpeechService(Settings(), speaker=EspeakSpeaker(isolated_folders["cache"] / "speech"))
    yield svc
    svc.shutdown()


def test_default_service_uses_a_real_engine(qtbot):
    """On this Linux machine the default speaker is espeak-ng and no notice is shown."""
    svc = SpeechService(Settings())
    try:
        assert svc.available and svc.speaker.engine_name == "espeak-ng"
        assert svc.notice("zh") == "" and svc.notice("en") == ""
    finally:
        svc.shutdown()


def test_gui_thread_is_never_blocked_while_speaking(service, qtbot):
    """While a long text renders and plays, timers stay on time and a click is handled."""
    button = QPushButton("Continue")
    qtbot.addWidget(button)
    button.show()
    clicks: list[bool] = []
    button.clicked.connect(lambda: clicks.append(True))
    lateness: list[float] = []
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.setInterval(50)

    def tick() -> None:
        lateness.append(max(0.0, clock.restart() - 50.0))

    ticker.timeout.connect(tick)
    clock.start()
    ticker.start()
    service.speak_text(LONG_TEXT, "zh")
    QTimer.singleShot(150, lambda: QTest.mouseClick(button, Qt.MouseButton.LeftButton))
    qtbot.waitUntil(lambda: service.player.playing and len(lateness) >= 20, timeout=20_000)
    ticker.stop()
    service.stop()
    assert clicks == [True]
    assert max(lateness) < 500  # 10x the 50 ms benchmark target; `make bench` has the figure


def test_new_utterance_stops_the_playing_one_first(service, qtbot):
    """With the real player, the first utterance is stopped before the second starts."""
    service.speak_text(LONG_TEXT, "zh")
    qtbot.waitUntil(lambda: service.player.playing, timeout=10_000)
    first = service.player.current_tag
    with qtbot.waitSignal(service.finished, timeout=20_000):
        service.speak_screen(screen(question("Ready?", qtype="text", choices=())), "en")
    events = service.player.events
    stopped_at = events.index(("stopped", first))
    assert events[stopped_at - 1] == ("play", first)
    second = events[stopped_at + 1]
    assert second[0] == "play" and second[1] != first
    assert events[-1] == ("finished", second[1])


def test_endurance_many_different_utterances(service, qtbot):
    """Hundreds of different utterances in a row (cache off) keep starting; nothing hangs."""
    service.speaker.cache = None
    count = 500 if SOAK else 60
    started = 0

    def on_start(_tag: str) -> None:
        nonlocal started
        started += 1

    service.player.started.connect(on_start)
    t0 = time.monotonic()
    for i in range(count):
        text = f"第{i}句。Sentence number {i}." if i % 2 else f"这是第{i}个问题。"
        service.speak_text(text, "zh" if i % 2 == 0 else "en")
        qtbot.waitUntil(lambda n=i: started > n, timeout=10_000)
    with qtbot.waitSignal(service.finished, timeout=20_000):
        service.speak_text("最后一句。", "zh")
    assert started == count + 1 and not service.speaker.broken
    assert time.monotonic() - t0 < count * 2.0  # loose: about 30 ms each here


@pytest.mark.soak
@pytest.mark.skipif(not SOAK, reason="full size only with INCLUSION_SOAK=1 (make soak)")
def test_endurance_soak_full_size(service, qtbot):
    """The full 500-utterance run, for `make soak`."""
    test_endurance_many_different_utterances(service, qtbot)


def test_prefetch_fills_the_cache_so_the_screen_starts_from_it(service, qtbot):
    """Screens rendered ahead are served from the cache when the person reaches them."""
    next_screen = screen(question("您住在哪个区？", hint="选一个。"))
    service.prefetch([next_screen], "zh")
    folder = service.speaker.cache.folder
    qtbot.waitUntil(lambda: folder.exists() and any(folder.glob("*.wav")), timeout=10_000)
    hits = service.speaker.cache.hits
    service.speak_screen(next_screen, "zh")
    qtbot.waitUntil(lambda: service.player.playing, timeout=10_000)
    service.stop()
    assert service.speaker.cache.hits == hits + 1


def test_no_engine_at_all_runs_silently_with_one_notice(qtbot, monkeypatch):
    """With no espeak-ng and no pyttsx3 the program still runs; settings get one sentence."""
    monkeypatch.setattr("inclusion_app.speech.espeak.binary", lambda: None)

    def no_pyttsx3(_cache):
        raise RuntimeError("pyttsx3.init() failed")

    monkeypatch.setattr(factory, "_pyttsx3", no_pyttsx3)
    svc = SpeechService(Settings())
    try:
        assert not svc.available
        notice = svc.notice("en")
        assert notice and notice.count(".") == 1
        with qtbot.waitSignal(svc.finished, timeout=5_000):
            svc.speak_screen(screen(), "en")
        svc.repeat()
    finally:
        svc.shutdown()


def test_notice_names_a_missing_language(service):
    """A language without a voice gets a notice; Chinese and English do not."""
    assert service.notice("xx") and not service.notice("zh")


def test_pyttsx3_speaker_drives_the_service_too(qtbot):
    """The Windows/macOS engine (pyttsx3 in a worker process) speaks a screen to the end."""
    from inclusion_app.speech.pyttsx3_speaker import Pyttsx3Speaker

    svc = SpeechService(Settings(speech_rate="fast"), speaker=Pyttsx3Speaker(cache_dir=None))
    try:
        with qtbot.waitSignal(svc.finished, timeout=30_000):
            svc.speak_screen(screen(question("好吗？", choices=())), "zh")
        assert [e[0] for e in svc.player.events] == ["play", "finished"]
    finally:
        svc.shutdown()
