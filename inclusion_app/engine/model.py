"""The XForm model: instances as trees, binds by path, setvalue actions, repeat templates."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from inclusion_app.engine.errors import FormDefError
from inclusion_app.engine.expressions import ExpressionCompiler
from inclusion_app.engine.itext import Label, local, message_label
from inclusion_app.engine.tree import Node
from inclusion_app.engine.xpath import Expr

XFORMS = "http://www.w3.org/2002/xforms"
JR = "http://openrosa.org/javarosa"
ODK = "http://www.opendatakit.org/xforms"
ORX = "http://openrosa.org/xforms"
INCLUSION = "urn:inclusion-app:xforms"  # our own bind attributes: inclusion:shared (bundles)
KNOWN_PREFIXES = {JR: "jr", ODK: "odk", ORX: "orx", "http://www.w3.org/1999/xhtml": "h"}

# bind type (prefix dropped) -> the node datatype XPath converts with
DATATYPES = {
    "int": "int", "integer": "int", "long": "int", "short": "int",
    "decimal": "decimal", "double": "decimal", "float": "decimal",
    "date": "date", "time": "time", "datetime": "dateTime",
    "string": "string", "select1": "string", "select": "string", "boolean": "boolean",
}


@dataclass
class Bind:
    path: str
    type: str = "string"  # the bind's own type name, prefix dropped ("int", "geopoint", "rank")
    relevant: Expr | None = None
    required: Expr | None = None
    readonly: Expr | None = None
    constraint: Expr | None = None
    calculate: Expr | None = None
    constraint_msg: Label | None = None
    required_msg: Label | None = None
    preload: str = ""
    preload_params: str = ""
    texts: dict[str, str] = field(default_factory=dict)  # attribute -> source text, for messages
    shared: str = ""  # inclusion:shared: the personal-detail key a bundle asks once

    @property
    def datatype(self) -> str:
        return DATATYPES.get(self.type.lower(), self.type)


# Every event JavaRosa accepts on an action (Actions.ALL_EVENTS); anything else is refused.
EVENTS = ("odk-instance-first-load", "odk-instance-load", "xforms-ready", "odk-new-repeat", "jr-insert",
          "xforms-value-changed", "xforms-revalidate")
# Events that mean "the form has just been opened" and "a repeat instance was just added".
LOAD_EVENTS = frozenset(("odk-instance-first-load", "odk-instance-load", "xforms-ready"))
NEW_REPEAT_EVENTS = frozenset(("odk-new-repeat", "jr-insert"))


@dataclass(frozen=True)
class SetValue:
    event: str  # odk-instance-first-load, odk-new-repeat, xforms-value-changed
    target: str  # generic path
    value: Expr | None  # None: the literal below
    literal: str = ""
    trigger: str = ""  # for xforms-value-changed: the control whose change fires it


@dataclass
class RepeatTemplate:
    node: Node  # a detached subtree; cloned for every new instance
    index: int  # where the first instance goes among its parent's children


def walk_paths(root: Node, base: str = "") -> Iterator[tuple[Node, str]]:
    """Every node under `root` with its generic path, built once per step (not per node)."""
    stack = [(root, f"{base}/{root.name}")]
    while stack:
        node, path = stack.pop()
        yield node, path
        stack.extend((child, f"{path}/{child.name}") for child in reversed(node.children))


def attr_name(key: str, prefixes: dict[str, str]) -> str:
    """'{uri}local' -> 'prefix:local' using the form's own prefixes."""
    if key.startswith("{"):
        uri, name = key[1:].split("}", 1)
        prefix = prefixes.get(uri) or KNOWN_PREFIXES.get(uri, "")
        return f"{prefix}:{name}" if prefix else name
    return key


def build_tree(elem: Element, prefixes: dict[str, str], templates: set[int] | None = None) -> Node:
    """An ElementTree element as a Node tree; ids of `jr:template` elements are collected.
    Iterative, with each tag's parts worked out once: lists of tens of thousands of items load here."""
    names: dict[str, tuple[str, str, str]] = {}
    template_key = f"{{{JR}}}template"

    def make(e: Element) -> Node:
        tag = e.tag
        parts = names.get(tag)
        if parts is None:
            namespace = tag[1:].split("}", 1)[0] if tag.startswith("{") else ""
            prefix = "" if namespace in ("", XFORMS) else prefixes.get(namespace, "")
            parts = names[tag] = (local(tag), prefix, namespace)
        attrib = e.attrib
        attrs = {attr_name(k, prefixes): v for k, v in attrib.items()} if attrib else {}
        node = Node(parts[0], "", attrs, parts[1], parts[2])
        if templates is not None and template_key in attrib:
            templates.add(id(node))
        return node

    top = make(elem)
    if not len(elem):
        top.value = (elem.text or "").strip()
        return top
    stack = [(elem, top)]
    while stack:
        e, node = stack.pop()
        children = node.children
        for child in e:
            if not isinstance(child.tag, str):
                continue  # a comment or processing instruction (only if a parser kept them)
            made = make(child)
            made.parent = node
            children.append(made)
            if len(child):
                stack.append((child, made))
            else:  # a leaf, the most common case: no trip through the stack
                made.value = (child.text or "").strip()
    return top


