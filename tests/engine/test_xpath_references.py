"""references(): the generic main-instance paths an expression reads, for the dependency graph."""

from __future__ import annotations

import pytest

from inclusion_app.engine.xpath import parse


@pytest.mark.parametrize(("expression", "context", "expected"), [
    ("/data/a + /data/b", "/data/c", {"/data/a", "/data/b"}),
    ("../b > 3", "/data/grp/q", {"/data/grp/b"}),
    ("../../x", "/data/grp/q", {"/data/x"}),
    (". > 5 and . < 10", "/data/q", {"/data/q"}),
    ("string-length(.) = 18", "/data/id", {"/data/id"}),
    ("./sub", "/data/grp", {"/data/grp/sub"}),
    ("/data/rep[2]/q", "/data/x", {"/data/rep/q"}),
    ("/data/rep[/data/idx]/q", "/data/x", {"/data/rep/q", "/data/idx"}),
    ("/data/rep[age > 3]/name", "/data/x", {"/data/rep/name", "/data/rep/age"}),
    ("count(/data/household/member)", "/data/n", {"/data/household/member"}),
    ("sum(../member/age)", "/data/household/total", {"/data/household/member/age"}),
    ("instance('cities')/root/item[state = current()/../state]/name", "/data/city", {"/data/state"}),
    ("instance('c')/root/item[state = /data/s and name != '']", "/data/city", {"/data/s"}),
    ("instance('c')/root/item[state = current()]", "/data/city", {"/data/city"}),
    ("if(selected(/data/a, 'x'), /data/b, concat(/data/c, 'y'))", "/data/z",
     {"/data/a", "/data/b", "/data/c"}),
    ("jr:choice-name(/data/q, ' /data/q ')", "/data/lbl", {"/data/q"}),
    ("indexed-repeat(/data/rep/q, /data/rep, /data/i)", "/data/z", {"/data/rep/q", "/data/rep", "/data/i"}),
    ("position(..)", "/data/rep/pos", {"/data/rep"}),
    ("/data/orx:meta/instanceID", "/data/x", {"/data/meta/instanceID"}),
    ("-/data/a | /data/b", "/data/x", {"/data/a", "/data/b"}),
    ("/data/@version", "/data/x", {"/data"}),
    ("today() - 1", "/data/x", set()),
    ("'literal'", "/data/x", set()),
])
def test_references(expression: str, context: str, expected: set[str]) -> None:
    """Paths are generic, absolute, resolved against the context; instance() paths are left out."""
    assert parse(expression).references(context) == expected


def test_descendant_paths_are_reported_as_a_pattern() -> None:
    """'//name' cannot be made generic without the tree; it is reported with '//' so the
    dependency graph can treat it as 'any node of that name below'."""
    assert parse("count(/data//age)").references("/data/x") == {"/data//age"}


@pytest.mark.parametrize(("expression", "uses_now"), [
    ("now()", True), ("today() - /data/dob", True), ("once(random())", True),
    ("concat('uuid:', uuid())", True), ("/data/a + 1", False), ("format-date(/data/d, '%Y')", False),
])
def test_uses_now(expression: str, uses_now: bool) -> None:
    """uses_now marks expressions to recompute at finalization (clock, randomness, identifiers)."""
    assert parse(expression).uses_now is uses_now


@pytest.mark.parametrize(("reference", "path", "matches"), [
    ("/data/a", "/data/a", True), ("/data/a", "/data/ab", False),
    ("/data//age", "/data/household/member/age", True), ("/data//age", "/data/age", True),
    ("/data//age", "/data/agent", False), ("/data/*", "/data/q1", True),
    ("/data/*", "/data/grp/q1", False), ("//who", "/data/h/member/who", True),
])
def test_reference_patterns(reference: str, path: str, matches: bool) -> None:
    """reference_matches() tells which generic paths a '*' or '//' reference stands for."""
    from inclusion_app.engine.xpath import reference_matches

    assert reference_matches(reference, path) is matches


@pytest.mark.parametrize(("expression", "context", "expected"), [
    ("(/data/a | /data/b)/c", "/data/x", {"/data/a", "/data/b", "/data/a/c", "/data/b/c"}),
    ("(/data/rep)[2]/q", "/data/x", {"/data/rep", "/data/rep/q"}),
    ("(../rep[sel = 'y'])[last()]/q", "/data/g/x", {"/data/g/rep", "/data/g/rep/sel", "/data/g/rep/q"}),
    ("current()/../a", "/data/g/x", {"/data/g/a"}),
])
def test_references_through_filter_expressions(expression: str, context: str, expected: set[str]) -> None:
    """Steps after a parenthesised path or union are followed from each of its ends."""
    assert parse(expression).references(context) == expected
