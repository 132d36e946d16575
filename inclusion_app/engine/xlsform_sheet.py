"""Where each question sits in the author's spreadsheet, so problems can name sheet, row, column.

Built from pyxform's reading of the workbook (a list of row dicts per sheet) before it is
turned into an XForm. Row numbers are XLSForm rows: the header is row 1, the first question
row 2. For Markdown tables that is also how pyxform counts (blank lines are not rows), and
the file's line number is kept as well because that is what an editor shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_MD_CELL = re.compile(r"^\s*\|(.*)\|\s*$")
_MD_SEPARATOR = re.compile(r"^[\s|:-]+$")
_MD_PIPE = re.compile(r"(?<!\\)\|")


@dataclass(frozen=True)
class SurveyRow:
    row: int  # XLSForm row number (header = 1)
    cells: dict[str, str]  # header as written -> cell text
    path: str  # "grp/name": the question's place below the instance root; "" for end rows
    line: int | None = None  # line in a Markdown file

    def get(self, *columns: str) -> tuple[str, str] | None:
        """(header as written, value) of the first of `columns` present (case-insensitive)."""
        lowered = {k.strip().lower(): k for k in self.cells}
        for column in columns:
            key = lowered.get(column.lower())
            if key is not None and str(self.cells[key]).strip():
                return key, str(self.cells[key])
        return None

    @property
    def qtype(self) -> str:
        found = self.get("type")
        return " ".join(found[1].split()) if found else ""

    @property
    def name(self) -> str:
        found = self.get("name")
        return found[1].strip() if found else ""


@dataclass
class SheetIndex:
    sheet_names: list[str] = field(default_factory=list)
    survey: list[SurveyRow] = field(default_factory=list)
    by_path: dict[str, SurveyRow] = field(default_factory=dict)
    md_lines: dict[str, list[int]] = field(default_factory=dict)  # sheet -> line of each row

    def find(self, column: str, value: str) -> SurveyRow | None:
        """First survey row whose `column` cell equals `value` (spaces normalised)."""
        want = " ".join(value.split())
        for row in self.survey:
            found = row.get(column)
            if found and " ".join(found[1].split()) == want:
                return row
        return None

    def find_type_word(self, word: str) -> SurveyRow | None:
        """First survey row whose type mentions `word` (a list name, an unknown type)."""
        for row in self.survey:
            if word in row.qtype.replace("_", " ").split() or word in row.qtype.split():
                return row
        return None

    def line_of(self, sheet: str, row: int) -> int | None:
        lines = self.md_lines.get(sheet.lower())
        if lines and 0 <= row - 1 < len(lines):
            return lines[row - 1]
        return None


def build_index(survey: list[dict[str, str]] | None, sheet_names: list[str], md_text: str | None) -> SheetIndex:
    """Index the survey sheet by question path, tracking begin/end group nesting."""
    index = SheetIndex(sheet_names=list(sheet_names or []))
    if md_text is not None:
        index.md_lines = markdown_row_lines(md_text)
    stack: list[str] = []
    for i, cells in enumerate(survey or []):
        row_no = i + 2
        line = index.line_of("survey", row_no)
        probe = SurveyRow(row_no, dict(cells), "", line)
        qtype = probe.qtype.lower().replace("_", " ")
        name = probe.name
        if qtype.startswith("end ") or qtype in ("end", "end group", "end repeat"):
            if stack:
                stack.pop()
            index.survey.append(probe)
            continue
        path = "/".join([*stack, name]) if name else ""
        row = SurveyRow(row_no, dict(cells), path, line)
        index.survey.append(row)
        if path and path not in index.by_path:
            index.by_path[path] = row
        if qtype.startswith("begin "):
            stack.append(name or f"_row{row_no}")
    return index


def markdown_row_lines(text: str) -> dict[str, list[int]]:
    """For each sheet of an XLSForm Markdown file, the 1-based file line of each table row,
    counted the way pyxform reads the file (comment and separator lines skipped)."""
    sheets: dict[str, list[int]] = {}
    current: str | None = None
    for n, raw in enumerate(text.split("\n"), start=1):
        if raw.lstrip().startswith("#"):
            continue
        match = _MD_CELL.match(raw)
        if not match or _MD_SEPARATOR.match(match.group(1)):
            continue
        cells = [c.strip() for c in _MD_PIPE.split(match.group(1))]
        if cells and cells[0]:
            current = cells[0].lower()
            sheets[current] = []
        if current is not None and any(cells[1:]):
            sheets[current].append(n)
    return sheets
