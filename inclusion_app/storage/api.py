"""What the rest of the program may ask of storage: records and the repository protocol.

Two implementations honour this contract: the SQLite store (the real one) and an in-memory
twin for fast tests; one contract test runs against both. Payloads are opaque bytes here:
the store encrypts them, it never interprets them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol

from inclusion_app.engine.prompt import Submission


class State(str, Enum):  # noqa: UP042 (str() keeps the member name on 3.11)
    FINALIZED = "finalized"
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"  # will be retried (attempts counts tries)
    SET_ASIDE = "set_aside"  # refused by the server (413, 409 conflict, 4xx): needs a volunteer


class StorageError(Exception):
    """A storage problem, with a message a person can read (never an answer value)."""


class StorageFullError(StorageError):
    """The disk is full: the last good state is kept; the person is told in plain words."""


class PracticeRefusedError(StorageError):
    """Practice submissions (trainer forms) are never queued."""


@dataclass(frozen=True)
class DraftInfo:
    draft_id: str
    form_id: str
    form_version: str
    form_hash: str  # content hash of the exact compiled form the draft was started with
    form_title: str
    created_at: float  # seconds since the epoch
    updated_at: float
    practice: bool = False
    # a resume code was given at "Stop and save for later" (only its hash is stored);
    # a draft without one (saved before codes existed) is opened by a volunteer only
    has_code: bool = False


@dataclass(frozen=True)
class Draft:
    info: DraftInfo
    step: str  # the controller's position, serialised by the controller
    payload: bytes  # the controller's snapshot (answers); encrypted at rest


@dataclass(frozen=True)
class OutboxEntry:
    instance_id: str
    reference: str
    form_id: str
    form_version: str
    state: State
    attempts: int = 0
    last_error: str = ""
    target: str | None = None
    encrypted: bool = False  # ODK-encrypted at finalization: not even this PC can read it
    finalized_at: float = 0.0
    updated_at: float = 0.0
    sent_at: float | None = None
    next_attempt_at: float | None = None
    server_response: str = ""  # the receipt kept after the payload is purged
    payload_purged: bool = False
    title: str = ""
    # A trainer form's submission. Stores refuse to queue one (finalize and import_entry), but
    # keep the flag of any they hold, so the uploader can refuse it too, whatever the store holds.
    practice: bool = False


@dataclass(frozen=True)
class Payload:
    """Exactly the bytes to upload. For an ODK-encrypted form `xml` is the manifest and
    `attachments` holds `submission.xml.enc` and the `.enc` media files; `json` is empty."""

    xml: bytes
    json: bytes
    attachments: dict[str, bytes] = field(default_factory=dict)
    submission_url: str | None = None


class Store(Protocol):
    # Set when the database was damaged and moved aside at start-up: words for the volunteer.
    startup_notice: str | None

    # -- forms: the exact version each draft was started with --------------------------------
    def save_form_version(self, form_hash: str, form_id: str, version: str, xml: bytes) -> None: ...
    def get_form_version(self, form_hash: str) -> bytes | None: ...

    # -- drafts ------------------------------------------------------------------------------
    def save_draft(self, draft: Draft) -> None:
        """Insert or replace; durable when it returns (synchronous=FULL). A resume code the
        draft already has is kept (autosave after a resume must not lose it)."""

    def get_draft(self, draft_id: str) -> Draft | None: ...
    def list_drafts(self) -> list[DraftInfo]: ...
    def delete_draft(self, draft_id: str) -> None: ...

    def recent_draft(self, within_seconds: float, now: float | None = None) -> DraftInfo | None:
        """The newest draft changed within the window."""

    def set_resume_code(self, draft_id: str, code: str) -> bool:
        """Give a draft its resume code, stored only as a salted slow hash. False, changing
        nothing, when the code already opens another draft (pick another) or there is no
        such draft. The hashing is slow on purpose: call it off the GUI thread."""

    def find_draft_by_code(self, code: str) -> DraftInfo | None:
        """The draft this resume code opens, or None. Slow (one hash per coded draft)."""

    # -- the outbox --------------------------------------------------------------------------
    def finalize(self, submission: Submission, draft_id: str | None = None) -> OutboxEntry:
        """Store the submission's exact bytes (ODK-encrypting them when the form has a public
        key), record finalized -> queued, and delete the draft, all in one transaction.
        Raises PracticeRefusedError for practice submissions, StorageFullError on a full disk."""

    def import_entry(self, entry: OutboxEntry, payload: Payload) -> bool:
        """Queue a submission finalized on another PC (USB import) with its exact bytes,
        reference, title, submission_url and `encrypted` flag; False, changing nothing, when
        its instanceID is already here. Attempts, errors and target start afresh.
        Raises PracticeRefusedError for a practice entry, like finalize."""

    def list_outbox(self, states: tuple[State, ...] | None = None) -> list[OutboxEntry]: ...
    def get_entry(self, key: str) -> OutboxEntry | None:
        """By instanceID ("uuid:...") or by reference code."""

    def load_payload(self, instance_id: str) -> Payload: ...
    def mark_sending(self, instance_id: str) -> None: ...
    def mark_sent(self, instance_id: str, server_response: str, target: str | None = None) -> None: ...
    def mark_failed(
        self, instance_id: str, reason: str, permanent: bool = False, next_attempt_at: float | None = None,
        server_response: str | None = None,
    ) -> None:
        """A try failed: FAILED (retried later) or, when permanent, SET_ASIDE for a volunteer.
        `server_response`, when given, keeps the server's own answer with the entry."""

    def requeue(self, instance_id: str) -> None:
        """A volunteer's "retry": back to QUEUED, attempts kept."""

    def history(self, instance_id: str) -> list[tuple[State, float]]: ...

    def purge_sent(self, retention_days: int, now: float | None = None) -> int:
        """Remove readable payloads of submissions sent more than retention_days ago, keeping
        the receipt row. Returns how many were purged."""

    def close(self) -> None: ...
