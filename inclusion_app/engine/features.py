"""What of XLSForm and ODK XForms runs here, and what runs differently from ODK Collect.

One table for question types, one for appearances and one for XPath functions, each entry a
support level and, when it is not "full", what happens instead. docs/FORM_SUPPORT.md is made
from these tables (`python -m inclusion_app.engine.features > docs/FORM_SUPPORT.md`; a test
keeps the two the same and checks the tables against what the engine does), and `forms check`
prints one line for each feature a form uses that differs from ODK Collect.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from inclusion_app.engine.formdef import FormDef
    from inclusion_app.engine.xpath.nodes import AstNode

FULL, DIFFERS, NOT_HERE = "full", "differs", "not on a desktop"
Entry = tuple[str, str]  # (support, what happens here when it is not full)

QUESTION_TYPES: dict[str, Entry] = {
    "text": (FULL, ""), "integer": (FULL, ""), "decimal": (FULL, ""),
    "range": (DIFFERS, "asked as a number between its start and end, not a slider"),
    "select_one": (FULL, ""), "select_multiple": (FULL, ""),
    "select_one_from_file": (FULL, "CSV, XML or GeoJSON from the form's media folder"),
    "select_multiple_from_file": (FULL, "CSV, XML or GeoJSON from the form's media folder"),
    "select_one_external": (DIFFERS, "asked as text: ODK Collect's itemsets.csv lists are not read"),
    "rank": (NOT_HERE, "cannot be answered on this computer; skipped when optional"),
    "note": (FULL, ""), "acknowledge": (FULL, ""), "trigger": (FULL, ""),
    "date": (FULL, ""), "time": (FULL, ""), "dateTime": (FULL, ""),
    "image": (DIFFERS, "a picture file chosen on the computer, or a photo from its camera"),
    "file": (FULL, ""),
    "audio": (NOT_HERE, "cannot be recorded here; skipped when optional"),
    "background-audio": (NOT_HERE, "nothing is recorded"),
    "video": (NOT_HERE, "cannot be recorded here; skipped when optional"),
    "barcode": (NOT_HERE, "no scanner; skipped when optional"),
    "geopoint": (NOT_HERE, "no location on a desktop; skipped when optional"),
    "geotrace": (NOT_HERE, "no location on a desktop; skipped when optional"),
    "geoshape": (NOT_HERE, "no location on a desktop; skipped when optional"),
    "start-geopoint": (NOT_HERE, "left empty"),
    "calculate": (FULL, ""), "hidden": (FULL, ""),
    "xml-external": (FULL, "read from the form's media folder"),
    "csv-external": (FULL, "read from the form's media folder"),
    "start": (FULL, ""), "end": (FULL, ""), "today": (FULL, ""),
    "deviceid": (DIFFERS, "left empty: a shared desktop has no device identity to report"),
    "phonenumber": (DIFFERS, "left empty"), "username": (DIFFERS, "left empty"),
    "email": (DIFFERS, "left empty"), "simserial": (DIFFERS, "left empty"),
    "subscriberid": (DIFFERS, "left empty"),
    "audit": (DIFFERS, "no audit log is kept"),
    "begin group": (FULL, ""), "begin repeat": (FULL, "a mistaken one can be removed, as in Collect"),
}

APPEARANCES: dict[str, Entry] = {
    "field-list": (FULL, ""),
    "table-list": (DIFFERS, "the questions are shown one under another, each with its own cards"),
    "multiline": (FULL, ""),
    "numbers": (FULL, "an on-screen number pad"),
    "url": (DIFFERS, "shown as plain text"),
    "masked": (DIFFERS, "what is typed stays visible"),
    "thousands-sep": (DIFFERS, "numbers are shown without separators"),
    "counter": (DIFFERS, "typed on the number pad; no + and - buttons"),
    "minimal": (DIFFERS, "large cards instead of a drop-down"),
    "quick": (DIFFERS, "choosing does not move on by itself: Continue does"),
    "autocomplete": (FULL, "a large search box; the matching choices as large cards"),
    "search": (FULL, "a large search box; the matching choices as large cards (any list of over 40 too)"),
    "columns": (DIFFERS, "large cards, one under another"),
    "columns-pack": (DIFFERS, "large cards, one under another"),
    "columns-n": (DIFFERS, "large cards, one under another"),
    "no-buttons": (DIFFERS, "large cards with their words"),
    "likert": (DIFFERS, "large cards, one under another"),
    "label": (DIFFERS, "large cards for each question"),
    "list-nolabel": (DIFFERS, "large cards for each question"),
    "list": (DIFFERS, "large cards for each question"),
    "quickcompact": (DIFFERS, "large cards"), "compact": (DIFFERS, "large cards"),
    "image-map": (NOT_HERE, "the choices are shown as cards without the map"),
    "map": (NOT_HERE, "the choices are shown as cards without the map"),
    "no-calendar": (FULL, "year, month and day boxes are how every date is asked"),
    "month-year": (DIFFERS, "the whole date is asked"), "year": (DIFFERS, "the whole date is asked"),
    "ethiopian": (DIFFERS, "Gregorian dates"), "coptic": (DIFFERS, "Gregorian dates"),
    "islamic": (DIFFERS, "Gregorian dates"), "bikram-sambat": (DIFFERS, "Gregorian dates"),
    "myanmar": (DIFFERS, "Gregorian dates"), "persian": (DIFFERS, "Gregorian dates"),
    "signature": (NOT_HERE, "no pen: the question cannot be answered here"),
    "draw": (NOT_HERE, "no pen: the question cannot be answered here"),
    "annotate": (NOT_HERE, "no pen: the question cannot be answered here"),
    "new": (DIFFERS, "a picture file may be chosen as well as a photo taken"),
    "new-front": (DIFFERS, "the computer's one camera is used"),
    "placement-map": (NOT_HERE, "no location on a desktop"), "maps": (NOT_HERE, "no location on a desktop"),
    "hidden-answer": (NOT_HERE, "no scanner"),
    "rating": (DIFFERS, "asked as a number"), "picker": (DIFFERS, "asked as a number"),
    "vertical": (DIFFERS, "asked as a number"), "no-ticks": (DIFFERS, "asked as a number"),
    "printer": (NOT_HERE, "nothing is printed from a question"),
    "ex:": (NOT_HERE, "no other app is started"),
    "cn-id": (DIFFERS, "ours, not Collect's: a Chinese resident ID number, checked"),
    "cn-mobile": (DIFFERS, "ours, not Collect's: a Chinese mobile number, checked"),
    "cn-postcode": (DIFFERS, "ours, not Collect's: a Chinese post code, checked"),
}

OTHER: dict[str, Entry] = {
    "CSV list (`jr://file-csv/…`)": (FULL, "from the media folder; `;` separates when the header holds one"),
    "XML list (`jr://file/….xml`)": (FULL, "from the media folder"),
    "GeoJSON list (`jr://file/….geojson`)": (FULL, "Point, LineString and Polygon features"),
    "a list file that is missing": (DIFFERS, "the form is refused with the file named (Collect shows an empty list)"),
    "`jr://instance/last-saved`": (NOT_HERE, "an empty list; `forms check` warns"),
    "`select_one_external` (itemsets.csv)": (DIFFERS, "asked as text"),
    "repeat: remove one added by mistake": (FULL, "not for `jr:count` or `jr:noAddRemove` repeats"),
    "events odk-instance-first-load, odk-instance-load, odk-new-repeat, xforms-value-changed": (FULL, ""),
    "events xforms-ready, jr-insert (older names)": (FULL, "run as odk-instance-first-load, odk-new-repeat"),
    "event xforms-revalidate": (DIFFERS, "accepted; its actions do not run"),
    "an unknown event name": (FULL, "the form is refused, naming it (as JavaRosa)"),
}

# Functions not listed are supported in full (the test checks every function the engine has).
FUNCTION_NOTES: dict[str, Entry] = {
    "distance": (NOT_HERE, "gives an error: no geometry on a desktop"),
    "area": (NOT_HERE, "gives an error: no geometry on a desktop"),
    "enclosed-area": (NOT_HERE, "gives an error: no geometry on a desktop"),
    "geofence": (NOT_HERE, "gives an error: no geometry on a desktop"),
    "property": (DIFFERS, "deviceid, username, phonenumber and email are empty here"),
    "pulldata": (FULL, "reads the form's own list (a CSV in its media folder), nothing else"),
}


def function_support(name: str) -> Entry:
    return FUNCTION_NOTES.get(name, (FULL, ""))


def _appearance_key(word: str) -> str:
    if word.startswith("columns-") and word[8:].isdigit():
        return "columns-n"
    if word.startswith("ex:"):
        return "ex:"
    return word


def calls(ast: AstNode) -> set[str]:
    """Names of the functions an expression calls, anywhere inside it."""
    from inclusion_app.engine.xpath.nodes import FunctionCall
    from inclusion_app.engine.xpath.pathexpr import FilterPath, LocationPath

    found: set[str] = set()
    stack = [ast]
    while stack:
        node = stack.pop()
        if isinstance(node, FunctionCall):
            found.add(node.name)
        if isinstance(node, LocationPath):
            stack.extend(p for step in node.steps for p in step.predicates)
        elif isinstance(node, FilterPath):
            stack.extend(p for step in node.steps for p in step.predicates)
        stack.extend(node.children())
    return found


def differences(form: FormDef) -> list[str]:
    """One line for each question type, appearance and function the form uses that ODK Collect
    runs differently, in that order; each line says what happens here instead."""
    lines: dict[str, None] = {}
    controls = [c for c in form.by_ref.values() if c.is_question]
    for control in controls:
        qtype = "range" if control.tag == "range" else control.qtype
        if qtype in ("signature", "draw"):
            continue  # said by its appearance below
        default = (FULL, "") if control.supported else (NOT_HERE, "cannot be answered on this computer")
        support, note = QUESTION_TYPES.get(qtype, default)
        if support != FULL:
            lines[f"question type {qtype} ({support}): {note}"] = None
    for control in form.by_ref.values():
        for word in control.appearance.split():
            key = _appearance_key(word)
            support, note = APPEARANCES.get(key, (FULL, ""))
            if support != FULL:
                lines[f"appearance {word} ({support}): {note}"] = None
    for name in sorted(form.functions):
        support, note = function_support(name)
        if support != FULL:
            lines[f"function {name}() ({support}): {note}"] = None
    if any(action.event == "xforms-revalidate" for action in form.setvalues):
        support, note = OTHER["event xforms-revalidate"]
        lines[f"event xforms-revalidate ({support}): {note}"] = None
    for bind in form.binds.values():
        if bind.preload == "property" and bind.preload_params in QUESTION_TYPES:
            support, note = QUESTION_TYPES[bind.preload_params]
            lines[f"question type {bind.preload_params} ({support}): {note}"] = None
    return list(lines)


def markdown() -> str:
    """docs/FORM_SUPPORT.md, made from the tables above."""
    from inclusion_app.engine.xpath.functions import TABLE
    from inclusion_app.engine.xpath.parser import Parser  # noqa: F401  (fills the table)

    out = [
        "# What forms can use here",
        "",
        "Made from `inclusion_app/engine/features.py` (`python -m inclusion_app.engine.features > "
        "docs/FORM_SUPPORT.md`); a test keeps this page and the engine in step. *full*: as in ODK "
        "Collect. *differs*: works, but not as in Collect (what happens instead is said). *not on a "
        "desktop*: this computer cannot do it; an optional question of the kind is skipped, a "
        "required one is named on the check-your-answers page. `inclusion-app forms check FILE` "
        "prints one line for each such feature a form uses.",
        "",
    ]
    for title, table in (("Question types (XLSForm `type`)", QUESTION_TYPES),
                         ("Appearances (XLSForm `appearance`)", APPEARANCES)):
        out += [f"## {title}", "", "| name | support | here |", "|---|---|---|"]
        out += [f"| `{name}` | {support} | {note} |" for name, (support, note) in table.items()]
        out.append("")
    out += ["## Lists beside the form and actions", "", "| feature | support | here |", "|---|---|---|"]
    out += [f"| {name} | {support} | {note} |" for name, (support, note) in OTHER.items()]
    out.append("")
    out += ["## XPath functions", "", "| function | support | here |", "|---|---|---|"]
    for name in sorted(TABLE):
        support, note = function_support(name)
        out.append(f"| `{name}()` | {support} | {note} |")
    out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(markdown(), end="")
