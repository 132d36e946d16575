"""indexed-repeat(): a value from a chosen repeat instance, as JavaRosa resolves it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from inclusion_app.engine.tree import Node
from inclusion_app.engine.xpath.conversions import Value, to_num
from inclusion_app.engine.xpath.errors import XPathError
from inclusion_app.engine.xpath.functions import define
from inclusion_app.engine.xpath.pathexpr import LocationPath

if TYPE_CHECKING:
    from inclusion_app.engine.xpath.context import EvalContext
    from inclusion_app.engine.xpath.nodes import AstNode


def _generic(expr: AstNode, ctx: EvalContext, what: str) -> list[str]:
    """The generic absolute path of a plain path argument, as a list of names."""
    if not isinstance(expr, LocationPath):
        raise XPathError(f"indexed-repeat(): the {what} must be a path to a question or repeat")
    parts: list[str] = []
    if not expr.absolute:
        node: Node | None = ctx.node
        while node is not None and not node.is_document:
            parts.append(node.name)
            node = node.parent
        parts.reverse()
    for step in expr.steps:
        if step.predicates:
            raise XPathError(f"indexed-repeat(): the {what} may not have [conditions]")
        if step.axis == "child" and step.kind == "name":
            parts.append(step.name)
        elif step.axis == "parent":
            if parts:
                parts.pop()
        elif step.axis != "self":
            raise XPathError(f"indexed-repeat(): the {what} must be a plain path")
    return parts


@define("indexed-repeat", 3, 11, lazy=True)
def indexed_repeat(ctx: EvalContext, args: list[AstNode]) -> Value:
    """indexed-repeat(/data/rep/q, /data/rep, 2[, /data/rep/inner, 1 ...])."""
    target = _generic(args[0], ctx, "first argument")
    chosen: dict[int, int] = {}  # depth of a repeat step -> 1-based index
    for k in range(1, len(args) - 1, 2):
        group = _generic(args[k], ctx, f"argument {k + 1}")
        if target[: len(group)] != group or len(group) > len(target):
            raise XPathError(f"indexed-repeat(): argument {k + 1} must contain the first argument")
        index = to_num(args[k + 1].evaluate(ctx))
        chosen[len(group)] = 1 if index != index or index < 1 else int(index)
    # the context's own chain settles the other repeat levels, as in JavaRosa
    chain: list[Node] = []
    node: Node | None = ctx.node
    while node is not None:
        chain.append(node)
        node = node.parent
    chain.reverse()
    on_chain = chain[0] is ctx.main
    nodes: list[Node] = [ctx.main]
    for depth, name in enumerate(target, 1):
        found = [c for n in nodes for c in n.named(name)]
        if depth in chosen:
            i = chosen[depth]
            found = found[i - 1 : i]
            on_chain = on_chain and depth < len(chain) and found == [chain[depth]]
        elif on_chain and depth < len(chain) and chain[depth] in found:
            found = [chain[depth]]
        else:
            on_chain = False
        nodes = found
        if not nodes:
            return []
    return nodes
