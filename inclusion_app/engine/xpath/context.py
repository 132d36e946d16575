"""What an expression is evaluated against: the context node, the instances and the host."""

from __future__ import annotations

import datetime
from typing import Protocol

from inclusion_app.engine.tree import Node


class Host(Protocol):
    """Services the form controller supplies to the few functions that need the outside."""

    def now(self) -> datetime.datetime: ...

    def itext(self, text_id: str) -> str: ...

    def choice_name(self, value: str, ref_node: Node) -> str: ...

    def property(self, name: str) -> str: ...


class DefaultHost:
    """A host for tests and tools: the real local clock, no translations, no properties."""

    def __init__(self, now: datetime.datetime | None = None) -> None:
        self._now = now

    def now(self) -> datetime.datetime:
        if self._now is not None:
            return self._now
        return datetime.datetime.now().astimezone()

    def itext(self, text_id: str) -> str:
        return text_id

    def choice_name(self, value: str, ref_node: Node) -> str:
        return value

    def property(self, name: str) -> str:
        return ""


class EvalContext:
    """The dynamic context of XPath 1.0: node, position and size, plus ODK's instances."""

    __slots__ = ("node", "main", "instances", "host", "position", "size", "current", "chain",
                 "in_step")

    def __init__(
        self,
        node: Node,
        main: Node | None = None,
        instances: dict[str, Node] | None = None,
        host: Host | None = None,
        position: int = 1,
        size: int = 1,
        current: Node | None = None,
    ) -> None:
        self.node = node
        self.main = main if main is not None else node.document()
        self.instances = instances if instances is not None else {}
        self.host: Host = host if host is not None else DefaultHost()
        self.position = position
        self.size = size
        self.current = current if current is not None else node
        self.chain: list[Node] | None = None  # document..node, computed once when needed
        self.in_step = False  # True inside a predicate, where position() is the proximity position

    def ancestry(self) -> list[Node]:
        """The context node's ancestors from the document down to the node itself."""
        chain = self.chain
        if chain is None:
            chain = []
            node: Node | None = self.node
            while node is not None:
                chain.append(node)
                node = node.parent
            chain.reverse()
            self.chain = chain
        return chain

    def at(self, node: Node, position: int = 1, size: int = 1) -> EvalContext:
        """A context for a step or predicate: same instances and current(), another node."""
        ctx = EvalContext.__new__(EvalContext)
        ctx.node = node
        ctx.main = self.main
        ctx.instances = self.instances
        ctx.host = self.host
        ctx.position = position
        ctx.size = size
        ctx.current = self.current
        ctx.chain = None
        ctx.in_step = True
        return ctx
