"""`inclusion-app forms pull`: take the forms an organisation publishes on its server.

Without --target every OpenRosa target whose forms mode is not "off" is asked, each in its own
mode ("match" the server's form list exactly, or "add" only; --add-only for this run). One line
per change, one per refused form with its reason; exit 0 only when every target answered and
every form was accepted. Submissions a closed form held back are queued again when the form
list shows the form open.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from inclusion_app.i18n import _
from inclusion_app.storage.api import StorageError
from inclusion_app.sync.credentials import Credentials
from inclusion_app.sync.form_updates import pull_all, pulled_targets, report_lines
from inclusion_app.sync.targets import TargetBook, secure_links


def load_book(ctx: Any) -> TargetBook:
    """The targets, with any app-user key still saved in plain text moved to the credentials."""
    book = TargetBook.from_settings(ctx.settings)
    if secure_links(book, Credentials(ctx.paths).set):
        book.store_into(ctx.settings)
        ctx.save_settings()
    return book


def _choose(book: TargetBook, name: str | None) -> str | None:
    """None when the targets can be pulled; otherwise the words saying why not."""
    if name is not None:
        target = book.get(name)
        if target is None:
            return _("There is no target called {name}.").format(name=name)
        if target.kind != "openrosa":
            return _("Forms can only be taken from an OpenRosa server (ODK Central, Kobo, Ona).")
        if target.forms == "off":
            return _("Forms are not taken from {name} (it was added with --forms off).").format(name=name)
    elif not pulled_targets(book):
        return _("No server to take forms from. Add one with: inclusion-app targets add NAME URL")
    return None


def forms_pull(args: argparse.Namespace, ctx: Any) -> int:
    book = load_book(ctx)
    problem = _choose(book, args.target)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    store = None
    try:
        from inclusion_app.storage.factory import open_store

        store = open_store(ctx.paths)
    except StorageError as exc:  # forms still come; held-back submissions wait for next time
        print(str(exc), file=sys.stderr)
    try:
        reports = pull_all(ctx.paths, ctx.settings, only=args.target,
                           mode="add" if args.add_only else None, store=store, timeout=args.timeout)
    finally:
        if store is not None:
            store.close()
    for report in reports:
        for line in report_lines(report):
            print(line, file=sys.stderr if report.error or report.cancelled else ctx.out)
    return 0 if reports and all(r.ok for r in reports) else 1


def forms_auto(args: argparse.Namespace, ctx: Any) -> int:
    """Turn the window's automatic form check on or off, or say how it is set."""
    settings = ctx.settings
    if args.state is not None:
        settings.forms_auto_update = args.state == "on"
        if args.hours is not None:
            settings.forms_update_hours = max(1, args.hours)
        ctx.save_settings()
    if settings.forms_auto_update:
        print(_("The program checks the servers for new forms at start-up and every {hours} "
                "hours (never while a resident is in a form).").format(hours=settings.forms_update_hours),
              file=ctx.out)
    else:
        print(_("The program checks for new forms only when a volunteer asks."), file=ctx.out)
    return 0


def register(registry: Any) -> None:
    pull = registry.subcommand("forms", "pull", forms_pull,
                               "take the forms published on the servers (OpenRosa form list)")
    pull.add_argument("--target", metavar="NAME", help="only this server (default: every one)")
    pull.add_argument("--add-only", action="store_true",
                      help="add new and updated forms but remove none (default: match the server)")
    pull.add_argument("--timeout", type=float, default=30.0, help=argparse.SUPPRESS)
    auto = registry.subcommand("forms", "auto", forms_auto,
                               "the window's automatic check for new forms: on, off, or how it is set")
    auto.add_argument("state", nargs="?", choices=("on", "off"))
    auto.add_argument("--hours", type=int, metavar="N", help="check every N hours (default 6, at least 1)")
