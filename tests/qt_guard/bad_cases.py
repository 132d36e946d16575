"""Deliberately wrong Qt threading, run by test_thread_warnings_fail.py in a pytest of its own:
each of these must fail (never collected by the main run: the name does not start with test_)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QTimer


def _on_thread(fn) -> None:  # type: ignore[no-untyped-def]
    thread = threading.Thread(target=fn)
    thread.start()
    thread.join()


def test_child_made_on_another_thread(qtbot):
    parent = QObject()
    _on_thread(lambda: QObject(parent))  # "Cannot create children for a parent ... thread"


def test_timer_stopped_from_another_thread(qtbot):
    timer = QTimer()
    timer.start(10_000)
    _on_thread(timer.stop)  # "Timers cannot be stopped from another thread"
    timer.stop()


def test_plain_test_passes(qtbot):
    timer = QTimer()
    timer.start(10_000)
    timer.stop()
