"""The function table: XPath 1.0 core plus the ODK XForms functions, looked up at parse time.

Nothing here reads files, the network, the environment or runs code: such functions simply
do not exist in the table, and the parser refuses their names.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING

from inclusion_app.engine.xpath.conversions import (
    NAN,
    Value,
    to_bool,
    to_num,
    to_str,
)

if TYPE_CHECKING:
    from inclusion_app.engine.xpath.context import EvalContext

# name -> (implementation, least arguments, most arguments or -1 for any, lazy)
Spec = tuple[Callable, int, int, bool]
TABLE: dict[str, Spec] = {}

# Names that exist in other XPath/XSLT versions and would reach outside the form.
FORBIDDEN = frozenset((
    "doc", "document", "doc-available", "unparsed-text", "unparsed-text-lines",
    "unparsed-text-available", "environment-variable", "available-environment-variables",
    "system-property", "json-doc", "collection", "uri-collection", "load-xquery-module",
    "transform", "eval", "evaluate", "function-lookup", "serialize", "put",
    "resolve-uri", "static-base-uri", "base-uri", "document-uri",
))


def define(name: str, least: int, most: int | None = None, lazy: bool = False) -> Callable:
    """Register a function under `name` taking `least`..`most` arguments (most=-1: any)."""

    def wrap(fn: Callable) -> Callable:
        TABLE[name] = (fn, least, least if most is None else most, lazy)
        return fn

    return wrap


# -- booleans ---------------------------------------------------------------------------
define("true", 0)(lambda ctx: True)
define("false", 0)(lambda ctx: False)
define("not", 1)(lambda ctx, v: not to_bool(v))
define("boolean", 1)(lambda ctx, v: to_bool(v))


@define("boolean-from-string", 1)
def _boolean_from_string(ctx: EvalContext, v: Value) -> bool:
    text = to_str(v).strip()
    return text.lower() == "true" or text == "1"


# -- numbers ----------------------------------------------------------------------------
@define("number", 0, 1)
def _number(ctx: EvalContext, v: Value = None) -> float:  # type: ignore[assignment]
    return to_num([ctx.node] if v is None else v)


@define("int", 1)
def _int(ctx: EvalContext, v: Value) -> float:
    n = to_num(v)
    if n != n or math.isinf(n):
        return n
    return math.copysign(float(math.trunc(n)), n)  # int(-0.5) is -0, as in JavaRosa


@define("round", 1, 2)
def _round(ctx: EvalContext, v: Value, digits: Value = 0.0) -> float:
    """Halves go up, as JavaRosa (HALF_UP above zero, HALF_DOWN below): 2.5 -> 3, -2.5 -> -2."""
    n = to_num(v)
    places = to_num(digits)
    if n != n or math.isinf(n) or places != places:
        return n if places == places else NAN
    places_i = int(places)
    if abs(places_i) > 30:
        return NAN
    try:
        quantum = Decimal(1).scaleb(-places_i)
        mode = ROUND_HALF_DOWN if n < 0 else ROUND_HALF_UP
        result = float(Decimal(repr(n)).quantize(quantum, rounding=mode))
        return math.copysign(result, n) if result == 0 else result
    except InvalidOperation:
        return n


def _math1(name: str, fn: Callable[[float], float]) -> None:
    def impl(ctx: EvalContext, v: Value) -> float:
        x = to_num(v)
        try:
            return float(fn(x))
        except OverflowError:
            return math.inf
        except ValueError:
            if x == 0 and name in ("log", "log10"):
                return -math.inf
            return NAN

    define(name, 1)(impl)


def _keep_special(fn: Callable[[float], float]) -> Callable[[float], float]:
    return lambda x: x if (x != x or math.isinf(x)) else fn(x)


_math1("floor", _keep_special(math.floor))
_math1("ceiling", _keep_special(math.ceil))
_math1("abs", abs)
_math1("log", math.log)
_math1("log10", math.log10)
_math1("exp", math.exp)
_math1("exp10", lambda x: math.pow(10.0, x))
_math1("sqrt", math.sqrt)
_math1("sin", math.sin)
_math1("cos", math.cos)
_math1("tan", math.tan)
_math1("asin", math.asin)
_math1("acos", math.acos)
_math1("atan", math.atan)
define("pi", 0)(lambda ctx: math.pi)


@define("atan2", 2)
def _atan2(ctx: EvalContext, y: Value, x: Value) -> float:
    return math.atan2(to_num(y), to_num(x))


@define("pow", 2)
def _pow(ctx: EvalContext, base: Value, exponent: Value) -> float:
    try:
        return math.pow(to_num(base), to_num(exponent))
    except OverflowError:
        return math.inf
    except ValueError:
        return NAN


# -- strings ----------------------------------------------------------------------------
def _strings(values: tuple[Value, ...]) -> list[str]:
    """Each argument as text; a node-set argument gives every node's text (JavaRosa concat)."""
    out: list[str] = []
    for v in values:
        if isinstance(v, list):
            out.extend(to_str([n]) for n in v)
        else:
            out.append(to_str(v))
    return out


