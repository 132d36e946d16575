"""The ODK XForms extension functions: control, choices, checklists, identifiers and digests."""

from __future__ import annotations

import base64
import binascii
import hashlib
import math
import random as _random
import secrets
import uuid as _uuid
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from inclusion_app.engine.xpath.conversions import (
    Value,
    node_value,
    to_bool,
    to_num,
    to_str,
)
from inclusion_app.engine.xpath.errors import XPathError
from inclusion_app.engine.xpath.functions import define

if TYPE_CHECKING:
    from inclusion_app.engine.xpath.context import EvalContext
    from inclusion_app.engine.xpath.nodes import AstNode


# -- control (lazy: arguments are evaluated only when needed) ---------------------------
@define("if", 3, lazy=True)
def _if(ctx: EvalContext, args: list[AstNode]) -> Value:
    return args[1].evaluate(ctx) if to_bool(args[0].evaluate(ctx)) else args[2].evaluate(ctx)


@define("coalesce", 2, lazy=True)
def _coalesce(ctx: EvalContext, args: list[AstNode]) -> Value:
    first = args[0].evaluate(ctx)
    text = to_str(first) if isinstance(first, (list, str)) else None
    if text == "" or (isinstance(first, float) and first != first):
        second = args[1].evaluate(ctx)
        return to_str(second) if isinstance(second, list) else second
    return text if isinstance(first, list) else first


@define("once", 1, lazy=True)
def _once(ctx: EvalContext, args: list[AstNode]) -> Value:
    """Keep the question's value once it has one (a calculate computed only the first time)."""
    existing = ctx.current.value
    if existing != "":
        return existing
    return args[0].evaluate(ctx)


# -- select answers ("a b c") -----------------------------------------------------------
def _selected(ctx: EvalContext, answer: Value, choice: Value) -> bool:
    return f" {to_str(choice).strip()} " in f" {' '.join(to_str(answer).split())} "


define("selected", 2)(_selected)
define("is-selected", 2)(_selected)
define("count-selected", 1)(lambda ctx, v: float(len(to_str(v).split())))


@define("selected-at", 2)
def _selected_at(ctx: EvalContext, answer: Value, index: Value) -> str:
    items = to_str(answer).split()
    i = to_num(index)
    if i != i:
        return ""
    i = int(i)
    return items[i] if 0 <= i < len(items) else ""


@lru_cache(maxsize=512)
def _parse_ref(text: str):  # -> Expr
    from inclusion_app.engine.xpath import parse

    return parse(text.strip())


def _choice_name(ctx: EvalContext, value: Value, ref: Value) -> str:
    answer = to_str(value)
    if answer == "":
        return ""
    if isinstance(ref, list):
        nodes = ref
    else:
        nodes = _parse_ref(to_str(ref)).eval_nodes(ctx)
    if not nodes:
        return ""
    return ctx.host.choice_name(answer, nodes[0])


define("choice-name", 2)(_choice_name)
define("jr:choice-name", 2)(_choice_name)
define("itext", 1)(lambda ctx, v: ctx.host.itext(to_str(v)))
define("jr:itext", 1)(lambda ctx, v: ctx.host.itext(to_str(v)))
define("property", 1)(lambda ctx, v: ctx.host.property(to_str(v)))


def _flatten(values: tuple[Value, ...]) -> list[Value]:
    out: list[Value] = []
    for v in values:
        out.extend(node_value(n) for n in v) if isinstance(v, list) else out.append(v)
    return out


@define("checklist", 2, -1)
def _checklist(ctx: EvalContext, least: Value, most: Value, *flags: Value) -> bool:
    count = sum(1 for f in _flatten(flags) if to_bool(f))
    lo, hi = to_num(least), to_num(most)
    return (lo != lo or lo < 0 or count >= int(lo)) and (hi != hi or hi < 0 or count <= int(hi))


@define("weighted-checklist", 2, -1)
def _weighted_checklist(ctx: EvalContext, least: Value, most: Value, *pairs: Value) -> bool:
    if len(pairs) == 2 and all(isinstance(p, list) for p in pairs):
        flags, weights = _flatten(pairs[:1]), _flatten(pairs[1:])
    else:
        flags, weights = list(pairs[0::2]), list(pairs[1::2])
    if len(flags) != len(weights):
        raise XPathError("weighted-checklist() needs a weight for every item")
    total = sum(to_num(w) for f, w in zip(flags, weights, strict=True) if to_bool(f))
    lo, hi = to_num(least), to_num(most)
    return (lo < 0 or total >= lo) and (hi < 0 or total <= hi)


