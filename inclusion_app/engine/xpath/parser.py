"""A recursive-descent parser for XPath 1.0, one token of look-ahead, O(n) in the text."""

from __future__ import annotations

from inclusion_app.engine.xpath import date_functions as _dates  # noqa: F401  (fills the table)
from inclusion_app.engine.xpath import lookup as _lookup  # noqa: F401  (pulldata)
from inclusion_app.engine.xpath import nodeset_functions as _nodesets  # noqa: F401
from inclusion_app.engine.xpath import odk_functions as _odk  # noqa: F401
from inclusion_app.engine.xpath.errors import XPathSyntaxError
from inclusion_app.engine.xpath.functions import FORBIDDEN, TABLE
from inclusion_app.engine.xpath.lexer import Token, tokenize
from inclusion_app.engine.xpath.nodes import (
    And,
    Arith,
    AstNode,
    Compare,
    FunctionCall,
    Literal,
    Negate,
    Or,
)
from inclusion_app.engine.xpath.pathexpr import FilterPath, LocationPath, Union
from inclusion_app.engine.xpath.paths import AXES, Step

# XPath 1.0 precedence, loosest first: or, and, equality, relational, additive, multiplicative
_OP_PREC = {"=": 3, "!=": 3, "<": 4, "<=": 4, ">": 4, ">=": 4, "+": 5, "-": 5}
_NAME_PREC = {"or": 1, "and": 2, "*": 6, "div": 6, "mod": 6}
_STEP_START = frozenset(("name", "axis", "nodetype"))
_STEP_OPS = frozenset(("@", ".", ".."))


