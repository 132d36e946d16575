"""Open a form file of any supported kind and return the engine's `FormDef`, or say plainly why not.

Forms come from outside (a volunteer imports a file), so reading is defensive: a size limit,
no DTDs or entities in XML, and every failure, ours or pyxform's, becomes a `FormLoadError`
whose lines read "FILE: sheet, row N, column C: message". Spreadsheets are compiled by
pyxform once and cached; a cache hit never imports pyxform.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from inclusion_app.engine import cache
from inclusion_app.engine.form_problems import FormLoadError, Problem

if TYPE_CHECKING:
    from inclusion_app.engine.formdef import FormDef
    from inclusion_app.engine.xlsform_sheet import SheetIndex

__all__ = ["ENGINE_VERSION", "FormLoadError", "MAX_FORM_BYTES", "Problem", "load_form",
           "media_dir_for"]

# Bump when compilation or our checks change, so old cache entries are not reused.
ENGINE_VERSION = "2"  # bump when checks or parsing change: cached forms are then re-checked
MAX_FORM_BYTES = 10 * 1024 * 1024
SPREADSHEETS = (".md", ".xlsx", ".xlsm", ".xls", ".csv")
SUPPORTED = (*SPREADSHEETS, ".xml")
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_TRUE = {"yes", "true", "1", "true()", "y"}


def load_form(path: str | os.PathLike[str], cache_dir: Path | None = None, *, source_name: str | None = None) -> FormDef:
    """Read, compile (or take from the cache), check and parse one form file."""
    path = Path(path)
    display = source_name or str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise FormLoadError(Problem(display, message=(
            f"'{suffix or 'no extension'}' is not a form file: use an XLSForm (.xlsx, .xls, .csv, .md) or an XForm (.xml)")))
    data = _read_limited(path, display)
    media_dir = media_dir_for(path)
    if suffix == ".xml":
        refuse_dtd(data, display)
        return _parse(data, display, media_dir, settings={}, warnings=[], index=None)

    key = cache.cache_key(data, _pyxform_version(), ENGINE_VERSION)
    entry = cache.read(Path(cache_dir), key) if cache_dir is not None else None
    if entry is not None:
        try:
            return _parse(entry.xml, display, media_dir, entry.settings, entry.warnings, index=None)
        except FormLoadError:
            pass  # refused now (a list file beside it changed): compile again to name the row

    from inclusion_app.engine.form_checks import check_compiled
    from inclusion_app.engine.xlsform_compile import compile_xlsform

    compiled = compile_xlsform(data, suffix, display, path.stem)
    from inclusion_app.engine.shared_keys import namespace_problem

    undeclared = namespace_problem(compiled.index, compiled.settings, display)
    if undeclared is not None:
        raise FormLoadError(undeclared)
    try:
        root = ET.fromstring(compiled.xml)  # pyxform's own output: no DTD possible
    except ET.ParseError as exc:
        raise FormLoadError(Problem(display, message=f"pyxform produced XML that cannot be read ({exc})")) from None
    problems = check_compiled(root, compiled.index, display)
    if problems:
        raise FormLoadError(problems)
    form = _parse(compiled.xml, display, media_dir, compiled.settings, compiled.warnings, compiled.index)
    if cache_dir is not None:
        cache.write(Path(cache_dir), key, cache.CacheEntry(compiled.xml, compiled.settings, compiled.warnings), display)
    return form


@lru_cache(maxsize=1)
def _pyxform_version() -> str:
    from inclusion_app.engine.xlsform_compile import pyxform_version

    return pyxform_version()


def _read_limited(path: Path, display: str) -> bytes:
    """The file's bytes, refusing anything over the limit before reading it."""
    try:
        size = path.stat().st_size
        if size > MAX_FORM_BYTES:
            raise FormLoadError(Problem(display, message=(
                f"the file is {size / 1024 / 1024:.1f} MB; a form may be at most {MAX_FORM_BYTES // (1024 * 1024)} MB")))
        with path.open("rb") as fh:
            data = fh.read(MAX_FORM_BYTES + 1)
    except FileNotFoundError:
        raise FormLoadError(Problem(display, message="no such file")) from None
    except IsADirectoryError:
        raise FormLoadError(Problem(display, message="this is a folder, not a form file")) from None
    except OSError as exc:
        raise FormLoadError(Problem(display, message=f"cannot be read ({exc.strerror or exc})")) from None
    if len(data) > MAX_FORM_BYTES:  # the file grew while we read it
        raise FormLoadError(Problem(display, message=f"a form may be at most {MAX_FORM_BYTES // (1024 * 1024)} MB"))
    if not data.strip():
        raise FormLoadError(Problem(display, message="the file is empty"))
    return data


