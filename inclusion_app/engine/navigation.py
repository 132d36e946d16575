"""The form as a flat list of screens for the current instance (JavaRosa's FormIndex, simplified)."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field

from inclusion_app.engine.body import Control
from inclusion_app.engine.prompt import ScreenKind
from inclusion_app.engine.tree import Node


@dataclass
class Entry:
    """One screen: its stable key, its questions with their nodes, or a repeat's "add another?"."""

    key: tuple[int, ...]
    kind: ScreenKind
    items: list[tuple[Control, Node]] = field(default_factory=list)
    group: tuple[Control, Node] | None = None  # the innermost labelled group around it
    repeat: Control | None = None  # for REPEAT_PROMPT
    parent: Node | None = None  # for REPEAT_PROMPT: the node its instances hang under
    count: int = 0  # for REPEAT_PROMPT: instances so far
    within: tuple[Node, ...] = ()  # the repeat instances around it, outermost first
    guards: tuple[Node, ...] = ()  # nodes of the body groups around it: not relevant hides it

    @property
    def shown(self) -> bool:
        """False when a group around it is not relevant (its ref may be elsewhere in the model)."""
        return all(g.relevant for g in self.guards)


def find(ctx_node: Node, ctx_path: str, path: str) -> Node | None:
    """The node at generic `path`, inside the repeat instance `ctx_node` (at `ctx_path`) when it is
    below it, else the first such node from the document."""
    if path == ctx_path:
        return ctx_node
    if ctx_path and path.startswith(ctx_path + "/"):
        node: Node | None = ctx_node
        steps = path[len(ctx_path) + 1 :].split("/")
    else:
        node = ctx_node.document()
        steps = path.strip("/").split("/")
    for step in steps:
        if node is None:
            return None
        node = node.child(step)
    return node


def build_entries(controls: list[Control], root: Node, addable: Container[str] = frozenset()) -> list[Entry]:
    """Every screen of the current instance in order, ending with END. Repeats whose path is not
    in `addable` (no template to copy) get no "add another?" screen."""
    out: list[Entry] = []
    _walk(controls, root, "/" + root.name, (), None, out, (), (), addable)
    out.append(Entry((len(controls),), ScreenKind.END))
    return out


def _walk(
    controls: list[Control],
    ctx: Node,
    ctx_path: str,
    key: tuple[int, ...],
    group: tuple[Control, Node] | None,
    out: list[Entry],
    within: tuple[Node, ...],
    guards: tuple[Node, ...],
    addable: Container[str],
) -> None:
    for i, control in enumerate(controls):
        here = (*key, i)
        if control.is_question:
            node = find(ctx, ctx_path, control.ref)
            if node is not None:
                out.append(Entry(here, ScreenKind.QUESTIONS, [(control, node)], group, within=within, guards=guards))
        elif control.tag == "group":
            inner = group
            ref_node = find(ctx, ctx_path, control.ref) if control.ref else None
            # pyxform wraps a repeat in a group of the same path: its instances guard themselves
            wraps_repeat = any(c.tag == "repeat" and c.ref == control.ref for c in control.children)
            inner_guards = (*guards, ref_node) if ref_node is not None and not wraps_repeat else guards
            if control.label is not None:
                inner = (control, ref_node if ref_node is not None else ctx)
            if control.field_list and not _has_repeat(control):
                items = []
                for question in control.questions():
                    node = find(ctx, ctx_path, question.ref)
                    if node is not None:
                        items.append((question, node))
                if items:
                    out.append(Entry(here, ScreenKind.QUESTIONS, items, inner, within=within, guards=inner_guards))
            else:
                _walk(control.children, ctx, ctx_path, here, inner, out, within, inner_guards, addable)
        elif control.tag == "repeat" and "/" in control.ref.strip("/"):
            parent_path, name = control.ref.rsplit("/", 1)
            parent = find(ctx, ctx_path, parent_path)
            if parent is None:
                continue
            instances = parent.children_named(name)
            inner = (control, parent) if control.label is not None else group
            for n, instance in enumerate(instances):
                _walk(control.children, instance, control.ref, (*here, n), inner, out, (*within, instance), guards, addable)
            if control.user_repeat and control.ref in addable:
                out.append(
                    Entry(
                        (*here, len(instances)),
                        ScreenKind.REPEAT_PROMPT,
                        group=group,
                        repeat=control,
                        parent=parent,
                        count=len(instances),
                        within=within,
                        guards=guards,
                    )
                )


def _has_repeat(control: Control) -> bool:
    """A field-list cannot hold a repeat on one screen: such a group is walked question by question."""
    return any(c.tag == "repeat" or (c.tag == "group" and _has_repeat(c)) for c in control.children)


def find_instance(entries: list[Entry], ref: str) -> Node | None:
    """The repeat instance at indexed path `ref` among the screens' ("/data/m[1]" = "/data/m")."""
    wanted = ref.strip().replace("[1]", "")
    if not wanted:
        return None
    for entry in entries:
        for instance in entry.within:
            if instance.indexed_path().replace("[1]", "") == wanted:
                return instance
    return None


def instance_key(entries: list[Entry], instance: Node) -> tuple[int, ...] | None:
    """The screen key where `instance` begins: its repeat's "add another?" key with its index."""
    for entry in entries:
        repeat = entry.repeat
        if (entry.kind is ScreenKind.REPEAT_PROMPT and entry.parent is instance.parent and repeat is not None
                and repeat.name == instance.name):
            return (*entry.key[:-1], instance.multiplicity() - 1)
    return None
