"""Choices from an itemset, made quickly enough for lists of 50,000 rows, and searched by text.

A list beside the form never changes while it is filled, so when an itemset's rows all come
from such a list and its value and label read only the row (`name`, `label`,
`jr:itext(itextId)`), the choices made for one language are kept and reused while the same rows
are shown. Value and label that are plain child names are read directly instead of through the
expression evaluator. `search()` is what a large-type search box (the `search`/`autocomplete`
appearances) asks: choices whose label or value contains what was typed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from inclusion_app.engine.body import Itemset
from inclusion_app.engine.prompt import Choice
from inclusion_app.engine.tree import Node
from inclusion_app.engine.xpath import Expr
from inclusion_app.engine.xpath.conversions import text_of


def _child_name(expr: Expr | None) -> str | None:
    """'name' for an expression that is one plain child step, else None."""
    from inclusion_app.engine.xpath.pathexpr import LocationPath

    ast = expr.ast if expr is not None else None
    if isinstance(ast, LocationPath) and not ast.absolute and len(ast.steps) == 1 and ast.steps[0].simple:
        return ast.steps[0].name
    return None


def _row_only(expr: Expr | None) -> bool:
    """Reads nothing but the row: a plain child name, or jr:itext() of one."""
    from inclusion_app.engine.xpath.nodes import FunctionCall

    if expr is None or _child_name(expr) is not None:
        return True
    ast = expr.ast
    return (isinstance(ast, FunctionCall) and ast.name in ("jr:itext", "itext") and len(ast.args) == 1
            and _child_name(Expr(expr.text, ast.args[0])) is not None)


def cell(row: Node, name: str) -> str:
    """The text of a row's child `name` ("" when absent), as `string(name)` would give it."""
    found = row.named(name)
    return text_of(found[0]) if found else ""


@dataclass
class _Kept:
    rows: tuple[int, ...]
    choices: tuple[Choice, ...]


@dataclass
class ChoiceCache:
    """Choices already made, by (itemset, language); one entry each, for the rows last shown."""

    kept: dict[tuple[int, str | None], _Kept] = field(default_factory=dict)
    static: dict[int, bool] = field(default_factory=dict)

    def reusable(self, itemset: Itemset) -> bool:
        found = self.static.get(id(itemset))
        if found is None:
            found = self.static[id(itemset)] = all(
                _row_only(e) for e in (itemset.value, itemset.label, itemset.label_id))
        return found

    def get(self, itemset: Itemset, language: str | None, rows: Sequence[Node]) -> tuple[Choice, ...] | None:
        kept = self.kept.get((id(itemset), language))
        if kept is not None and len(kept.rows) == len(rows) and kept.rows == tuple(map(id, rows)):
            return kept.choices
        return None

    def put(self, itemset: Itemset, language: str | None, rows: Sequence[Node], choices: tuple[Choice, ...]) -> None:
        self.kept[(id(itemset), language)] = _Kept(tuple(map(id, rows)), choices)


def fast_reader(itemset: Itemset) -> Callable[[Node], tuple[str, str]] | None:
    """(value, label) of a row read directly when both are plain child names, else None."""
    value_name = _child_name(itemset.value) if itemset.value is not None else None
    label_name = _child_name(itemset.label) if itemset.label is not None else None
    if (itemset.value is not None and value_name is None) or itemset.label_id is not None:
        return None
    if itemset.label is not None and label_name is None:
        return None

    def read(row: Node) -> tuple[str, str]:
        value = cell(row, value_name) if value_name else row.string_value()
        label = cell(row, label_name) if label_name else value
        return value, label

    return read


def _fold(text: str) -> str:
    """Case, width and accents ignored: 'Ｂｅｉｊｉｎｇ', 'beijing' and 'BÉIJING' all match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_FOLDED: dict[int, tuple[tuple[Choice, ...], list[str]]] = {}


def search(choices: tuple[Choice, ...], text: str, limit: int | None = None) -> tuple[Choice, ...]:
    """Choices whose label (or value) contains `text`: those starting with it first, then the rest,
    each in list order. Empty text gives every choice. The folded labels of the last few lists
    searched are kept, so each key typed costs one pass over the list."""
    wanted = _fold(text.strip())
    if not wanted:
        return choices if limit is None else choices[:limit]
    kept = _FOLDED.get(id(choices))
    if kept is None or kept[0] is not choices:
        if len(_FOLDED) > 8:
            _FOLDED.clear()
        kept = (choices, [_fold(f"{c.label}\n{c.value}") for c in choices])
        _FOLDED[id(choices)] = kept
    starting: list[Choice] = []
    containing: list[Choice] = []
    for choice, folded in zip(choices, kept[1], strict=True):
        at = folded.find(wanted)
        if at == 0:
            starting.append(choice)
        elif at > 0:
            containing.append(choice)
        if limit is not None and len(starting) >= limit:
            break
    found = starting + containing
    return tuple(found if limit is None else found[:limit])
