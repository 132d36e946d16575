"""The instance tree the XPath evaluator walks and the controller fills.

One small node class for every XML tree the engine holds: the primary instance, secondary
instances (choice lists, cascading selects) and repeat templates. A tree hangs under a
document node (name "#document") so that absolute paths and `instance('id')/root/...` both
start from a document, as in XPath's data model.

Names are matched on the *local* name (the prefix is kept only to write the XML back out),
as ODK tools do in practice (`orx:meta` and `meta` are the same node to an expression).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

DOCUMENT = "#document"
_NONE: list = []  # shared empty answer of Node.named()


class Node:
    __slots__ = (
        "name",
        "prefix",
        "namespace",
        "attrs",
        "children",
        "parent",
        "value",
        "datatype",
        "relevant",
        "required",
        "readonly",
        "_by_name",
        "lookups",
    )

    def __init__(
        self,
        name: str,
        value: str = "",
        attrs: dict[str, str] | None = None,
        prefix: str = "",
        namespace: str = "",
    ) -> None:
        self.name = name
        self.prefix = prefix
        self.namespace = namespace
        self.attrs: dict[str, str] = attrs if attrs is not None else {}
        self.children: list[Node] = []
        self.parent: Node | None = None
        self.value = value  # text of a leaf; "" when empty; unused on groups
        self.datatype = "string"  # from the bind: string, int, decimal, date, dateTime, time, select1, select, ...
        self.relevant = True  # the node's own relevance AND its ancestors' (kept by the controller)
        self.required = False
        self.readonly = False
        self._by_name: dict[str, list[Node]] | None = None  # index for named(); see there
        self.lookups: dict | None = None  # xpath.lookup's indexes of a list beside the form

    # -- building -------------------------------------------------------------------------
    def append(self, child: Node) -> Node:
        child.parent = self
        self.children.append(child)
        self._by_name = self.lookups = None
        return child

    def insert(self, index: int, child: Node) -> Node:
        child.parent = self
        self.children.insert(index, child)
        self._by_name = self.lookups = None
        return child

    def remove(self, child: Node) -> None:
        self.children.remove(child)
        child.parent = None
        self._by_name = self.lookups = None

    def clone(self) -> Node:
        """Deep copy without the parent link (repeat instances are cloned from the template)."""
        copy = Node(self.name, self.value, dict(self.attrs), self.prefix, self.namespace)
        copy.datatype = self.datatype
        copy.relevant, copy.required, copy.readonly = self.relevant, self.required, self.readonly
        for child in self.children:
            copy.append(child.clone())
        return copy

    # -- reading --------------------------------------------------------------------------
    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def is_document(self) -> bool:
        return self.name == DOCUMENT

    def child(self, name: str) -> Node | None:
        for c in self.children:
            if c.name == name:
                return c
        return None

    def children_named(self, name: str) -> list[Node]:
        return [c for c in self.children if c.name == name]

    def named(self, name: str) -> list[Node]:
        """Children called `name`, from an index kept by append/insert/remove (expressions look
        children up by name constantly). The list is shared: do not change it. Code that edits
        `children` directly must call `touch()` afterwards."""
        index = self._by_name
        if index is None:
            index = {}
            for c in self.children:
                index.setdefault(c.name, []).append(c)
            self._by_name = index
        return index.get(name, _NONE)

    def touch(self) -> None:
        """Forget the name index after changing `children` directly."""
        self._by_name = self.lookups = None

    def document(self) -> Node:
        node = self
        while node.parent is not None:
            node = node.parent
        return node

    def iter(self) -> Iterator[Node]:
        """This node and all descendants in document order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def string_value(self) -> str:
        """XPath string-value: a leaf's text, or the concatenated text of all descendants."""
        if not self.children:
            return self.value
        return "".join(n.value for n in self.iter() if not n.children)

    def multiplicity(self) -> int:
        """1-based position among same-named siblings (the repeat index)."""
        if self.parent is None:
            return 1
        n = 0
        for sibling in self.parent.children:
            if sibling.name == self.name:
                n += 1
            if sibling is self:
                return n
        return 1

    def generic_path(self) -> str:
        """'/data/household/member/age': the path without repeat indices (binds are keyed by it)."""
        parts: list[str] = []
        node: Node | None = self
        while node is not None and not node.is_document:
            parts.append(node.name)
            node = node.parent
        return "/" + "/".join(reversed(parts))

    def indexed_path(self) -> str:
        """'/data/household/member[2]/age': unique for this node; every step carries its index
        when its parent has more than one child of that name or it is a repeat."""
        parts: list[str] = []
        node: Node | None = self
        while node is not None and not node.is_document:
            parent = node.parent
            if parent is not None and not parent.is_document and len(parent.children_named(node.name)) > 1:
                parts.append(f"{node.name}[{node.multiplicity()}]")
            else:
                parts.append(node.name)
            node = parent
        return "/" + "/".join(reversed(parts))

    def __repr__(self) -> str:
        return f"<Node {self.indexed_path()} {self.value!r}>"


def document(root: Node) -> Node:
    """Wrap a root element in a document node."""
    doc = Node(DOCUMENT)
    doc.append(root)
    return doc


@contextmanager
def gc_paused() -> Iterator[None]:
    """Building tens of thousands of nodes (or an index over them) triggers the cyclic collector
    again and again for nothing, since nothing is garbage yet: pausing it makes a big list load
    two to three times faster. It is switched back on at once, even after an error."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
