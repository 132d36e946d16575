"""XLSForm (.md, .xlsx, .xls, .csv) to XForm through pyxform, with its errors given a location.

pyxform is imported here, inside `compile_xlsform`, and nowhere else: a start-up that finds
every form in the cache never pays for importing it. ODK Validate (Java) is never run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from inclusion_app.engine.form_problems import FormLoadError, Problem
from inclusion_app.engine.xlsform_sheet import SheetIndex, build_index

SPREADSHEET_TYPES = {".md": "Markdown table", ".xlsx": "Excel", ".xlsm": "Excel", ".xls": "Excel 97", ".csv": "CSV"}

MAX_UNPACKED_BYTES = 100 * 1024 * 1024
_ROW = re.compile(r"^\s*\[row\s*:\s*(\d+)\]\s*")
_SHEET_COLUMN = re.compile(r"^On the '([^']+)' sheet, the '([^']+)' value\s*")
_UNKNOWN_TYPE = re.compile(r"Unknown question type '([^']+)'")
_LIST_NAME = re.compile(r"List name not in (?:choices|columns|external choices) sheet: (\S+)")
_MISSING_NAME = re.compile(r"Could not find the name '([^']+)'")
_NAMED = re.compile(r"(?:survey element|question|group|element) named '([^']+)'", re.I)
# Columns a row-only pyxform message is about, recognised by its words.
_ROW_COLUMN_HINTS = (
    ("list name", "type"),
    ("no type", "type"),
    ("no name", "name"),
    ("calculation", "calculation"),
    ("unmatched", "type"),
    ("choice_filter", "choice_filter"),
)


@dataclass
class Compiled:
    xml: bytes
    settings: dict[str, str] = field(default_factory=dict)  # the settings row, headers lower-cased
    warnings: list[str] = field(default_factory=list)
    index: SheetIndex = field(default_factory=SheetIndex)


def pyxform_version() -> str:
    """The installed pyxform's version without importing pyxform: its dist-info folder's name
    (a glob beside the package, ~1 ms), else importlib.metadata (~20 ms on a cold start)."""
    import importlib.util

    spec = importlib.util.find_spec("pyxform")  # finds a top-level package without running it
    if spec is None:
        return "absent"
    if spec.origin:
        site = Path(spec.origin).resolve().parent.parent
        found = sorted(site.glob("pyxform-*.dist-info"))
        if len(found) == 1:
            return found[0].name[len("pyxform-"):-len(".dist-info")]
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pyxform")
    except PackageNotFoundError:
        return "unknown"


def compile_xlsform(data: bytes, suffix: str, display: str, stem: str) -> Compiled:
    """Compile spreadsheet bytes; raise FormLoadError with located problems when pyxform refuses."""
    try:
        from pyxform.builder import create_survey_element_from_dict
        from pyxform.errors import PyXFormError
        from pyxform.xls2json import workbook_to_json
        from pyxform.xls2json_backends import Definition, SupportedFileTypes, definition_to_dict
    except ImportError as exc:  # a broken installation, not the author's fault
        raise FormLoadError(Problem(
            display, message=f"pyxform is not installed ({exc.name}); cannot read spreadsheets")) from None

    if suffix in (".xlsx", ".xlsm"):
        _refuse_zip_bomb(data, display)
    text_warnings: list[str] = []
    if suffix in (".md", ".csv"):
        data, text_warnings = _as_utf8(data)
    if suffix == ".csv":
        _refuse_csv_not_a_form(data, display)
    md_text = data.decode("utf-8", errors="replace") if suffix == ".md" else None
    index = SheetIndex()
    try:
        definition = Definition(data=BytesIO(data), file_type=SupportedFileTypes(suffix), file_path_stem=stem)
        workbook = definition_to_dict(definition=definition, file_type=suffix)
        index = build_index(list(workbook.survey or []), list(workbook.sheet_names or []), md_text)
        settings = _settings_row(workbook.settings)
        warnings: list[str] = []
        pyxform_data = workbook_to_json(
            workbook_dict=workbook, fallback_form_name=workbook.fallback_form_name, warnings=warnings
        )
        survey = create_survey_element_from_dict(pyxform_data)
        xml = survey.to_xml(validate=False, pretty_print=False, warnings=warnings, enketo=False)
    except PyXFormError as exc:
        raise FormLoadError(locate(str(exc), display, suffix, index)) from None
    except RecursionError:
        raise FormLoadError(Problem(display, message="the form nests groups too deeply to read")) from None
    except UnicodeDecodeError:
        raise FormLoadError(Problem(display, message=(
            "the file is not UTF-8 text; save it again as UTF-8 (in Excel: 'CSV UTF-8')"))) from None
    except Exception as exc:  # noqa: BLE001  a spreadsheet library choking on odd bytes
        kind = SPREADSHEET_TYPES.get(suffix, "")
        raise FormLoadError(Problem(display, message=(
            f"could not be read as an XLSForm {kind} file ({type(exc).__name__}: {_first_line(exc)})"))) from None
    located = text_warnings + [locate(w, display, suffix, index).located() for w in warnings if w and w.strip()]
    return Compiled(xml=xml.encode("utf-8"), settings=settings, warnings=located, index=index)


def _as_utf8(data: bytes) -> tuple[bytes, list[str]]:
    """pyxform reads text forms as UTF-8; a file saved by Chinese Windows is often GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        data.decode("utf-8")
        return data, []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return data, []  # neither: pyxform's reader reports it
    return text.encode("utf-8"), ["the file is not saved as UTF-8; it was read as Chinese (GB18030) text"]


