"""The expression tree: literals, operators and function calls, each able to evaluate itself."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from inclusion_app.engine.xpath.conversions import Value, compare, to_bool, to_num
from inclusion_app.engine.xpath.errors import XPathError

if TYPE_CHECKING:
    from inclusion_app.engine.xpath.context import EvalContext


class RefCollector:
    """Gathers the generic paths an expression reads (see Expr.references)."""

    __slots__ = ("paths", "uses_now", "current")

    def __init__(self, current: str | None = None) -> None:
        self.paths: set[str] = set()
        self.uses_now = False
        self.current = current  # the generic path current() stands for


class AstNode:
    """Base of every expression node."""

    __slots__ = ()

    def evaluate(self, ctx: EvalContext) -> Value:
        raise NotImplementedError

    def refs(self, context_path: str | None, out: RefCollector) -> None:
        """Add the generic absolute main-instance paths this node reads to `out`."""

    def children(self) -> tuple[AstNode, ...]:
        return ()


class Literal(AstNode):
    __slots__ = ("value",)

    def __init__(self, value: float | str) -> None:
        self.value = value

    def evaluate(self, ctx: EvalContext) -> Value:
        return self.value


class Or(AstNode):
    __slots__ = ("a", "b")

    def __init__(self, a: AstNode, b: AstNode) -> None:
        self.a, self.b = a, b

    def evaluate(self, ctx: EvalContext) -> Value:
        return to_bool(self.a.evaluate(ctx)) or to_bool(self.b.evaluate(ctx))

    def refs(self, context_path: str | None, out: RefCollector) -> None:
        self.a.refs(context_path, out)
        self.b.refs(context_path, out)

    def children(self) -> tuple[AstNode, ...]:
        return (self.a, self.b)


class And(Or):
    __slots__ = ()

    def evaluate(self, ctx: EvalContext) -> Value:
        return to_bool(self.a.evaluate(ctx)) and to_bool(self.b.evaluate(ctx))


class Compare(Or):
    __slots__ = ("op",)

    def __init__(self, op: str, a: AstNode, b: AstNode) -> None:
        super().__init__(a, b)
        self.op = op

    def evaluate(self, ctx: EvalContext) -> Value:
        return compare(self.op, self.a.evaluate(ctx), self.b.evaluate(ctx))


def _mod(x: float, y: float) -> float:
    # XPath mod truncates like Java's %, and x mod 0 is NaN
    if y == 0 or math.isinf(x) or x != x or y != y:
        return math.nan
    return math.fmod(x, y)


def _div(x: float, y: float) -> float:
    if y == 0:
        if x == 0 or x != x:
            return math.nan
        return math.copysign(math.inf, x) * math.copysign(1.0, y)
    return x / y


_ARITH: dict[str, Callable[[float, float], float]] = {
    "+": lambda x, y: x + y,
    "-": lambda x, y: x - y,
    "*": lambda x, y: x * y,
    "div": _div,
    "mod": _mod,
}


class Arith(Or):
    __slots__ = ("op", "fn")

    def __init__(self, op: str, a: AstNode, b: AstNode) -> None:
        super().__init__(a, b)
        self.op = op
        self.fn = _ARITH[op]

    def evaluate(self, ctx: EvalContext) -> Value:
        try:
            return self.fn(to_num(self.a.evaluate(ctx)), to_num(self.b.evaluate(ctx)))
        except OverflowError:
            return math.inf


class Negate(AstNode):
    __slots__ = ("a",)

    def __init__(self, a: AstNode) -> None:
        self.a = a

    def evaluate(self, ctx: EvalContext) -> Value:
        return -to_num(self.a.evaluate(ctx))

    def refs(self, context_path: str | None, out: RefCollector) -> None:
        self.a.refs(context_path, out)

    def children(self) -> tuple[AstNode, ...]:
        return (self.a,)


class FunctionCall(AstNode):
    """A call whose implementation was looked up once, when the expression was parsed."""

    __slots__ = ("name", "fn", "args", "lazy")

    def __init__(self, name: str, fn: Callable, args: list[AstNode], lazy: bool) -> None:
        self.name = name
        self.fn = fn
        self.args = args
        self.lazy = lazy  # lazy functions get the argument nodes (if, coalesce, indexed-repeat)

    def __reduce__(self) -> tuple:
        # pickled by name: the implementation is looked up again (some are lambdas)
        return (_rebuild_call, (self.name, self.args))

    def evaluate(self, ctx: EvalContext) -> Value:
        if self.lazy:
            return self.fn(ctx, self.args)
        try:
            return self.fn(ctx, *[arg.evaluate(ctx) for arg in self.args])
        except XPathError:
            raise
        except (ValueError, TypeError, OverflowError, ArithmeticError) as exc:
            raise XPathError(f"{self.name}() could not use its arguments ({exc})") from exc

    def refs(self, context_path: str | None, out: RefCollector) -> None:
        if self.name in ("now", "today", "random", "uuid"):
            out.uses_now = True
        if self.name == "current" and out.current:
            out.paths.add(out.current)  # a bare current() reads the question's own node
        for arg in self.args:
            arg.refs(context_path, out)

    def children(self) -> tuple[AstNode, ...]:
        return tuple(self.args)


def _rebuild_call(name: str, args: list[AstNode]) -> FunctionCall:
    from inclusion_app.engine.xpath.functions import TABLE

    fn, _least, _most, lazy = TABLE[name]
    return FunctionCall(name, fn, args, lazy)
