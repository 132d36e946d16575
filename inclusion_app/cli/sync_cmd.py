"""Commands for uploads: set up targets, upload now, retry one, carry the outbox on a USB stick.

`outbox upload` is a person's explicit request: it tries every waiting submission now and ends
with the line `delivered N, failed M, waiting K` (exit 0 only when everything was delivered).
Secrets are read from standard input (--password-stdin, --token-stdin), never from arguments,
so they stay out of shell history and process lists, and they are never printed.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from inclusion_app.cli.pull_cmd import load_book
from inclusion_app.i18n import _
from inclusion_app.storage.api import State, StorageError
from inclusion_app.sync.channel import ChannelFactory
from inclusion_app.sync.credentials import Credentials
from inclusion_app.sync.form_fetch import FetchError, FormFetcher
from inclusion_app.sync.form_updates import compare_installed
from inclusion_app.sync.formlist import FormListError
from inclusion_app.sync.outcome import Kind
from inclusion_app.sync.service import build_uploader
from inclusion_app.sync.targets import FORM_MODES, TargetBook, TargetError, make_target, secure_link
from inclusion_app.sync.usb import TransferError, export_outbox, import_outbox


def _err(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def _read_secret(prompt: str, from_stdin: bool, confirm: bool = False) -> str:
    """One line from standard input (scripts) or a hidden prompt (a person at a terminal)."""
    if from_stdin or not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass(_("Type it again: ")) != first:
        raise TransferError(_("The two passphrases were different."))
    return first


def _open_store(ctx):  # noqa: ANN001, ANN202 - ctx is cli.Context
    from inclusion_app.storage.factory import open_store

    store = open_store(ctx.paths)
    notice = getattr(store, "startup_notice", None)
    if notice:
        print(notice, file=sys.stderr)
    return store


# -- targets ----------------------------------------------------------------------------------
def targets_add(args: argparse.Namespace, ctx) -> int:  # noqa: ANN001
    auth = "token" if args.token_stdin else ("password" if args.user else "none")
    try:
        target = make_target(args.name, args.url, args.kind, auth, args.user or "",
                             args.ca_file, args.allow_insecure, args.forms)
    except TargetError as exc:
        return _err(str(exc))
    target, link_key = secure_link(target)  # an app-user key is kept like a password
    if args.ca_file and not Path(args.ca_file).is_file():
        return _err(_("The certificate file was not found: {path}").format(path=args.ca_file))
    secret = None
    if auth != "none":
        secret = _read_secret(_("Password: ") if auth == "password" else _("Token: "),
                              args.password_stdin or args.token_stdin)
        if not secret:
            return _err(_("No password or token was given on standard input."))
    book = load_book(ctx)
    secret = link_key if link_key is not None else secret
    if secret is not None:
        Credentials(ctx.paths).set(target.name, secret)
    else:
        Credentials(ctx.paths).delete(target.name)  # a replaced target's old secret
    book.add(target)
    if args.default:
        book.default = target.name
    for form_id in args.form or []:
        book.form_targets[form_id] = target.name
    book.store_into(ctx.settings)
    ctx.save_settings()
    print(_("Saved target {name}.").format(name=target.name), file=ctx.out)
    return 0


def targets_list(args: argparse.Namespace, ctx) -> int:  # noqa: ANN001
    book = load_book(ctx)
    if not book.targets:
        print(_("No targets yet. Add one with: inclusion-app targets add NAME URL"), file=ctx.out)
        return 0
    forms: dict[str, list[str]] = {}
    for form_id, name in book.form_targets.items():
        forms.setdefault(name, []).append(form_id)
    for t in book.targets.values():
        mark = " " + _("(default)") if t.name == book.default else ""
        extra = f"\tforms: {', '.join(sorted(forms[t.name]))}" if t.name in forms else ""
        who = f"\tuser {t.user}" if t.user else ("\ttoken" if t.auth == "token" else "")
        if t.auth == "link":
            who = "\t" + _("app-user key kept with the passwords")
        pull = "\t" + _("forms: {mode}").format(mode=t.forms) if t.kind == "openrosa" else ""
        print(f"{t.name}{mark}\t{t.kind}\t{t.shown_url}{who}{pull}{extra}", file=ctx.out)
    return 0


def targets_check(args: argparse.Namespace, ctx) -> int:  # noqa: ANN001
    book = load_book(ctx)
    target = book.get(args.name)
    if target is None:
        return _err(_("There is no target called {name}.").format(name=args.name))
    creds = Credentials(ctx.paths)
    outcome = ChannelFactory(creds.get, timeout=args.timeout).check(target)
    print(outcome.message, file=ctx.out if outcome.kind is Kind.DELIVERED else sys.stderr)
    if outcome.kind is Kind.DELIVERED and target.kind == "openrosa":
        _compare_forms(target, creds.get(target.name) if target.auth != "none" else None, ctx, args.timeout)
    return 0 if outcome.kind is Kind.DELIVERED else 1


def _compare_forms(target, secret, ctx, timeout: float) -> None:  # noqa: ANN001
    """Warn when the server's forms differ from those installed (e.g. encryption turned on)."""
    try:
        with FormFetcher(target, secret, timeout) as fetch:
            listed = fetch.form_list()
    except (FetchError, FormListError) as exc:
        print(_("The server's form list could not be read: {reason}").format(reason=exc), file=sys.stderr)
        return
    for warning in compare_installed(ctx.paths, target.name, listed):
        print(_("warning: {text}").format(text=warning), file=sys.stderr)


