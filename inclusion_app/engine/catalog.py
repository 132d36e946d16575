"""The installed forms: those shipped with the program, those pulled from an organisation's
server (engine/server_forms.py) and those a volunteer imported, in that order.

The home screen and `forms list` read this. One broken imported form must never hide the
others: it is listed as broken, with the loader's message, so a volunteer can fix or remove it.
When two have the same formID the later one is used for new starts: a server's form replaces a
shipped one, and a form a volunteer imported by hand (on purpose) replaces both.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inclusion_app import paths as paths_mod
from inclusion_app.engine import server_forms
from inclusion_app.engine.bundle import bundle_ids
from inclusion_app.engine.form_problems import FormLoadError, Problem
from inclusion_app.engine.loader import SUPPORTED, load_form, media_dir_for

if TYPE_CHECKING:
    from inclusion_app.engine.formdef import FormDef

SHIPPED = "shipped"
IMPORTED = "imported"
SERVER = "server"


@dataclass(frozen=True)
class FormEntry:
    form_id: str
    version: str
    titles: dict[str, str]  # language code -> title
    path: Path
    practice: bool = False
    origin: str = SHIPPED  # SHIPPED, SERVER or IMPORTED
    languages: tuple[str, ...] = ()
    default_language: str | None = None
    error: str | None = None  # the loader's message when the form cannot be used
    form: Any = field(default=None, compare=False, repr=False)  # the loaded FormDef, when it loaded
    server: str | None = None  # for SERVER forms: the name of the target it came from

    @property
    def id(self) -> str:
        return self.form_id

    @property
    def broken(self) -> bool:
        return self.error is not None

    def title(self, lang: str | None = None) -> str:
        """In `lang`, else the form's default language, else any title, else the file name."""
        for code in (lang, self.default_language):
            if code and self.titles.get(code):
                return self.titles[code]
        return next((t for t in self.titles.values() if t), self.form_id or self.path.stem)


# (path, size, mtime) -> entry: the home screen lists forms often; unchanged files are not reloaded.
_MEMO: dict[tuple[str, int, int, str], FormEntry] = {}
_MEMO_LIMIT = 256


def entry_for(path: Path, cache_dir: Path | None, origin: str = SHIPPED,
              server: str | None = None) -> FormEntry:
    """Load one form file into an entry; a form that cannot load becomes a broken entry."""
    try:
        stat = path.stat()
        key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, f"{origin}:{server or ''}")
    except OSError:
        key = None
    if key is not None and key in _MEMO:
        return _MEMO[key]
    entry = _load_entry(path, cache_dir, origin)
    if server is not None:
        entry = replace(entry, server=server)
    if key is not None:
        if len(_MEMO) >= _MEMO_LIMIT:
            _MEMO.clear()
        _MEMO[key] = entry
    return entry


def _load_entry(path: Path, cache_dir: Path | None, origin: str) -> FormEntry:
    try:
        form = load_form(path, cache_dir=cache_dir, source_name=path.name)
    except FormLoadError as exc:
        return FormEntry(form_id=path.stem, version="", titles={}, path=path, origin=origin, error=str(exc))
    return from_form(form, path, origin)


def from_form(form: FormDef, path: Path, origin: str = SHIPPED) -> FormEntry:
    languages = tuple(form.languages or ())
    titles = {code: form.title(code) for code in languages} or {"": form.title()}
    return FormEntry(
        form_id=form.form_id, version=form.version, titles=titles, path=path,
        practice=bool(form.practice), origin=origin, languages=languages,
        default_language=form.default_language, form=form,
    )


def form_files(folder: Path) -> list[Path]:
    """Form files directly in `folder`, in name order (media folders and hidden files skipped)."""
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in SUPPORTED and not p.name.startswith((".", "~$"))
    )


def installed_files(app_paths: paths_mod.AppPaths) -> list[Path]:
    """Every installed form file in catalog order (the home screen's index checks these)."""
    return (form_files(paths_mod.shipped_forms_dir())
            + [path for _target, path in server_forms.installed_files(app_paths)]
            + form_files(app_paths.imported_forms))


def installed_forms(app_paths: paths_mod.AppPaths) -> list[FormEntry]:
    """Shipped forms first, then server forms, then imported ones; broken ones are included,
    marked broken."""
    cache_dir = app_paths.form_cache
    entries = [entry_for(p, cache_dir, SHIPPED) for p in form_files(paths_mod.shipped_forms_dir())]
    entries += [entry_for(p, cache_dir, SERVER, server=name)
                for name, p in server_forms.installed_files(app_paths)]
    entries += [entry_for(p, cache_dir, IMPORTED) for p in form_files(app_paths.imported_forms)]
    return entries


def find_form(app_paths: paths_mod.AppPaths, key: str) -> FormEntry | None:
    """An installed form by id (the last in catalog order wins: server over shipped, imported
    over both, as the volunteer imported it on purpose) or by file name."""
    entries = installed_forms(app_paths)
    for wanted in (lambda e: e.form_id == key, lambda e: e.path.name == key or e.path.stem == key):
        matches = [e for e in entries if wanted(e)]
        if matches:
            return next((e for e in reversed(matches) if not e.broken), matches[-1])
    return None


def import_form(app_paths: paths_mod.AppPaths, source: Path) -> FormEntry:
    """Check a form, then copy it (and its '-media' folder) into the imported forms folder.
    Raises FormLoadError, and copies nothing, when the form does not load."""
    form = load_form(source, cache_dir=app_paths.form_cache, source_name=source.name)
    if form.form_id in bundle_ids(app_paths):
        raise FormLoadError(Problem(source.name, "settings", 2, "form_id", (
            f"'{form.form_id}' is already the id of an installed bundle; forms and bundles share "
            "one set of ids, so choose another form_id")))
    target_dir = app_paths.imported_forms
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / source.name
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{source.name}.", dir=target_dir)
        with os.fdopen(fd, "wb") as fh:
            fh.write(source.read_bytes())
        os.replace(tmp, target)
        media = media_dir_for(source)
        if media is not None:  # beside the copy it is found by ODK's '<form>-media' convention
            shutil.copytree(media, target_dir / f"{target.stem}-media", dirs_exist_ok=True)
    except OSError as exc:
        raise FormLoadError(Problem(source.name, message=f"could not be copied into the forms folder ({exc.strerror or exc})")) from None
    return from_form(form, target, IMPORTED)
