"""A bundle checked against the forms it names, each problem placed by sheet, row and column.

Refused: a form that is not installed (or cannot be used), a bundle id that is already a
form's id (they share one id space), a shared key that two forms give different types, and a
`relevant` naming anything but a shared key or a question of an earlier form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from inclusion_app.engine import bundle_relevance as rel
from inclusion_app.engine.form_problems import Problem
from inclusion_app.engine.shared_keys import SharedField, shared_fields

if TYPE_CHECKING:
    from inclusion_app.engine.bundle import BundleDef
    from inclusion_app.engine.formdef import FormDef


@dataclass(frozen=True)
class Installed:
    """What the checker knows of one form id: the form, or why it cannot be used."""

    form: FormDef | None = None
    error: str = ""  # a broken form's message; both empty: not installed


def check_bundle(bundle: BundleDef, installed: dict[str, Installed], display: str) -> list[Problem]:
    problems: list[Problem] = []
    if bundle.bundle_id in installed:
        problems.append(Problem(display, "settings", 2, "bundle_id", (
            f"'{bundle.bundle_id}' is already the id of an installed form; bundles and forms share "
            "one set of ids, so choose another bundle_id")))
    forms: dict[str, FormDef] = {}
    for item in bundle.forms:
        found = installed.get(item.form_id)
        if found is None or (found.form is None and not found.error):
            problems.append(Problem(display, "bundle", item.row, "form_id", (
                f"no installed form has the id '{item.form_id}' (import the form first, or check the spelling)")))
        elif found.form is None:
            first = found.error.splitlines()[0] if found.error else ""
            problems.append(Problem(display, "bundle", item.row, "form_id", (
                f"the form '{item.form_id}' is installed but cannot be used: {first}")))
        elif found.form.practice:
            problems.append(Problem(display, "bundle", item.row, "form_id", (
                f"'{item.form_id}' is a practice form, which is never sent; it cannot be part of a bundle")))
        else:
            forms[item.form_id] = found.form
    problems += _shared_types(bundle, forms, display)
    problems += _relevants(bundle, forms, display)
    return problems


def _shared_types(bundle: BundleDef, forms: dict[str, FormDef], display: str) -> list[Problem]:
    first: dict[str, tuple[str, SharedField]] = {}
    problems = []
    for item in bundle.forms:
        if item.form_id not in forms:
            continue
        for key, found in shared_fields(forms[item.form_id]).items():
            if key not in first:
                first[key] = (item.form_id, found)
                continue
            other_id, other = first[key]
            if other.kind != found.kind:
                problems.append(Problem(display, "bundle", item.row, "form_id", (
                    f"the shared key '{key}' is a {found.kind} question ('{found.name}') in '{item.form_id}' "
                    f"but a {other.kind} question ('{other.name}') in '{other_id}'; "
                    "a shared detail must have the same type in every form")))
    return problems


def sources(bundle: BundleDef, forms: dict[str, FormDef], position: int) -> tuple[dict[str, rel.Source], dict[str, str]]:
    """(what each `${name}` of form number `position` reads, name -> why it may not be used)."""
    keys: dict[str, SharedField] = {}
    for form in forms.values():
        for key, found in shared_fields(form).items():
            keys.setdefault(key, found)
    item = bundle.forms[position]
    found_sources: dict[str, rel.Source] = {}
    refused: dict[str, str] = {}
    for name in rel.names_in(item.relevant):
        if name in keys:
            found_sources[name] = rel.Source(name, key=name, datatype=keys[name].datatype)
            continue
        earlier = next((f for f in reversed(bundle.forms[:position])
                        if f.form_id in forms and name in rel.question_paths(forms[f.form_id])), None)
        if earlier is not None:
            path, datatype = rel.question_paths(forms[earlier.form_id])[name]
            found_sources[name] = rel.Source(name, form_id=earlier.form_id, path=path, datatype=datatype)
            continue
        later = next((f for f in bundle.forms[position:]
                      if f.form_id in forms and name in rel.question_paths(forms[f.form_id])), None)
        if later is not None:
            where = "this form" if later is item else f"the form '{later.form_id}' (row {later.row}), which comes later"
            refused[name] = (f"${{{name}}} is a question of {where}; a relevant may use only shared keys "
                             "and questions of forms earlier in the bundle")
        else:
            refused[name] = (f"${{{name}}} is neither a shared key nor a question of an earlier form "
                             "in this bundle (is it misspelt?)")
    return found_sources, refused


def _relevants(bundle: BundleDef, forms: dict[str, FormDef], display: str) -> list[Problem]:
    problems = []
    for position, item in enumerate(bundle.forms):
        if not item.relevant.strip():
            continue
        column = bundle.relevant_column
        error = rel.syntax_error(item.relevant)
        if error:
            problems.append(Problem(display, "bundle", item.row, column, error))
            continue
        _found, refused = sources(bundle, forms, position)
        problems += [Problem(display, "bundle", item.row, column, why) for why in refused.values()]
    return problems