def targets_remove(args: argparse.Namespace, ctx) -> int:  # noqa: ANN001
    book = TargetBook.from_settings(ctx.settings)
    if not book.remove(args.name):
        return _err(_("There is no target called {name}.").format(name=args.name))
    Credentials(ctx.paths).delete(args.name)
    book.store_into(ctx.settings)
    ctx.save_settings()
    print(_("Removed target {name}.").format(name=args.name), file=ctx.out)
    return 0


# -- the outbox -------------------------------------------------------------------------------
def outbox_upload(args: argparse.Namespace, ctx) -> int:  # noqa: ANN001
    book = TargetBook.from_settings(ctx.settings)
    if args.target and book.get(args.target) is None:
        return _err(_("There is no target called {name}.").format(name=args.target))
    try:
        store = _open_store(ctx)
    except StorageError as exc:
        return _err(str(exc))
    try:
        uploader = build_uploader(store, ctx.paths, ctx.settings, workers=args.workers,
                                  timeout=args.timeout)
        report = uploader.run(args.target, explicit=True)
    except StorageError as exc:  # e.g. a full disk: what was sent is resent, never lost
        return _err(str(exc))
    finally:
        store.close()
    for name, note in report.notes.items():
        print(f"{name}: {note}" if name else note, file=sys.stderr)
    print(report.line(), file=ctx.out)
    return 0 if report.ok else 1


def outbox_retry(args: argparse.Namespace, ctx) -> int:  # noqa: ANN001
    try:
        store = _open_store(ctx)
    except StorageError as exc:
        return _err(str(exc))
    try:
        entry = store.get_entry(args.ref)
        if entry is None:
            return _err(_("No submission with the reference {ref}.").format(ref=args.ref))
        if entry.state is State.SENT:
            return _err(_("{ref} was already delivered.").format(ref=entry.reference))
        store.requeue(entry.instance_id)
    finally:
        store.close()
    print(_("{ref} will be sent with the next upload.").format(ref=entry.reference), file=ctx.out)
    return 0


def outbox_export(args: argparse.Namespace, ctx) -> int:  # noqa: ANN001
    try:
        passphrase = _read_secret(_("Passphrase for the file: "), args.passphrase_stdin, confirm=True)
        store = _open_store(ctx)
        try:
            count = export_outbox(store, Path(args.file), passphrase)
        finally:
            store.close()
    except (TransferError, StorageError) as exc:
        return _err(str(exc))
    print(_("Wrote {count} submissions to {file}.").format(count=count, file=args.file), file=ctx.out)
    return 0


def outbox_import(args: argparse.Namespace, ctx) -> int:  # noqa: ANN001
    try:
        passphrase = _read_secret(_("Passphrase of the file: "), args.passphrase_stdin)
        store = _open_store(ctx)
        try:
            result = import_outbox(store, Path(args.file), passphrase)
        finally:
            store.close()
    except (TransferError, StorageError) as exc:
        return _err(str(exc))
    print(_("Queued {new} submissions ({dup} were already here).").format(
        new=result.imported, dup=result.duplicates), file=ctx.out)
    if result.practice:
        print(_("Left out {count} practice submissions: practice answers are never sent.").format(
            count=result.practice), file=ctx.out)
    return 0


def register(registry) -> None:  # noqa: ANN001 - cli.Registry
    th = "upload targets: the servers submissions go to"
    add = registry.subcommand("targets", "add", targets_add, "add or replace a target", th)
    add.add_argument("name")
    add.add_argument("url", help="the server address as typed into ODK Collect")
    add.add_argument("--kind", choices=("openrosa", "json"), default="openrosa")
    add.add_argument("--user", help="user name (the password is read with --password-stdin)")
    secret = add.add_mutually_exclusive_group()
    secret.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    secret.add_argument("--token-stdin", action="store_true", help="read a bearer token from stdin")
    add.add_argument("--ca-file", metavar="PEM", help="trust this certificate authority as well")
    add.add_argument("--allow-insecure", action="store_true",
                     help="allow plain http:// to a server that is not this computer")
    add.add_argument("--default", action="store_true", help="make this the default target")
    add.add_argument("--form", action="append", metavar="FORM_ID", help="send this form here")
    add.add_argument("--forms", choices=FORM_MODES, default="match",
                     help="how `forms pull` follows this server's form list: match it exactly "
                          "(default), add only, or take no forms from it")
    registry.subcommand("targets", "list", targets_list, "list targets", th)
    check = registry.subcommand("targets", "check", targets_check, "check a target answers", th)
    check.add_argument("name")
    check.add_argument("--timeout", type=float, default=15.0, help=argparse.SUPPRESS)
    remove = registry.subcommand("targets", "remove", targets_remove, "remove a target", th)
    remove.add_argument("name")

    oh = "the outbox: finalized submissions waiting to be sent"
    up = registry.subcommand("outbox", "upload", outbox_upload, "send every waiting submission now", oh)
    up.add_argument("--target", metavar="NAME", help="only submissions going to this target")
    up.add_argument("--workers", type=int, default=3, help=argparse.SUPPRESS)
    up.add_argument("--timeout", type=float, default=30.0, help=argparse.SUPPRESS)
    retry = registry.subcommand("outbox", "retry", outbox_retry, "queue a set-aside submission again", oh)
    retry.add_argument("ref", help="the reference code or instanceID")
    for name, handler, text in (("export", outbox_export, "write waiting submissions to a file"),
                                ("import", outbox_import, "queue submissions from an export file")):
        sub = registry.subcommand("outbox", name, handler, text, oh)
        sub.add_argument("file")
        sub.add_argument("--passphrase-stdin", action="store_true", help="read the passphrase from stdin")
