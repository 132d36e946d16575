"""OpenRosa submission: the multipart body, the POST, the optional HEAD, and judging the answer.

The body is built from the stored bytes with a boundary derived from the instanceID, so every
resend of one submission is byte-identical (Central answers 201 to an identical resend and 409
to changed bytes). Attachments go as their own parts, named by their file names, as Collect does.
"""

from __future__ import annotations

import hashlib
import mimetypes
import ssl

import certifi
import httpx

from inclusion_app.storage.api import Payload
from inclusion_app.sync.outcome import (
    Outcome,
    from_exception,
    judge_head,
    judge_openrosa,
    needs_https,
)

OPENROSA_HEADERS = {"X-OpenRosa-Version": "1.0"}
USER_AGENT = "inclusion-app (OpenRosa client)"


def make_client(ca_file: str | None = None, timeout: float = 30.0, connect_timeout: float = 10.0,
                workers: int = 3) -> httpx.Client:
    """One connection pool per target; certificates always verified, redirects never followed."""
    context = ssl.create_default_context(cafile=certifi.where())
    if ca_file:
        context.load_verify_locations(cafile=ca_file)
    return httpx.Client(
        verify=context,
        timeout=httpx.Timeout(timeout, connect=connect_timeout),
        follow_redirects=False,  # a redirect to a login page is a captive portal, never success
        limits=httpx.Limits(max_connections=workers, max_keepalive_connections=workers),
        headers={"User-Agent": USER_AGENT},
    )


def _part(name: str, filename: str, ctype: str, data: bytes) -> bytes:
    head = (f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {ctype}\r\n\r\n").encode()
    return head + data


def multipart_body(instance_id: str, payload: Payload) -> tuple[bytes, str]:
    """(body, content type): the same bytes every time for the same stored payload."""
    parts = [_part("xml_submission_file", "submission.xml", "text/xml", payload.xml)]
    for filename in sorted(payload.attachments):
        ctype = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        parts.append(_part(filename, filename, ctype, payload.attachments[filename]))
    seed = hashlib.sha256(instance_id.encode("utf-8")).hexdigest()
    boundary = f"inclusion-{seed[:32]}"
    salt = 0
    while any(boundary.encode() in p for p in parts):  # astronomically rare, but never ambiguous
        salt += 1
        boundary = f"inclusion-{hashlib.sha256(f'{seed}{salt}'.encode()).hexdigest()[:32]}"
    sep = f"--{boundary}\r\n".encode()
    body = b"".join(sep + p + b"\r\n" for p in parts) + f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def post_submission(client: httpx.Client, url: str, instance_id: str, payload: Payload,
                    auth: httpx.Auth | None) -> Outcome:
    """One POST of the stored bytes; every exception becomes an Outcome, never a traceback."""
    body, ctype = multipart_body(instance_id, payload)
    headers = {**OPENROSA_HEADERS, "Content-Type": ctype}
    try:
        response = client.post(url, content=body, headers=headers, auth=auth or httpx.USE_CLIENT_DEFAULT)
    except httpx.HTTPError as exc:
        return from_exception(exc)
    return judge_openrosa(response)


def head_check(client: httpx.Client, url: str, auth: httpx.Auth | None) -> tuple[Outcome, int | None]:
    """(outcome, the server's accepted content length) of OpenRosa's HEAD /submission."""
    try:
        response = client.head(url, headers=OPENROSA_HEADERS, auth=auth or httpx.USE_CLIENT_DEFAULT)
    except httpx.HTTPError as exc:
        return from_exception(exc), None
    limit = response.headers.get("x-openrosa-accept-content-length", "")
    outcome = judge_head(response)
    if response.status_code == 401 and response.request.url.scheme == "http":
        outcome = _why_refused(client, url, auth, outcome)
    return outcome, int(limit) if limit.isdigit() else None


def _why_refused(client: httpx.Client, url: str, auth: httpx.Auth | None, outcome: Outcome) -> Outcome:
    """A HEAD carries no words: ask the form list (a GET) why plain http was refused, since
    Central refuses Basic over http with "only available over HTTPS"."""
    base = url.rstrip("/")
    list_url = (base[: -len("/submission")] if base.endswith("/submission") else base) + "/formList"
    try:
        answer = client.get(list_url, headers=OPENROSA_HEADERS, auth=auth or httpx.USE_CLIENT_DEFAULT)
    except httpx.HTTPError:
        return outcome
    return judge_head(answer) if answer.status_code == 401 and needs_https(answer) else outcome
