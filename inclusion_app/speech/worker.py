"""Renderer worker processes with a watchdog: a hung one is killed and replaced, a crashed one
restarted, and after repeated failures the pool gives up (the caller then stays silent).

Why processes: pyttsx3 blocks, hangs on a second runAndWait() after setProperty(), and keeps one
engine per process. So each worker is set up once for one voice and rate (`factory(*args)`
returns a `render(text) -> bytes` callable), then only renders. The factory is named as
"module:function" so it can be imported in a freshly spawned process.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing as mp
import threading
from collections.abc import Callable, Hashable
from multiprocessing.connection import Connection
from typing import Any

log = logging.getLogger(__name__)
MAX_FAILURES = 3
START_TIMEOUT = 30.0  # importing an engine on a slow, busy machine


class WorkerError(Exception):
    """The worker hung, crashed, or its engine raised."""


def _serve(conn: Connection, factory: str, args: tuple[Any, ...]) -> None:
    """The worker's main loop (in the child process)."""
    module_name, _, func_name = factory.partition(":")
    try:
        render = getattr(importlib.import_module(module_name), func_name)(*args)
    except Exception as exc:
        conn.send(("error", f"could not start: {exc!r}"[:300]))
        return
    conn.send(("ready", None))
    while True:
        try:
            text = conn.recv()
        except (EOFError, OSError):
            return
        if text is None:
            return
        try:
            conn.send(("ok", render(text)))
        except Exception as exc:  # reported to the parent, which counts it as a failure
            conn.send(("error", repr(exc)[:300]))


class Worker:
    """One renderer process; `render` waits at most `timeout` before killing it."""

    def __init__(self, factory: str, args: tuple[Any, ...] = ()) -> None:
        self.factory = factory
        self.args = args
        self._proc: mp.process.BaseProcess | None = None
        self._conn: Connection | None = None
        self.starts = 0

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def _start(self) -> None:
        ctx = mp.get_context("spawn")  # never fork a process that holds Qt or threads
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_serve, args=(child, self.factory, self.args), daemon=True,
                           name="speech-worker")
        proc.start()
        child.close()
        self._proc, self._conn = proc, parent
        self.starts += 1
        kind, payload = self._receive(START_TIMEOUT)
        if kind != "ready":
            self.kill()
            raise WorkerError(str(payload))

    def _receive(self, timeout: float) -> tuple[str, Any]:
        assert self._conn is not None
        try:
            if not self._conn.poll(timeout):
                self.kill()
                raise WorkerError("worker did not answer in time: killed")
            return self._conn.recv()
        except (EOFError, OSError) as exc:
            self.kill()
            raise WorkerError("worker crashed") from exc

    def render(self, text: str, timeout: float) -> Any:
        """The worker's answer for `text`; raises WorkerError (and leaves no process) on failure."""
        if self._proc is None or not self._proc.is_alive():
            self.kill()
            self._start()
        assert self._conn is not None
        try:
            self._conn.send(text)
        except OSError as exc:
            self.kill()
            raise WorkerError("worker crashed") from exc
        kind, payload = self._receive(timeout)
        if kind != "ok":
            raise WorkerError(str(payload))
        return payload

    def kill(self) -> None:
        proc, conn = self._proc, self._conn
        self._proc = self._conn = None
        if conn is not None:
            conn.close()
        if proc is not None:
            if proc.is_alive():
                proc.kill()
            proc.join(timeout=5)

    def close(self) -> None:
        """Ask politely, then make sure."""
        if self._conn is not None:
            try:
                self._conn.send(None)
            except OSError:
                pass
        if self._proc is not None:
            self._proc.join(timeout=2)
        self.kill()


class WorkerPool:
    """One worker per key (voice and rate); each used by one thread at a time."""

    def __init__(self, factory: str, timeout_for: Callable[[str], float],
                 max_failures: int = MAX_FAILURES) -> None:
        self.factory = factory
        self.timeout_for = timeout_for
        self.max_failures = max_failures
        self.failures = 0
        self.broken = False
        self._workers: dict[Hashable, tuple[Worker, threading.Lock]] = {}
        self._lock = threading.Lock()

    def _get(self, key: Hashable, args: tuple[Any, ...]) -> tuple[Worker, threading.Lock]:
        with self._lock:
            if key not in self._workers:
                self._workers[key] = (Worker(self.factory, args), threading.Lock())
            return self._workers[key]

    def render(self, key: Hashable, args: tuple[Any, ...], text: str) -> Any:
        """The answer, or None once the pool has given up; raises WorkerError for one failure."""
        if self.broken:
            return None
        worker, lock = self._get(key, args)
        with lock:
            try:
                result = worker.render(text, self.timeout_for(text))
            except WorkerError:
                worker.kill()  # an engine that failed once may be stuck: the next call gets a fresh one
                self.failures += 1
                if self.failures >= self.max_failures:
                    self.broken = True
                    log.warning("speech worker failed %d times in a row: giving up", self.failures)
                raise
        self.failures = 0
        return result

    def workers(self) -> list[Worker]:
        with self._lock:
            return [w for w, _ in self._workers.values()]

    def close(self) -> None:
        with self._lock:
            workers, self._workers = list(self._workers.values()), {}
        for worker, _ in workers:
            worker.close()
