"""Path expressions: absolute and relative location paths, filter paths and unions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from inclusion_app.engine.tree import Node
from inclusion_app.engine.xpath.conversions import Value
from inclusion_app.engine.xpath.errors import XPathError
from inclusion_app.engine.xpath.nodes import AstNode, FunctionCall, RefCollector
from inclusion_app.engine.xpath.paths import REVERSE_AXES, Step, apply_predicates, doc_key

if TYPE_CHECKING:
    from inclusion_app.engine.xpath.context import EvalContext

_ORDERED_AXES = frozenset(("child", "attribute", "self"))


def run_steps(nodes: list[Node], steps: list[Step], ctx: EvalContext) -> list[Node]:
    """Apply steps one after another, keeping the result in document order without duplicates."""
    ordered = True
    for step in steps:
        if len(nodes) == 1:
            nodes = step.select(nodes[0], ctx)
        elif step.simple:
            name = step.name
            nodes = [c for n in nodes for c in n.named(name)]
        else:
            seen: set[int] = set()
            out: list[Node] = []
            for node in nodes:
                for found in step.select(node, ctx):
                    if id(found) not in seen:
                        seen.add(id(found))
                        out.append(found)
            if not ordered or step.axis not in _ORDERED_AXES:
                out.sort(key=doc_key)
            nodes = out
        if step.axis not in _ORDERED_AXES:
            ordered = False
        if not nodes:
            return nodes
    return nodes


def _step_refs(base: str | None, steps: list[Step], out: RefCollector) -> str | None:
    """Follow steps over generic paths; None means "not in the main instance"."""
    for step in steps:
        if base is not None:
            axis, name = step.axis, step.name if step.kind == "name" else "*"
            if axis == "child" and step.kind == "text":
                pass  # text() is the element's own value here
            elif axis == "child":
                base = f"{base}/{name}"
            elif axis == "parent":
                base = base.rsplit("/", 1)[0]
            elif axis in ("descendant", "descendant-or-self"):
                if step.kind == "node":
                    base = base + "/"  # '//' then the next step: rendered as base//name
                else:
                    base = f"{base}//{name}"
            elif axis in ("following-sibling", "preceding-sibling"):
                base = f"{base.rsplit('/', 1)[0]}/{name}"
            elif axis in REVERSE_AXES or axis in ("following",):
                parts = base.split("/")
                if name in parts[1:] and axis.startswith("ancestor"):
                    base = "/".join(parts[: len(parts) - parts[::-1].index(name)])
                else:
                    base = "/" + parts[1] if len(parts) > 1 and parts[1] else base
            # self and attribute stay on the element: its value is what changes
        for pred in step.predicates:
            pred.refs(base, out)
    return base


class LocationPath(AstNode):
    """/a/b[1]/c or ../x: absolute paths start at the main instance, relative ones at the node."""

    __slots__ = ("absolute", "steps", "lead", "is_self")

    def __init__(self, absolute: bool, steps: list[Step]) -> None:
        self.absolute = absolute
        self.steps = steps
        # leading plain child steps: ODK reads them inside the context's own repeat instance
        lead = 0
        for step in steps:
            if not step.simple:
                break
            lead += 1
        self.lead = lead if absolute else 0
        only = steps[0] if len(steps) == 1 else None
        self.is_self = (not absolute and only is not None and only.axis == "self"
                        and only.kind == "node" and not only.predicates)

    def evaluate(self, ctx: EvalContext) -> Value:
        if not self.absolute:
            if self.is_self:
                return [ctx.node]
            return run_steps([ctx.node], self.steps, ctx)
        main = ctx.main
        if not self.lead:
            return run_steps([main], self.steps, ctx)
        # JavaRosa contextualises /data/rep/q against the context node: inside rep[2] it is rep[2]/q
        chain = ctx.ancestry()
        steps = self.steps
        depth = 0
        if chain[0] is main:
            # ... but not the last step: /data/rep from inside rep[2] means every rep (count() of
            # them all), as JavaRosa intends and ODK Web Forms does; /data/rep/q still means rep[2]/q
            limit = min(self.lead, len(chain) - 1, len(steps) - 1)
            while depth < limit and chain[depth + 1].name == steps[depth].name:
                depth += 1
            main = chain[depth]
        if depth == len(steps):
            return [main]
        return run_steps([main], steps[depth:] if depth else steps, ctx)

    def refs(self, context_path: str | None, out: RefCollector) -> None:
        base = _step_refs("" if self.absolute else context_path, self.steps, out)
        if base:
            out.paths.add(base.rstrip("/") or "/")


class FilterPath(AstNode):
    """A primary expression with predicates and/or further steps: instance('x')/root/item[...]."""

    __slots__ = ("primary", "predicates", "steps")

    def __init__(self, primary: AstNode, predicates: list[AstNode], steps: list[Step]) -> None:
        self.primary = primary
        self.predicates = predicates
        self.steps = steps

    def evaluate(self, ctx: EvalContext) -> Value:
        value = self.primary.evaluate(ctx)
        if not isinstance(value, list):
            raise XPathError("a path or [filter] was applied to something that is not a list of nodes")
        if self.predicates:
            value = apply_predicates(value, self.predicates, ctx)
        if self.steps and value:
            value = run_steps(value, self.steps, ctx)
        return value

    def refs(self, context_path: str | None, out: RefCollector) -> None:
        primary = self.primary
        if not (isinstance(primary, FunctionCall) and primary.name == "current"):
            primary.refs(context_path, out)
        elif not self.steps and out.current:
            out.paths.add(out.current)  # current()[...] reads the question itself
        # current()/../x reads x, not the question: no self-dependency for calculates
        for base in _starts(primary, context_path, out):
            for pred in self.predicates:
                pred.refs(base, out)
        if self.steps:
            ends = self.ends(context_path, out) or []
            out.paths.update(end.rstrip("/") or "/" for end in ends)

    def ends(self, context_path: str | None, out: RefCollector) -> list[str] | None:
        """Generic paths this expression's nodes have, or None when not in the main instance."""
        found: list[str] = []
        for base in _starts(self.primary, context_path, out):
            end = _step_refs(base, self.steps, out)
            if end is not None:
                found.append(end)
        return found or None

    def children(self) -> tuple[AstNode, ...]:
        return (self.primary, *self.predicates)


