"""Upload targets as a volunteer configures them: a name, the server address, how to sign in.

Targets live in settings (`targets`, `default_target`, `form_targets`); their secrets never do
(see credentials.py). Addresses are taken as one types them into ODK Collect: for ODK Central the
app-user URL (`https://host/v1/key/TOKEN/projects/ID`) or the project URL, for KoboToolbox
`https://kc.kobotoolbox.org/USER`; `/submission` is appended unless the form has its own
submission_url. Plain http is refused except on this computer (127.0.0.1, localhost, ::1) or
with an explicit allow_insecure, because passwords and residents' answers would travel in clear.

A Central app-user link carries its key in the address, so the key is a credential: settings keep
the address with the key replaced by MASK (auth "link"), the key goes to the credentials like a
password, and `with_secret` puts it back only for the connection. `forms` says how `forms pull`
treats the target: "match" the server's form list exactly, "add" only, or "off".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace
from typing import Any
from urllib.parse import urlsplit

from inclusion_app.i18n import _

KINDS = ("openrosa", "json")
AUTHS = ("none", "password", "token", "link")  # password: Basic or Digest, whichever the server
# asks; link: a Central app-user link whose key is kept with the credentials
FORM_MODES = ("match", "add", "off")
MASK = "****"
_LINK = re.compile(r"^(?P<head>https?://[^/]+(?:/[^?#]*?)?/v1/key/)(?P<key>[^/?#]+)(?P<tail>.*)$")
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
NAME = re.compile(r"^[\w.-]{1,40}$")


class TargetError(ValueError):
    """A target that cannot be used, with a message a volunteer can act on."""


@dataclass(frozen=True)
class Target:
    name: str
    url: str
    kind: str = "openrosa"
    auth: str = "none"
    user: str = ""
    ca_file: str | None = None
    allow_insecure: bool = False
    forms: str = "match"  # FORM_MODES: how `forms pull` follows this server's form list

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Target:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in known})

    def with_secret(self, secret: str | None) -> Target:
        """The target as it connects: an app-user link gets its key back (never saved so)."""
        if self.auth != "link" or not secret:
            return self
        return replace(self, url=self.url.replace(f"/v1/key/{MASK}/", f"/v1/key/{secret}/", 1))

    @property
    def shown_url(self) -> str:
        """The address with any app-user key masked, for lists and messages."""
        return mask_link(self.url)

    def submission_url(self, form_url: str | None = None) -> str:
        """Where to POST: the form's own submission_url, else the typed address + /submission."""
        if form_url:
            return check_url(form_url, self.allow_insecure)
        if self.kind == "json":
            return self.url
        base = self.url.rstrip("/")
        return base if base.endswith("/submission") else base + "/submission"


def check_url(url: str, allow_insecure: bool = False) -> str:
    """The address cleaned up, or TargetError saying in plain words what is wrong with it."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TargetError(_("The server address must start with https:// and name a server."))
    if parts.username or parts.password:
        raise TargetError(_("Do not put the user name or password in the address; "
                            "use --user and --password-stdin."))
    if parts.scheme == "http" and parts.hostname not in LOOPBACK and not allow_insecure:
        raise TargetError(_("Plain http:// would send answers and passwords unprotected. "
                            "Use the https:// address (or --allow-insecure on a closed network)."))
    return url


def mask_link(url: str) -> str:
    """An app-user link with its key replaced by MASK; any other address as it is."""
    found = _LINK.match(url)
    return f"{found['head']}{MASK}{found['tail']}" if found else url


def secure_link(target: Target) -> tuple[Target, str | None]:
    """(target to save, key to keep as a secret): an app-user link loses its key to the secret."""
    found = _LINK.match(target.url)
    if target.auth != "none" or not found or found["key"] == MASK:
        return target, None
    return replace(target, url=mask_link(target.url), auth="link"), found["key"]


def secure_links(book: TargetBook, keep_secret: Callable[[str, str], None]) -> bool:
    """Move keys of app-user links saved in plain text (older settings) to the credentials;
    True when the book changed and should be saved."""
    changed = False
    for name, target in list(book.targets.items()):
        safe, key = secure_link(target)
        if key is not None:
            keep_secret(name, key)
            book.targets[name] = safe
            changed = True
    return changed


def make_target(
    name: str,
    url: str,
    kind: str = "openrosa",
    auth: str = "none",
    user: str = "",
    ca_file: str | None = None,
    allow_insecure: bool = False,
    forms: str = "match",
) -> Target:
    """Validate everything a volunteer typed before anything is saved."""
    if not NAME.match(name):
        raise TargetError(_("A target name uses letters, digits, '-', '_' or '.' (at most 40)."))
    if kind not in KINDS:
        raise TargetError(_("The kind must be openrosa or json."))
    if auth not in AUTHS:
        raise TargetError(_("Unknown sign-in method."))
    if auth == "password" and not user:
        raise TargetError(_("A password needs a user name (--user)."))
    if forms not in FORM_MODES:
        raise TargetError(_("Forms from a server are taken as match, add or off."))
    return Target(name, check_url(url, allow_insecure), kind, auth, user, ca_file, allow_insecure,
                  forms)


class TargetBook:
    """The configured targets and which one each form goes to."""

    def __init__(self, targets: list[Target], default: str | None = None,
                 form_targets: dict[str, str] | None = None) -> None:
        self.targets = {t.name: t for t in targets}
        self.default = default
        self.form_targets = dict(form_targets or {})

    @classmethod
    def from_settings(cls, settings: Any) -> TargetBook:
        targets = []
        for raw in settings.targets or []:
            try:
                targets.append(Target.from_dict(raw))
            except TypeError:
                continue  # a damaged entry must not stop the others
        return cls(targets, settings.default_target, settings.form_targets)

    def store_into(self, settings: Any) -> None:
        settings.targets = [t.to_dict() for t in self.targets.values()]
        settings.default_target = self.default if self.default in self.targets else None
        settings.form_targets = {f: n for f, n in self.form_targets.items() if n in self.targets}

    def get(self, name: str) -> Target | None:
        return self.targets.get(name)

    def for_entry(self, form_id: str, pinned: str | None = None) -> Target | None:
        """The entry's own target if set, else the form's, else the default, else the only one."""
        for name in (pinned, self.form_targets.get(form_id), self.default):
            if name and name in self.targets:
                return self.targets[name]
        if len(self.targets) == 1:
            return next(iter(self.targets.values()))
        return None

    def add(self, target: Target) -> None:
        self.targets[target.name] = target
        if self.default is None:
            self.default = target.name

    def remove(self, name: str) -> bool:
        found = self.targets.pop(name, None) is not None
        if self.default == name:
            self.default = next(iter(self.targets), None)
        self.form_targets = {f: n for f, n in self.form_targets.items() if n != name}
        return found