def split_templates(root: Node, marked: set[int], repeat_paths: set[str]) -> dict[str, RepeatTemplate]:
    """Detach `jr:template` subtrees; repeats without one get a template from their first instance."""
    templates: dict[str, RepeatTemplate] = {}
    # Paths first: once a template is detached, its descendants' paths no longer reach the root.
    nodes = list(walk_paths(root))
    for node, path in nodes:
        if id(node) in marked and node.parent is not None:
            parent = node.parent
            index = parent.children.index(node)
            parent.remove(node)
            node.attrs = {k: v for k, v in node.attrs.items() if not k.endswith("template")}
            if path not in templates:
                templates[path] = RepeatTemplate(node, index)
    for node, path in list(walk_paths(root)):
        if path in repeat_paths and path not in templates and node.parent is not None:
            blank = node.clone()
            for leaf in blank.iter():
                leaf.value = ""
            templates[path] = RepeatTemplate(blank, node.parent.children.index(node))
    return templates


def bind_path(elem: Element, root_name: str) -> str:
    nodeset = (elem.get("nodeset") or elem.get("ref") or "").strip()
    if not nodeset.startswith("/"):
        nodeset = f"/{root_name}/{nodeset.lstrip('./')}"
    return nodeset.split("[", 1)[0].rstrip("/").replace(" ", "")


def parse_bind(elem: Element, compiler: ExpressionCompiler, root_name: str, binds: dict[str, Bind]) -> None:
    """Add one `<bind>` to `binds`; a second bind for the same path adds to the first."""
    path = bind_path(elem, root_name)
    bind = binds.get(path) or Bind(path)
    binds[path] = bind
    where = f"bind for {path}"
    attrs = {attr_name(k, KNOWN_PREFIXES): v for k, v in elem.attrib.items()}
    for key in ("relevant", "required", "readonly", "constraint", "calculate"):
        text = attrs.get(key)
        if text is not None and text.strip():
            setattr(bind, key, compiler.compile(text, where, key))
            bind.texts[key] = text.strip()
    if attrs.get("type"):
        bind.type = attrs["type"].split(":")[-1]
    msg = message_label(attrs.get("jr:constraintMsg"), compiler, where)
    bind.constraint_msg = msg or bind.constraint_msg
    msg = message_label(attrs.get("jr:requiredMsg"), compiler, where)
    bind.required_msg = msg or bind.required_msg
    shared = elem.get(f"{{{INCLUSION}}}shared")
    if shared and shared.strip():
        bind.shared = shared.strip()
    if attrs.get("jr:preload"):
        bind.preload = attrs["jr:preload"].strip()
        bind.preload_params = (attrs.get("jr:preloadParams") or "").strip()


def parse_setvalue(
    elem: Element, compiler: ExpressionCompiler, root_name: str, context: str = "", trigger: str = ""
) -> list[SetValue]:
    """One `<setvalue>`/`<odk:setgeopoint>` element, as one action per event it listens to."""
    ref = (elem.get("ref") or elem.get("bind") or "").strip()
    if not ref:
        return []
    if not ref.startswith("/"):
        ref = f"{context or '/' + root_name}/{ref.lstrip('./')}"
    target = ref.split("[", 1)[0]
    value_text = elem.get("value")
    value = compiler.compile(value_text, f"setvalue for {target}", "value") if value_text else None
    literal = (elem.text or "").strip()
    events = (elem.get("event") or "").split()
    unknown = [ev for ev in events if ev not in EVENTS]
    if unknown:
        # JavaRosa refuses these too: a misspelt event would otherwise silently never run
        raise FormDefError(
            f"setvalue for {target}: the event {' '.join(unknown)!r} is not one ODK knows "
            f"(use one of: {', '.join(EVENTS)})", compiler.source)
    return [SetValue(ev, target, value, literal, trigger) for ev in events]
