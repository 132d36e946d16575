"""Problems found while loading a form, located the way a form author looks for them.

A volunteer who imports a spreadsheet needs "which sheet, which row, which column", not a
traceback. Every load failure becomes a `FormLoadError` whose lines read
"FILE: sheet, row N, column C: message"; the parts that are not known are left out.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    sheet: str | None = None
    row: int | None = None  # XLSForm row number: the header row is row 1
    column: str | None = None  # the column's header, e.g. "relevant" or "label::English (en)"
    message: str = ""

    def __str__(self) -> str:
        return f"{self.file}: {self.located()}"

    def located(self) -> str:
        """'sheet, row N, column C: message' without the file name (for warnings under a file)."""
        where = []
        if self.sheet:
            where.append(self.sheet)
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        location = ", ".join(where)
        return f"{location}: {self.message}" if location else self.message

    def as_tuple(self) -> tuple[str, str | None, int | None, str | None, str]:
        return (self.file, self.sheet, self.row, self.column, self.message)


class FormLoadError(Exception):
    """A form that cannot be used; `str()` is one located line per problem."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        items = [problems] if isinstance(problems, Problem) else list(problems)
        if not items:
            items = [Problem("form", message="the form could not be loaded")]
        self._problems = items
        super().__init__("\n".join(str(p) for p in items))

    @property
    def problems(self) -> list[tuple[str, str | None, int | None, str | None, str]]:
        """(file, sheet, row, column, message) for each problem, in the order found."""
        return [p.as_tuple() for p in self._problems]

    @property
    def items(self) -> list[Problem]:
        return list(self._problems)

    def lines(self) -> list[str]:
        return [str(p) for p in self._problems]
