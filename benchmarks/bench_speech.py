"""Speech: screen change to first audio (cold and warm cache) and the worst GUI stall while speaking.

"First audio" is the moment the rendered WAV is handed to the sound device (speech.output, or
the simulated clock on a machine without a sound card): everything before it, rendering in
espeak-ng included, is what a person waits through after pressing Continue.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import Result, percentile  # noqa: E402

SCREENS = 30


def _screens(count: int):  # type: ignore[no-untyped-def]
    """Realistic question screens in Chinese, each with different text (so the cache is cold)."""
    from inclusion_app.engine.prompt import Choice, QuestionPrompt, Screen, ScreenKind

    out = []
    for i in range(count):
        q = QuestionPrompt(
            ref=f"/data/q{i}", name=f"q{i}", qtype="select_one",
            label=f"第{i + 1}个问题：您家里一共住着几个人？", hint="请把您自己也算上。",
            choices=(Choice("1", "一个人"), Choice("2", "两个人"), Choice("3", "三个人以上")),
        )
        out.append(Screen(kind=ScreenKind.QUESTIONS, index=(i,), questions=(q,)))
    return out


def _wait(app, predicate, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEventLoop

    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError("speech did not start in time")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 2)


def _first_audio_ms(app, service, screens) -> list[float]:  # type: ignore[no-untyped-def]
    samples = []
    for screen in screens:
        started: list[float] = []
        conn = service.player.started.connect(lambda _t, s=started: s.append(time.perf_counter()))
        t0 = time.perf_counter()
        service.speak_screen(screen, "zh")
        _wait(app, lambda s=started: bool(s))
        samples.append((started[0] - t0) * 1000.0)
        service.player.started.disconnect(conn)
    service.stop()
    return samples


def _worst_stall_ms(app, service, screens) -> float:  # type: ignore[no-untyped-def]
    """Largest lateness of a 5 ms GUI timer while screens (None: silence) follow each other."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    clock = QElapsedTimer()
    late: list[float] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: late.append(max(0.0, clock.restart() - 5.0)))
    clock.start()
    timer.start()
    for screen in screens:
        if screen is not None:
            service.speak_screen(screen, "zh")
        end = time.perf_counter() + 0.25  # the person listens a moment, then moves on
        _wait(app, lambda e=end: time.perf_counter() > e)
    timer.stop()
    service.stop()
    return max(late[1:]) if len(late) > 1 else float("nan")


def run() -> list[Result]:
    from common import private_sound_server
    from PySide6.QtWidgets import QApplication

    from inclusion_app.settings import Settings
    from inclusion_app.speech.espeak import EspeakSpeaker
    from inclusion_app.ui.services.speech_service import SpeechService

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as cache:
        sound, sound_env = private_sound_server(cache)
        os.environ.update(sound_env)  # before the first play opens the sound device
        speaker = EspeakSpeaker(cache_dir=Path(cache))
        if not speaker.is_available():
            raise RuntimeError("espeak-ng is not installed: speech cannot be measured")
        service = SpeechService(Settings(), speaker=speaker)
        try:
            speaker.voice_for("zh")  # voice choice happens once at start-up, not per screen
            screens = _screens(SCREENS)
            cold = _first_audio_ms(app, service, screens)
            warm = _first_audio_ms(app, service, screens)
            stall = _worst_stall_ms(app, service, _screens(SCREENS + 10)[SCREENS:])
            idle = _worst_stall_ms(app, service, [None] * 10)  # same loop, nothing spoken
        finally:
            service.shutdown()
            if sound is not None:
                sound.terminate()
                sound.wait(timeout=10)
    pyttsx3_results = _pyttsx3_render()
    detail = f"{SCREENS} Chinese question screens, espeak-ng, {'played on a sound device (PulseAudio null sink)' if service.player.has_device else 'no sound device (simulated output)'}"
    return [
        Result("speech", "screen change to first audio, cold cache", statistics.median(cold),
               "ms", 300.0, p95=percentile(cold, 0.95), detail=detail),
        Result("speech", "screen change to first audio, warm cache", statistics.median(warm),
               "ms", None, p95=percentile(warm, 0.95), detail=detail),
        Result("speech", "worst GUI event-loop stall while speaking", stall, "ms", 50.0,
               detail="5 ms timer; 10 screens spoken, each interrupted after 0.25 s"),
        Result("speech", "worst GUI event-loop stall, silent (machine noise)", idle, "ms", None,
               detail="the same 2.5 s loop with nothing spoken, for comparison"),
        *pyttsx3_results,
    ]


def _pyttsx3_render() -> list[Result]:
    """pyttsx3 in its worker process (the Windows/macOS path), reported for comparison."""
    from inclusion_app.speech.pyttsx3_speaker import Pyttsx3Speaker

    speaker = Pyttsx3Speaker(cache_dir=None)
    try:
        t0 = time.perf_counter()
        if speaker.render("您好。", "zh") is None:
            return []
        start_ms = (time.perf_counter() - t0) * 1000.0
        samples = []
        for i in range(15):
            t0 = time.perf_counter()
            speaker.render(f"第{i + 1}个问题：您家里一共住着几个人？", "zh", cacheable=False)
            samples.append((time.perf_counter() - t0) * 1000.0)
    finally:
        speaker.close()
    return [
        Result("speech", "pyttsx3 worker: first render incl. process start", start_ms, "ms", None),
        Result("speech", "pyttsx3 worker: render one question", statistics.median(samples), "ms",
               None, p95=percentile(samples, 0.95)),
    ]


if __name__ == "__main__":
    for r in run():
        print(f"{r.name}: {r.value:.1f} {r.unit} (p95 {r.p95}) target {r.target}")
