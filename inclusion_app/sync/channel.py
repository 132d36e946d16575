"""One open line to a target for the length of a run: its HTTP client, its sign-in, its limits.

Opening a channel to an OpenRosa target does the HEAD that OpenRosa allows before submitting:
it costs no body, learns the server's Basic/Digest challenge and size limit, and spots a Wi-Fi
login page (200 instead of 204) before any resident's answers leave the computer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from inclusion_app.i18n import _
from inclusion_app.storage.api import Payload
from inclusion_app.sync.auth import auth_for
from inclusion_app.sync.json_target import post_json
from inclusion_app.sync.openrosa import head_check, make_client, post_submission
from inclusion_app.sync.outcome import Kind, Outcome, from_exception, judge_json, portal
from inclusion_app.sync.targets import Target, TargetError

SecretLookup = Callable[[str], "str | None"]


@dataclass
class Channel:
    target: Target
    client: httpx.Client
    auth: httpx.Auth | None
    accept_length: int | None = None
    form_urls: dict[str, str] | None = None

    def refuse_size(self, instance_id: str, payload: Payload) -> Outcome | None:
        """Set aside, without sending, what the server already said it will not take."""
        if self.accept_length is None or self.target.kind != "openrosa":
            return None
        size = len(payload.xml) + sum(len(a) for a in payload.attachments.values())
        if size + 300 * (1 + len(payload.attachments)) <= self.accept_length:  # + part headers
            return None
        return Outcome(Kind.SET_ASIDE, _("This submission is too large for the server. "
                                         "A volunteer needs to look at it."), 413)

    def url_for(self, payload: Payload) -> str | Outcome:
        try:
            return self.target.submission_url(payload.submission_url)
        except TargetError as exc:
            return Outcome(Kind.SET_ASIDE, str(exc))

    def send(self, instance_id: str, payload: Payload) -> Outcome:
        """Runs on a worker thread: HTTP only, no store calls."""
        url = self.url_for(payload)
        if isinstance(url, Outcome):
            return url
        if self.target.kind == "json":
            return post_json(self.client, url, instance_id, payload, self.auth)
        return post_submission(self.client, url, instance_id, payload, self.auth)


class ChannelFactory:
    """Opens each target once per run (HEAD included) and closes every client afterwards."""

    def __init__(self, secrets: SecretLookup, *, timeout: float = 30.0, connect_timeout: float = 10.0,
                 workers: int = 3, head_first: bool = True) -> None:
        self.secrets = secrets
        self.timeout = timeout
        self.connect_timeout = connect_timeout
        self.workers = workers
        self.head_first = head_first
        self._open: dict[str, Channel | Outcome] = {}
        self._lock = threading.Lock()

    def open(self, target: Target) -> Channel | Outcome:
        with self._lock:
            if target.name not in self._open:
                self._open[target.name] = self._connect(target)
            return self._open[target.name]

    def _connect(self, target: Target) -> Channel | Outcome:
        secret = self.secrets(target.name) if target.auth != "none" else None
        if target.auth != "none" and secret is None:
            return Outcome(Kind.BLOCKED, _("The password or token for this server is missing. "
                                           "A volunteer needs to enter it again."))
        try:
            client = make_client(target.ca_file, self.timeout, self.connect_timeout, self.workers)
        except (OSError, ValueError):
            return Outcome(Kind.BLOCKED, _("The certificate file for this server could not be read."))
        target = target.with_secret(secret)  # an app-user link's key, only for the connection
        channel = Channel(target, client, auth_for(target, secret))
        if self.head_first and target.kind == "openrosa":
            outcome, limit = head_check(client, target.submission_url(), channel.auth)
            if outcome.kind is not Kind.DELIVERED:
                client.close()
                return outcome
            channel.accept_length = limit
        return channel

    def check(self, target: Target) -> Outcome:
        """`targets check`: can we reach it and sign in? (JSON targets: reachability only.)"""
        channel = self._connect(target)
        if isinstance(channel, Outcome):
            return channel
        try:
            if target.kind == "json":  # no standard probe: reachable, and the token not refused
                try:
                    response = channel.client.head(target.url, auth=channel.auth or httpx.USE_CLIENT_DEFAULT)
                except httpx.HTTPError as exc:
                    return from_exception(exc)
                if response.status_code in (401, 403) or response.status_code >= 500:
                    return judge_json(response)
                if "html" in response.headers.get("content-type", "") or 300 <= response.status_code < 400:
                    return portal()
            return Outcome(Kind.DELIVERED, _("The server answered correctly."))
        finally:
            channel.client.close()

    def close(self) -> None:
        with self._lock:
            for channel in self._open.values():
                if isinstance(channel, Channel):
                    channel.client.close()
            self._open.clear()
