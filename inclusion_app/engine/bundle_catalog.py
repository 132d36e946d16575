"""The installed bundles: shipped (assets/bundles) and imported, each checked against the forms.

A bundle that names a missing form, or whose id is a form's, is listed as broken with the
checker's message, like a broken form: the home screen leaves it out, a volunteer sees why.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from inclusion_app import paths as paths_mod
from inclusion_app.engine import catalog
from inclusion_app.engine.bundle import (
    BundleDef,
    bundle_files,
    imported_bundles_dir,
    load_bundle,
    shipped_bundles_dir,
)
from inclusion_app.engine.bundle_check import Installed, check_bundle
from inclusion_app.engine.form_problems import FormLoadError, Problem


@dataclass(frozen=True)
class BundleEntry:
    bundle_id: str
    path: Path
    origin: str = catalog.SHIPPED
    error: str | None = None
    bundle: BundleDef | None = field(default=None, compare=False, repr=False)

    @property
    def broken(self) -> bool:
        return self.error is not None

    def title(self, lang: str | None = None) -> str:
        return self.bundle.title(lang) if self.bundle is not None else self.bundle_id


def installed_map(entries: list[catalog.FormEntry]) -> dict[str, Installed]:
    """form id -> the usable form (an imported copy wins, as in catalog.find_form)."""
    out: dict[str, Installed] = {}
    for entry in entries:
        known = out.get(entry.form_id)
        if entry.broken:
            if known is None or known.form is None:
                out[entry.form_id] = Installed(error=entry.error or "broken")
        else:
            out[entry.form_id] = Installed(form=entry.form)
    return out


def check_file(app_paths: paths_mod.AppPaths, path: Path, display: str | None = None) -> BundleDef:
    """Read and check one bundle file against the installed forms; FormLoadError if refused."""
    name = display or str(path)
    bundle = load_bundle(path, name)
    problems = check_bundle(bundle, installed_map(catalog.installed_forms(app_paths)), name)
    if problems:
        raise FormLoadError(problems)
    return bundle


def installed_bundles(app_paths: paths_mod.AppPaths) -> list[BundleEntry]:
    forms = installed_map(catalog.installed_forms(app_paths))
    entries: list[BundleEntry] = []
    for folder, origin in ((shipped_bundles_dir(), catalog.SHIPPED),
                           (imported_bundles_dir(app_paths), catalog.IMPORTED)):
        for path in bundle_files(folder):
            try:
                bundle = load_bundle(path, path.name)
            except FormLoadError as exc:
                entries.append(BundleEntry(path.stem, path, origin, str(exc)))
                continue
            problems = check_bundle(bundle, forms, path.name)
            error = "\n".join(str(p) for p in problems) or None
            entries.append(BundleEntry(bundle.bundle_id, path, origin, error, bundle))
    return entries


def find_bundle(app_paths: paths_mod.AppPaths, key: str) -> BundleEntry | None:
    """By bundle id or file name; an imported one wins over a shipped one with the same id."""
    entries = installed_bundles(app_paths)
    for wanted in (lambda e: e.bundle_id == key, lambda e: e.path.name == key or e.path.stem == key):
        matches = [e for e in entries if wanted(e)]
        if matches:
            return next((e for e in reversed(matches) if not e.broken), matches[-1])
    return None


def import_bundle(app_paths: paths_mod.AppPaths, source: Path) -> BundleEntry:
    """Check a bundle, then copy it into the imported bundles folder; copies nothing if refused."""
    bundle = check_file(app_paths, source, source.name)
    target_dir = imported_bundles_dir(app_paths)
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / source.name
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{source.name}.", dir=target_dir)
        with os.fdopen(fd, "wb") as fh:
            fh.write(source.read_bytes())
        os.replace(tmp, target)
    except OSError as exc:
        raise FormLoadError(Problem(source.name, message=f"could not be copied into the bundles folder ({exc.strerror or exc})")) from None
    bundle.path = target
    return BundleEntry(bundle.bundle_id, target, catalog.IMPORTED, None, bundle)
