"""Worker processes: a hung one is killed and replaced, a crashed one restarted, then give up."""

from __future__ import annotations

import pytest

from inclusion_app.speech.worker import Worker, WorkerError, WorkerPool

ECHO = "tests.speech.worker_jobs:make_echo"


def test_hung_worker_is_killed_and_replaced():
    """A render that never answers is killed at the timeout; the next render uses a new process."""
    worker = Worker(ECHO, ("w:",))
    try:
        assert worker.render("one", timeout=30) == b"w:one"
        first = worker.pid
        with pytest.raises(WorkerError):
            worker.render("hang", timeout=1.0)
        assert worker.pid is None  # killed, nothing left running
        assert worker.render("two", timeout=30) == b"w:two"
        assert worker.pid != first and worker.starts == 2
    finally:
        worker.close()


def test_crashed_worker_is_restarted():
    """A worker that dies mid-render is reported and transparently restarted next time."""
    worker = Worker(ECHO, ("",))
    try:
        with pytest.raises(WorkerError):
            worker.render("crash", timeout=30)
        assert worker.render("after", timeout=30) == b"after"
    finally:
        worker.close()


def test_pool_gives_up_silently_after_repeated_failures():
    """Three failures in a row switch the pool off: it answers None instead of trying again."""
    pool = WorkerPool(ECHO, timeout_for=lambda _: 30.0, max_failures=3)
    try:
        assert pool.render("k", ("",), "ok") == b"ok"
        for _ in range(3):
            with pytest.raises(WorkerError):
                pool.render("k", ("",), "raise")
        assert pool.broken
        assert pool.render("k", ("",), "ok") is None
    finally:
        pool.close()


def test_success_resets_the_failure_count():
    """Occasional failures do not add up: only failures in a row count."""
    pool = WorkerPool(ECHO, timeout_for=lambda _: 30.0, max_failures=2)
    try:
        for _ in range(3):
            with pytest.raises(WorkerError):
                pool.render("k", ("",), "raise")
            assert pool.render("k", ("",), "fine") == b"fine"
        assert not pool.broken
    finally:
        pool.close()


def test_engine_that_cannot_start_is_an_error_not_a_hang():
    """A factory that raises is reported at once as a WorkerError."""
    worker = Worker("tests.speech.worker_jobs:make_broken")
    with pytest.raises(WorkerError, match="could not start"):
        worker.render("x", timeout=30)
    worker.close()
