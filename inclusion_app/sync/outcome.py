"""What one upload attempt meant, in plain words: the single place where HTTP answers are judged.

Only 201/202 from an OpenRosa server (any 2xx with a JSON body from a JSON endpoint) count as
delivered. A 200, a redirect or an HTML page is a Wi-Fi login page in the way, not the server.
"""

from __future__ import annotations

import email.utils
import json
import re
import time
from dataclasses import dataclass
from enum import StrEnum

import httpx
from defusedxml import ElementTree as SafeET

from inclusion_app.i18n import _


class Kind(StrEnum):
    DELIVERED = "delivered"
    RETRY = "retry"  # passing trouble (5xx, timeouts, resets, login pages): try again later
    BLOCKED = "blocked"  # the target itself needs a volunteer (credentials): keep queued
    SET_ASIDE = "set_aside"  # this submission was refused: a volunteer looks at it


@dataclass(frozen=True)
class Outcome:
    kind: Kind
    message: str  # plain words for a volunteer, already translated; never answer values
    status: int | None = None
    receipt: str = ""  # the server's short answer, kept as the receipt
    retry_after: float | None = None  # seconds the server asked us to wait


def portal() -> Outcome:
    return Outcome(Kind.RETRY, _("The internet connection needs a login page first"))


def from_exception(exc: Exception) -> Outcome:
    """Network trouble: every kind is worth another try later; TLS failures say so."""
    if isinstance(exc, httpx.TimeoutException):
        if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
            return Outcome(Kind.RETRY, _("The server could not be reached. It will be tried again later."))
        return Outcome(Kind.RETRY, _("The server took too long to answer. It will be tried again later."))
    if isinstance(exc, httpx.ConnectError):
        text = str(exc).lower()
        if "certificate" in text or "ssl" in text or "tls" in text:
            return Outcome(Kind.RETRY, _("The server's security certificate could not be checked. "
                                         "It will be tried again later."))
        return Outcome(Kind.RETRY, _("The server could not be reached. It will be tried again later."))
    return Outcome(Kind.RETRY, _("The connection was cut off. It will be tried again later."))


def _is_html(response: httpx.Response) -> bool:
    ctype = response.headers.get("content-type", "").lower()
    return "html" in ctype or response.content[:200].lstrip().lower().startswith((b"<!doctype html", b"<html"))


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _receipt(response: httpx.Response) -> str:
    """A short, safe summary of the server's answer (its message, never our answers)."""
    text = response.text[:300] if response.content else ""
    return f"HTTP {response.status_code} {text}".strip()


def server_words(response: httpx.Response) -> str:
    """The server's own message: OpenRosa's <message>, a JSON "message"/"detail"/"error", or
    short plain text; empty for an HTML page or nothing useful. Kept as the server wrote it."""
    if not response.content or _is_html(response):
        return ""
    raw = response.content[:4000]
    try:
        root = SafeET.fromstring(raw)
        texts = [e.text.strip() for e in root.iter() if e.tag.rsplit("}", 1)[-1] == "message" and e.text]
        if texts:
            return " ".join(texts)[:300]
    except Exception:  # noqa: BLE001 - not XML: try JSON, then plain text
        pass
    try:
        data = json.loads(raw)
        if isinstance(data, dict):
            for key in ("message", "detail", "error"):
                if isinstance(data.get(key), str) and data[key].strip():
                    return data[key].strip()[:300]
    except ValueError:
        pass
    text = raw.decode("utf-8", errors="replace").strip()
    return " ".join(text.split())[:300] if text and not text.startswith("<") else ""


# What ODK Central (409.2), KoboToolbox and Ona say when a form takes no more submissions.
_CLOSED = re.compile(r"not (currently )?accepting submissions|no longer accepting|form is closed|"
                     r"form is not active|form is inactive|not accepting data", re.IGNORECASE)


def closed_form(words: str) -> bool:
    """The server's words say the form is closed (Central's 409.2, Kobo's or Ona's wording)."""
    return bool(_CLOSED.search(words or ""))


def needs_https(response: httpx.Response) -> bool:
    """Central refuses Basic over plain http with 401.3 "only available over HTTPS"."""
    return response.request.url.scheme == "http" and "https" in server_words(response).lower()


