"""Choices from an itemset, made quickly enough for lists of 50,000 rows, and searched by text.

A list beside the form never changes while it is filled, so when an itemset's rows all come
from such a list and its value and label read only the row (`name`, `label`,
`jr:itext(itextId)`), the choices made for one language are kept and reused while the same rows
are shown. Value and label that are plain child names are read directly instead of through the
expression evaluator. `search()` is what a large-type search box (the `search`/`autocomplete`
appearances) asks: choices whose label or value contains what was typed.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from inclusion_app.engine.body import Itemset
from inclusion_app.engine.prompt import Choice
from inclusion_app.engine.tree import Node
from inclusion_app.engine.xpath import Expr
from inclusion_app.engine.xpath.conversions import text_of

LONG_LIST = 40  # more choices than this are found by typing, not by reading every card
SEARCH_APPEARANCES = frozenset(("search", "autocomplete"))


def searchable(appearance: str, choices: Sequence[Choice]) -> bool:
    """Whether a select question is answered by typing to find the choice: the `search` or
    `autocomplete` appearance, or a list too long to read through (streets of a city)."""
    return bool(SEARCH_APPEARANCES & set(appearance.split())) or len(choices) > LONG_LIST


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
    for child in row.children:  # a row has a few cells: a scan beats building a name index
        if child.name == name:
            return text_of(child)
    return ""


@dataclass
class _Kept:
    rows: list[Node]  # compared by identity (Node has no __eq__): one C-speed pass
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
        if kept is not None and len(kept.rows) == len(rows) and kept.rows == list(rows):
            return kept.choices
        return None

    def put(self, itemset: Itemset, language: str | None, rows: Sequence[Node], choices: tuple[Choice, ...]) -> None:
        self.kept[(id(itemset), language)] = _Kept(list(rows), choices)


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


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _fold(text: str) -> str:
    """Case, width and accents ignored: 'Ｂｅｉｊｉｎｇ', 'beijing' and 'BÉIJING' all match."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))


class _Folded:
    """A list's labels and values folded and joined into one text, so a search is a few C-speed
    `str.find` calls rather than a Python loop over every choice."""

    __slots__ = ("choices", "text", "starts")

    def __init__(self, choices: tuple[Choice, ...]) -> None:
        self.choices = choices
        # one fold of one long text (C speed), then where each choice starts in it
        self.text = _fold("".join(f"{_SEP}{c.label}{_GAP}{c.value}" for c in choices))
        self.starts = [m.start() for m in _SEPS.finditer(self.text)]

    def find(self, needle: str, limit: int | None, skip: set[int] | None = None) -> list[int]:
        """Indexes of the choices whose folded text holds `needle`, in list order."""
        found: list[int] = []
        text, starts, at = self.text, self.starts, 0
        while limit is None or len(found) < limit:
            at = text.find(needle, at)
            if at < 0:
                break
            index = bisect_right(starts, at) - 1
            if skip is None or index not in skip:
                found.append(index)
            # on to the next choice: one match per choice is enough
            at = starts[index + 1] if index + 1 < len(starts) else len(text)
        return found


_SEP, _GAP = "\x00", "\x01"  # never in folded text: a needle cannot match across choices
_SEPS = re.compile(_SEP)
_FOLDED: dict[int, _Folded] = {}


def search(choices: tuple[Choice, ...], text: str, limit: int | None = None) -> tuple[Choice, ...]:
    """Choices whose label (or value) contains `text`: those whose label starts with it first, then
    the rest, each in list order. Empty text gives every choice. The folded text of the last few
    lists searched is kept, so each key typed costs a few scans of one string."""
    wanted = _fold(text.strip()).replace(_SEP, "").replace(_GAP, "")
    if not wanted:
        return choices if limit is None else choices[:limit]
    folded = _FOLDED.get(id(choices))
    if folded is None or folded.choices is not choices:
        if len(_FOLDED) > 8:
            _FOLDED.clear()
        folded = _FOLDED[id(choices)] = _Folded(choices)
    starting = folded.find(_SEP + wanted, limit)
    rest = None if limit is None else limit - len(starting)
    containing = folded.find(wanted, rest, set(starting)) if rest is None or rest > 0 else []
    return tuple(choices[i] for i in starting + containing)
