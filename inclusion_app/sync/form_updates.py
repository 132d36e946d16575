"""Form updates for the command line and the window: pull from every target, say what happened,
queue again what a closed form held back, and decide when the automatic check is due.

`pull_all(paths, settings, store=..., progress=cb, cancel=event)` is "Get forms from the server"
and `inclusion-app forms pull`; it returns one PullReport per target and `report_lines` turns
them into plain words. The automatic check's timing is `sync.form_schedule`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from inclusion_app.engine import catalog, server_forms
from inclusion_app.i18n import _
from inclusion_app.paths import AppPaths
from inclusion_app.storage.api import State, Store
from inclusion_app.sync.credentials import Credentials
from inclusion_app.sync.form_pull import Progress, PullReport, pull_target
from inclusion_app.sync.formlist import ListedForm
from inclusion_app.sync.outcome import closed_form
from inclusion_app.sync.targets import Target, TargetBook


def pulled_targets(book: TargetBook, only: str | None = None) -> list[Target]:
    """The targets forms are taken from: OpenRosa ones whose forms mode is not "off"."""
    chosen = [t for t in book.targets.values() if t.kind == "openrosa" and t.forms != "off"]
    return [t for t in chosen if only is None or t.name == only]


def pull_all(paths: AppPaths, settings: Any, *, only: str | None = None, mode: str | None = None,
             store: Store | None = None, progress: Progress | None = None,
             cancel: threading.Event | None = None, timeout: float = 30.0,
             secrets: Callable[[str], str | None] | None = None) -> list[PullReport]:
    """Pull every chosen target in turn; `mode` overrides each target's own ("match"/"add")."""
    book = TargetBook.from_settings(settings)
    lookup = secrets or Credentials(paths).get
    reports = []
    for target in pulled_targets(book, only):
        if cancel is not None and cancel.is_set():
            break
        secret = lookup(target.name) if target.auth != "none" else None
        if target.auth != "none" and secret is None:
            reports.append(PullReport(target.name, error=_(
                "The password or token for this server is missing. A volunteer needs to enter it again.")))
            continue
        report = pull_target(paths, target, secret, mode or target.forms, progress=progress,
                             cancel=cancel, timeout=timeout)
        if store is not None and report.error is None and not report.cancelled:
            report.reopened = requeue_reopened(store, book, report)
        reports.append(report)
    return reports


def requeue_reopened(store: Store, book: TargetBook, report: PullReport) -> int:
    """Submissions a closed form held back, queued again now that the form list shows the form
    open (a closed form is absent from Central's form list). Returns how many."""
    listed = {f.form_id for f in report.listed}
    count = 0
    for entry in store.list_outbox((State.SET_ASIDE,)):
        target = book.for_entry(entry.form_id, entry.target)
        if target is None or target.name != report.target or entry.form_id not in listed:
            continue
        if closed_form(entry.server_response) or closed_form(entry.last_error):
            store.requeue(entry.instance_id)
            count += 1
    return count


def report_lines(report: PullReport) -> list[str]:
    """Plain words for one target's pull: what changed, what was refused and why."""
    name = report.target
    if report.error is not None:
        return [_("{target}: the forms could not be fetched, nothing was changed: {reason}").format(
            target=name, reason=report.error)]
    if report.cancelled:
        return [_("{target}: stopped; nothing was changed.").format(target=name)]
    lines = [_("{target}: {added} new, {updated} updated, {removed} removed, {unchanged} unchanged.").format(
        target=name, added=len(report.added), updated=len(report.updated),
        removed=len(report.removed), unchanged=len(report.unchanged))]
    for form_id in report.added:
        lines.append(_("{target}: new form {form}").format(target=name, form=form_id))
    for form_id in report.updated:
        lines.append(_("{target}: updated form {form}").format(target=name, form=form_id))
    for form_id in report.removed:
        lines.append(_("{target}: removed form {form} (the server no longer offers it)").format(
            target=name, form=form_id))
    for form_id, reason in report.refused.items():
        lines.append(_("{target}: refused form {form}: {reason}").format(target=name, form=form_id,
                                                                        reason=reason))
    for form_id, warnings in report.warnings.items():
        lines += [_("{target}: form {form}: warning: {warning}").format(
            target=name, form=form_id, warning=w) for w in warnings]
    if report.reopened:
        lines.append(_("{target}: {count} submissions for forms open again will be sent with the "
                       "next upload.").format(target=name, count=report.reopened))
    return lines


def compare_installed(paths: AppPaths, target: str, listed: list[ListedForm]) -> list[str]:
    """Warnings for `targets check`: forms whose server copy differs from the one this computer
    would start (after a project turns on encryption, the server's hash changes), and forms the
    server offers that are not installed here."""
    index = server_forms.read_index(paths, target)
    warnings = []
    for form in listed:
        entry = catalog.find_form(paths, form.form_id)
        if entry is None:
            warnings.append(_("The server offers form {form}, which is not installed here: "
                              "run inclusion-app forms pull.").format(form=form.form_id))
            continue
        if entry.origin == catalog.SERVER and entry.server == target and form.form_id in index:
            installed = index[form.form_id].hash
        elif entry.path.suffix.lower() == ".xml":
            installed = server_forms.md5_hash(entry.path.read_bytes())
        else:  # a spreadsheet never has the server's bytes: compare versions
            installed = form.hash if entry.version == form.version else ""
        if form.hash and installed != form.hash:
            warnings.append(_("Form {form} on the server differs from the one installed here "
                              "(server version {server}, here {here}): new residents would use "
                              "the old one. Run inclusion-app forms pull.").format(
                form=form.form_id, server=form.version or "-", here=entry.version or "-"))
    return warnings
