"""What the home screen needs to draw its tiles, kept in a small file beside the form cache.

Parsing every installed form at start-up (and importing the engine to do it) cost more than
the rest of the window together. The tiles need only an id and titles, so those are kept in
`home_tiles.json`, checked against each form file's size and modification time; the form
itself is loaded (from the compiled-form cache) only when its tile is pressed. Any change to
the forms folder, or a damaged index, simply means one full listing that rewrites it.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inclusion_app import paths as paths_mod

log = logging.getLogger(__name__)
INDEX_NAME = "home_tiles.json"
VERSION = 2  # 2: practice forms marked


@dataclass(frozen=True)
class TileEntry:
    """A tile's worth of a form: enough to draw it, and where to load the form from."""

    form_id: str
    titles: dict[str, str]
    path: str
    default_language: str | None = None
    practice: bool = False  # a trainer's form: off the residents' home unless class mode

    def title(self, lang: str | None = None) -> str:
        for code in (lang, self.default_language):
            if code and self.titles.get(code):
                return self.titles[code]
        return next((t for t in self.titles.values() if t), self.form_id)


def form_files(app_paths: paths_mod.AppPaths) -> list[Path]:
    """Installed form files in the order the catalog lists them (shipped, server, imported)."""
    from inclusion_app.engine.catalog import installed_files

    return installed_files(app_paths)


def _stamp(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _program() -> str:
    from inclusion_app import __version__

    return f"{VERSION}:{__version__}"


def read(app_paths: paths_mod.AppPaths) -> list[TileEntry] | None:
    """The tiles from the index, or None when any form file (or the program) changed since."""
    try:
        raw = json.loads((app_paths.form_cache / INDEX_NAME).read_text(encoding="utf-8"))
        if raw.get("version") != _program():
            return None
        files = form_files(app_paths)
        stamps = {str(p): _stamp(p) for p in files}
        if raw.get("stamps") != stamps:
            return None
        return [TileEntry(e["form_id"], dict(e["titles"]), e["path"], e.get("default_language"),
                          bool(e.get("practice", False)))
                for e in raw["tiles"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write(app_paths: paths_mod.AppPaths, forms: list[tuple[Any, Path]],
          keep: bool = True) -> list[TileEntry]:
    """Index loaded forms (form, its file); a failure to write only costs speed next time.
    With keep=False the tiles are returned but not remembered."""
    tiles = [TileEntry(form.form_id, {c: form.title(c) for c in (form.languages or ())}
                       or {"": form.title()}, str(path), form.default_language,
                       bool(getattr(form, "practice", False)))
             for form, path in forms]
    data = {
        "version": _program(),
        "stamps": {str(p): _stamp(p) for p in form_files(app_paths)},
        "tiles": [{"form_id": t.form_id, "titles": t.titles, "path": t.path,
                   "default_language": t.default_language, "practice": t.practice}
                  for t in tiles],
    }
    folder = app_paths.form_cache
    if not keep:
        return tiles
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".home-tiles-", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False)
        os.replace(tmp, folder / INDEX_NAME)
    except OSError as exc:
        log.warning("could not write the home tile index: %s", exc)
    return tiles


def tiles(app_paths: paths_mod.AppPaths, full_catalog: Callable[[], list[Any]]) -> list[TileEntry]:
    """Tiles from the index when it is current, else from a full listing (then indexed)."""
    cached = read(app_paths)
    if cached is not None:
        return cached
    by_id: dict[str, tuple[Any, Path]] = {}  # a later (imported) form replaces a shipped one
    complete = True
    for entry in full_catalog():
        form = getattr(entry, "form", None)  # broken forms have none: left to the volunteer
        path = getattr(entry, "path", None)
        if form is not None and path is not None and getattr(form, "form_id", None):
            by_id[form.form_id] = (form, Path(path))
        else:
            complete = False
    # Remember only a listing where every form loaded: a passing fault (or a broken form a
    # volunteer is about to fix) must never leave home without tiles until a file changes.
    return write(app_paths, list(by_id.values()), keep=complete and bool(by_id))
