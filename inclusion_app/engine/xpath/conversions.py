"""XPath 1.0 type conversions with ODK's typed node values (numbers, dates, booleans)."""

from __future__ import annotations

import datetime
import math
import re
from decimal import Decimal

from inclusion_app.engine.tree import Node
from inclusion_app.engine.xpath import dates

Value = bool | float | str | list | datetime.date
NAN = float("nan")
_NUMERIC_TYPES = frozenset(("int", "integer", "decimal", "double", "float", "long", "short"))
# JavaRosa accepts only digits, '-' and '.' (',' read as '.') when turning text into a number
_NUMBER_RE = re.compile(r"\s*(-?(?:\d+\.?\d*|\.\d+))\s*$")


def text_of(node: Node) -> str:
    """A node's text; a non-relevant node reads as empty, as in JavaRosa's getRefValue."""
    if not node.relevant:
        return ""
    if not node.children:
        return node.value
    return "".join(n.value for n in node.iter() if not n.children and n.relevant)


def node_value(node: Node) -> Value:
    """A node's value typed by its bind: numbers, dates and booleans, else its text."""
    text = text_of(node)
    kind = node.datatype
    if kind == "string" or not text:
        return text
    if kind in _NUMERIC_TYPES:
        number = str_to_num(text)
        return text if number != number else number
    if kind == "date" or kind == "dateTime":
        parsed = dates.parse_date(text)
        return text if parsed is None else parsed
    if kind == "boolean":
        return text.strip() in ("true", "1")
    return text


def str_to_num(text: str) -> float:
    """XPath number(string) as JavaRosa (plain decimals only, ',' read as '.'), plus the ODK
    specification's extension: date and dateTime text counts as days since 1970-01-01."""
    m = _NUMBER_RE.match(text.replace(",", ".") if "," in text else text)
    if m is None:
        if len(text) >= 10 and "-" in text[3:6]:
            parsed = dates.parse_date(text)
            if parsed is not None:
                return dates.days(parsed)
        return NAN
    return float(m.group(1))


def to_num(value: Value) -> float:
    """number(): booleans 1/0, text parsed, dates as days since 1970-01-01, node-sets by their first."""
    if isinstance(value, float):
        return value
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, str):
        return str_to_num(value)
    if isinstance(value, list):
        if not value:
            return NAN
        return to_num(node_value(value[0]))
    if isinstance(value, datetime.date):
        return dates.days(value)
    if isinstance(value, int):
        return float(value)
    return NAN


def num_to_str(number: float) -> str:
    """Numbers as JavaRosa writes them: 3 not 3.0, NaN, Infinity, no exponents."""
    if number != number:
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if abs(number) < 1e-12:
        return "0"
    if number.is_integer() or abs(number - int(number)) < 1e-12 and abs(number) < 1e15:
        return str(int(number))
    text = repr(number)
    if "e" in text:
        text = format(Decimal(text), "f")
    return text


def to_str(value: Value) -> str:
    """string(): the first node's text, numbers formatted as JavaRosa, dates in ISO form."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return num_to_str(value)
    if isinstance(value, list):
        return text_of(value[0]) if value else ""
    if isinstance(value, datetime.date):
        return dates.iso(value)
    if isinstance(value, int):
        return num_to_str(float(value))
    return str(value)


def to_bool(value: Value) -> bool:
    """boolean(): non-zero numbers, non-empty text and non-empty node-sets are true."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return value == value and value != 0.0
    if isinstance(value, (str, list)):
        return len(value) > 0
    return True  # dates are always true, as in JavaRosa


def date_from_text(text: str) -> datetime.date | str:
    """ISO date or dateTime text to a date; '' stays '' (an empty answer); else a plain error."""
    from inclusion_app.engine.xpath.errors import XPathError

    if not text.strip():
        return ""
    parsed = dates.parse_date(text)
    if parsed is None:
        raise XPathError(f"the value {text!r} is not a date")
    return parsed


def to_date(value: Value, keep_time: bool) -> datetime.date | str | float:
    """date()/date-time(): days or ISO text to a date; '' and NaN pass through (empty answers)."""
    from inclusion_app.engine.xpath.errors import XPathError

    if isinstance(value, list):
        value = node_value(value[0]) if value else ""
    if isinstance(value, bool):
        raise XPathError("true or false cannot be turned into a date")
    if isinstance(value, float):
        if value != value:
            return value
        return dates.from_days(value, keep_time)
    if isinstance(value, str):
        value = date_from_text(value)
        if value == "":
            return ""
    if isinstance(value, datetime.datetime):
        return value if keep_time else value.date()
    if isinstance(value, datetime.date):
        if keep_time:
            return datetime.datetime(value.year, value.month, value.day).astimezone()
        return value
    raise XPathError("this value cannot be turned into a date")


def _date_pair(a: Value, b: Value) -> tuple[float, float] | None:
    """Both as day numbers when one is a date and the other a date or ISO date text."""
    a_date = isinstance(a, datetime.date)
    b_date = isinstance(b, datetime.date)
    if not (a_date or b_date):
        return None
    if a_date and isinstance(b, str):
        parsed = dates.parse_date(b)
        if parsed is None:
            return None
        b = parsed
    elif b_date and isinstance(a, str):
        parsed = dates.parse_date(a)
        if parsed is None:
            return None
        a = parsed
    return to_num(a), to_num(b)


def scalar_eq(a: Value, b: Value) -> bool:
    """= between two non-node-set values, with JavaRosa's order: boolean, number, date, text."""
    if isinstance(a, bool) or isinstance(b, bool):
        return to_bool(a) == to_bool(b)
    if isinstance(a, float) or isinstance(b, float):
        x, y = to_num(a), to_num(b)
        return x == y or abs(x - y) < 1e-12
    pair = _date_pair(a, b)
    if pair is not None:
        return pair[0] == pair[1]
    return to_str(a) == to_str(b)


def scalar_cmp(op: str, a: Value, b: Value) -> bool:
    """< <= > >= between two non-node-set values: as numbers (dates as days)."""
    pair = _date_pair(a, b)
    x, y = pair if pair is not None else (to_num(a), to_num(b))
    if op == "<":
        return x < y
    if op == "<=":
        return x <= y
    if op == ">":
        return x > y
    return x >= y


def compare(op: str, a: Value, b: Value) -> bool:
    """XPath 1.0 comparison: node-sets compare existentially, node by node, with typed values."""
    a_set = isinstance(a, list)
    b_set = isinstance(b, list)
    if not a_set and not b_set:
        if op == "=":
            return scalar_eq(a, b)
        if op == "!=":
            return not scalar_eq(a, b)
        return scalar_cmp(op, a, b)
    if (a_set and isinstance(b, bool)) or (b_set and isinstance(a, bool)):
        return compare(op, to_bool(a), to_bool(b))
    left = [node_value(n) for n in a] if a_set else [a]
    right = [node_value(n) for n in b] if b_set else [b]
    for x in left:
        for y in right:
            if op == "=":
                if scalar_eq(x, y):
                    return True
            elif op == "!=":
                if not scalar_eq(x, y):
                    return True
            elif scalar_cmp(op, x, y):
                return True
    return False
