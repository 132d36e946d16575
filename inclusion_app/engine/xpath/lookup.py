"""Fast look-ups in the lists beside a form: `item[district = /data/district]` and `pulldata()`.

A cascading select filters a list of tens of thousands of rows on every screen. Scanning them
all costs tens of milliseconds; a hash index built once per list and column answers in
microseconds. Only secondary instances are indexed (they never change while a form is filled),
and only a predicate `name = <something that does not depend on the row>`; anything else, and
any value the index cannot compare exactly as XPath would (dates, booleans), takes the plain
path, so results are always the same as a scan's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from inclusion_app.engine.tree import Node, gc_paused
from inclusion_app.engine.xpath.conversions import Value, node_value, str_to_num, text_of, to_str
from inclusion_app.engine.xpath.errors import XPathError
from inclusion_app.engine.xpath.functions import define

if TYPE_CHECKING:
    from inclusion_app.engine.xpath.context import EvalContext
    from inclusion_app.engine.xpath.nodes import AstNode

MIN_ROWS = 48  # below this a scan is as quick as a look-up
# Functions whose value depends on the row they are evaluated for, or on chance; and those that
# read the row when called without arguments.
_ROW_BOUND = frozenset(("position", "last", "random", "uuid", "randomize", "once", "indexed-repeat"))
_ROW_WHEN_BARE = frozenset(("name", "local-name", "string", "number", "string-length", "normalize-space"))
_NO_PLAN = ("", None)


class _Index:
    """Rows of one list by the text (and, when asked, the number) of one column."""

    __slots__ = ("by_text", "by_num", "order")

    def __init__(self, rows: list[Node], column: str) -> None:
        self.by_text: dict[str, list[Node]] = {}
        self.by_num: dict[float, list[Node]] | None = None
        self.order = {id(row): i for i, row in enumerate(rows)}
        by_text = self.by_text
        for row in rows:
            for cell in row.children:
                if cell.name != column:
                    continue
                text = text_of(cell) if cell.children else cell.value
                bucket = by_text.get(text)
                if bucket is None:
                    by_text[text] = [row]
                elif bucket[-1] is not row:
                    bucket.append(row)

    def numbers(self) -> dict[float, list[Node]]:
        if self.by_num is None:
            self.by_num = {}
            merged: dict[float, dict[int, Node]] = {}
            for text, rows in self.by_text.items():
                number = str_to_num(text)
                if number == number:
                    merged.setdefault(number, {}).update((id(r), r) for r in rows)
            for number, rows_by_id in merged.items():
                self.by_num[number] = sorted(rows_by_id.values(), key=lambda r: self.order[id(r)])
        return self.by_num


def index_for(parent: Node, row_name: str, column: str) -> _Index:
    """The index of `parent`'s `row_name` children by `column`, kept on the list itself (so it
    lives and goes with it)."""
    indexes = parent.lookups
    if indexes is None:
        indexes = parent.lookups = {}
    index = indexes.get((row_name, column))
    if index is None:
        with gc_paused():
            index = indexes[(row_name, column)] = _Index(parent.named(row_name), column)
    return index


def is_static(node: Node, ctx: EvalContext) -> bool:
    """True for nodes of a secondary instance (never changed while filling), not the main one."""
    doc = node.document()
    return doc is not ctx.main and doc.is_document and any(doc is d for d in ctx.instances.values())


def _row_free(ast: AstNode) -> bool:
    """Whether an expression gives the same value for every row (so it is worked out once)."""
    from inclusion_app.engine.xpath.nodes import FunctionCall, Literal
    from inclusion_app.engine.xpath.pathexpr import FilterPath, LocationPath

    if isinstance(ast, Literal):
        return True
    if isinstance(ast, LocationPath):
        return ast.absolute
    if isinstance(ast, FunctionCall):
        if ast.name == "current" or (ast.name == "instance" and all(_row_free(a) for a in ast.args)):
            return True
        if ast.name in _ROW_BOUND or (ast.name in _ROW_WHEN_BARE and not ast.args):
            return False
        return all(_row_free(a) for a in ast.args)
    if isinstance(ast, FilterPath):
        return _row_free(ast.primary)  # its predicates and steps start from the primary's nodes
    children = ast.children()
    return bool(children) and type(ast).__name__ in ("Or", "And", "Compare", "Arith", "Negate") and all(
        _row_free(c) for c in children)


def plan(predicate: AstNode) -> tuple[str, AstNode | None]:
    """(column, expression) for `column = expression`, else ("", None)."""
    from inclusion_app.engine.xpath.nodes import Compare
    from inclusion_app.engine.xpath.pathexpr import LocationPath

    if not isinstance(predicate, Compare) or predicate.op != "=":
        return _NO_PLAN
    for column, other in ((predicate.a, predicate.b), (predicate.b, predicate.a)):
        if (isinstance(column, LocationPath) and not column.absolute and len(column.steps) == 1
                and column.steps[0].simple and _row_free(other)):
            return column.steps[0].name, other
    return _NO_PLAN


def select(parent: Node, row_name: str, column: str, other: AstNode, ctx: EvalContext) -> list[Node] | None:
    """`parent`'s `row_name` children whose `column` equals `other`, from the index; None when
    the index cannot tell exactly as a comparison would."""
    value = other.evaluate(ctx.at(parent))
    wanted = value if isinstance(value, list) else [value]
    keys: list[str | float] = []
    for item in wanted:
        v = node_value(item) if isinstance(item, Node) else item
        if isinstance(v, bool) and not isinstance(value, list):
            return None  # a boolean compares with the whole row set, not each cell
        if isinstance(v, (str, float)) and not isinstance(v, bool):
            keys.append(v)
        else:
            return None  # dates and booleans: compare the plain way
    index = index_for(parent, row_name, column)
    found: list[Node] = []
    for key in keys:
        if isinstance(key, float):
            found.extend(index.numbers().get(key, ()) if key == key else ())
        else:
            found.extend(index.by_text.get(key, ()))
    if len(keys) > 1:
        unique = {id(r): r for r in found}
        found = sorted(unique.values(), key=lambda r: index.order[id(r)])
    return found


@define("pulldata", 4)
def _pulldata(ctx: EvalContext, list_name: Value, column: Value, key_column: Value, key: Value) -> str:
    """pulldata('fruits', 'price', 'name', ${fruit}): instance('fruits')/root/item[name = key]/price,
    the first row's (the ODK XForms specification). Reads the form's own list, nothing else."""
    name = to_str(list_name).strip()
    doc = ctx.instances.get(name)
    if doc is None:
        raise XPathError(f"pulldata(): the form has no list named {name!r}")
    roots = [c for c in doc.children if not c.name.startswith("#")]
    if not roots:
        return ""
    rows = roots[0].children
    wanted, key_name, value_name = to_str(key), to_str(key_column).strip(), to_str(column).strip()
    if len(rows) >= MIN_ROWS:
        hits = index_for(roots[0], rows[0].name, key_name).by_text.get(wanted, ())
    else:
        hits = [r for r in rows if any(text_of(c) == wanted for c in r.named(key_name))]
    for row in hits:
        cells = row.named(value_name)
        if cells:
            return text_of(cells[0])
    return ""
