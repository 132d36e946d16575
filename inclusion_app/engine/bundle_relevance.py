"""A bundle row's `relevant`: which names it may use, and its value when the visit gets there.

`${name}` stands for a shared key, or else for a question of a form earlier in the bundle
(the nearest earlier form that has it). The expression is XPath as in a form: each name
becomes a leaf of a small tree built from the values at that moment, typed as its question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inclusion_app.engine.tree import Node, document
from inclusion_app.engine.xpath import EvalContext, XPathError, XPathSyntaxError, parse

_VAR = re.compile(r"\$\{\s*([^}\s]+)\s*\}")


@dataclass(frozen=True)
class Source:
    """Where a `${name}` reads from: a shared key, or (form_id, path) of an earlier form."""

    name: str
    key: str = ""  # the shared key, or ""
    form_id: str = ""
    path: str = ""
    datatype: str = "string"


def names_in(text: str) -> list[str]:
    out: list[str] = []
    for name in _VAR.findall(text or ""):
        if name not in out:
            out.append(name)
    return out


def to_xpath(text: str, names: list[str]) -> str:
    """`${age} >= 60` -> `/visit/v0 >= 60`: names become leaves of the evaluation tree."""
    return _VAR.sub(lambda m: f"/visit/v{names.index(m.group(1))}", text)


def syntax_error(text: str) -> str | None:
    """A plain message when the expression cannot be read, else None."""
    try:
        parse(to_xpath(text, names_in(text)))
    except XPathSyntaxError as exc:
        return f"the expression cannot be read: {exc.message}"
    return None


def question_paths(form: object) -> dict[str, tuple[str, str]]:
    """Question name -> (path, datatype) for a form's leaves outside meta (first of a name)."""
    out: dict[str, tuple[str, str]] = {}
    root = form.root  # type: ignore[attr-defined]
    for node in root.iter():
        if node.children or node is root:
            continue
        path = node.generic_path()
        if "/meta/" in path or node.name in out:
            continue
        out[node.name] = (path, node.datatype or "string")
    return out


def evaluate(text: str, values: dict[str, tuple[str, str]]) -> bool:
    """The expression's truth with `values` (name -> (lexical value, datatype));
    an expression that fails to evaluate counts as true, so a service is never lost silently."""
    if not text or not text.strip():
        return True
    names = names_in(text)
    root = Node("visit")
    for i, name in enumerate(names):
        value, datatype = values.get(name, ("", "string"))
        leaf = Node(f"v{i}", value)
        leaf.datatype = datatype
        root.append(leaf)
    document(root)
    try:
        return parse(to_xpath(text, names)).eval_bool(EvalContext(root, root.document()))
    except (XPathError, XPathSyntaxError, ArithmeticError, ValueError, TypeError):
        return True
