"""Location paths: steps along the axes, predicates, filter expressions and unions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from inclusion_app.engine.tree import Node
from inclusion_app.engine.xpath.conversions import to_bool
from inclusion_app.engine.xpath.nodes import AstNode, Literal

if TYPE_CHECKING:
    from inclusion_app.engine.xpath.context import EvalContext

LOOKUP_ROWS = 48  # lists at least this long are filtered through an index (xpath/lookup.py)
REVERSE_AXES = frozenset(("ancestor", "ancestor-or-self", "preceding", "preceding-sibling"))
AXES = frozenset(("child", "parent", "self", "attribute", "descendant", "descendant-or-self",
                  "ancestor", "ancestor-or-self", "following-sibling", "preceding-sibling",
                  "following", "preceding", "namespace"))


class AttrNode(Node):
    """An attribute (or text) seen as a node: a name, a value and the element it belongs to."""

    __slots__ = ()

    def __init__(self, name: str, value: str, parent: Node) -> None:
        super().__init__(name, value)
        self.parent = parent


def local_name(name: str) -> str:
    if "}" in name:
        name = name.rsplit("}", 1)[1]
    return name.rsplit(":", 1)[-1]


def doc_key(node: Node) -> tuple:
    """A sort key in document order (attributes before children), across documents too."""
    key: list[int] = []
    while node.parent is not None:
        parent = node.parent
        if isinstance(node, AttrNode):
            key.append(-1)
        else:
            key.append(next(i for i, c in enumerate(parent.children) if c is node))
        node = parent
    key.append(id(node))
    key.reverse()
    return tuple(key)


def _descendants(node: Node) -> list[Node]:
    out: list[Node] = []
    stack = list(reversed(node.children))
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(reversed(n.children))
    return out


def _following(node: Node) -> list[Node]:
    out: list[Node] = []
    while node.parent is not None:
        siblings = node.parent.children
        idx = next((i for i, c in enumerate(siblings) if c is node), len(siblings))
        for sib in siblings[idx + 1:]:
            out.append(sib)
            out.extend(_descendants(sib))
        node = node.parent
    return out


def _preceding(node: Node) -> list[Node]:
    """Preceding nodes, nearest first (reverse document order), ancestors excluded."""
    out: list[Node] = []
    while node.parent is not None:
        siblings = node.parent.children
        idx = next((i for i, c in enumerate(siblings) if c is node), 0)
        for sib in reversed(siblings[:idx]):
            out.extend(reversed(_descendants(sib)))
            out.append(sib)
        node = node.parent
    return out


class Step:
    """One step: an axis, a node test (kind: name, any, node, text, none) and predicates."""

    __slots__ = ("axis", "kind", "name", "predicates", "simple", "plan")

    def __init__(self, axis: str, kind: str, name: str = "", predicates: list[AstNode] | None = None):
        self.axis = axis
        self.kind = kind
        self.name = name
        self.predicates = predicates or []
        self.simple = axis == "child" and kind == "name" and not self.predicates
        self.plan: tuple | None = None  # xpath.lookup's plan for the first predicate, once asked

    def _matches(self, node: Node) -> bool:
        kind = self.kind
        if kind == "node":
            return True
        if kind == "name":
            return node.name == self.name and not node.name.startswith("#")
        if kind == "any":
            return not node.name.startswith("#")
        return False

    def _axis_nodes(self, node: Node) -> list[Node]:
        axis = self.axis
        if axis == "child":
            if self.kind == "text":
                if node.children or not node.value or isinstance(node, AttrNode):
                    return []
                return [AttrNode("#text", node.value, node)]
            return node.children
        if axis == "attribute":
            if isinstance(node, AttrNode):
                return []
            return [AttrNode(local_name(k), v, node) for k, v in node.attrs.items()
                    if self.kind != "name" or local_name(k) == self.name]
        if axis == "self":
            return [node]
        if axis == "parent":
            return [node.parent] if node.parent is not None else []
        if axis in ("ancestor", "ancestor-or-self"):
            out = [node] if axis == "ancestor-or-self" else []
            parent = node.parent
            while parent is not None:
                out.append(parent)
                parent = parent.parent
            return out
        if axis in ("descendant", "descendant-or-self"):
            if isinstance(node, AttrNode):
                return [node] if axis == "descendant-or-self" else []
            out = _descendants(node)
            return [node, *out] if axis == "descendant-or-self" else out
        if axis in ("following-sibling", "preceding-sibling"):
            parent = node.parent
            if parent is None or isinstance(node, AttrNode):
                return []
            siblings = parent.children
            idx = next(i for i, c in enumerate(siblings) if c is node)
            if axis == "following-sibling":
                return siblings[idx + 1:]
            return siblings[:idx][::-1]
        if axis == "following":
            return _following(node)
        if axis == "preceding":
            return _preceding(node)
        return []  # namespace axis: ODK instances carry no namespace nodes

    def select(self, node: Node, ctx: EvalContext) -> list[Node]:
        """The nodes this step reaches from `node`, in document order."""
        if self.kind == "text" and self.axis != "child":
            return []  # our tree keeps text inside its element: only child::text() is meaningful
        if self.axis == "attribute" or self.kind == "text":
            nodes = self._axis_nodes(node)
        elif self.simple:
            return node.named(self.name)  # shared list: never changed by the evaluator
        elif self.predicates and self.kind == "name" and self.axis == "child" and len(node.children) >= LOOKUP_ROWS:
            found = self._looked_up(node, ctx)
            if found is not None:
                return apply_predicates(found, self.predicates[1:], ctx) if len(self.predicates) > 1 else found
            nodes = [n for n in self._axis_nodes(node) if self._matches(n)]
        else:
            nodes = [n for n in self._axis_nodes(node) if self._matches(n)]
        if self.predicates:
            nodes = apply_predicates(nodes, self.predicates, ctx)
        if self.axis in REVERSE_AXES:
            nodes.reverse()
        return nodes


    def _looked_up(self, node: Node, ctx: EvalContext) -> list[Node] | None:
        """The first predicate answered from an index of a list beside the form (xpath.lookup)."""
        from inclusion_app.engine.xpath import lookup

        if self.plan is None:
            self.plan = lookup.plan(self.predicates[0])
        column, other = self.plan
        if other is None or not lookup.is_static(node, ctx):
            return None
        return lookup.select(node, self.name, column, other, ctx)


def apply_predicates(nodes: list[Node], predicates: list[AstNode], ctx: EvalContext) -> list[Node]:
    """Keep the nodes each predicate accepts; a number keeps the node at that position."""
    for pred in predicates:
        if isinstance(pred, Literal) and isinstance(pred.value, float):
            index = int(pred.value)
            ok = index == pred.value and 1 <= index <= len(nodes)
            nodes = [nodes[index - 1]] if ok else []
            continue
        size = len(nodes)
        kept: list[Node] = []
        for i, node in enumerate(nodes, 1):
            value = pred.evaluate(ctx.at(node, i, size))
            if isinstance(value, float):
                if value == i:
                    kept.append(node)
            elif to_bool(value):
                kept.append(node)
        nodes = kept
    return nodes