class Parser:
    """Turns one expression's tokens into an AstNode tree."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[Token] = tokenize(text)
        self.i = 0

    # -- helpers ----------------------------------------------------------------------------
    def peek(self) -> Token:
        return self.tokens[self.i]

    def error(self, message: str, token: Token | None = None) -> XPathSyntaxError:
        pos = (token or self.peek())[2]
        return XPathSyntaxError(message, self.text, pos)

    def take(self) -> Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def at_op(self, *values: str) -> bool:
        kind, value, _ = self.tokens[self.i]
        return kind == "op" and value in values

    def expect_op(self, value: str) -> None:
        if not self.at_op(value):
            kind, found, _ = self.peek()
            shown = "the end" if kind == "eof" else repr(found)
            raise self.error(f"expected {value!r} but found {shown}")
        self.i += 1

    # -- grammar ----------------------------------------------------------------------------
    def parse(self) -> AstNode:
        if self.peek()[0] == "eof":
            raise self.error("the expression is empty")
        node = self.or_expr()
        if self.peek()[0] != "eof":
            raise self.error(f"unexpected {self.peek()[1]!r}")
        return node

    def or_expr(self, min_prec: int = 1) -> AstNode:
        """Binary operators by precedence climbing: one loop instead of six nested levels."""
        left = self.unary_expr()
        tokens = self.tokens
        while True:
            kind, value, _ = tokens[self.i]
            if kind == "op":
                prec = _OP_PREC.get(value, 0)  # type: ignore[arg-type]
            elif kind == "opname":
                prec = _NAME_PREC[value]  # type: ignore[index]
            else:
                return left
            if prec < min_prec or prec == 0:
                return left
            self.i += 1
            left = _make(str(value), left, self.or_expr(prec + 1))

    def unary_expr(self) -> AstNode:
        if self.at_op("-"):
            self.i += 1
            return Negate(self.unary_expr())
        return self.union_expr()

    def union_expr(self) -> AstNode:
        node = self.path_expr()
        while self.at_op("|"):
            self.i += 1
            node = Union(node, self.path_expr())
        return node

    def path_expr(self) -> AstNode:
        kind, value, _ = self.peek()
        if kind == "op" and value in ("/", "//"):
            return self.absolute_path()
        if kind in _STEP_START or (kind == "op" and value in _STEP_OPS):
            return LocationPath(False, self.relative_steps([]))
        primary = self.primary_expr()
        predicates = self.predicates()
        steps: list[Step] = []
        if self.at_op("/", "//"):
            if self.take()[1] == "//":
                steps.append(Step("descendant-or-self", "node"))
            self.relative_steps(steps)
        if not predicates and not steps:
            return primary
        return FilterPath(primary, predicates, _optimise(steps))

    def absolute_path(self) -> AstNode:
        steps: list[Step] = []
        if self.take()[1] == "//":
            steps.append(Step("descendant-or-self", "node"))
            self.relative_steps(steps)
        else:
            kind, value, _ = self.peek()
            if kind in _STEP_START or (kind == "op" and value in _STEP_OPS):
                self.relative_steps(steps)
        return LocationPath(True, _optimise(steps))

    def relative_steps(self, steps: list[Step]) -> list[Step]:
        steps.append(self.step())
        while self.at_op("/", "//"):
            if self.take()[1] == "//":
                steps.append(Step("descendant-or-self", "node"))
            steps.append(self.step())
        return _optimise(steps)

    def step(self) -> Step:
        kind, value, _ = self.peek()
        if kind == "op" and value == ".":
            self.i += 1
            return Step("self", "node")
        if kind == "op" and value == "..":
            self.i += 1
            return Step("parent", "node")
        axis = "child"
        if kind == "op" and value == "@":
            self.i += 1
            axis = "attribute"
        elif kind == "axis":
            token = self.take()
            if value not in AXES:
                raise self.error(f"unknown axis {value!r}", token)
            axis = str(value)
            self.expect_op("::")
        step = self.node_test(axis)
        step.predicates = self.predicates()
        step.simple = step.axis == "child" and step.kind == "name" and not step.predicates
        return step

    def node_test(self, axis: str) -> Step:
        token = self.take()
        kind, value, _ = token
        if kind == "name":
            name = str(value)
            if name == "*" or name.endswith(":*"):
                return Step(axis, "any")
            return Step(axis, "name", name.rsplit(":", 1)[-1])
        if kind == "nodetype":
            self.expect_op("(")
            if value == "processing-instruction" and self.peek()[0] == "str":
                self.i += 1
            self.expect_op(")")
            test = {"node": "node", "text": "text"}.get(str(value), "none")
            return Step(axis, test)
        raise self.error("expected a name or a node test here", token)

    def predicates(self) -> list[AstNode]:
        preds: list[AstNode] = []
        while self.at_op("["):
            self.i += 1
            preds.append(self.or_expr())
            self.expect_op("]")
        return preds

    def primary_expr(self) -> AstNode:
        token = self.take()
        kind, value, _ = token
        if kind == "str":
            return Literal(str(value))
        if kind == "num":
            return Literal(float(value))  # type: ignore[arg-type]
        if kind == "op" and value == "(":
            node = self.or_expr()
            self.expect_op(")")
            return node
        if kind == "func":
            return self.function_call(str(value), token)
        if kind == "op" and value == "$":
            raise self.error("variables ($name) are not supported in forms", token)
        if kind == "eof":
            raise self.error("the expression ends too early", token)
        raise self.error(f"unexpected {value!r}", token)

    def function_call(self, name: str, token: Token) -> AstNode:
        self.expect_op("(")
        args: list[AstNode] = []
        if not self.at_op(")"):
            args.append(self.or_expr())
            while self.at_op(","):
                self.i += 1
                args.append(self.or_expr())
        self.expect_op(")")
        local = name.rsplit(":", 1)[-1]
        if local in FORBIDDEN or name in FORBIDDEN:
            raise self.error(
                f"the function {name}() is not allowed: a form may not read files, "
                "the network or the computer's settings", token)
        spec = TABLE.get(name) or TABLE.get(local)
        if spec is None:
            raise self.error(f"unknown function {name}()", token)
        fn, least, most, lazy = spec
        if len(args) < least or (most >= 0 and len(args) > most):
            if least == most:
                wanted = f"{least}"
            elif most < 0:
                wanted = f"at least {least}"
            else:
                wanted = f"{least} to {most}"
            raise self.error(f"{name}() takes {wanted} argument(s), not {len(args)}", token)
        if local == "indexed-repeat" and (len(args) % 2 == 0):
            raise self.error("indexed-repeat() takes 3, 5, 7, 9 or 11 arguments", token)
        return FunctionCall(local if name not in TABLE else name, fn, args, lazy)


def _make(op: str, a: AstNode, b: AstNode) -> AstNode:
    if op == "or":
        return Or(a, b)
    if op == "and":
        return And(a, b)
    if op in ("=", "!=", "<", "<=", ">", ">="):
        return Compare(op, a, b)
    return Arith(op, a, b)


def _optimise(steps: list[Step]) -> list[Step]:
    """descendant-or-self::node()/child::x (from '//x') becomes descendant::x when it may."""
    out: list[Step] = []
    for step in steps:
        prev = out[-1] if out else None
        if (prev is not None and prev.axis == "descendant-or-self" and prev.kind == "node"
                and not prev.predicates and step.axis == "child" and not step.predicates
                and step.kind in ("name", "any")):
            out[-1] = Step("descendant", step.kind, step.name)
            continue
        out.append(step)
    steps[:] = out
    return steps
