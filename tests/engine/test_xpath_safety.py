"""Expressions come from forms volunteers import: refuse anything that reaches outside the form."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inclusion_app.engine.xpath import XPathError, XPathSyntaxError, parse
from tests.engine.xpath_helpers import ev


@pytest.mark.parametrize("expression", [
    "doc('/etc/passwd')", "document('x.xml')", "unparsed-text('/etc/hosts')",
    "fn:unparsed-text('/etc/hosts')", "environment-variable('HOME')",
    "available-environment-variables()", "system-property('xsl:vendor')",
    "concat('a', doc('http://example.com/x'))", "/data/x[doc('a')]", "json-doc('a.json')",
])
def test_outside_access_is_refused_at_parse(expression: str) -> None:
    """Functions that could read files, the network or the environment do not parse."""
    with pytest.raises(XPathSyntaxError) as err:
        parse(expression)
    assert "not allowed" in err.value.message


@pytest.mark.parametrize(("expression", "fragment"), [
    ("", "empty"), ("1 +", "ends too early"), ("/data/a[", "ends too early"), ("/data/a[1", "expected ']'"), ("'abc", "not closed"),
    ("foo(1)", "unknown function foo()"), ("true(5)", "takes 0"), ("substr('a')", "takes 2 to 3"),
    ("if(1, 2)", "takes 3"), ("indexed-repeat(/a, /b, 1, /c)", "takes 3, 5"), ("$var", "variables"),
    ("/data/bogus-axis::x", "unknown axis"), ("1 2", "unexpected"), ("a ! b", "unexpected character"),
    ("${name} > 3", "unexpected"),
])
def test_syntax_errors_are_located_and_plain(expression: str, fragment: str) -> None:
    """Bad syntax raises XPathSyntaxError with the expression, a position and a plain message."""
    with pytest.raises(XPathSyntaxError) as err:
        parse(expression)
    assert fragment in err.value.message
    assert err.value.expression == expression
    assert 0 <= err.value.position <= len(expression)


def test_deep_nesting_is_a_syntax_error() -> None:
    """Thousands of nested brackets give a plain error instead of blowing the stack."""
    with pytest.raises(XPathSyntaxError, match="nested too deeply"):
        parse("(" * 5000 + "1" + ")" * 5000)


def test_pulldata_reads_only_the_forms_own_lists() -> None:
    """pulldata() is allowed, but its first argument names a list the form loaded, never a file:
    a path gives a plain error, not a read."""
    with pytest.raises(XPathError, match="no list named"):
        ev("pulldata('/etc/passwd', 'a', 'b', 'c')")


def test_errors_are_xpath_errors() -> None:
    """XPathSyntaxError is an XPathError, so callers can catch one type."""
    assert issubclass(XPathSyntaxError, XPathError)


# reduced by default, full under `make soak`
EXAMPLES = 5000 if os.environ.get("INCLUSION_SOAK") == "1" else 300

_ALPHABET = st.sampled_from(list("/.@*[]()|,:-+=!<>'\" $") + [
    "data", "a", "b", "1", "2.5", "and", "or", "div", "mod", "..", "//", "::", "child", "node()",
    "text()", "count(", "concat(", "if(", "instance('c')", "current()", "selected(", "position()",
    "ancestor", "last()", "doc(", " ",
])


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(_ALPHABET, max_size=25).map("".join))
def test_parse_never_crashes_on_token_soup(text: str) -> None:
    """Any mix of XPath tokens either parses or raises XPathSyntaxError, never anything else."""
    try:
        parse(text)
    except XPathSyntaxError:
        pass


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text(max_size=40))
def test_parse_never_crashes_on_any_text(text: str) -> None:
    """Arbitrary text either parses or raises XPathSyntaxError, never anything else."""
    try:
        parse(text)
    except XPathSyntaxError:
        pass


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(_ALPHABET, max_size=20).map("".join))
def test_evaluate_never_crashes(text: str) -> None:
    """Whatever parses evaluates to a value or raises XPathError, never anything else."""
    try:
        parse(text)
    except XPathSyntaxError:
        return
    try:
        ev(text, "/data/household/member[2]/years")
    except XPathError:
        pass


@pytest.mark.parametrize(("expression", "context", "expected"), [
    ("div div div", "/data/x", {"/data/x/div"}),
    ("/data/and and /data/or", "/data/x", {"/data/and", "/data/or"}),
    ("* * *", "/data/x", {"/data/x/*"}),
    ("/data/mod mod 2", "/data/x", {"/data/mod"}),
    ("count(/data/*)*2", "/data/x", {"/data/*"}),
    ("/data/a-b - /data/c", "/data/x", {"/data/a-b", "/data/c"}),
    ("child::div[@id]/text()", "/data", {"/data/div"}),
])
def test_operator_names_and_stars_by_position(expression: str, context: str, expected: set[str]) -> None:
    """As XPath 1.0 says, 'div', 'and', '*' are operators only after a value, names elsewhere."""
    assert parse(expression).references(context) == expected
