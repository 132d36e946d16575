"""Repeat instances: new ones from templates, and jr:count repeats kept at their count."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from inclusion_app.engine.dag import Triggerable
from inclusion_app.engine.tree import Node
from inclusion_app.engine.xpath import Expr, XPathError

MAX_COUNTED_REPEATS = 500  # a jr:count gone wild must not freeze the program


def inside(node: Node | None, top: Node) -> bool:
    while node is not None:
        if node is top:
            return True
        node = node.parent
    return False


class RepeatOps:
    """Mixed into FormState: everything that changes the shape of the instance.

    The annotations below are what the mixin needs of FormState (declared here, so the two
    modules never import each other).
    """

    form: Any
    counted: list[Any]
    self_sized: set[str]
    nodes: Callable[[str], list[Node]]
    reindex: Callable[[], None]
    run: Callable[..., None]
    eval_str: Callable[[Expr, Node, str], str]
    _fire: Callable[[str, Node], None]

    def add_instance(self, path: str, parent: Node) -> Node | None:
        """A new repeat instance from the template, after the last one; its defaults and calculations."""
        template = self.form.templates.get(path)
        if template is None:
            return None
        name = path.rsplit("/", 1)[-1]
        instance = template.node.clone()
        siblings = parent.children_named(name)
        if siblings:
            parent.insert(parent.children.index(siblings[-1]) + 1, instance)
        else:
            parent.insert(min(template.index, len(parent.children)), instance)
        self.reindex()
        self._fire("odk-new-repeat", instance)  # not first-load: that fired once, for the whole form
        self._after_structure(instance)
        return instance

    def remove_instance(self, instance: Node) -> None:
        """Take one repeat instance out and recompute everything that read it: counts and sums over
        the repeat, and positions in the instances after it."""
        parent = instance.parent
        if parent is None:
            return
        path = instance.generic_path()
        parent.remove(instance)
        self.reindex()
        dag = self.form.dag
        todo = {id(t): t for t in dag.under(path)}  # the later instances (position(..) and the like)
        for dep in [path, *(p for p in dag.by_dep if p.startswith(path + "/"))]:
            todo.update((id(t), t) for t in dag.closure(dep))
        self.run(sorted(todo.values(), key=lambda t: t.order))

    def _after_structure(self, instance: Node | None) -> None:
        dag = self.form.dag
        todo: dict[int, Triggerable] = {}
        prefix = instance.generic_path() if instance is not None else ""
        for t in dag.under(prefix) if instance is not None else ():
            todo[id(t)] = t
        paths = {n.generic_path() for n in instance.iter()} if instance is not None else set()
        for path in paths | {prefix}:
            for t in dag.closure(path):
                todo[id(t)] = t
        self.run(sorted(todo.values(), key=lambda t: t.order))

    def _counts_itself(self, ref: str, count: Expr | None) -> bool:
        """A jr:count that reads the repeat itself (`count(../household) + 1`): no fixed point, so it is
        evaluated only when the person leaves the last instance, as JavaRosa does when it navigates."""
        if count is None:
            return False
        parent = ref.rsplit("/", 1)[0]
        try:
            reads = count.references(parent)
        except XPathError:
            return False
        downstream = {ref} | {t.target for t in self.form.dag.closure(ref)}
        for path in list(self.form.dag.by_dep):
            if path.startswith(ref + "/"):
                downstream |= {t.target for t in self.form.dag.closure(path)}
        return any(r == ref or r.startswith(ref + "/") or r in downstream for r in reads)

    def size_counted_repeats(self, only: str | None = None, parent_node: Node | None = None) -> bool:
        """Grow or shrink jr:count repeats to their count; True when the shape changed.

        Self-sized repeats are left alone unless `only` names one (then it may only grow)."""
        changed = False
        for control in self.counted:
            if (only is None) == (control.ref in self.self_sized) or (only is not None and control.ref != only):
                continue
            parent_path, name = control.ref.rsplit("/", 1)
            parents = [parent_node] if parent_node is not None else list(self.nodes(parent_path))
            for parent in parents:
                assert control.count is not None
                # jr:count is relative to the repeat itself ("../n"): evaluate it from a stand-in instance
                probe = Node(name)
                parent.append(probe)
                try:
                    raw = self.eval_str(control.count, probe, f"jr:count of {name}")
                finally:
                    parent.remove(probe)
                try:
                    wanted = max(0, min(MAX_COUNTED_REPEATS, int(float(raw or 0))))
                except (ValueError, OverflowError):
                    wanted = 0
                have = parent.children_named(name)
                if len(have) > wanted and only is None:
                    for extra in have[wanted:]:
                        parent.remove(extra)
                    self.reindex()
                    self.run(self.form.dag.closure(control.ref))
                    changed = True
                for _ in range(wanted - len(have)):
                    self.add_instance(control.ref, parent)
                    changed = True
        return changed

    def initial_size(self) -> None:
        """At the start even self-sized repeats get their first count."""
        for ref in sorted(self.self_sized):
            self.size_counted_repeats(only=ref)

    def grow_on_leave(self, left: tuple[Node, ...], arrived: tuple[Node, ...]) -> bool:
        """Moving out of the last instance of a self-counting repeat evaluates its count (JavaRosa
        does it on navigation); True when instances were added."""
        for instance in left:
            path = instance.generic_path()
            parent = instance.parent
            if path not in self.self_sized or instance in arrived or parent is None:
                continue
            if parent.children_named(instance.name)[-1] is not instance:
                continue
            if self.size_counted_repeats(only=path, parent_node=parent):
                return True
        return False
