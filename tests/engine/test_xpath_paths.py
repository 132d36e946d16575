"""Location paths over a tree with repeats and a secondary instance, as forms use them."""

from __future__ import annotations

import pytest

from inclusion_app.engine.tree import Node
from inclusion_app.engine.xpath import EvalContext, XPathError, parse
from tests.engine.xpath_helpers import build, ctx_at, ev, leaf


def names(nodes: list[Node]) -> list[str]:
    return [n.value if not n.children else n.name for n in nodes]


@pytest.mark.parametrize(("expression", "expected"), [
    ("/data/household/member/who", ["Ann", "Bo", "Cy"]),
    ("/data/household/member[2]/who", ["Bo"]),
    ("/data/household/member[last()]/who", ["Cy"]),
    ("/data/household/member[position() > 1]/who", ["Bo", "Cy"]),
    ("/data/household/member[years > 18]/who", ["Ann"]),
    ("/data/household/member[years = '']/who", ["Cy"]),
    ("/data/household/member[who = 'Bo' or who = 'Cy'][1]/who", ["Bo"]),
    ("(/data/household/member)[3]/who", ["Cy"]),
    ("(/data/household/member/who)[2]", ["Bo"]),
    ("//who", ["Ann", "Bo", "Cy"]),
    ("/data//member[2]//who", ["Bo"]),
    ("/descendant::years[. != '']", ["80", "12"]),
    ("/data/household/member/who | /data/name", ["  Li  Wei ", "Ann", "Bo", "Cy"]),
    ("/data/name | /data/household/member[1]/who | /data/name", ["  Li  Wei ", "Ann"]),
    ("/data/meta/instanceID", ["uuid:1234"]),
    ("/data/orx:meta/instanceID", ["uuid:1234"]),
    ("/data/*[2]", ["70"]),
    ("/data/household/member[2]/following-sibling::member/who", ["Cy"]),
    ("/data/household/member[3]/preceding-sibling::member[1]/who", ["Bo"]),
    ("/data/household/member[2]/who/ancestor::*[2]", ["household"]),
    ("/data/household/member[2]/who/ancestor-or-self::member/years", ["12"]),
    ("/data/household/member[1]/who/following::who", ["Bo", "Cy"]),
    ("/data/household/member[3]/who/preceding::who", ["Ann", "Bo"]),
    ("/data/household/self::household/member[1]/child::who", ["Ann"]),
    ("/data/household/member/who/parent::member/pos", ["1", "2", "3"]),
    ("/data/age/text()", ["70"]),
    ("/data/nothing/here", []),
])
def test_path_selects(expression: str, expected: list[str]) -> None:
    """Paths, predicates, axes, unions and filters select the right nodes in document order."""
    assert names(ev(expression)) == expected


def test_attributes_as_values_and_in_predicates() -> None:
    """@id and @jr:template work as values and in predicates (repeat templates are skipped)."""
    main, instances = build()
    household = main.children[0].child("household")
    template = household.insert(0, Node("member", attrs={"jr:template": ""}))
    leaf(template, "who", "TEMPLATE")
    ctx = EvalContext(main.children[0], main, instances)
    assert parse("/data/@id").eval_str(ctx) == "demo"
    assert parse("string(/data/@version) = '3'").eval_bool(ctx)
    assert parse("count(/data/household/member[not(@jr:template)])").eval_num(ctx) == 3
    assert parse("/data/household/member[@template]/who").eval_str(ctx) == "TEMPLATE"
    assert parse("count(/data/@*)").eval_num(ctx) == 2
    assert parse("name(/data/@version)").eval_str(ctx) == "version"


def test_relative_paths_and_current() -> None:
    """'.', '..', relative names and current() resolve from the question's own node."""
    assert ev(".", "/data/age")[0].value == "70"
    assert ev("../weight * 2", "/data/age") == 125.0
    assert ev("../who", "/data/household/member[2]/years")[0].value == "Bo"
    assert ev("position(..)", "/data/household/member[2]/years") == 2.0
    assert ev("position()", "/data/household/member[3]") == 3.0  # outside a predicate: the index
    assert ev("count(/data/household/member[position() = 2])", "/data/household/member[3]") == 1.0
    assert ev("current()/../age > 60", "/data/name") is True
    assert ev("name(..)", "/data/household/member[1]/who") == "member"
    assert ev("local-name(/data/meta)") == "meta"
    assert ev("name(/data/meta)") == "orx:meta"


