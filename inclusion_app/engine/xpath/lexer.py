"""Splits an expression into tokens, with XPath 1.0's rules for `*`, `and`, `div` and friends."""

from __future__ import annotations

import re

from inclusion_app.engine.xpath.errors import XPathSyntaxError

# kinds: num str name op opname func axis nodetype eof
Token = tuple[str, object, int]

_NCNAME = r"[^\W\d][\w.\-\u00b7]*"
_TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<num>\d+(?:\.\d*)?|\.\d+)
  | (?P<str>"[^"]*"|'[^']*')
  | (?P<op>//|::|\.\.|!=|<=|>=|[/|+\-=<>()\[\].@,*$])
  | (?P<name>NC(?::(?:NC|\*))?)
    """.replace("NC", _NCNAME),
    re.VERBOSE | re.UNICODE,
)
_OPERATOR_NAMES = frozenset(("and", "or", "mod", "div"))
_NODE_TYPES = frozenset(("node", "text", "comment", "processing-instruction"))
# After these tokens a `*` is a name test and `and`/`div` are names, not operators.
_NOT_AFTER = frozenset(("@", "::", "(", "[", ",", "/", "//", "|", "+", "-", "=", "!=", "<",
                        "<=", ">", ">=", "*"))


def tokenize(text: str) -> list[Token]:
    """All tokens of `text`, ending with an ("eof", None, len) token."""
    tokens: list[Token] = []
    pos = 0
    n = len(text)
    match = _TOKEN_RE.match
    while pos < n:
        m = match(text, pos)
        if m is None:
            ch = text[pos]
            if ch in "\"'":
                raise XPathSyntaxError("a text in quotes is not closed", text, pos)
            raise XPathSyntaxError(f"unexpected character {ch!r}", text, pos)
        kind = m.lastgroup
        value = m.group()
        start = pos
        pos = m.end()
        if kind == "ws":
            continue
        if kind == "num":
            tokens.append(("num", float(value), start))
            continue
        if kind == "str":
            tokens.append(("str", value[1:-1], start))
            continue
        prev = tokens[-1] if tokens else None
        operator_context = prev is not None and not (
            (prev[0] == "op" and prev[1] in _NOT_AFTER) or prev[0] == "opname"
        )
        if kind == "op":
            if value == "*" and operator_context:
                tokens.append(("opname", "*", start))
            elif value == "*":
                tokens.append(("name", "*", start))
            else:
                tokens.append(("op", value, start))
            continue
        # a name: operator name, function name, axis name, node type or a name test
        if operator_context and value in _OPERATOR_NAMES:
            tokens.append(("opname", value, start))
            continue
        rest = pos
        while rest < n and text[rest].isspace():
            rest += 1
        if text.startswith("::", rest):
            tokens.append(("axis", value, start))
        elif rest < n and text[rest] == "(" and not value.endswith(":*"):
            kind = "nodetype" if value in _NODE_TYPES else "func"
            tokens.append((kind, value, start))
        else:
            tokens.append(("name", value, start))
    tokens.append(("eof", None, n))
    return tokens
