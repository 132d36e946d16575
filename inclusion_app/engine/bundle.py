"""Life-event bundles: several forms done in one visit, read from an XLSForm-style spreadsheet.

A bundle has a `bundle` sheet (columns `form_id` and optional `relevant`, one form a row, in
order) and a `settings` sheet (`bundle_id`, `title::<language>`, optional
`description::<language>`), and no `survey` sheet: that is how it is told from a form. It is
a Markdown table in the repository, an .xlsx for volunteers. Reading checks only the file
itself; `bundle_check` checks it against the installed forms.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from inclusion_app import paths as paths_mod
from inclusion_app.engine.form_problems import FormLoadError, Problem

BUNDLE_SUFFIXES = (".md", ".xlsx")
MAX_BUNDLE_BYTES = 1024 * 1024
_MD_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_MD_SEPARATOR = re.compile(r"^[\s|:-]+$")
_MD_PIPE = re.compile(r"(?<!\\)\|")
_LANG_CODE = re.compile(r"\(([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)\)\s*$")
_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")


@dataclass(frozen=True)
class Row:
    number: int  # XLSForm row number: the header is row 1
    cells: dict[str, str]  # lower-cased header -> text
    headers: dict[str, str]  # lower-cased header -> header as written


@dataclass(frozen=True)
class BundleForm:
    form_id: str
    relevant: str  # the XLSForm expression, "" when always
    row: int  # where it is on the bundle sheet


@dataclass
class BundleDef:
    bundle_id: str
    titles: dict[str, str]
    descriptions: dict[str, str]
    forms: tuple[BundleForm, ...]
    path: Path
    version: str = ""
    default_language: str | None = None
    bundle_hash: str = ""
    relevant_column: str = "relevant"  # the header as written, for problems

    @property
    def form_ids(self) -> list[str]:
        return [f.form_id for f in self.forms]

    def title(self, lang: str | None = None) -> str:
        for code in (lang, self.default_language):
            if code and self.titles.get(code):
                return self.titles[code]
        return next((t for t in self.titles.values() if t), self.bundle_id)

    def description(self, lang: str | None = None) -> str:
        for code in (lang, self.default_language):
            if code and self.descriptions.get(code):
                return self.descriptions[code]
        return next((t for t in self.descriptions.values() if t), "")


def shipped_bundles_dir() -> Path:
    return paths_mod.assets_dir() / "bundles"


def imported_bundles_dir(app_paths: paths_mod.AppPaths) -> Path:
    return app_paths.data / "bundles"


def bundle_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in BUNDLE_SUFFIXES
                  and not p.name.startswith((".", "~$")))


def bundle_ids(app_paths: paths_mod.AppPaths) -> set[str]:
    """Ids of the installed bundle files that read: a form may not take one (one id space)."""
    ids = set()
    for folder in (shipped_bundles_dir(), imported_bundles_dir(app_paths)):
        for path in bundle_files(folder):
            try:
                ids.add(load_bundle(path, path.name).bundle_id)
            except FormLoadError:
                continue
    return ids


def read_sheets(path: Path, display: str) -> dict[str, list[Row]]:
    """Sheet name (lower-cased) -> its rows after the header; FormLoadError when unreadable."""
    try:
        size = path.stat().st_size
        if size > MAX_BUNDLE_BYTES:
            raise FormLoadError(Problem(display, message="the file is too large to be a bundle"))
        data = path.read_bytes()
    except FileNotFoundError:
        raise FormLoadError(Problem(display, message="no such file")) from None
    except OSError as exc:
        raise FormLoadError(Problem(display, message=f"cannot be read ({exc.strerror or exc})")) from None
    if path.suffix.lower() == ".xlsx":
        return _xlsx_sheets(data, display)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FormLoadError(Problem(display, message="the file is not UTF-8 text")) from None
    return _md_sheets(text)


def _table(raw: list[list[str]]) -> list[Row]:
    if not raw:
        return []
    headers = {h.strip().lower(): h.strip() for h in raw[0] if h and h.strip()}
    names = [h.strip().lower() if h else "" for h in raw[0]]
    rows = []
    for n, values in enumerate(raw[1:], start=2):
        cells = {names[i]: (v or "").strip() for i, v in enumerate(values) if i < len(names) and names[i]}
        if any(cells.values()):
            rows.append(Row(n, cells, headers))
    return rows


def _md_sheets(text: str) -> dict[str, list[Row]]:
    """pyxform's Markdown layout: '| sheet |' then '| | header | ... |' rows."""
    raw: dict[str, list[list[str]]] = {}
    current: str | None = None
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            continue
        match = _MD_ROW.match(line)
        if not match or _MD_SEPARATOR.match(match.group(1)):
            continue
        cells = [c.strip().replace("\\|", "|") for c in _MD_PIPE.split(match.group(1))]
        if cells and cells[0]:
            current = cells[0].lower()
            raw.setdefault(current, [])
        if current is not None and any(cells[1:]):
            raw[current].append(cells[1:])
    return {name: _table(rows) for name, rows in raw.items()}