# The sheets an XLSForm may have; in a CSV form the first column names them.
XLSFORM_SHEETS = ("survey", "choices", "settings", "external_choices", "entities", "osm")


def _refuse_csv_not_a_form(data: bytes, display: str) -> None:
    """A CSV XLSForm names its sheets in the first column ('survey', 'choices', ...). Any other
    word there is a CSV of something else (often a list for select_one_from_file or pulldata),
    which pyxform would fail on with an internal error: say so in words, at that row."""
    import csv
    import io

    try:
        rows = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
        for number, row in enumerate(rows, 1):
            first = row[0].strip() if row else ""
            if first and first.lower() not in XLSFORM_SHEETS:
                raise FormLoadError(Problem(display, None, number, "A", (
                    f"this CSV file is not an XLSForm: its first column must name the sheets "
                    f"({', '.join(XLSFORM_SHEETS[:3])}), but row {number} starts with '{first[:40]}'. "
                    "If it is a list a form uses (select_one_from_file, pulldata), put it in that "
                    "form's media folder instead")))
    except (csv.Error, UnicodeDecodeError):
        return  # the reading below says what is wrong


def _refuse_zip_bomb(data: bytes, display: str) -> None:
    """An .xlsx is a zip: refuse one that would unpack to far more than any form needs."""
    import zipfile

    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip at all: the spreadsheet reader says so in its own words
    if unpacked > MAX_UNPACKED_BYTES:
        raise FormLoadError(Problem(display, message=(
            f"the spreadsheet would unpack to {unpacked // (1024 * 1024)} MB; "
            f"a form may unpack to at most {MAX_UNPACKED_BYTES // (1024 * 1024)} MB")))


def _settings_row(rows: object) -> dict[str, str]:
    """The first settings row with lower-cased headers (pyxform drops columns it does not know)."""
    if not rows:
        return {}
    first = list(rows)[0] if isinstance(rows, (list, tuple)) else {}
    return {str(k).strip().lower(): str(v).strip() for k, v in dict(first).items() if v is not None}


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else "no details"


