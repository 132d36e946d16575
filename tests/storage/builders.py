"""Small builders for storage tests: submissions, drafts and a clock the test moves by hand."""

from __future__ import annotations

import hashlib

from inclusion_app.engine.prompt import Submission
from inclusion_app.storage.api import Draft, DraftInfo, Payload

PHOTO = bytes(range(256)) * 8 + b"\xff\xd8PHOTO-PATTERN-5521\xff\xd9"


class Clock:
    """A settable clock so state times and retention are exact in tests."""

    def __init__(self, now: float = 1_750_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def submission(n: int = 1, **changes: object) -> Submission:
    """A plausible submission whose bytes depend only on n."""
    iid = f"uuid:00000000-0000-4000-8000-{n:012d}"
    fields: dict[str, object] = {
        "form_id": "benefit_claim",
        "form_version": "2025030901",
        "instance_id": iid,
        "reference": f"K7M{n:04d}",
        "xml": (f'<data id="benefit_claim" version="2025030901"><name>Person {n}</name>'
                f"<meta><instanceID>{iid}</instanceID></meta></data>").encode(),
        "json": f'{{"name": "Person {n}"}}'.encode(),
        "attachments": {f"photo-{n}.jpg": PHOTO + n.to_bytes(4, "big")},
        "title": "Benefit claim",
    }
    fields.update(changes)
    return Submission(**fields)  # type: ignore[arg-type]


def draft(draft_id: str = "d1", updated_at: float = 1_750_000_000.0, payload: bytes = b"snap",
          step: str = "0,1", **changes: object) -> Draft:
    info = {
        "draft_id": draft_id, "form_id": "benefit_claim", "form_version": "2025030901",
        "form_hash": "sha256:abc", "form_title": "Benefit claim",
        "created_at": updated_at - 60, "updated_at": updated_at,
    }
    info.update(changes)
    return Draft(DraftInfo(**info), step, payload)  # type: ignore[arg-type]


def digest(payload: Payload) -> str:
    """One hash over every byte of a payload, attachments in order, to compare copies."""
    h = hashlib.sha256(payload.xml + b"\0" + payload.json)
    for name, data in payload.attachments.items():
        h.update(b"\0" + name.encode() + b"\0" + data)
    return h.hexdigest()