# A form's pattern must not freeze the program: the `regex` engine avoids most catastrophic
# backtracking and stops any match that still runs too long.
REGEX_TIMEOUT_S = 0.25


@lru_cache(maxsize=256)
def _compile(pattern: str) -> Any:
    import regex  # loaded with the first form that uses regex(): ~1 MiB the start-up never needs

    try:
        return regex.compile(pattern)
    except regex.error as exc:
        raise XPathError(f"the pattern {pattern!r} of regex() is not valid ({exc})") from exc


@define("regex", 2)
def _regex(ctx: EvalContext, v: Value, pattern: Value) -> bool:
    """The whole value must match, as JavaRosa's Pattern.matches."""
    compiled = _compile(to_str(pattern))
    try:
        return compiled.fullmatch(to_str(v), timeout=REGEX_TIMEOUT_S) is not None
    except TimeoutError as exc:
        raise XPathError(f"the pattern {compiled.pattern!r} of regex() takes too long") from exc


# -- identifiers, randomness, digests ---------------------------------------------------
_ALPHANUM = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


@define("uuid", 0, 1)
def _uuid_fn(ctx: EvalContext, length: Value = None) -> str:  # type: ignore[assignment]
    if length is None:
        return str(_uuid.uuid4())
    n = to_num(length)
    if n != n or n < 0 or n > 10_000:
        raise XPathError("uuid() needs a length between 0 and 10000")
    return "".join(secrets.choice(_ALPHANUM) for _ in range(int(n)))


define("random", 0)(lambda ctx: _random.random())


_MODULUS = 2147483647.0


def _park_miller(seed: int):
    """The specification's seeded generator (Park-Miller), so orders match ODK Collect."""
    state = math.fmod(float(seed), _MODULUS)
    if state <= 0:
        state += _MODULUS - 1

    def next_double() -> float:
        nonlocal state
        state = math.fmod(state * 16807.0, _MODULUS)
        return (int(state) - 1) / (_MODULUS - 1)

    return next_double


def _seed(value: Value) -> int:
    """A seed from a number, else from the text's SHA-256 (JavaRosa's toLongHash)."""
    number = to_num(value)
    if number == number and not math.isinf(number):
        return int(number)
    text = to_str(value)
    if not text:
        return 0
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big", signed=True)


def shuffle(items: list, seed: int | None = None) -> list:
    """Inside-out Fisher-Yates, as the specification and JavaRosa's FisherYates."""
    rand = _random.random if seed is None else _park_miller(seed)
    out: list = [None] * len(items)
    for i, item in enumerate(items):
        j = int(rand() * (i + 1))
        if j != i:
            out[i] = out[j]
        out[j] = item
    return out


@define("randomize", 1, 2)
def _randomize(ctx: EvalContext, v: Value, seed: Value = None) -> list:  # type: ignore[assignment]
    if not isinstance(v, list):
        raise XPathError("randomize() needs a list of nodes")
    return shuffle(v, None if seed is None else _seed(seed))


_DIGESTS = {"md5": "md5", "sha-1": "sha1", "sha-256": "sha256", "sha-384": "sha384",
            "sha-512": "sha512", "sha1": "sha1", "sha256": "sha256"}


@define("digest", 2, 3)
def _digest(ctx: EvalContext, v: Value, algorithm: Value, encoding: Value = "base64") -> str:
    algo = _DIGESTS.get(to_str(algorithm).strip().lower())
    if algo is None:
        raise XPathError(f"digest() does not know the algorithm {to_str(algorithm)!r}")
    raw = hashlib.new(algo, to_str(v).encode("utf-8")).digest()
    enc = to_str(encoding).strip().lower()
    if enc == "hex":
        return raw.hex()
    if enc == "base64":
        return base64.b64encode(raw).decode("ascii")
    raise XPathError(f"digest() does not know the encoding {to_str(encoding)!r}")


@define("base64-decode", 1)
def _base64_decode(ctx: EvalContext, v: Value) -> str:
    try:
        return base64.b64decode(to_str(v), validate=False).decode("utf-8", errors="replace")
    except (binascii.Error, ValueError):
        return ""


def _unsupported(name: str):
    def impl(ctx: EvalContext, *args: Value) -> Value:
        raise XPathError(f"{name}() is not supported on this computer")

    return impl


for _name in ("distance", "area", "enclosed-area", "geofence"):
    define(_name, 1, -1)(_unsupported(_name))

