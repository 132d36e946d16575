"""What finalization turns a Submission into: the exact payload to keep and upload.

Shared by every store so the SQLite store and its in-memory twin seal submissions alike:
practice submissions are refused, and forms with a public key are ODK-encrypted here, before
anything is written, so no store ever holds their readable form.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from inclusion_app.engine.prompt import Submission
from inclusion_app.i18n import _
from inclusion_app.storage.api import (
    OutboxEntry,
    Payload,
    PracticeRefusedError,
    State,
    StorageError,
)


def practice_refused() -> str:
    return _("This was a practice form: practice answers are never sent or kept in the outbox.")


@dataclass(frozen=True)
class Sealed:
    payload: Payload
    encrypted: bool


def seal(submission: Submission) -> Sealed:
    """The payload to store for a submission; raises PracticeRefusedError for practice forms."""
    if submission.practice:
        raise PracticeRefusedError(practice_refused())
    if not submission.instance_id:
        raise StorageError(_("This submission has no instanceID, so it cannot be queued."))
    if submission.public_key:
        from inclusion_app.storage.odk_encryption import encrypt_submission

        manifest, files = encrypt_submission(submission)
        return Sealed(Payload(manifest, b"", files, submission.submission_url), True)
    payload = Payload(
        bytes(submission.xml),
        bytes(submission.json),
        {name: bytes(data) for name, data in submission.attachments.items()},
        submission.submission_url,
    )
    return Sealed(payload, False)


def imported(entry: OutboxEntry, now: float) -> OutboxEntry:
    """How a submission finalized on another PC enters this outbox: queued, with a fresh count.

    Its bytes were sealed there (an ODK-encrypted one stays encrypted), so they are kept as
    they are; only what describes this PC's tries (attempts, errors, target, receipt) starts
    afresh. The original finalize time is kept when known.
    """
    if entry.practice:
        raise PracticeRefusedError(practice_refused())
    if not entry.instance_id:
        raise StorageError(_("This submission has no instanceID, so it cannot be queued."))
    return replace(
        entry, state=State.QUEUED, attempts=0, last_error="", target=None,
        finalized_at=entry.finalized_at or now, updated_at=now, sent_at=None,
        next_attempt_at=None, server_response="", payload_purged=False,
    )