@define("string", 0, 1)
def _string(ctx: EvalContext, v: Value = None) -> str:  # type: ignore[assignment]
    return to_str([ctx.node] if v is None else v)


define("concat", 0, -1)(lambda ctx, *vs: "".join(_strings(vs)))


@define("join", 1, -1)
def _join(ctx: EvalContext, sep: Value, *vs: Value) -> str:
    return to_str(sep).join(_strings(vs))


@define("substr", 2, 3)
def _substr(ctx: EvalContext, v: Value, start: Value, end: Value = None) -> str:  # type: ignore[assignment]
    """0-based start, exclusive end, negatives count from the end (JavaRosa)."""
    s = to_str(v)
    n = len(s)

    def index(x: Value) -> int:
        f = to_num(x)
        return 0 if f != f else int(max(min(f, 1e9), -1e9))

    a = index(start)
    b = n if end is None else index(end)
    if a < 0:
        a += n
    if b < 0:
        b += n
    a = min(max(0, a), n)
    b = min(max(0, b), n)
    return s[a:b] if a <= b else ""


def _xround(x: float) -> float:
    return x if (x != x or math.isinf(x)) else math.floor(x + 0.5)


@define("substring", 2, 3)
def _substring(ctx: EvalContext, v: Value, start: Value, length: Value = None) -> str:  # type: ignore[assignment]
    """XPath 1.0 substring: 1-based, rounded positions."""
    s = to_str(v)
    first = _xround(to_num(start))
    last = math.inf if length is None else first + _xround(to_num(length))
    return "".join(ch for i, ch in enumerate(s, 1) if first <= i < last)


@define("substring-before", 2)
def _before(ctx: EvalContext, v: Value, sep: Value) -> str:
    s, t = to_str(v), to_str(sep)
    i = s.find(t)
    return "" if i < 0 else s[:i]


@define("substring-after", 2)
def _after(ctx: EvalContext, v: Value, sep: Value) -> str:
    s, t = to_str(v), to_str(sep)
    i = s.find(t)
    return "" if i < 0 else s[i + len(t):]


@define("string-length", 0, 1)
def _string_length(ctx: EvalContext, v: Value = None) -> float:  # type: ignore[assignment]
    return float(len(to_str([ctx.node] if v is None else v)))


@define("normalize-space", 0, 1)
def _normalize_space(ctx: EvalContext, v: Value = None) -> str:  # type: ignore[assignment]
    return " ".join(to_str([ctx.node] if v is None else v).split())


@define("translate", 3)
def _translate(ctx: EvalContext, v: Value, src: Value, dst: Value) -> str:
    s, a, b = to_str(v), to_str(src), to_str(dst)
    table: dict[int, int | None] = {}
    for i, ch in enumerate(a):
        if ord(ch) not in table:
            table[ord(ch)] = ord(b[i]) if i < len(b) else None
    return s.translate(table)


define("contains", 2)(lambda ctx, a, b: to_str(b) in to_str(a))
define("starts-with", 2)(lambda ctx, a, b: to_str(a).startswith(to_str(b)))
define("ends-with", 2)(lambda ctx, a, b: to_str(a).endswith(to_str(b)))
