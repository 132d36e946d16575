"""The in-memory twin of the SQLite store: same contract, nothing on disk, for fast tests.

It follows exactly the same rules (practice refused, ODK encryption at finalization, state
changes recorded with their time, retention purge keeps the receipt); the contract test in
tests/storage runs against both stores to keep them honest.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace

from inclusion_app.engine.prompt import Submission
from inclusion_app.storage.api import (
    Draft,
    DraftInfo,
    OutboxEntry,
    Payload,
    State,
    StorageError,
)
from inclusion_app.storage.sealing import imported, seal
from inclusion_app.storage.secret_hash import CODE_COST, check_secret, hash_secret
from inclusion_app.storage.transitions import (
    after_failure,
    after_sending,
    after_sent,
    already_queued,
    check_known,
    purged,
)

DAY = 86400.0


class MemoryStore:
    """A Store kept in dictionaries; thread-safe through one lock, like the SQLite store."""

    startup_notice: str | None = None

    def __init__(self, clock: object = None) -> None:
        self._clock = clock or time.time
        self._lock = threading.RLock()
        self._forms: dict[str, bytes] = {}
        self._drafts: dict[str, Draft] = {}
        self._codes: dict[str, str] = {}  # draft_id -> the resume code's salted hash
        self._entries: dict[str, OutboxEntry] = {}
        self._payloads: dict[str, Payload] = {}
        self._history: dict[str, list[tuple[State, float]]] = {}

    def _now(self) -> float:
        return float(self._clock())  # type: ignore[operator]

    # -- forms -----------------------------------------------------------------------------------
    def save_form_version(self, form_hash: str, form_id: str, version: str, xml: bytes) -> None:
        with self._lock:
            self._forms.setdefault(form_hash, bytes(xml))

    def get_form_version(self, form_hash: str) -> bytes | None:
        with self._lock:
            return self._forms.get(form_hash)

    # -- drafts ----------------------------------------------------------------------------------
    def save_draft(self, draft: Draft) -> None:
        with self._lock:
            info = replace(draft.info, has_code=False)  # the store decides has_code, as SQLite
            self._drafts[draft.info.draft_id] = Draft(info, draft.step, bytes(draft.payload))

    def _info(self, info: DraftInfo) -> DraftInfo:
        return replace(info, has_code=info.draft_id in self._codes)

    def get_draft(self, draft_id: str) -> Draft | None:
        with self._lock:
            found = self._drafts.get(draft_id)
            return None if found is None else replace(found, info=self._info(found.info))

    def list_drafts(self) -> list[DraftInfo]:
        with self._lock:
            infos = [self._info(d.info) for d in self._drafts.values()]
        return sorted(infos, key=lambda i: (-i.updated_at, i.draft_id))

    def delete_draft(self, draft_id: str) -> None:
        with self._lock:
            self._drafts.pop(draft_id, None)
            self._codes.pop(draft_id, None)

    def set_resume_code(self, draft_id: str, code: str) -> bool:
        if self.find_draft_by_code(code) is not None:
            return False
        hashed = hash_secret(code, CODE_COST)
        with self._lock:
            if draft_id not in self._drafts:
                return False
            self._codes[draft_id] = hashed
            return True

    def find_draft_by_code(self, code: str) -> DraftInfo | None:
        with self._lock:
            coded = [(self._drafts[d].info, h) for d, h in self._codes.items() if d in self._drafts]
        coded.sort(key=lambda pair: (-pair[0].updated_at, pair[0].draft_id))
        for info, hashed in coded:
            if check_secret(code, hashed):
                return self._info(info)
        return None

    def recent_draft(self, within_seconds: float, now: float | None = None) -> DraftInfo | None:
        now = self._now() if now is None else now
        fresh = [i for i in self.list_drafts() if i.updated_at >= now - within_seconds]
        return fresh[0] if fresh else None

    # -- the outbox ------------------------------------------------------------------------------
    def finalize(self, submission: Submission, draft_id: str | None = None) -> OutboxEntry:
        sealed = seal(submission)
        with self._lock:
            if submission.instance_id in self._entries:
                raise StorageError(already_queued())
            now = self._now()
            entry = OutboxEntry(
                instance_id=submission.instance_id,
                reference=submission.reference,
                form_id=submission.form_id,
                form_version=submission.form_version,
                state=State.QUEUED,
                encrypted=sealed.encrypted,
                finalized_at=now,
                updated_at=now,
                title=submission.title,
            )
            self._entries[entry.instance_id] = entry
            self._payloads[entry.instance_id] = sealed.payload
            self._history[entry.instance_id] = [(State.FINALIZED, now), (State.QUEUED, now)]
            if draft_id is not None:
                self._drafts.pop(draft_id, None)
                self._codes.pop(draft_id, None)
            return entry

    def import_entry(self, entry: OutboxEntry, payload: Payload) -> bool:
        queued = imported(entry, self._now())
        copy = Payload(bytes(payload.xml), bytes(payload.json),
                       {name: bytes(data) for name, data in payload.attachments.items()},
                       payload.submission_url)
        with self._lock:
            if queued.instance_id in self._entries:
                return False
            self._entries[queued.instance_id] = queued
            self._payloads[queued.instance_id] = copy
            self._history[queued.instance_id] = [
                (State.FINALIZED, queued.finalized_at), (State.QUEUED, queued.updated_at)]
            return True

    def list_outbox(self, states: tuple[State, ...] | None = None) -> list[OutboxEntry]:
        with self._lock:
            entries = list(self._entries.values())
        if states is not None:
            entries = [e for e in entries if e.state in states]
        return sorted(entries, key=lambda e: (e.finalized_at, e.instance_id))

    def get_entry(self, key: str) -> OutboxEntry | None:
        with self._lock:
            if key in self._entries:
                return self._entries[key]
            wanted = key.strip().upper()
            for entry in self._entries.values():
                if entry.reference.upper() == wanted:
                    return entry
            return None

    def load_payload(self, instance_id: str) -> Payload:
        with self._lock:
            entry = check_known(self._entries.get(instance_id))
            if entry.payload_purged:
                raise StorageError(purged())
            p = self._payloads[instance_id]
            return Payload(p.xml, p.json, dict(p.attachments), p.submission_url)  # caller's copy

    def _move(self, instance_id: str, **changes: object) -> None:
        entry = check_known(self._entries.get(instance_id))
        now = self._now()
        updated = replace(entry, updated_at=now, **changes)  # type: ignore[arg-type]
        self._entries[instance_id] = updated
        self._history[instance_id].append((updated.state, now))

    def mark_sending(self, instance_id: str) -> None:
        with self._lock:
            entry = check_known(self._entries.get(instance_id))
            self._move(instance_id, **after_sending(entry))

    def mark_sent(self, instance_id: str, server_response: str, target: str | None = None) -> None:
        with self._lock:
            entry = check_known(self._entries.get(instance_id))
            self._move(instance_id, **after_sent(entry, server_response, target, self._now()))

    def mark_failed(
        self, instance_id: str, reason: str, permanent: bool = False, next_attempt_at: float | None = None,
        server_response: str | None = None,
    ) -> None:
        with self._lock:
            entry = check_known(self._entries.get(instance_id))
            self._move(instance_id, **after_failure(entry, reason, permanent, next_attempt_at,
                                                    server_response))

    def requeue(self, instance_id: str) -> None:
        with self._lock:
            check_known(self._entries.get(instance_id))
            self._move(instance_id, state=State.QUEUED, next_attempt_at=None)

    def history(self, instance_id: str) -> list[tuple[State, float]]:
        with self._lock:
            return list(self._history.get(instance_id, []))

    def purge_sent(self, retention_days: int, now: float | None = None) -> int:
        now = self._now() if now is None else now
        cutoff = now - retention_days * DAY
        count = 0
        with self._lock:
            for key, entry in list(self._entries.items()):
                if entry.state is State.SENT and not entry.payload_purged and (entry.sent_at or now) <= cutoff:
                    self._payloads.pop(key, None)
                    self._entries[key] = replace(entry, payload_purged=True)
                    count += 1
        return count

    def close(self) -> None:
        """Nothing to release; kept for the contract."""
