"""Signing in to a target: Basic or Digest (whichever the server challenges with), or a bearer token.

OpenRosa's authentication rules require clients to answer both Basic and Digest challenges.
The first request goes out without credentials (or after a HEAD, which costs no body); the
401's WWW-Authenticate names the scheme, which is remembered for later requests of the run.
ODK Central answers a bare 401 without any challenge and accepts Basic: a 401 that does not ask
for Digest gets Basic (the address is https, or this computer, as targets.py insists).
Bodies here are bytes, so resending one after a challenge sends exactly the same bytes.
"""

from __future__ import annotations

import threading
from collections.abc import Generator

import httpx

from inclusion_app.sync.targets import Target


class ChallengeAuth(httpx.Auth):
    """Answers a Basic or Digest challenge; sends Basic up front once the server has asked for it."""

    requires_request_body = True

    def __init__(self, user: str, password: str) -> None:
        self._basic = httpx.BasicAuth(user, password)
        self._digest = httpx.DigestAuth(user, password)
        self._scheme: str | None = None
        self._lock = threading.Lock()  # DigestAuth counts nonces; workers share one object

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._scheme == "basic":
            yield from self._basic.auth_flow(request)
            return
        if self._scheme == "digest":
            with self._lock:
                flow = self._digest.auth_flow(request)
                first = next(flow)
            response = yield first
            try:
                with self._lock:
                    retry = flow.send(response)
            except StopIteration:
                return
            yield retry
            return
        response = yield request
        if response.status_code != 401:
            return
        offered = response.headers.get("www-authenticate", "").lower()
        if offered.startswith("digest") or ", digest" in offered:
            self._scheme = "digest"
            with self._lock:
                flow = self._digest.auth_flow(request)
                next(flow)  # the unauthenticated request we already sent
                retry = flow.send(response)
            yield retry
        else:  # Basic, or no challenge at all: ODK Central answers a bare 401 and takes Basic
            self._scheme = "basic"
            yield from self._basic.auth_flow(request)


class BearerAuth(httpx.Auth):
    """`Authorization: Bearer <token>` for JSON endpoints."""

    def __init__(self, token: str) -> None:
        self._header = f"Bearer {token}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request


def auth_for(target: Target, secret: str | None) -> httpx.Auth | None:
    """The auth object for a target; None when the address itself carries the key (Central app users)."""
    if target.auth == "password" and secret is not None:
        return ChallengeAuth(target.user, secret)
    if target.auth == "token" and secret is not None:
        return BearerAuth(secret)
    return None
