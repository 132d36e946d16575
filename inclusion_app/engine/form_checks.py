"""Our own checks on a compiled XLSForm, reported at the author's sheet, row and column.

pyxform accepts some forms the engine cannot run or a person cannot use: an expression that
is not valid XPath, calculations that depend on each other in a loop, a question with no
words to show. These checks run once, after compilation and before the result is cached.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from inclusion_app.engine.form_problems import Problem
from inclusion_app.engine.xlsform_sheet import SheetIndex, SurveyRow

XF = "{http://www.w3.org/2002/xforms}"
JR = "{http://openrosa.org/javarosa}"
# Bind attribute -> the XLSForm columns it comes from (first present wins).
BIND_COLUMNS = {
    "relevant": ("relevant", "relevance"),
    "constraint": ("constraint",),
    "calculate": ("calculation", "calculate"),
    "required": ("required",),
    "readonly": ("read_only", "readonly"),
}
# Body elements a person answers or reads; each needs a label.
CONTROLS = {"input", "select1", "select", "upload", "trigger", "range", "rank"}
_REF = re.compile(r"\$\{([^}\s]+)\}")
_LITERAL = {"true()", "false()", "yes", "no", "true", "false", "1", "0"}


def check_compiled(root: ET.Element, index: SheetIndex, display: str) -> list[Problem]:
    """Every problem found in the compiled XForm (parsed) and the sheet it came from."""
    problems = check_expressions(root, index, display)
    problems += check_labels(root, index, display)
    problems += check_calculation_cycles(index, display)
    return problems


def _parser():
    """The engine's XPath parser, or None while it is not installed (checks then skip)."""
    try:
        from inclusion_app.engine.xpath import XPathError, parse
    except ImportError:
        return None
    return parse, XPathError


def check_expressions(root: ET.Element, index: SheetIndex, display: str) -> list[Problem]:
    """Each bind and itemset expression must parse; a failure names the row and the column."""
    found = _parser()
    if found is None:
        return []
    parse, xpath_error = found
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for bind in root.iter(f"{XF}bind"):
        nodeset = bind.get("nodeset", "")
        for attr, columns in BIND_COLUMNS.items():
            text = bind.get(attr)
            if text is None or text.strip() in _LITERAL:
                continue
            problem = _try_parse(parse, xpath_error, text, nodeset, columns, attr, index, display)
            if problem and (problem.row, problem.column) not in seen:
                seen.add((problem.row, problem.column))
                problems.append(problem)
    for setvalue in root.iter(f"{XF}setvalue"):
        text = setvalue.get("value")
        if text and text.strip() not in _LITERAL:
            problem = _try_parse(parse, xpath_error, text, setvalue.get("ref", ""), ("default", "calculation"),
                                 "default", index, display)
            if problem and (problem.row, problem.column) not in seen:
                seen.add((problem.row, problem.column))
                problems.append(problem)
    parents = {child: parent for parent in root.iter() for child in parent}
    for itemset in root.iter(f"{XF}itemset"):
        parent = parents[itemset].get("ref", "") if itemset in parents else ""
        text = itemset.get("nodeset", "")
        problem = _try_parse(parse, xpath_error, text, parent, ("choice_filter",), "choice_filter", index, display)
        if problem:
            problems.append(problem)
    return problems


def _try_parse(parse, xpath_error, text, nodeset, columns, attr, index, display) -> Problem | None:
    try:
        parse(text)
    except xpath_error as exc:
        reason = getattr(exc, "message", str(exc))
    except RecursionError:
        reason = "it is nested too deeply"
    else:
        return None
    row = row_for(nodeset, index)
    cell = row.get(*columns) if row else None
    written = cell[1].strip() if cell else text.strip()
    return Problem(
        display,
        "survey" if row else None,
        row.row if row else None,
        cell[0] if cell else columns[0],
        f"the expression {written!r} is not valid: {reason}" + (_line(row)),
    )


def row_for(nodeset: str, index: SheetIndex) -> SurveyRow | None:
    """The survey row of an XForm path such as '/data/grp/age' (the root name is dropped)."""
    parts = [p.split("[")[0] for p in nodeset.strip().strip("/").split("/")]
    return index.by_path.get("/".join(parts[1:])) if len(parts) > 1 else None


def _line(row: SurveyRow | None) -> str:
    return f" (line {row.line} of the file)" if row is not None and row.line else ""


def check_labels(root: ET.Element, index: SheetIndex, display: str) -> list[Problem]:
    """A question a person sees (one with a body control) must have words to show."""
    problems: list[Problem] = []
    for control in root.iter():
        if not isinstance(control.tag, str) or control.tag.split("}")[-1] not in CONTROLS:
            continue
        label = control.find(f"{XF}label")
        if label is not None and (label.get("ref") or (label.text or "").strip() or len(label)):
            continue
        row = row_for(control.get("ref", ""), index)
        if row is None:
            continue
        if row.get("media::image", "image", "media::audio", "audio", "media::video", "video"):
            continue  # a picture or a recording is the question
        labels = [k for k in row.cells if k.strip().lower().split("::")[0].split(":")[0] == "label"]
        problems.append(Problem(
            display, "survey", row.row, labels[0] if labels else "label",
            f"the question '{row.name}' has no label: a person would see an empty screen" + _line(row),
        ))
    return problems


def check_calculation_cycles(index: SheetIndex, display: str) -> list[Problem]:
    """Calculations and conditions that depend on each other in a loop can never be worked out.

    A `relevant` counts as well as a `calculation`: a question that does not apply reads as
    empty, so its condition feeds whatever reads it (JavaRosa refuses both kinds of circle)."""
    rows: dict[str, SurveyRow] = {}
    cells: dict[str, list[tuple[str, list[str]]]] = {}
    for row in index.survey:
        if not row.name:
            continue
        for names in (("calculation", "calculate"), ("relevant",)):
            cell = row.get(*names)
            if cell:
                rows.setdefault(row.name, row)
                cells.setdefault(row.name, []).append((cell[0], _REF.findall(cell[1])))
    deps = {name: [d for _col, refs in found for d in refs] for name, found in cells.items()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(name: str, path: list[str]) -> list[str] | None:
        state[name] = 1
        for dep in deps.get(name, ()):
            if dep not in deps or dep == name:
                continue
            if state.get(dep) == 1:
                return path[path.index(dep):] + [dep] if dep in path else [name, dep]
            if state.get(dep) is None:
                cycle = visit(dep, path + [dep])
                if cycle:
                    return cycle
        state[name] = 2
        return None

    for name in deps:
        if state.get(name) is None:
            cycle = visit(name, [name])
            if cycle:
                first = rows[cycle[0]]
                column = next((col for col, refs in cells[cycle[0]] if cycle[1] in refs), "calculation")
                chain = " -> ".join(f"${{{n}}}" for n in cycle)
                return [Problem(
                    display, "survey", first.row, column,
                    f"the calculations or conditions go round in a loop ({chain}), so none can be worked out"
                    + _line(first),
                )]
    return []
