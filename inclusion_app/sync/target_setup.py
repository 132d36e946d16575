"""Adding, removing and routing servers from the volunteer corner, and saying what a check found.

The window keeps the settings in memory, but servers are always changed in the settings file
itself (read, change, write at once), so a server added by `inclusion-app targets add` while the
window runs is never lost, and the window's next save keeps this change. Secrets go to
`Credentials`, never to the settings.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from inclusion_app import settings as settings_mod
from inclusion_app.i18n import _
from inclusion_app.paths import AppPaths
from inclusion_app.sync.credentials import Credentials
from inclusion_app.sync.targets import (
    NAME,
    Target,
    TargetBook,
    TargetError,
    make_target,
    secure_link,
)

CENTRAL = re.compile(r"/v1/(?:key/[^/]+/)?projects/(\d+)")


def _change(paths: AppPaths, edit) -> TargetBook:  # noqa: ANN001 - a function of the book
    settings = settings_mod.load(paths.settings_file)
    book = TargetBook.from_settings(settings)
    edit(book)
    book.store_into(settings)
    settings_mod.save(settings, paths.settings_file)
    return book


def suggest_name(url: str, taken: list[str]) -> str:
    """A short name from the server's address ("central-example-org"), not yet used."""
    host = (urlsplit(url.strip()).hostname or "server").replace(".", "-")
    base = "".join(ch for ch in host if NAME.match(ch))[:30] or "server"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    return name


def add_server(paths: AppPaths, url: str, name: str = "", user: str = "",
               password: str = "") -> Target:
    """Check and save a server: the address alone (an app-user link has its key in it), or a
    user name and password. TargetError says in plain words what to change."""
    settings = settings_mod.load(paths.settings_file)
    taken = [str(t.get("name")) for t in settings.targets or [] if isinstance(t, dict)]
    name = name.strip() or suggest_name(url, taken)
    if user.strip() and not password:
        raise TargetError(_("Type the password that goes with this user name."))
    auth = "password" if user.strip() else "none"
    target, link_key = secure_link(make_target(name, url, "openrosa", auth, user.strip()))
    credentials = Credentials(paths)
    secret = password if auth == "password" else link_key  # an app-user key is a secret too
    if secret:
        credentials.set(target.name, secret)
    else:
        credentials.delete(target.name)
    _change(paths, lambda book: book.add(target))
    return target


def remove_server(paths: AppPaths, name: str) -> bool:
    removed: list[bool] = []
    _change(paths, lambda book: removed.append(book.remove(name)))
    Credentials(paths).delete(name)
    return bool(removed and removed[0])


def route_form(paths: AppPaths, form_id: str, name: str | None) -> None:
    """Send this form's submissions to `name`; None: the default server again."""
    def edit(book: TargetBook) -> None:
        if name is None:
            book.form_targets.pop(form_id, None)
        elif name in book.targets:
            book.form_targets[form_id] = name
        else:
            raise TargetError(_("There is no target called {name}.").format(name=name))
    _change(paths, edit)


def make_default(paths: AppPaths, name: str) -> None:
    def edit(book: TargetBook) -> None:
        if name in book.targets:
            book.default = name
    _change(paths, edit)


def server_kind(target: Target) -> str:
    """What kind of server the address is, in words: "ODK Central, project 3"."""
    url = target.url
    found = CENTRAL.search(urlsplit(url).path)
    host = (urlsplit(url).hostname or "").lower()
    if found:
        return _("ODK Central, project {number}").format(number=found.group(1))
    if "kobotoolbox" in host or host.startswith("kc."):
        return "KoboToolbox"
    if "ona.io" in host:
        return "Ona"
    return _("an OpenRosa server")


def check_words(target: Target, ok: bool, message: str, forms: int | None) -> str:
    """The plain answer of a connection check: what was reached, and how many forms it has."""
    if not ok:
        return _("Could not reach {server}: {reason}").format(server=server_kind(target),
                                                               reason=message)
    if forms is None:
        return _("Reached {server}.").format(server=server_kind(target))
    return _("Reached {server}. Forms on it: {count}.").format(server=server_kind(target),
                                                            count=forms)
