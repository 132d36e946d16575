"""The form body: questions, groups and repeats, with their labels, choices and question type."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from inclusion_app.engine.expressions import ExpressionCompiler
from inclusion_app.engine.itext import Label, local, read_label
from inclusion_app.engine.model import JR, Bind, SetValue, parse_setvalue
from inclusion_app.engine.xpath import Expr

QUESTION_TAGS = {"input", "select1", "select", "trigger", "upload", "range", "rank", "secret", "textarea"}
_DYNAMIC_ITEXT = re.compile(r"^\s*jr:itext\((.+)\)\s*$")
# Appearances of an image upload that need a pen or a camera: this computer cannot answer them.
_DRAWING = {"signature", "draw", "annotate"}
_INPUT_TYPES = {
    "string": "text", "int": "integer", "integer": "integer", "long": "integer", "short": "integer",
    "decimal": "decimal", "double": "decimal", "float": "decimal",
    "date": "date", "time": "time", "dateTime": "dateTime", "datetime": "dateTime",
}


@dataclass(frozen=True)
class Item:
    value: str
    label: Label | None


@dataclass(frozen=True)
class Itemset:
    nodeset: Expr
    value: Expr | None
    label: Expr | None
    label_id: Expr | None  # when the label is jr:itext(<expr>): the id, for media lookups


@dataclass
class Control:
    tag: str  # input, select1, select, trigger, upload, range, rank, group, repeat
    ref: str  # generic path of the bound node; "" for a group without one
    label: Label | None = None
    hint: Label | None = None
    appearance: str = ""
    children: list[Control] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    itemset: Itemset | None = None
    mediatype: str = ""
    count: Expr | None = None  # jr:count of a repeat
    no_add_remove: bool = False
    setvalues: list[SetValue] = field(default_factory=list)
    qtype: str = ""
    supported: bool = True
    bounds: tuple[str, str] | None = None  # a range's start and end

    @property
    def name(self) -> str:
        return self.ref.rsplit("/", 1)[-1] if self.ref else ""

    @property
    def is_question(self) -> bool:
        return self.tag in QUESTION_TAGS

    @property
    def field_list(self) -> bool:
        return self.tag == "group" and "field-list" in self.appearance.split()

    @property
    def user_repeat(self) -> bool:
        """A repeat the person grows with "add another" (not fixed by jr:count or noAddRemove)."""
        return self.tag == "repeat" and self.count is None and not self.no_add_remove

    def questions(self) -> list[Control]:
        """Questions inside this control, through plain groups (not into repeats)."""
        found: list[Control] = []
        for child in self.children:
            if child.is_question:
                found.append(child)
            elif child.tag == "group":
                found.extend(child.questions())
        return found


def resolve(ref: str, context: str) -> str:
    """A body reference made absolute against its group's path, without predicates."""
    ref = re.sub(r"\[[^\]]*\]", "", ref.strip())
    if ref.startswith("/"):
        return ref.rstrip("/")
    parts = context.rstrip("/").split("/") if context else [""]
    for step in ref.split("/"):
        if step in ("", "."):
            continue
        if step == "..":
            if len(parts) > 1:
                parts.pop()
        else:
            parts.append(step)
    return "/".join(parts) or "/"


def parse_controls(
    parent: Element, context: str, compiler: ExpressionCompiler, root_name: str
) -> list[Control]:
    controls: list[Control] = []
    for elem in parent:
        if not isinstance(elem.tag, str):
            continue
        tag = local(elem.tag)
        if tag in QUESTION_TAGS:
            controls.append(_question(elem, tag, context, compiler, root_name))
        elif tag in ("group", "repeat"):
            ref_attr = elem.get("nodeset") if tag == "repeat" else elem.get("ref")
            ref = resolve(ref_attr, context) if ref_attr else ""
            where = f"group {ref or '(no name)'}"
            control = Control(tag, ref, appearance=elem.get("appearance", "").strip())
            control.label = read_label(_child(elem, "label"), compiler, where)
            if tag == "repeat":
                count = elem.get(f"{{{JR}}}count")
                if count and count.strip():
                    control.count = compiler.compile(count, f"repeat {ref}", "jr:count")
                no_add = elem.get(f"{{{JR}}}noAddRemove", "")
                control.no_add_remove = no_add.strip() in ("true()", "true", "1")
            control.children = parse_controls(elem, ref or context, compiler, root_name)
            for child in elem:
                # pyxform puts a repeat's dynamic defaults here, as odk-new-repeat actions
                if isinstance(child.tag, str) and local(child.tag) == "setvalue":
                    control.setvalues.extend(parse_setvalue(child, compiler, root_name, ref or context))
            controls.append(control)
    return controls


