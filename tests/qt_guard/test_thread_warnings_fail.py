"""The test set-up turns Qt's cross-thread warnings into failures (tests/qt_threads.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests import qt_threads

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


def test_deliberately_bad_threading_fails_its_test():
    """A child made for a GUI-thread parent on a Python thread, and a GUI timer stopped from
    one: both tests fail and name the warning; a clean test beside them passes."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rf",
         str(HERE / "bad_cases.py")],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    out = run.stdout + run.stderr
    assert run.returncode == 1, out
    assert "2 failed, 1 passed" in out, out
    assert "Cannot create children for a parent that is in a different thread" in out, out
    assert "Timers cannot be stopped from another thread" in out, out


def test_warning_patterns():
    """What counts as a thread warning, and what does not."""
    for message in ("QObject::killTimer: Timers cannot be stopped from another thread",
                    "QObject::~QObject: Timers cannot be stopped from another thread",
                    "QObject::setParent: Cannot set parent, new parent is in a different thread",
                    "QSocketNotifier: Socket notifiers cannot be enabled or disabled from "
                    "another thread",
                    "QObject::moveToThread: Current thread is not the object's thread"):
        assert qt_threads.is_thread_warning(message)
    assert not qt_threads.is_thread_warning("qt.multimedia: No audio device detected")
