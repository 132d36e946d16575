"""Node-set functions: count, sum, min, max, position, name, current() and instance()."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from inclusion_app.engine.xpath.conversions import NAN, Value, node_value, to_num, to_str
from inclusion_app.engine.xpath.errors import XPathError
from inclusion_app.engine.xpath.functions import define

if TYPE_CHECKING:
    from inclusion_app.engine.xpath.context import EvalContext


def _nodes(name: str, v: Value) -> list:
    if not isinstance(v, list):
        raise XPathError(f"{name}() needs a list of nodes (a path), not a single value")
    return v


define("count", 1)(lambda ctx, v: float(len(_nodes("count", v))))


@define("count-non-empty", 1)
def _count_non_empty(ctx: EvalContext, v: Value) -> float:
    return float(sum(1 for n in _nodes("count-non-empty", v) if to_str([n]) != ""))


def _numbers(values: tuple[Value, ...]) -> list[float]:
    """Every argument (and every node of a node-set argument) as a number, NaN left out."""
    out: list[float] = []
    for v in values:
        items = [node_value(n) for n in v] if isinstance(v, list) else [v]
        for item in items:
            x = to_num(item)
            if x == x:
                out.append(x)
    return out


@define("sum", 1)
def _sum(ctx: EvalContext, v: Value) -> float:
    return math.fsum(_numbers((_nodes("sum", v),)))


define("min", 1, -1)(lambda ctx, *vs: min(_numbers(vs), default=NAN))
define("max", 1, -1)(lambda ctx, *vs: max(_numbers(vs), default=NAN))


@define("position", 0, 1)
def _position(ctx: EvalContext, v: Value = None) -> float:  # type: ignore[assignment]
    if v is None:
        if ctx.in_step or ctx.position != 1:
            return float(ctx.position)
        return float(ctx.node.multiplicity())  # outside a predicate: the repeat index (JavaRosa)
    nodes = _nodes("position", v)
    if not nodes:
        raise XPathError("position() was given an empty list of nodes")
    return float(nodes[0].multiplicity())


define("last", 0)(lambda ctx: float(ctx.size))


@define("name", 0, 1)
def _name(ctx: EvalContext, v: Value = None) -> str:  # type: ignore[assignment]
    nodes = [ctx.node] if v is None else _nodes("name", v)
    if not nodes or nodes[0].name.startswith("#"):
        return ""
    node = nodes[0]
    return f"{node.prefix}:{node.name}" if node.prefix else node.name


@define("local-name", 0, 1)
def _local_name(ctx: EvalContext, v: Value = None) -> str:  # type: ignore[assignment]
    nodes = [ctx.node] if v is None else _nodes("local-name", v)
    return "" if not nodes or nodes[0].name.startswith("#") else nodes[0].name


define("current", 0)(lambda ctx: [ctx.current])


@define("instance", 1)
def _instance(ctx: EvalContext, v: Value) -> list:
    name = to_str(v)
    doc = ctx.instances.get(name)
    if doc is None:
        raise XPathError(f"the form has no instance named {name!r}")
    return [doc]