def _xlsx_sheets(data: bytes, display: str) -> dict[str, list[Row]]:
    try:
        from openpyxl import load_workbook

        book = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001  a damaged file: say so, never a traceback
        raise FormLoadError(Problem(display, message=f"this is not a readable Excel file ({type(exc).__name__})")) from None
    try:
        out = {}
        for sheet in book.worksheets:
            raw = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            out[sheet.title.strip().lower()] = _table(raw)
        return out
    finally:
        book.close()


def is_bundle_file(path: Path) -> bool:
    """A `bundle` sheet and no `survey` sheet (cheap for Markdown: the sheet lines only)."""
    if path.suffix.lower() not in BUNDLE_SUFFIXES or not path.is_file():
        return False
    try:
        sheets = read_sheets(path, path.name)
    except FormLoadError:
        return False
    return "bundle" in sheets and "survey" not in sheets


def load_bundle(path: Path, source_name: str | None = None) -> BundleDef:
    """Read a bundle file; FormLoadError naming sheet, row and column for each problem."""
    display = source_name or str(path)
    sheets = read_sheets(path, display)
    problems: list[Problem] = []
    if "survey" in sheets:
        problems.append(Problem(display, "survey", message="a bundle has no 'survey' sheet (this looks like a form)"))
    if "bundle" not in sheets:
        problems.append(Problem(display, "bundle", message=(
            "there is no 'bundle' sheet: list the bundle's forms in a column 'form_id'")))
    settings = sheets.get("settings") or []
    if not settings:
        problems.append(Problem(display, "settings", message="there is no 'settings' sheet with a 'bundle_id'"))
    if problems:
        raise FormLoadError(problems)
    first = settings[0]
    bundle_id = first.cells.get("bundle_id", "")
    if not bundle_id:
        problems.append(Problem(display, "settings", 2, "bundle_id", "the bundle needs a bundle_id"))
    elif not _ID.match(bundle_id):
        problems.append(Problem(display, "settings", 2, "bundle_id", (
            f"'{bundle_id}' is not a usable id: use letters, digits and _ (starting with a letter)")))
    titles = _by_language(first, "title")
    if not titles:
        problems.append(Problem(display, "settings", 2, "title", (
            "the bundle needs a title, e.g. columns 'title::中文 (zh)' and 'title::English (en)'")))
    rows = sheets["bundle"]
    forms: list[BundleForm] = []
    seen: dict[str, int] = {}
    column = rows[0].headers.get("relevant", "relevant") if rows else "relevant"
    for row in rows:
        form_id = row.cells.get("form_id", "")
        if not form_id:
            problems.append(Problem(display, "bundle", row.number, "form_id", "each row names a form by its form_id"))
            continue
        if form_id in seen:
            problems.append(Problem(display, "bundle", row.number, "form_id", (
                f"the form '{form_id}' is already in this bundle (row {seen[form_id]})")))
            continue
        seen[form_id] = row.number
        forms.append(BundleForm(form_id, row.cells.get("relevant", ""), row.number))
    if not rows:
        problems.append(Problem(display, "bundle", message="the bundle lists no forms"))
    if problems:
        raise FormLoadError(problems)
    default = first.cells.get("default_language", "")
    return BundleDef(
        bundle_id=bundle_id, titles=titles, descriptions=_by_language(first, "description"),
        forms=tuple(forms), path=path, version=first.cells.get("version", ""),
        default_language=language_code(default) if default else next(iter(titles), None),
        bundle_hash=hashlib.sha256(path.read_bytes()).hexdigest()[:16], relevant_column=column,
    )


def language_code(name: str) -> str:
    """'English (en)' -> 'en', as itext reads a column's language (not imported: home draws
    bundle tiles without loading the expression language)."""
    match = _LANG_CODE.search(name)
    return match.group(1).lower() if match else (name.strip().lower() or "default")


def _by_language(row: Row, column: str) -> dict[str, str]:
    """'title::中文 (zh)' -> {'zh': ...}; a plain 'title' counts for no language in particular."""
    out: dict[str, str] = {}
    for key, value in row.cells.items():
        if not value:
            continue
        if key == column:
            out.setdefault("", value)
        elif key.startswith(f"{column}::"):
            out[language_code(row.headers.get(key, key).split("::", 1)[1])] = value
    if "" in out and len(out) > 1:
        out.pop("")
    return out
