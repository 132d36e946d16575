"""The XPath 1.0 expression language of XForms, with the ODK functions and no way out of the form.

    expr = parse("/data/age > 60 and selected(/data/x, 'a')")   # once, when the form loads
    expr.eval_bool(EvalContext(node, main, instances, host))
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache

from inclusion_app.engine.tree import Node
from inclusion_app.engine.xpath import repeats as _repeats  # noqa: F401  (fills the table)
from inclusion_app.engine.xpath.context import DefaultHost, EvalContext, Host
from inclusion_app.engine.xpath.conversions import Value, to_bool, to_num, to_str
from inclusion_app.engine.xpath.errors import XPathError, XPathSyntaxError
from inclusion_app.engine.xpath.nodes import AstNode, RefCollector
from inclusion_app.engine.xpath.parser import Parser

__all__ = [
    "DefaultHost",
    "EvalContext",
    "Expr",
    "Host",
    "Value",
    "XPathError",
    "XPathSyntaxError",
    "parse",
    "reference_matches",
]


class Expr:
    """A parsed expression: evaluate it as often as needed, it never changes."""

    __slots__ = ("text", "ast", "_uses_now", "_refs")

    def __init__(self, text: str, ast: AstNode) -> None:
        self.text = text
        self.ast = ast
        self._refs: dict[str, frozenset[str]] = {}
        self._uses_now: bool | None = None  # worked out on first use: loading stays quick

    def __repr__(self) -> str:
        return f"Expr({self.text!r})"

    def evaluate(self, ctx: EvalContext) -> bool | float | str | list[Node] | datetime.date:
        try:
            value = self.ast.evaluate(ctx)
            # node lists may be the tree's shared name index: hand out a copy callers may change
            return value[:] if type(value) is list else value
        except XPathError as exc:
            if not exc.expression:
                exc.expression = self.text
            raise
        except RecursionError as exc:
            raise XPathError("the expression is nested too deeply", self.text) from exc
        except (ValueError, TypeError, ArithmeticError, IndexError, KeyError) as exc:
            # a value this evaluator did not foresee: still a plain message, never a traceback
            raise XPathError(f"the expression could not be worked out ({exc})", self.text) from exc

    def eval_bool(self, ctx: EvalContext) -> bool:
        return to_bool(self.evaluate(ctx))

    def eval_num(self, ctx: EvalContext) -> float:
        return to_num(self.evaluate(ctx))

    def eval_str(self, ctx: EvalContext) -> str:
        return to_str(self.evaluate(ctx))

    def eval_nodes(self, ctx: EvalContext) -> list[Node]:
        value = self.evaluate(ctx)
        if not isinstance(value, list):
            raise XPathError("this expression must give a list of nodes (a path)", self.text)
        return value

    def references(self, context_path: str) -> set[str]:
        """Generic main-instance paths this expression reads, relative to `context_path`."""
        found = self._refs.get(context_path)
        if found is None:
            collector = RefCollector(context_path)
            self.ast.refs(context_path, collector)
            found = frozenset(collector.paths)
            self._refs[context_path] = found
        return set(found)

    @property
    def uses_now(self) -> bool:
        """Calls now(), today(), random() or uuid(): recomputed when the form is finalized."""
        if self._uses_now is None:
            collector = RefCollector("/")
            self.ast.refs("/", collector)
            self._uses_now = collector.uses_now
        return self._uses_now


@lru_cache(maxsize=1024)
def _pattern(reference: str) -> re.Pattern[str]:
    parts = []
    for i, segment in enumerate(reference.split("//")):
        if i:
            parts.append("(?:/[^/]+)*/")  # '//' : any number of steps in between
        parts.append("/".join("[^/]+" if p == "*" else re.escape(p) for p in segment.split("/")))
    return re.compile("".join(parts))


def reference_matches(reference: str, path: str) -> bool:
    """Whether a generic path is one a reference stands for. references() is exact except
    for '*' steps and '//' (any depth), which it keeps as patterns: '/data//age', '/data/*'."""
    if "*" not in reference and "//" not in reference:
        return reference == path
    return _pattern(reference).fullmatch(path) is not None


@lru_cache(maxsize=8192)
def parse(text: str) -> Expr:
    """Parse once; raises XPathSyntaxError with .expression, .position and a plain message."""
    if not isinstance(text, str):
        raise XPathSyntaxError("an expression must be text")
    try:
        return Expr(text, Parser(text).parse())
    except RecursionError as exc:
        raise XPathSyntaxError("the expression is nested too deeply", text, 0) from exc


