"""A small instance tree with repeats and a secondary instance, shared by the XPath tests."""

from __future__ import annotations

import datetime

from inclusion_app.engine.tree import Node, document
from inclusion_app.engine.xpath import DefaultHost, EvalContext, parse

NOW = datetime.datetime(2025, 3, 9, 14, 30, 15, 250000, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))


def leaf(parent: Node, name: str, value: str = "", datatype: str = "string") -> Node:
    node = parent.append(Node(name, value))
    node.datatype = datatype
    return node


def build() -> tuple[Node, dict[str, Node]]:
    """/data with typed answers, a household repeat of members, and a 'cities' instance."""
    data = Node("data", attrs={"id": "demo", "version": "3"})
    main = document(data)
    leaf(data, "name", "  Li  Wei ")
    leaf(data, "age", "70", "int")
    leaf(data, "weight", "62.5", "decimal")
    leaf(data, "dob", "1955-03-10", "date")
    leaf(data, "seen", "2025-03-09T08:00:00.000+08:00", "dateTime")
    leaf(data, "empty", "", "int")
    leaf(data, "fruits", " apple  banana cherry ", "select")
    leaf(data, "state", "zj", "select1")
    leaf(data, "city", "", "select1")
    household = data.append(Node("household"))
    for i, (who, years) in enumerate([("Ann", "80"), ("Bo", "12"), ("Cy", "")], 1):
        member = household.append(Node("member"))
        leaf(member, "who", who)
        leaf(member, "years", years, "int")
        leaf(member, "pos", str(i), "int")
    meta = data.append(Node("meta", prefix="orx"))
    leaf(meta, "instanceID", "uuid:1234")
    cities_root = Node("root")
    cities = document(cities_root)
    for name, state in [("hz", "zj"), ("nb", "zj"), ("nj", "js"), ("sz", "js")]:
        item = cities_root.append(Node("item"))
        leaf(item, "name", name)
        leaf(item, "state", state)
    return main, {"cities": cities}


def ctx_at(path: str = "/data", host: DefaultHost | None = None) -> EvalContext:
    """A context at the node `path` names (indexes like member[2] allowed) of a fresh tree."""
    main, instances = build()
    node = main
    for part in path.strip("/").split("/"):
        name, _, index = part.partition("[")
        matches = [c for c in node.children if c.name == name]
        node = matches[int(index.rstrip("]")) - 1 if index else 0]
    return EvalContext(node, main, instances, host or DefaultHost(NOW))


def ev(expr: str, path: str = "/data"):
    return parse(expr).evaluate(ctx_at(path))
