"""Plain HTTPS JSON endpoints: POST the stored JSON view with `Idempotency-Key: <instanceID>`.

The key lets the office's server recognise a resend after a lost answer, the JSON twin of
Central's identical-resend rule. Forms with a public key never come here: their answers must
stay encrypted, and a JSON view of them does not exist (the delivery refuses them first).
"""

from __future__ import annotations

import httpx

from inclusion_app.storage.api import Payload
from inclusion_app.sync.outcome import Outcome, from_exception, judge_json


def post_json(client: httpx.Client, url: str, instance_id: str, payload: Payload,
              auth: httpx.Auth | None) -> Outcome:
    """One POST of the stored JSON bytes, judged; exceptions become Outcomes."""
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "Accept": "application/json",
        "Idempotency-Key": instance_id,
    }
    try:
        response = client.post(url, content=payload.json, headers=headers,
                               auth=auth or httpx.USE_CLIENT_DEFAULT)
    except httpx.HTTPError as exc:
        return from_exception(exc)
    return judge_json(response)
