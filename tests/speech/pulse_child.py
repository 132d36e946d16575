"""Run in a child process beside a private PulseAudio null sink: speak through the real device.

Prints one JSON line: whether a device was found, the backend used and the player's events.
"""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

from inclusion_app.settings import Settings
from inclusion_app.speech.espeak import EspeakSpeaker
from inclusion_app.ui.services.speech_service import SpeechService
from tests.speech.helpers import question, screen


def main() -> int:
    app = QApplication([])
    svc = SpeechService(Settings(), speaker=EspeakSpeaker(cache_dir=None))

    def wait(predicate, timeout: float = 30.0) -> bool:  # type: ignore[no-untyped-def]
        end = time.monotonic() + timeout
        while not predicate() and time.monotonic() < end:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        return predicate()

    done: list[bool] = []
    svc.finished.connect(lambda: done.append(True))
    svc.speak_text("这是一段比较长的话，用来测试打断。" * 5, "zh")
    wait(lambda: svc.player.playing)
    svc.speak_text("Short one.", "en")  # interrupts the first
    finished = wait(lambda: bool(done))
    speech_backend = svc.player.backend
    recordings = []
    svc.set_volume(0.3)
    for path in sys.argv[1:]:
        done.clear()
        svc.speak_screen(screen(question("Recorded.", audio=path)), "en")
        recordings.append([wait(lambda: bool(done)), svc.player.backend])
    with open("/proc/self/maps", encoding="utf-8") as maps:
        libraries = maps.read()
    print(json.dumps({"device": svc.player.has_device, "backend": speech_backend,
                      "recordings": recordings, "events": svc.player.events,
                      "finished": finished,
                      "synthesised": [e[1] for e in svc.last_events if e[0] == "say"],
                      "watchdog": svc.player.watchdog_fired,
                      "qt_multimedia": "PySide6.QtMultimedia" in sys.modules,
                      "ffmpeg": "ffmpegmediaplugin" in libraries or "libavcodec" in libraries}))
    svc.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
