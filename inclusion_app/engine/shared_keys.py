"""Personal details a form shares with the other forms of a visit: `bind::inclusion:shared`.

A form marks a question that holds a personal detail (name, ID number, phone) with the
column `bind::inclusion:shared` naming a key; pyxform writes it as an `inclusion:shared`
attribute on the question's bind, and every other ODK tool simply ignores it. Within a
bundle, questions with the same key are asked once and hold the same value in every form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from inclusion_app.engine.form_problems import Problem
from inclusion_app.engine.model import INCLUSION

if TYPE_CHECKING:
    from inclusion_app.engine.formdef import FormDef
    from inclusion_app.engine.xlsform_sheet import SheetIndex

# The documented keys (docs/BUNDLES.md). Authors may use others: a key is any name that two
# forms agree on; these are the ones our shipped forms use and others should reuse.
DOCUMENTED_KEYS = (
    "full_name", "id_number", "birth_date", "sex", "phone", "address", "postcode",
    "bank_account", "emergency_contact_name", "emergency_contact_phone",
)
# Keys whose values the consent screen must cover before they are asked.
SENSITIVE_KEYS = frozenset({"id_number", "bank_account"})
PREFIX = "inclusion"
COLUMN_PREFIX = f"bind::{PREFIX}:"


@dataclass(frozen=True)
class SharedField:
    """Where one shared key lives in one form."""

    key: str
    ref: str  # the question's path, e.g. /data/full_name
    name: str  # the question's name in the form
    qtype: str  # XLSForm-like type: text, integer, date, select_one, ...
    datatype: str  # the bind's datatype: string, int, decimal, date, ...

    @property
    def kind(self) -> str:
        """What must agree between two forms sharing the key: the question's type."""
        return self.qtype or self.datatype


def shared_fields(form: FormDef) -> dict[str, SharedField]:
    """Key -> the first question carrying it. Only questions a person answers take part;
    a calculation or a question inside a repeat marked shared is left alone."""
    found: dict[str, SharedField] = {}
    repeats = tuple(f"{path}/" for path in form.templates)
    for path, bind in form.binds.items():
        key = bind.shared
        if not key or key in found or path.startswith(repeats):
            continue
        control = form.by_ref.get(path)
        if control is None or not control.is_question:
            continue
        found[key] = SharedField(key, path, control.name, control.qtype, bind.datatype)
    return found


def namespace_problem(index: SheetIndex, settings: dict[str, str], display: str) -> Problem | None:
    """A `bind::inclusion:` column needs the prefix declared in settings, else pyxform writes
    XML with an unbound prefix; say so where the author can fix it."""
    column = None
    for row in index.survey:
        column = next((h for h in row.cells if h.strip().lower().startswith(COLUMN_PREFIX)), None)
        if column:
            break
    if column is None:
        return None
    declared = settings.get("namespaces", "")
    wanted = f'{PREFIX}="{INCLUSION}"'
    for part in declared.split():
        if part.split("=", 1)[0].strip() == PREFIX:
            if part.replace("'", '"').strip() == wanted:
                return None
            return Problem(display, "settings", 2, "namespaces", (
                f"the prefix '{PREFIX}' must be declared as {wanted} (it is declared as {part})"))
    return Problem(display, "survey", 1, column, (
        f"the column '{column}' needs its prefix declared: add a 'namespaces' column to the "
        f"settings sheet with {wanted}"))
