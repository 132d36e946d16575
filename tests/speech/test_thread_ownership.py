"""No thread but the GUI thread ever holds a Qt object (issue 11: the crash).

The speech service used to give its decode and render threads callbacks that held the service
itself. When the test (or a page) let go of the service while such a thread was finishing,
the thread dropped the last reference: the service and its timers were destroyed there
("QObject::killTimer: Timers cannot be stopped from another thread") and the process later
died with a segmentation fault. These tests hold a worker thread back until the GUI side has
let go, then let it finish: the Qt thread-warning check (tests/conftest.py) and the weak
references below show the objects died on the GUI thread.
"""

from __future__ import annotations

import gc
import threading
import weakref
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QThread

from inclusion_app.settings import Settings
from inclusion_app.speech import recording
from inclusion_app.speech.fake import FakeSpeaker, tone_wav
from inclusion_app.ui.services.gui_inbox import GuiInbox
from inclusion_app.ui.services.speech_service import SpeechService
from inclusion_app.ui.services.tasks import TaskRunner
from tests.speech.helpers import question, screen

pytestmark = pytest.mark.gui


def test_a_decode_thread_never_holds_the_speech_service(qtbot, tmp_path: Path, monkeypatch):
    gate, started = threading.Event(), threading.Event()
    real_decode = recording.decode

    def held_decode(path):  # type: ignore[no-untyped-def]
        started.set()
        gate.wait(10)
        return real_decode(path)

    monkeypatch.setattr(recording, "decode", held_decode)
    wav = tmp_path / "q1.wav"
    wav.write_bytes(tone_wav(0.2))
    svc = SpeechService(Settings(), speaker=FakeSpeaker(seconds_per_char=0.001))
    svc.speak_screen(screen(question("Your age?", audio=str(wav))), "en")
    assert started.wait(10)
    svc.shutdown()
    gone = weakref.ref(svc)
    del svc
    gc.collect()
    assert gone() is None  # died here, on the GUI thread, although the decode still runs
    threads = [t for t in threading.enumerate() if t.name == "recording"]
    gate.set()
    for thread in threads:
        thread.join(10)


def test_a_task_runner_job_over_a_page_is_released_on_the_gui_thread(qtbot):
    """A job that is a lambda over a Qt object: the worker lets go first, the GUI last."""
    runner = TaskRunner()
    page = QObject()
    gate = threading.Event()
    results: list[str] = []
    runner.run_db(_job_over(page, gate), on_done=results.append)
    gone = weakref.ref(page)
    del page
    gate.set()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=10_000)
    assert results == [""]
    gc.collect()
    assert gone() is None
    runner.shutdown()


def _job_over(obj: QObject, gate: threading.Event):  # type: ignore[no-untyped-def]
    return lambda: (gate.wait(10), obj.objectName())[1]


def test_gui_inbox_delivers_every_item_in_order_on_the_gui_thread(qtbot):
    inbox = GuiInbox()
    got: list[tuple[int, bool]] = []
    main = QThread.currentThread()
    inbox.received.connect(lambda item: got.append((item, QThread.currentThread() is main)))
    post = inbox.post

    def send() -> None:
        for i in range(500):
            post(i)

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    qtbot.waitUntil(lambda: len(got) == 1000, timeout=10_000)
    assert all(on_gui for _item, on_gui in got)
    firsts = [item for item, _ in got]
    assert sorted(firsts) == sorted(list(range(500)) * 2)
    inbox.close()
    post(1)  # after close: dropped quietly, never raises
