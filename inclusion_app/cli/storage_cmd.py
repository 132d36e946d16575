"""Volunteer commands for saved work: list and delete drafts, list the outbox, back up the key."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from contextlib import closing
from pathlib import Path

from inclusion_app.i18n import _
from inclusion_app.storage import keys, recovery
from inclusion_app.storage.api import State, StorageError
from inclusion_app.storage.factory import open_store
from inclusion_app.storage.keycheck import key_matches
from inclusion_app.storage.vault import Vault, open_vault


def _when(seconds: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(seconds)) if seconds else "-"


def _open(ctx):  # noqa: ANN001, ANN202 - ctx is cli.Context (imported lazily there)
    store = open_store(ctx.paths)
    if store.startup_notice:
        print(store.startup_notice, file=sys.stderr)
    return store


def _fail(exc: StorageError) -> int:
    print(str(exc), file=sys.stderr)
    return 1


def drafts_list(args: argparse.Namespace, ctx) -> int:  # noqa: ANN001
    try:
        with closing(_open(ctx)) as store:
            drafts = store.list_drafts()
    except StorageError as exc:
        return _fail(exc)
    if not drafts:
        print(_("No drafts."), file=ctx.out)
    for d in drafts:
        practice = "  " + _("(practice)") if d.practice else ""
        changed = _("changed {when}").format(when=_when(d.updated_at))
        print(f"{d.draft_id}\t{d.form_id}\t{d.form_version}\t{changed}\t"
              f"{d.form_title}{practice}", file=ctx.out)
    return 0


def drafts_delete(args: argparse.Namespace, ctx) -> int:  # noqa: ANN001
    try:
        with closing(_open(ctx)) as store:
            if store.get_draft(args.draft_id) is None:
                print(_("No draft with the ID {id}.").format(id=args.draft_id), file=sys.stderr)
                return 1
            store.delete_draft(args.draft_id)
    except StorageError as exc:
        return _fail(exc)
    print(_("deleted {id}").format(id=args.draft_id), file=ctx.out)
    return 0


def outbox_list(args: argparse.Namespace, ctx) -> int:  # noqa: ANN001
    states = tuple(State(s) for s in args.state) if args.state else None
    try:
        with closing(_open(ctx)) as store:
            entries = store.list_outbox(states)
    except StorageError as exc:
        return _fail(exc)
    if not entries:
        print(_("The outbox is empty."), file=ctx.out)
    for e in entries:
        error = e.last_error.replace("\n", " ") or "-"
        print(f"{e.reference}\t{e.instance_id}\t{e.form_id}\t{e.state.value}\t"
              f"{e.attempts}\t{error}", file=ctx.out)
    return 0


def _passphrase(args: argparse.Namespace, confirm: bool) -> str:
    """From stdin (first line) with --passphrase-stdin, otherwise asked twice without echo."""
    if args.passphrase_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(_("Passphrase: "))
    if confirm and getpass.getpass(_("The same passphrase again: ")) != first:
        raise recovery.RecoveryError(_("The two passphrases were different; nothing was written."))
    return first


def key_export(args: argparse.Namespace, ctx) -> int:  # noqa: ANN001
    target = Path(args.file)
    if target.exists() and not args.force:
        print(_("{file} already exists; choose another name or add --force.").format(file=target),
              file=sys.stderr)
        return 1
    try:
        vault = open_vault(ctx.paths)
        passphrase = _passphrase(args, confirm=True)
        blob = recovery.export_key(vault.key_bytes(), passphrase, vault.fingerprint)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
            fh.flush()
            os.fsync(fh.fileno())
    except StorageError as exc:
        return _fail(exc)
    except OSError as exc:
        print(_("Could not write {file}: {reason}.").format(file=target, reason=exc.strerror),
              file=sys.stderr)
        return 1
    print(_("Key {fingerprint} exported to {file}. Keep it and the passphrase apart, somewhere "
            "safe: together they open every saved submission.").format(
              fingerprint=vault.fingerprint, file=target), file=ctx.out)
    return 0


def key_import(args: argparse.Namespace, ctx) -> int:  # noqa: ANN001
    try:
        blob = Path(args.file).read_bytes()
    except OSError as exc:
        print(_("Could not read {file}: {reason}.").format(file=args.file, reason=exc.strerror),
              file=sys.stderr)
        return 1
    try:
        key = recovery.import_key(blob, _passphrase(args, confirm=False))
        current = keys.find(ctx.paths)
        if key_matches(ctx.paths.database, Vault(key)) is False:
            print(_("This recovery copy is not the key this computer's saved data was made with; "
                    "nothing was changed."), file=sys.stderr)
            return 1
        # a key made afresh after the real one was lost does not open the data: replace it
        stale = current is not None and key_matches(ctx.paths.database, Vault(current)) is False
        if current is not None and current != key and not (args.replace or stale):
            print(_("This computer already has a different storage key. Importing would make data "
                    "saved with it unreadable; add --replace only if that key is the wrong one."),
                  file=sys.stderr)
            return 1
        where = keys.install(ctx.paths, key)
        store = _open(ctx)  # proves the restored key opens this database
        store.close()
    except StorageError as exc:
        return _fail(exc)
    print(_("Key restored ({where}); the saved data opens with it.").format(where=where), file=ctx.out)
    return 0


def register(registry) -> None:  # noqa: ANN001 - cli.Registry
    sub = registry.subcommand("drafts", "list", drafts_list, "List saved drafts.",
                              group_help="Drafts: forms started but not finished.")
    sub = registry.subcommand("drafts", "delete", drafts_delete, "Delete one draft for good.")
    sub.add_argument("draft_id", metavar="ID")
    sub = registry.subcommand("outbox", "list", outbox_list,
                              "One line per submission: reference, instanceID, form id, state, "
                              "attempts, last error.",
                              group_help="The outbox: finalized submissions waiting to be sent.")
    sub.add_argument("--state", action="append", choices=[s.value for s in State],
                     help="only submissions in this state (repeatable)")
    for name, handler, text in (
        ("export", key_export, "Write a passphrase-protected recovery copy of the storage key."),
        ("import", key_import, "Restore the storage key from a recovery copy."),
    ):
        sub = registry.subcommand("key", name, handler, text,
                                  group_help="The key that encrypts saved answers.")
        sub.add_argument("file", metavar="FILE")
        sub.add_argument("--passphrase-stdin", action="store_true",
                         help="read the passphrase from the first line of standard input")
        if name == "export":
            sub.add_argument("--force", action="store_true", help="overwrite FILE")
        else:
            sub.add_argument("--replace", action="store_true",
                             help="replace a different key already on this computer")