def refuse_dtd(data: bytes, display: str) -> None:
    """XForms never need a DTD; refusing any keeps out external entities and entity bombs."""
    text = data
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = data.decode("utf-16", errors="replace").encode("utf-8")
    if _DTD.search(text):
        raise FormLoadError(Problem(display, message=(
            "the XML declares a DOCTYPE or entities, which forms never need; "
            "it is refused because such declarations can read files or exhaust memory")))


def media_dir_for(path: Path) -> Path | None:
    """ODK's convention: '<form name>-media/' beside the form, else a 'media/' folder there."""
    for candidate in (path.with_name(f"{path.stem}-media"), path.parent / "media"):
        if candidate.is_dir():
            return candidate
    return None


def _parse(xml: bytes, display: str, media_dir: Path | None, settings: dict[str, str],
           warnings: list[str], index: SheetIndex | None) -> FormDef:
    """Hand the XForm to the engine; its refusals become located problems too."""
    from inclusion_app.engine.errors import FormDefError
    from inclusion_app.engine.external import ExternalDataError
    from inclusion_app.engine.formdef import parse_xform

    try:
        form = parse_xform(xml, source=display, media_dir=media_dir)
    except ExternalDataError as exc:
        raise FormLoadError(_list_problem(exc, display, media_dir, index)) from None
    except FormDefError as exc:
        raise FormLoadError(_locate_formdef_error(exc, display, index)) from None
    except FormLoadError:
        raise
    except RecursionError:
        raise FormLoadError(Problem(display, message="the form nests too deeply to be read")) from None
    except Exception as exc:  # noqa: BLE001  never a traceback for a person; the type helps us
        raise FormLoadError(Problem(display, message=f"the form could not be read ({type(exc).__name__}: {exc})")) from None
    _apply_settings(form, settings, warnings)
    return form


def _apply_settings(form: FormDef, settings: dict[str, str], warnings: list[str]) -> None:
    """Settings pyxform does not carry into the XForm (such as `practice`) and its warnings."""
    if settings.get("practice", "").strip().lower() in _TRUE:
        form.practice = True
    # XForms has one title; a bilingual form gives the others as `translated_title::English (en)`
    # (pyxform refuses `form_title::...`, and ignores columns it does not know).
    from inclusion_app.engine.itext import language_code

    for key, value in settings.items():
        if key.startswith("translated_title::") and value.strip():
            form.titles[language_code(key.split("::", 1)[1].strip())] = value.strip()
        elif key.startswith("consent::") and value.strip():
            form.consent[language_code(key.split("::", 1)[1].strip())] = value.strip()
    if warnings:
        existing = list(getattr(form, "warnings", []) or [])
        form.warnings = existing + [w for w in warnings if w not in existing]


def _list_problem(exc: Exception, display: str, media_dir: Path | None, index: SheetIndex | None) -> Problem:
    """A list file's problem names that file (inside the media folder) with its row and column;
    a missing file is reported at the survey row that asks for it, when the form is a spreadsheet."""
    name = getattr(exc, "file", "") or ""
    message = getattr(exc, "message", None) or str(exc)
    row, column = getattr(exc, "row", None), getattr(exc, "column", None)
    if media_dir is not None and name and (media_dir / name).is_file():
        return Problem(str(Path(display).parent / media_dir.name / name), None, row, column, message)
    if index is not None and name:
        used = index.find_type_word(name)
        stem = name.rsplit(".", 1)[0]
        if used is None:  # pulldata('fees', ...) in a calculation
            used = next((r for r in index.survey if f"'{stem}'" in (r.get("calculation") or ("", ""))[1]), None)
        if used is not None:
            return Problem(display, "survey", used.row, "type" if name in used.qtype else "calculation", message)
    return Problem(display, None, None, None, message)


def _locate_formdef_error(exc: Exception, display: str, index: SheetIndex | None) -> Problem:
    """The engine names XForm paths; for a spreadsheet, turn the first into its row."""
    message = getattr(exc, "message", None) or str(exc)
    if index is not None:
        from inclusion_app.engine.form_checks import row_for

        for path in re.findall(r"(/[A-Za-z_][\w.\-]*(?:/[A-Za-z_][\w.\-]*(?:\[\d+\])?)+)", message):
            row = row_for(path, index)
            if row is not None:
                return Problem(display, "survey", row.row, None, message)
        # Else the question names after the colon ("... in a circle: extra, total").
        names = {r.name: r for r in reversed(index.survey) if r.name}
        for word in re.findall(r"[A-Za-z_][\w.\-]*", message.rsplit(":", 1)[-1]):
            if word in names:
                return Problem(display, "survey", names[word].row, None, message)
    return Problem(display, message=message)