def _starts(primary: AstNode, context_path: str | None, out: RefCollector) -> list[str | None]:
    """Where a filter expression's primary leaves us: generic paths, or [None] if unknown."""
    if isinstance(primary, FunctionCall) and primary.name == "current":
        return [out.current]
    if isinstance(primary, LocationPath):
        return [_step_refs("" if primary.absolute else context_path, primary.steps, RefCollector())]
    if isinstance(primary, FilterPath):
        return list(primary.ends(context_path, RefCollector()) or [None])
    if isinstance(primary, Union):
        return _starts(primary.a, context_path, out) + _starts(primary.b, context_path, out)
    return [None]


class Union(AstNode):
    __slots__ = ("a", "b")

    def __init__(self, a: AstNode, b: AstNode) -> None:
        self.a, self.b = a, b

    def evaluate(self, ctx: EvalContext) -> Value:
        left, right = self.a.evaluate(ctx), self.b.evaluate(ctx)
        if not isinstance(left, list) or not isinstance(right, list):
            raise XPathError("'|' joins lists of nodes only")
        seen = {id(n) for n in left}
        merged = left + [n for n in right if id(n) not in seen]
        merged.sort(key=doc_key)
        return merged

    def refs(self, context_path: str | None, out: RefCollector) -> None:
        self.a.refs(context_path, out)
        self.b.refs(context_path, out)

    def children(self) -> tuple[AstNode, ...]:
        return (self.a, self.b)