def _child(elem: Element, name: str) -> Element | None:
    for child in elem:
        if isinstance(child.tag, str) and local(child.tag) == name:
            return child
    return None


def _question(
    elem: Element, tag: str, context: str, compiler: ExpressionCompiler, root_name: str
) -> Control:
    ref = resolve(elem.get("ref") or elem.get("bind") or "", context)
    where = f"question {ref.rsplit('/', 1)[-1]}"
    control = Control(tag, ref, appearance=elem.get("appearance", "").strip())
    control.label = read_label(_child(elem, "label"), compiler, where)
    control.hint = read_label(_child(elem, "hint"), compiler, where)
    control.mediatype = elem.get("mediatype", "")
    if tag == "range" and elem.get("start") is not None and elem.get("end") is not None:
        control.bounds = (elem.get("start", "").strip(), elem.get("end", "").strip())
    for child in elem:
        if not isinstance(child.tag, str):
            continue
        name = local(child.tag)
        if name == "item":
            value = _child(child, "value")
            text = (value.text or "").strip() if value is not None else ""
            control.items.append(Item(text, read_label(_child(child, "label"), compiler, where)))
        elif name == "itemset":
            control.itemset = _itemset(child, compiler, where)
        elif name == "setvalue":
            control.setvalues.extend(parse_setvalue(child, compiler, root_name, context, ref))
    return control


def _itemset(elem: Element, compiler: ExpressionCompiler, where: str) -> Itemset:
    nodeset = compiler.compile(elem.get("nodeset", ""), where, "choice list (itemset)")
    value_el, label_el = _child(elem, "value"), _child(elem, "label")
    value = compiler.compile(value_el.get("ref", ""), where, "choice value") if value_el is not None else None
    label = label_id = None
    if label_el is not None and label_el.get("ref"):
        ref = label_el.get("ref", "")
        label = compiler.compile(ref, where, "choice label")
        match = _DYNAMIC_ITEXT.match(ref)
        if match:
            label_id = compiler.compile(match.group(1), where, "choice label")
    return Itemset(nodeset, value, label, label_id)


def classify(control: Control, bind: Bind | None) -> tuple[str, bool]:
    """(XLSForm-like question type, whether this computer can answer it)."""
    btype = bind.type if bind else "string"
    if btype in ("rank", "odk:rank") or control.tag == "rank":
        return "rank", False
    if control.tag == "select1":
        return "select_one", True
    if control.tag == "select":
        return "select_multiple", True
    if control.tag == "trigger":
        return "acknowledge", True
    if control.tag == "upload":
        kind = control.mediatype.split("/", 1)[0].lower()
        if kind == "image":
            if set(control.appearance.split()) & _DRAWING:
                return "signature" if "signature" in control.appearance else "draw", False
            return "image", True
        if kind in ("audio", "video"):
            return kind, False
        return "file", True
    qtype = _INPUT_TYPES.get(btype)
    if qtype is None:
        return btype, False  # geopoint, geotrace, geoshape, barcode, binary, ...
    if control.tag == "range":
        return ("integer" if qtype == "integer" else "decimal"), True
    if qtype == "text" and bind is not None and bind.texts.get("readonly") == "true()" and bind.calculate is None:
        return "note", True
    return qtype, True
