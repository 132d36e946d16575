"""The uploader: delivers every waiting submission exactly once, a few at a time.

Exactly once rests on three habits: the stored bytes are sent, never regenerated; the entry is
marked SENDING before its POST, so after a crash or a kill it is simply sent again; and servers
answer an identical resend as a success (Central 201, Ona 202, JSON endpoints by Idempotency-Key).
All store calls happen on the calling thread (SQLite connections stay on one thread); worker
threads only talk HTTP. One bad submission never blocks the rest: it is set aside or retried
later with its own backoff, and only a credentials problem holds back the rest of its target.
"""

from __future__ import annotations

import heapq
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

from inclusion_app.i18n import _
from inclusion_app.storage.api import State, StorageError, Store
from inclusion_app.sync.backoff import RetryPolicy
from inclusion_app.sync.channel import Channel, ChannelFactory
from inclusion_app.sync.outcome import Kind, Outcome
from inclusion_app.sync.targets import Target, TargetBook

Progress = Callable[[int, int], None]
WAITING_STATES = (State.QUEUED, State.FAILED, State.SENDING)


def ENCRYPTED_JSON() -> str:  # noqa: N802 (reads as the message it returns)
    return _("This form's answers are encrypted, so they can only be sent to an ODK server.")


@dataclass
class RunReport:
    """What one run did; `line()` is the command line's last line."""

    delivered: int = 0
    failed: int = 0  # tried in this run and not delivered (set aside, or retried later)
    waiting: int = 0  # not tried in this run: no target, target blocked, cancelled, not due yet
    notes: dict[str, str] = field(default_factory=dict)  # target name -> plain-words problem
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return self.failed == 0 and self.waiting == 0

    def line(self) -> str:
        return f"delivered {self.delivered}, failed {self.failed}, waiting {self.waiting}"


@dataclass(order=True)
class _Job:
    ready: float
    instance_id: str = field(compare=False)
    target: Target = field(compare=False)
    attempts: int = field(compare=False)  # failures so far, before and during this run
    tries: int = field(default=0, compare=False)


