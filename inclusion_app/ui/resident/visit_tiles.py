"""The large home tiles of life-event bundles ("I am turning 60"), above the form tiles.

Drawing a tile reads only the bundle file (a few rows); its forms are loaded and checked
when it is pressed. A bundle whose forms are not all installed, or whose id is a form's,
gets no tile: the volunteer sees why with `forms check`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inclusion_app.engine.bundle import (
    BundleDef,
    bundle_files,
    imported_bundles_dir,
    load_bundle,
    shipped_bundles_dir,
)
from inclusion_app.engine.form_problems import FormLoadError
from inclusion_app.i18n import _
from inclusion_app.ui.widgets import controls

_READ: dict[tuple[str, int, int], BundleDef | None] = {}


def _read(path: Path) -> BundleDef | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _READ:
        try:
            _READ[key] = load_bundle(path, path.name)
        except FormLoadError:
            _READ[key] = None
    return _READ[key]


def usable_bundles(app_paths: Any, form_ids: set[str]) -> list[BundleDef]:
    """Bundles whose forms all have tiles; an imported one replaces a shipped one."""
    by_id: dict[str, BundleDef] = {}
    for folder in (shipped_bundles_dir(), imported_bundles_dir(app_paths)):
        for path in bundle_files(folder):
            bundle = _read(path)
            if bundle is not None and bundle.bundle_id not in form_ids and set(bundle.form_ids) <= form_ids:
                by_id[bundle.bundle_id] = bundle
    return list(by_id.values())


def add_tiles(home: Any, columns: int) -> int:
    """Put one wide tile per bundle at the top of home's grid; returns the rows used."""
    services = home.services
    m, hc, lang = services.metrics, services.settings.high_contrast, services.language
    forms = {t.form_id for t in services.tiles}
    bundles = usable_bundles(services.paths, forms)
    home.visit_tiles = {}  # bundle id -> tile (home.tiles holds the forms' own)
    span = max(1, min(columns, 2 if columns > 2 else columns))
    per_row = max(1, columns // span)
    for i, bundle in enumerate(bundles):
        title = bundle.title(lang)
        tile = controls.Tile(title, _("Start: %s") % title + ". " + bundle.description(lang),
                             "visit", m.step, hc)
        tile.setObjectName(f"visit_{bundle.bundle_id}")
        tile.clicked.connect(lambda _c=False, b=bundle.bundle_id: home.bundle_chosen.emit(b))
        home.grid.addWidget(tile, i // per_row, (i % per_row) * span, 1, span)
        home.visit_tiles[bundle.bundle_id] = tile
    return (len(bundles) + per_row - 1) // per_row
