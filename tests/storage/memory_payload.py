"""The payload a plain (not ODK-encrypted) submission should be stored as, for comparisons."""

from __future__ import annotations

from inclusion_app.engine.prompt import Submission
from inclusion_app.storage.api import Payload


def payload_of(sub: Submission) -> Payload:
    return Payload(sub.xml, sub.json, dict(sub.attachments), sub.submission_url)
