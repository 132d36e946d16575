"""Taking forms from a server's OpenRosa form list, as ODK Collect does, and staying in step.

One pull from one target: read the form list; for each form whose listed hash differs from the
one remembered (or whose manifest lists changed media), download the XForm's bytes unchanged
and its changed media into a new folder, and check it exactly as `forms check` does. Only when
every download has finished is the target's index replaced (engine/server_forms.py), in one
atomic step: a network failure, or a cancel, leaves everything as it was. A broken form is
refused, named by its formID with the reason, and whatever was installed for it stays.
"Match" drops the forms this target no longer lists (never shipped or hand-imported ones);
"add" never removes anything. Drafts and queued submissions do not depend on any of this:
the compiled XForm is kept with every draft, and queued submissions are stored bytes.
"""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from inclusion_app.engine import server_forms
from inclusion_app.engine.form_problems import FormLoadError
from inclusion_app.engine.loader import load_form
from inclusion_app.engine.server_forms import ServerForm
from inclusion_app.i18n import _
from inclusion_app.paths import AppPaths
from inclusion_app.sync.form_fetch import FetchError, FormFetcher
from inclusion_app.sync.formlist import FormListError, ListedForm, MediaFile
from inclusion_app.sync.targets import Target

Progress = Callable[[int, int], None]
log = logging.getLogger(__name__)


@dataclass
class PullReport:
    """What one pull from one target did; `error` set means nothing was changed."""

    target: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)  # formID -> reason (plain words)
    warnings: dict[str, list[str]] = field(default_factory=dict)
    listed: list[ListedForm] = field(default_factory=list)
    downloads: int = 0
    reopened: int = 0  # submissions set aside for a closed form, queued again
    error: str | None = None
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None and not self.refused and not self.cancelled

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


class _Stop(Exception):
    """A cancel between two downloads."""


def pull_target(paths: AppPaths, target: Target, secret: str | None, mode: str = "match", *,
                progress: Progress | None = None, cancel: threading.Event | None = None,
                timeout: float = 30.0) -> PullReport:
    """Bring this target's forms in step with its form list (see the module's docstring)."""
    report = PullReport(target.name)
    progress = progress or (lambda done, total: None)
    cancel = cancel or threading.Event()
    installed = server_forms.read_index(paths, target.name)
    staged: list[Path] = []
    try:
        with FormFetcher(target, secret, timeout) as fetch:
            try:
                report.listed = fetch.form_list()
                progress(0, len(report.listed))
                new_index = _fetch_all(paths, target.name, fetch, installed, report, staged,
                                       progress, cancel)
            finally:
                report.downloads = fetch.downloads
    except (FetchError, FormListError) as exc:
        report.error = str(exc)
    except _Stop:
        report.cancelled = True
    except OSError as exc:
        report.error = _("The forms could not be saved on this computer ({reason}).").format(
            reason=exc.strerror or exc)
    except Exception as exc:  # noqa: BLE001 - a surprise must leave the forms as they were
        log.error("form pull from %s failed: %s: %s", target.name, type(exc).__name__, exc)
        report.error = _("Something unexpected went wrong ({kind}). Nothing was changed.").format(
            kind=type(exc).__name__)
    if report.error is not None or report.cancelled:
        for folder in staged:
            shutil.rmtree(folder, ignore_errors=True)
        report.added.clear()
        report.updated.clear()
        return report
    if mode == "add":
        new_index = {**installed, **new_index}
    report.removed = sorted(set(installed) - set(new_index))
    if report.changed:
        server_forms.commit(paths, target.name, new_index)
    used = {f.folder for f in new_index.values()}
    for folder in staged:  # refused forms' downloads
        if folder.name not in used:
            shutil.rmtree(folder, ignore_errors=True)
    return report


def _fetch_all(paths: AppPaths, name: str, fetch: FormFetcher, installed: dict[str, ServerForm],
               report: PullReport, staged: list[Path], progress: Progress,
               cancel: threading.Event) -> dict[str, ServerForm]:
    """Every listed form, downloaded when changed; the index the target should have now."""
    root = server_forms.target_dir(paths, name)
    index: dict[str, ServerForm] = {}
    seen: set[str] = set()
    for done, listed in enumerate(report.listed, start=1):
        if cancel.is_set():
            raise _Stop
        if listed.form_id in seen:
            continue  # a server listing one formID twice: the first entry counts
        seen.add(listed.form_id)
        old = installed.get(listed.form_id)
        try:
            media = fetch.manifest(listed)
        except FormListError as exc:  # this form's manifest only: the others still come
            report.refused[listed.form_id] = str(exc)
            if old is not None:
                index[listed.form_id] = old
            progress(done, len(report.listed))
            continue
        same_form = old is not None and bool(listed.hash) and old.hash == listed.hash
        if same_form and old is not None and old.media == {m.filename: m.hash for m in media}:
            index[listed.form_id] = old
            report.unchanged.append(listed.form_id)
        else:
            folder = server_forms.new_folder(paths, name, listed.form_id)
            staged.append(folder)
            entry = _stage(paths, fetch, listed, media, old, root, folder, report, same_form)
            if entry is not None:
                index[listed.form_id] = entry
            elif old is not None:
                index[listed.form_id] = old  # refused: the installed version stays
        progress(done, len(report.listed))
    return index


def _stage(paths: AppPaths, fetch: FormFetcher, listed: ListedForm, media: list[MediaFile],
           old: ServerForm | None, root: Path, folder: Path, report: PullReport,
           same_form: bool) -> ServerForm | None:
    """Download one form (and changed media) into `folder` and check it; None when refused."""
    file_name = f"{server_forms.slug(listed.form_id)}.xml"
    path = folder / file_name
    if same_form and old is not None:
        shutil.copyfile(old.path(root), path)  # only media changed: the form's bytes are here
    else:
        path.write_bytes(fetch.form_bytes(listed))
    media_dir = folder / f"{path.stem}-media"
    for item in media:
        kept = old.media_dir(root) / item.filename if old is not None else None
        if old is not None and item.hash and old.media.get(item.filename) == item.hash and kept and kept.is_file():
            media_dir.mkdir(exist_ok=True)
            shutil.copyfile(kept, media_dir / item.filename)
        else:
            fetch.media(item, media_dir)
    reason = _check(paths, path, listed, report)
    if reason is not None:
        report.refused[listed.form_id] = reason
        return None
    (report.updated if old is not None else report.added).append(listed.form_id)
    return ServerForm(listed.form_id, folder.name, file_name, listed.version,
                      listed.hash or server_forms.md5_hash(path.read_bytes()), listed.name,
                      {m.filename: m.hash for m in media})


def _check(paths: AppPaths, path: Path, listed: ListedForm, report: PullReport) -> str | None:
    """`forms check` on the downloaded file: None when it loads, else the reason in words."""
    try:
        form = load_form(path, cache_dir=paths.form_cache, source_name=listed.form_id)
    except FormLoadError as exc:
        return "; ".join(line.removeprefix(f"{listed.form_id}: ") for line in exc.lines())
    except Exception as exc:  # noqa: BLE001 - like `forms check`: a line, never a traceback
        return _("the form could not be checked ({error})").format(error=type(exc).__name__)
    if form.form_id != listed.form_id:
        return _("the form list calls it {listed} but the form itself says {actual}").format(
            listed=listed.form_id, actual=form.form_id)
    if form.warnings:
        report.warnings[listed.form_id] = list(form.warnings)
    return None