def test_cascading_select_filter() -> None:
    """instance('cities')/root/item[state = current()/../state] lists the chosen state's cities."""
    expr = parse("instance('cities')/root/item[state = current()/../state]/name")
    assert names(expr.eval_nodes(ctx_at("/data/city"))) == ["hz", "nb"]
    ctx = ctx_at("/data/city")
    ctx.main.children[0].child("state").value = "js"
    assert names(expr.eval_nodes(ctx)) == ["nj", "sz"]
    # an absolute path inside the predicate still means the primary instance
    other = parse("instance('cities')/root/item[state = /data/state][2]/name")
    assert other.eval_str(ctx_at("/data/city")) == "nb"


def test_absolute_paths_inside_a_repeat_mean_this_instance() -> None:
    """As JavaRosa does, /data/household/member/who inside member[2] is member[2]'s answer."""
    assert ev("/data/household/member/who", "/data/household/member[2]/years")[0].value == "Bo"
    assert ev("/data/household/member/years + 1", "/data/household/member[1]/years") == 81.0
    # from outside the repeat the same path means every instance
    assert ev("count(/data/household/member)", "/data/age") == 3.0
    # relative paths from inside still reach every instance
    assert ev("count(../../member)", "/data/household/member[2]/years") == 3.0
    assert ev("sum(../../member/years)", "/data/household/member[2]/years") == 92.0


def test_indexed_repeat() -> None:
    """indexed-repeat() picks the named instance from anywhere, default 1 for bad indexes."""
    assert names(ev("indexed-repeat(/data/household/member/who, /data/household/member, 3)")) == ["Cy"]
    assert ev("string(indexed-repeat(/data/household/member/who, /data/household/member, 1 + 1))") == "Bo"
    assert ev("string(indexed-repeat(/data/household/member/who, /data/household/member, 0))") == "Ann"
    assert ev("indexed-repeat(/data/household/member/who, /data/household/member, 9)") == []
    assert ev("string(indexed-repeat(../who, ../../member, 3))", "/data/household/member[1]/years") == "Cy"
    with pytest.raises(XPathError, match="must contain"):
        ev("indexed-repeat(/data/age, /data/household/member, 1)")


def test_typed_nodes_compare_by_their_type() -> None:
    """int/decimal nodes compare numerically, date nodes as dates; node-sets existentially."""
    assert ev("/data/age = '70.0'") is True
    assert ev("/data/weight > 60") is True
    assert ev("/data/household/member/years > 50") is True
    assert ev("/data/household/member/years = 12") is True
    assert ev("/data/household/member/years != 80") is True
    assert ev("/data/nothing = ''") is False
    assert ev("/data/nothing != ''") is False
    assert ev("/data/household/member/who = /data/household/member[2]/who") is True
    assert ev("/data/dob + 1 = date('1955-03-11')") is True
    assert ev("/data/household/member/years = true()") is True


def test_predicate_on_a_non_node_set_is_a_plain_error() -> None:
    """Filtering a number or a string is an XPathError, not a crash."""
    with pytest.raises(XPathError):
        ev("(1 + 2)[1]")
    with pytest.raises(XPathError):
        ev("'a' | /data/age")


def test_choice_name_and_itext_go_through_the_host() -> None:
    """jr:choice-name() and jr:itext() ask the host, so labels follow the current language."""

    class Host:
        def now(self):
            raise AssertionError

        def itext(self, text_id: str) -> str:
            return f"<{text_id}>"

        def choice_name(self, value: str, ref_node: Node) -> str:
            return f"{ref_node.name}:{value}"

        def property(self, name: str) -> str:
            return "dev-7" if name == "deviceid" else ""

    main, instances = build()
    ctx = EvalContext(main.children[0], main, instances, Host())
    assert parse("jr:choice-name(/data/state, ' /data/state ')").eval_str(ctx) == "state:zj"
    assert parse("jr:choice-name(/data/city, '/data/city')").eval_str(ctx) == ""
    assert parse("jr:itext('/data/q:label')").eval_str(ctx) == "</data/q:label>"
    assert parse("property('deviceid')").eval_str(ctx) == "dev-7"


