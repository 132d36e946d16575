"""The test server's authentication: HTTP Basic, Digest (RFC 7616, MD5, qop=auth) and bearer.

OpenRosa's authentication rules ask servers for Basic over TLS or Digest; KoboToolbox's and
Ona's OpenRosa endpoints challenge with either. A missing header gets a 401 challenge; wrong
credentials get 401 again (Central answers 403 for broken ones: both must block the target).
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets

REALM = "loopback-central"
_PARAM = re.compile(r'(\w+)=(?:"([^"]*)"|([^,\s]*))')


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


def challenge(scheme: str, opaque: str) -> str:
    """The WWW-Authenticate value for a 401."""
    if scheme == "digest":
        nonce = secrets.token_hex(16)
        return (
            f'Digest realm="{REALM}", qop="auth", nonce="{nonce}", '
            f'opaque="{opaque}", algorithm=MD5'
        )
    if scheme == "bearer":
        return f'Bearer realm="{REALM}"'
    return f'Basic realm="{REALM}", charset="UTF-8"'


def check_auth(
    scheme: str, header: str | None, method: str, uri: str, user: str, password: str, token: str
) -> bool:
    """True when the Authorization header proves the configured identity."""
    if scheme == "none":
        return True
    if not header:
        return False
    kind, _, rest = header.partition(" ")
    kind = kind.lower()
    if scheme == "bearer":
        return kind == "bearer" and secrets.compare_digest(rest.strip(), token)
    if scheme == "basic":
        if kind != "basic":
            return False
        try:
            given = base64.b64decode(rest.strip(), validate=True).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            return False
        return secrets.compare_digest(given, f"{user}:{password}")
    if scheme == "digest" and kind == "digest":
        params = {m[0]: m[1] or m[2] for m in _PARAM.findall(rest)}
        need = ("username", "realm", "nonce", "uri", "response", "nc", "cnonce", "qop")
        if any(k not in params for k in need) or params["username"] != user:
            return False
        if params["uri"] != uri:
            return False
        ha1 = _md5(f"{user}:{params['realm']}:{password}")
        ha2 = _md5(f"{method}:{params['uri']}")
        expected = _md5(
            f"{ha1}:{params['nonce']}:{params['nc']}:{params['cnonce']}:{params['qop']}:{ha2}"
        )
        return secrets.compare_digest(expected, params["response"])
    return False
