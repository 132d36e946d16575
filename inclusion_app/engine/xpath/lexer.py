"""Splits an expression into tokens, with XPath 1.0's rules for `*`, `and`, `div` and friends."""

from __future__ import annotations

import re

from inclusion_app.engine.xpath.errors import XPathSyntaxError

# kinds: num str name op opname func axis nodetype eof
Token = tuple[str, object, int]

_NCNAME = r"[^\W\d][\w.\-\u00b7]*"
_TOKEN_RE = re.compile(
    r"""
    \s*(?:
      (?P<num>\d+(?:\.\d*)?|\.\d+)
    | (?P<str>"[^"]*"|'[^']*')
    | (?P<op>//|::|\.\.|!=|<=|>=|[/|+\-=<>()\[\].@,*$])
    | (?P<name>NC(?::(?:NC|\*))?)(?:(?=\s*(?P<axis>::))|(?=\s*(?P<call>\())|)
    | (?P<end>$)
    )
    """.replace("NC", _NCNAME),
    re.VERBOSE | re.UNICODE,
)
_OPERATOR_NAMES = frozenset(("and", "or", "mod", "div"))
_NODE_TYPES = frozenset(("node", "text", "comment", "processing-instruction"))
# Tokens after which an operator may follow (they end a value).
_VALUE_ENDS = frozenset((")", "]", ".", ".."))


def tokenize(text: str) -> list[Token]:
    """All tokens of `text`, ending with an ("eof", None, len) token."""
    tokens: list[Token] = []
    append = tokens.append
    pos = 0
    match = _TOKEN_RE.match
    # XPath 1.0, 3.7: after a value (a name, a number, ')' or ']') '*' multiplies and
    # 'and'/'or'/'div'/'mod' are operators; anywhere else they are names.
    after_value = False
    while True:
        m = match(text, pos)
        if m is None:
            pos = len(text) - len(text[pos:].lstrip())
            ch = text[pos]
            if ch in "\"'":
                raise XPathSyntaxError("a text in quotes is not closed", text, pos)
            raise XPathSyntaxError(f"unexpected character {ch!r}", text, pos)
        kind = m.lastgroup  # "axis"/"call" (look-aheads) also mean a name
        pos = m.end()
        if kind == "end":
            break
        start = m.start("name") if kind in ("axis", "call") else m.start(kind)
        if kind == "num":
            append(("num", float(m.group("num")), start))
            after_value = True
        elif kind == "str":
            append(("str", m.group("str")[1:-1], start))
            after_value = True
        elif kind == "op":
            value = m.group("op")
            if value == "*":
                append(("opname" if after_value else "name", "*", start))
                after_value = not after_value
            else:
                append(("op", value, start))
                after_value = value in _VALUE_ENDS
        else:
            value = m.group("name")
            if after_value and value in _OPERATOR_NAMES:
                append(("opname", value, start))
                after_value = False
            elif m.group("axis") is not None:
                append(("axis", value, start))
                after_value = False
            elif m.group("call") is not None and not value.endswith(":*"):
                append(("nodetype" if value in _NODE_TYPES else "func", value, start))
                after_value = False
            else:
                append(("name", value, start))
                after_value = True
    tokens.append(("eof", None, len(text)))
    return tokens
