"""The dependency graph of binds (JavaRosa's triggerables): what to recompute after an answer."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from inclusion_app.engine.errors import FormDefError
from inclusion_app.engine.model import Bind
from inclusion_app.engine.xpath import Expr, XPathError

KINDS = ("calculate", "relevant", "required", "readonly")


@dataclass(frozen=True, eq=False)
class Triggerable:
    kind: str  # one of KINDS
    target: str  # generic path of the nodes it sets
    expr: Expr
    deps: frozenset[str]
    order: int = 0  # position in the topological order: evaluate lower first


class Dag:
    """Triggerables in topological order, indexed by the paths they read."""

    def __init__(self, binds: dict[str, Bind], skip_calculate: set[str], source: str = "") -> None:
        raw: list[Triggerable] = []
        for bind in binds.values():
            for kind in KINDS:
                expr: Expr | None = getattr(bind, kind)
                if expr is None or (kind == "calculate" and bind.path in skip_calculate):
                    continue
                try:
                    deps = frozenset(expr.references(bind.path))
                except XPathError as exc:
                    raise FormDefError(f"bind for {bind.path}: {kind}: {exc}", source) from None
                raw.append(Triggerable(kind, bind.path, expr, deps))
        self._index(raw)
        self.triggerables = self._sort(raw, source)
        self._index(self.triggerables)
        self._closures: dict[str, list[Triggerable]] = {}

    def _index(self, items: list[Triggerable]) -> None:
        self.by_dep: dict[str, list[Triggerable]] = {}
        for t in items:
            for dep in t.deps:
                self.by_dep.setdefault(dep, []).append(t)

    def readers(self, path: str) -> list[Triggerable]:
        """Triggerables that read `path` itself. As in JavaRosa, a reader of a group (`count()`,
        `position(..)`) is not re-run when a value inside it changes, only when its shape does."""
        return self.by_dep.get(path, [])

    def _sort(self, items: list[Triggerable], source: str) -> list[Triggerable]:
        edges: dict[int, list[int]] = {i: [] for i in range(len(items))}
        position = {id(t): i for i, t in enumerate(items)}
        indegree = [0] * len(items)
        for i, t in enumerate(items):
            # A relevance condition changes what its node reads as (empty when not relevant), so it
            # feeds its readers just as a calculation does: JavaRosa refuses a circle of either.
            if t.kind not in ("calculate", "relevant"):
                continue
            for reader in self.readers(t.target):
                j = position[id(reader)]
                if j != i:  # a calculate reading its own node (`if(. = '', ..., .)`) is not a cycle
                    edges[i].append(j)
                    indegree[j] += 1
        queue = deque(i for i in range(len(items)) if indegree[i] == 0)
        order: list[int] = []
        while queue:
            i = queue.popleft()
            order.append(i)
            for j in edges[i]:
                indegree[j] -= 1
                if indegree[j] == 0:
                    queue.append(j)
        if len(order) < len(items):
            stuck = sorted({items[i].target.rsplit("/", 1)[-1] for i in range(len(items)) if indegree[i] > 0})
            raise FormDefError(
                "these questions' calculations or conditions depend on each other in a circle: " + ", ".join(stuck),
                source,
            )
        return [
            Triggerable(items[i].kind, items[i].target, items[i].expr, items[i].deps, n)
            for n, i in enumerate(order)
        ]

    def closure(self, path: str) -> list[Triggerable]:
        """Everything to re-evaluate, in order, after the value at `path` changes."""
        cached = self._closures.get(path)
        if cached is not None:
            return cached
        seen: dict[int, Triggerable] = {}
        queue = deque(self.readers(path))
        while queue:
            t = queue.popleft()
            if id(t) in seen:
                continue
            seen[id(t)] = t
            if t.kind == "calculate":
                queue.extend(self.readers(t.target))
        result = sorted(seen.values(), key=lambda t: t.order)
        self._closures[path] = result
        return result

    def under(self, prefix: str) -> list[Triggerable]:
        """Triggerables whose nodes lie inside `prefix` (a new repeat instance), in order."""
        start = prefix + "/"
        return [t for t in self.triggerables if t.target == prefix or t.target.startswith(start)]