def _refusal(response: httpx.Response) -> Outcome:
    code = response.status_code
    if code == 401 and needs_https(response):
        return Outcome(Kind.BLOCKED, _("This server needs https: a volunteer needs to change the "
                                       "address to start with https://."), code, _receipt(response))
    if code in (401, 403):
        return Outcome(Kind.BLOCKED, _("The server did not accept the user name, password or "
                                       "link. A volunteer needs to check the server settings."), code)
    if code == 413:
        return Outcome(Kind.SET_ASIDE, _("This submission is too large for the server. "
                                         "A volunteer needs to look at it."), code, _receipt(response))
    if code == 404:
        return Outcome(Kind.SET_ASIDE, _with_words(_("The server does not know this form. A volunteer "
                                                     "needs to check the server address."), response),
                       code, _receipt(response))
    if code in (408, 425, 429) or code >= 500:
        return Outcome(Kind.RETRY, _("The server had a problem (error {code}). It will be tried "
                                     "again later.").format(code=code), code, _receipt(response),
                       _retry_after(response))
    return Outcome(Kind.SET_ASIDE, _with_words(_("The server refused this submission (error {code}). "
                                                 "A volunteer needs to look at it.").format(code=code),
                                               response), code, _receipt(response))


def _with_words(message: str, response: httpx.Response) -> str:
    """Our plain words, then the server's own (Kobo and Ona explain refusals themselves)."""
    words = server_words(response)
    return f"{message} " + _("The server said: “{words}”").format(words=words) if words else message


def judge_openrosa(response: httpx.Response) -> Outcome:
    """Central: 201 new or identical resend; Ona: 202 duplicate; 409: different bytes, same ID."""
    code = response.status_code
    if code in (201, 202) and not _is_html(response):
        return Outcome(Kind.DELIVERED, _("Delivered"), code, _receipt(response))
    if code < 400 or _is_html(response) and code < 500 and code not in (401, 403, 404, 413):
        return Outcome(Kind.RETRY, portal().message, code)
    if code == 409:
        return _conflict(response)
    return _refusal(response)


def _conflict(response: httpx.Response) -> Outcome:
    """409 has several causes; tell them apart by the server's words and keep those words."""
    words = server_words(response)
    receipt = _receipt(response)
    if closed_form(words):
        message = _("This form is closed on the server; ask whoever runs it to reopen it. "
                    "It will be sent by itself once the form is open again.")
    elif re.search(r"different XML|already exists with this ID|duplicate", words, re.IGNORECASE) or not words:
        message = _("The server already holds a different submission with this number. "
                    "A volunteer needs to look at it.")
    else:
        message = _("The server refused this submission. A volunteer needs to look at it.")
    return Outcome(Kind.SET_ASIDE, _with_words(message, response), 409, receipt)


def judge_json(response: httpx.Response) -> Outcome:
    """2xx with a non-HTML body is delivered; 409 means the same key is still being processed."""
    code = response.status_code
    if 200 <= code < 300 and not _is_html(response):
        return Outcome(Kind.DELIVERED, _("Delivered"), code, _receipt(response))
    if code < 400 or _is_html(response) and code < 500 and code not in (401, 403, 404, 413):
        return Outcome(Kind.RETRY, portal().message, code)
    if code == 409:
        return Outcome(Kind.RETRY, _("The server is still working on this submission. "
                                     "It will be tried again later."), code, _receipt(response))
    return _refusal(response)


def judge_head(response: httpx.Response) -> Outcome:
    """OpenRosa's HEAD must answer 204; a 200 here is the classic captive-portal sign."""
    if response.status_code == 204:
        return Outcome(Kind.DELIVERED, _("The server answered correctly."), 204)
    if response.status_code in (401, 403):
        return _refusal(response)
    if response.status_code < 400 or _is_html(response):
        return Outcome(Kind.RETRY, portal().message, response.status_code)
    if response.status_code < 500:
        return Outcome(Kind.BLOCKED, _("This does not look like the right server address "
                                       "(error {code}). A volunteer needs to check it.").format(
                                           code=response.status_code), response.status_code)
    return _refusal(response)