def locate(message: str, display: str, suffix: str, index: SheetIndex) -> Problem:
    """Turn one pyxform message into a Problem with sheet, row and column where recoverable."""
    text = " ".join(message.split())
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    m = _ROW.match(text)
    if m:
        row = int(m.group(1))
        text = text[m.end():]
        sheet = "survey"
        sc = _SHEET_COLUMN.match(text)
        if sc:
            sheet, column = sc.group(1), sc.group(2)
            text = re.sub(r"^is (?:invalid|problematic)\.\s*", "", text[sc.end():])
            missing = _MISSING_NAME.search(text)
            if missing:
                text = (f"${{{missing.group(1)}}} does not name any question on the survey sheet "
                        "(is it misspelt, or was the question removed?)")
            text = _first_use(text, sheet, row, index)
        else:
            lowered = text.lower()
            column = next((col for word, col in _ROW_COLUMN_HINTS if word in lowered), None)
            listed = _LIST_NAME.search(text)
            if listed:
                text = f"the choice list '{listed.group(1)}' is not on the choices sheet (check its spelling there and here)"
    elif "not recognized as a supported type" in text or "does not appear to be a valid XLSForm" in text:
        text = _unreadable(suffix)
    elif text.startswith("You must have a sheet named 'survey'"):
        sheet = "survey"
        found = ", ".join(index.sheet_names) or "none"
        rest = text[len("You must have a sheet named 'survey'."):].strip()
        text = f"there is no 'survey' sheet (sheets found: {found}). {rest}".strip()
    else:
        sheet, row, column, text = _search_row(text, index)
    text = text.split(" Learn more:")[0].strip()
    if suffix == ".md" and sheet and row is not None:
        line = index.line_of(sheet, row)
        if line is not None:
            text = f"{text} (line {line} of the file)"
    return Problem(display, sheet, row, column, text)


def _first_use(text: str, sheet: str, row: int, index: SheetIndex) -> str:
    """Say a duplicate name plainly and point at the row that used it first."""
    if sheet != "survey" or "must be unique" not in text:
        return text
    here = next((r for r in index.survey if r.row == row), None)
    if here is None or not here.path:
        return text
    first = next((r for r in index.survey if r.path == here.path and r.row < row), None)
    where = f" (first used on row {first.row})" if first else ""
    return (f"the name '{here.name}' is used twice{where}: questions, groups and repeats "
            "in the same group need different names")


def _unreadable(suffix: str) -> str:
    if suffix == ".md":
        return ("this is not an XLSForm Markdown table: each row must look like "
                "'| | type | name | label |', under a '| survey |' line")
    kind = SPREADSHEET_TYPES.get(suffix, "spreadsheet")
    return f"this file is not a readable {kind} XLSForm (is it damaged, or another kind of file?)"


def _search_row(text: str, index: SheetIndex) -> tuple[str | None, int | None, str | None, str]:
    """For messages without a row, find the row they are about in the survey sheet."""
    m = _UNKNOWN_TYPE.search(text)
    if m:
        hit = index.find("type", m.group(1)) or index.find_type_word(m.group(1))
        if hit:
            return "survey", hit.row, "type", f"unknown question type '{m.group(1)}'"
    m = _LIST_NAME.search(text)
    if m:
        hit = index.find_type_word(m.group(1))
        return ("survey", hit.row if hit else None, "type",
                f"the choice list '{m.group(1)}' is not on the choices sheet")
    if "There should be a choices sheet" in text:
        hit = next((r for r in index.survey if r.qtype.replace("_", " ").startswith(("select one", "select multiple", "select all"))), None)
        listed = f" '{hit.qtype.split()[-1]}'" if hit else ""
        return ("survey", hit.row if hit else None, "type" if hit else None,
                f"this question chooses from the list{listed}, but there is no 'choices' sheet; "
                "add one with the columns list_name, name and label")
    m = _NAMED.search(text)
    if m:
        hit = index.find("name", m.group(1))
        if hit:
            column = "label" if "label" in text.lower() else "name"
            return "survey", hit.row, column, text
    return None, None, None, text