def test_once_keeps_an_existing_value() -> None:
    """once() returns the question's value when it has one and computes it otherwise."""
    assert ev("once(1 + 1)", "/data/age") == "70"
    assert ev("once(1 + 1)", "/data/empty") == 2.0


def test_randomize_is_reproducible_with_a_seed() -> None:
    """randomize(nodes, seed) gives the same order for the same seed and keeps every node."""
    first = names(ev("randomize(instance('cities')/root/item/name, 42)"))
    again = names(ev("randomize(instance('cities')/root/item/name, 42)"))
    assert first == again
    assert sorted(first) == ["hz", "nb", "nj", "sz"]


def test_paths_see_repeat_instances_added_and_removed() -> None:
    """The name index behind fast paths follows append/insert/remove on the tree."""
    ctx = ctx_at("/data/age")
    household = ctx.main.children[0].child("household")
    count = parse("count(/data/household/member)")
    assert count.eval_num(ctx) == 3
    extra = household.append(household.children[0].clone())
    assert count.eval_num(ctx) == 4
    household.remove(extra)
    household.remove(household.children[0])
    assert count.eval_num(ctx) == 2
    assert parse("/data/household/member[1]/who").eval_str(ctx) == "Bo"
    household.insert(0, extra)
    assert parse("/data/household/member[1]/who").eval_str(ctx) == "Ann"


def test_returned_node_lists_are_the_callers_own() -> None:
    """Changing a returned node list does not change what the next evaluation sees."""
    ctx = ctx_at("/data/age")
    expr = parse("/data/household/member")
    first = expr.eval_nodes(ctx)
    first.clear()
    assert len(expr.eval_nodes(ctx)) == 3


def test_parsed_expressions_survive_pickling() -> None:
    """A parsed expression pickles and evaluates the same afterwards (a form cache may keep it)."""
    import pickle

    expr = parse("instance('cities')/root/item[state = current()/../state]/name[if(true(), 1, 2)]")
    again = pickle.loads(pickle.dumps(expr))
    assert again.text == expr.text
    assert names(again.eval_nodes(ctx_at("/data/city"))) == ["hz", "nb"]  # name[1] of each item
    assert again.references("/data/city") == {"/data/state"}


def test_non_relevant_nodes_read_as_empty() -> None:
    """A node the controller marked non-relevant reads as '' (JavaRosa's getRefValue)."""
    ctx = ctx_at("/data/name")
    data = ctx.main.children[0]
    data.child("age").relevant = False
    assert parse("/data/age").eval_str(ctx) == ""
    assert parse("/data/age > 60").eval_bool(ctx) is False
    assert parse("/data/age = ''").eval_bool(ctx) is True
    assert parse("count(/data/age)").eval_num(ctx) == 1  # the node is still there
    member = data.child("household").children[0]
    member.child("years").relevant = False
    assert parse("sum(/data/household/member/years)").eval_num(ctx) == 12
    assert parse("concat(/data/household/member/years)").eval_str(ctx) == "12"
    assert parse("string(/data/household/member[1])").eval_str(ctx) == "Ann1"


@pytest.mark.parametrize(("items", "seed", "expected"), [
    (list(range(10)), 33, [3, 5, 4, 8, 2, 0, 1, 6, 9, 7]),
    (list(range(10)), 42, [0, 5, 9, 1, 8, 4, 6, 3, 7, 2]),
    (list("ABCDEF"), 42, list("AFCBDE")),
    (list("ABCDEF"), -42, list("EDAFBC")),
    (list("ABCDEF"), 1, list("BFEACD")),
    (list("ABCDEF"), 11111111, list("ACDBFE")),
])
def test_seeded_shuffle_matches_javarosa(items: list, seed: int, expected: list) -> None:
    """randomize() with a seed orders exactly as JavaRosa's FisherYates/ParkMiller examples."""
    from inclusion_app.engine.xpath.odk_functions import shuffle

    assert shuffle(items, seed) == expected


def test_randomize_seed_from_text_is_stable() -> None:
    """A non-numeric seed is hashed (JavaRosa's toLongHash), so the order is still stable."""
    first = names(ev("randomize(instance('cities')/root/item/name, 'abc')"))
    assert first == names(ev("randomize(instance('cities')/root/item/name, 'abc')"))
    assert sorted(first) == ["hz", "nb", "nj", "sz"]