class Uploader:
    """`run()` once per "Upload now" or per background tick; `cancel` stops it between sends."""

    _running = threading.Lock()  # one run at a time per process: no double SENDING bookkeeping

    def __init__(self, store: Store, book: TargetBook, channels: ChannelFactory, *,
                 workers: int = 3, policy: RetryPolicy | None = None,
                 clock: Callable[[], float] = time.time, progress: Progress | None = None,
                 cancel: threading.Event | None = None) -> None:
        self.store = store
        self.book = book
        self.channels = channels
        self.workers = max(1, workers)
        self.policy = policy or RetryPolicy()
        self.clock = clock
        self.progress = progress or (lambda done, total: None)
        self.cancel = cancel or threading.Event()

    def run(self, only_target: str | None = None, explicit: bool = True) -> RunReport:
        """Try every waiting submission (explicit) or only those due (background)."""
        report = RunReport()
        if not self._running.acquire(blocking=False):
            report.notes[""] = _("An upload is already running.")
            report.waiting = len(self.store.list_outbox(WAITING_STATES))
            return report
        try:
            jobs = self._plan(report, only_target, explicit)
            self._deliver(jobs, report, explicit)
        finally:
            self.channels.close()
            self._running.release()
        return report

    # -- planning -----------------------------------------------------------------------------
    def _plan(self, report: RunReport, only_target: str | None, explicit: bool) -> list[_Job]:
        now = self.clock()
        jobs: list[_Job] = []
        for entry in self.store.list_outbox(WAITING_STATES):
            target = self.book.for_entry(entry.form_id, entry.target)
            if entry.practice:  # stores refuse to queue them; this holds whatever a store holds
                self.store.mark_failed(entry.instance_id, _("Practice forms are never sent."), permanent=True)
                report.failed += 1
                continue
            if target is None:
                report.waiting += 1
                report.notes[""] = _("No server is set up for this form. A volunteer needs to add one.")
                continue
            if only_target and target.name != only_target:
                continue
            if target.kind == "json" and entry.encrypted:
                self.store.mark_failed(entry.instance_id, ENCRYPTED_JSON(), permanent=True)
                report.failed += 1
                continue
            due = entry.next_attempt_at is None or entry.next_attempt_at <= now
            if not explicit and entry.state == State.FAILED and not due:
                report.waiting += 1
                continue
            jobs.append(_Job(0.0, entry.instance_id, target, entry.attempts))
        return jobs

    # -- delivering ---------------------------------------------------------------------------
    def _deliver(self, jobs: list[_Job], report: RunReport, explicit: bool) -> None:
        total, done = len(jobs), 0
        self.progress(0, total)
        pending: deque[_Job] = deque(jobs)
        later: list[_Job] = []  # in-run retries, ordered by when they are ready
        flying: dict[Future[Outcome], _Job] = {}
        with ThreadPoolExecutor(self.workers, thread_name_prefix="upload") as pool:
            while pending or later or flying:
                if self.cancel.is_set():
                    report.cancelled = True
                    report.waiting += len(pending) + len(later)
                    pending.clear()
                    later.clear()
                while later and later[0].ready <= time.monotonic():
                    pending.append(heapq.heappop(later))
                while pending and len(flying) < self.workers and not self.cancel.is_set():
                    job = pending.popleft()
                    started = self._start(pool, job, report)
                    if started is None:
                        done += 1
                        self.progress(done, total)
                    else:
                        flying[started] = job
                if not flying:
                    if later and not self.cancel.is_set():
                        self.cancel.wait(max(0.0, min(0.25, later[0].ready - time.monotonic())))
                    continue
                finished, _rest = wait(list(flying), timeout=0.25, return_when=FIRST_COMPLETED)
                for fut in finished:
                    job = flying.pop(fut)
                    if self._record(job, _result(fut), report, explicit, later):
                        done += 1
                        self.progress(done, total)

    def _start(self, pool: ThreadPoolExecutor, job: _Job, report: RunReport) -> Future[Outcome] | None:
        """Load the stored bytes, mark SENDING, hand the POST to a worker; None if not sent."""
        name = job.target.name
        if name in report.notes:
            report.waiting += 1
            return None
        channel: Channel | Outcome = self.channels.open(job.target)
        if isinstance(channel, Outcome):  # the HEAD said no: leave this target's entries waiting
            report.notes[name] = channel.message
            report.waiting += 1
            return None
        try:
            payload = self.store.load_payload(job.instance_id)
        except (StorageError, KeyError):
            self.store.mark_failed(job.instance_id, _("The saved copy of this submission could not "
                                   "be read. A volunteer needs to look at it."), permanent=True)
            report.failed += 1
            return None
        if job.target.kind == "json" and (not payload.json or "submission.xml.enc" in payload.attachments):
            self.store.mark_failed(job.instance_id, ENCRYPTED_JSON(), permanent=True)
            report.failed += 1
            return None
        too_big = channel.refuse_size(job.instance_id, payload)
        if too_big is not None:
            self.store.mark_failed(job.instance_id, too_big.message, permanent=True)
            report.failed += 1
            return None
        self.store.mark_sending(job.instance_id)
        return pool.submit(channel.send, job.instance_id, payload)

    def _record(self, job: _Job, outcome: Outcome, report: RunReport, explicit: bool,
                later: list[_Job]) -> bool:
        """Write the outcome to the store; True when this submission is finished for the run."""
        iid = job.instance_id
        if outcome.kind is Kind.DELIVERED:
            self.store.mark_sent(iid, outcome.receipt, target=job.target.name)
            report.delivered += 1
            return True
        if outcome.kind is Kind.SET_ASIDE:
            self.store.mark_failed(iid, outcome.message, permanent=True,
                                   server_response=outcome.receipt or None)
            report.failed += 1
            return True
        job.attempts += 1
        job.tries += 1
        when = self.clock() + self.policy.next_delay(job.attempts, outcome.retry_after)
        self.store.mark_failed(iid, outcome.message, permanent=False,
                               next_attempt_at=None if outcome.kind is Kind.BLOCKED else when)
        if outcome.kind is Kind.BLOCKED:
            report.notes[job.target.name] = outcome.message
            report.waiting += 1
            return True
        if explicit and job.tries < self.policy.in_run_tries and not self.cancel.is_set():
            job.ready = time.monotonic() + self.policy.in_run_delay(job.tries, outcome.retry_after)
            heapq.heappush(later, job)
            return False
        report.failed += 1
        return True


def _result(fut: Future[Outcome]) -> Outcome:
    """A worker's outcome; an unexpected error is one more passing failure, never a lost entry."""
    try:
        return fut.result()
    except Exception:  # noqa: BLE001 - the entry stays queued and is retried with backoff
        return Outcome(Kind.RETRY, _("Something unexpected went wrong while sending. "
                                     "It will be tried again later."))
