"""XForm XML -> FormDef: everything the controller needs, parsed and checked once at load."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from inclusion_app.engine.body import Control, classify, parse_controls
from inclusion_app.engine.dag import Dag
from inclusion_app.engine.errors import FormDefError
from inclusion_app.engine.expressions import ExpressionCompiler
from inclusion_app.engine.external import check_choice_columns, secondary_instances
from inclusion_app.engine.itext import Itext, itext_id, local, render, unplayable_recordings
from inclusion_app.engine.model import (
    Bind,
    RepeatTemplate,
    SetValue,
    bind_path,
    build_tree,
    parse_bind,
    parse_setvalue,
    split_templates,
    walk_paths,
)
from inclusion_app.engine.tree import Node, document, gc_paused

MAX_FORM_BYTES = 10 * 1024 * 1024
_XMLNS = re.compile(rb"""xmlns:([A-Za-z_][\w.-]*)\s*=\s*["']([^"']*)["']""")


@dataclass
class FormDef:
    """A loaded form. Read-only after load except `practice`, which the loader may set."""

    form_id: str
    version: str
    form_hash: str
    xml: bytes
    source: str
    media_dir: Path | None
    raw_title: str
    title_id: str | None
    itext: Itext
    root: Node  # pristine primary instance (templates removed); controllers clone it
    instances: dict[str, Node]  # secondary instances, as document nodes
    binds: dict[str, Bind]
    templates: dict[str, RepeatTemplate]
    controls: list[Control]
    setvalues: list[SetValue]
    dag: Dag
    prefixes: dict[str, str]  # namespace URI -> prefix, to write the instance back out
    practice: bool = False
    public_key: str | None = None
    submission_url: str | None = None
    warnings: list[str] = field(default_factory=list)
    by_ref: dict[str, Control] = field(default_factory=dict)  # question and repeat controls by path
    titles: dict[str, str] = field(default_factory=dict)  # language code -> title (settings `translated_title::Lang (code)`)
    functions: frozenset[str] = frozenset()  # XPath functions the form's expressions call (engine.features)
    consent: dict[str, str] = field(default_factory=dict)  # language code -> settings `consent::Lang (code)` text

    @property
    def languages(self) -> list[str]:
        return list(self.itext.languages)

    @property
    def default_language(self) -> str | None:
        return self.itext.default

    def title(self, lang: str | None = None) -> str:
        if lang and self.titles.get(lang):
            return self.titles[lang]
        if self.title_id:
            text = self.itext.get(self.title_id, lang)
            if text is not None:
                return render(text, lambda _e: "")
        return self.raw_title

    def bind(self, path: str) -> Bind | None:
        return self.binds.get(path)


def parse_xform(
    xml: bytes, source: str = "", media_dir: Path | None = None, practice: bool = False
) -> FormDef:
    """Read an XForm safely (no DTDs, no entities, at most 10 MB); FormDefError when unusable."""
    if len(xml) > MAX_FORM_BYTES:
        raise FormDefError(f"the form is larger than {MAX_FORM_BYTES // (1024 * 1024)} MB", source)
    with gc_paused():  # a form with big inline lists builds tens of thousands of nodes
        return _parse_xform(xml, source, media_dir, practice)


def _parse_xform(xml: bytes, source: str, media_dir: Path | None, practice: bool) -> FormDef:
    html = _parse_safely(xml, source)
    compiler = ExpressionCompiler(source)
    prefixes = {uri.decode(): p.decode() for p, uri in _XMLNS.findall(xml[:200_000])}
    head = _find(html, "head")
    model = _find(head, "model") if head is not None else None
    if model is None:
        raise FormDefError("the form has no <model>: it is not an XForm", source)
    instance_elems = [e for e in model if isinstance(e.tag, str) and local(e.tag) == "instance"]
    primary = next((e for e in instance_elems if e.get("id") is None), None)
    if primary is None and instance_elems:
        primary = instance_elems[0]
    root_elem = next((e for e in primary if isinstance(e.tag, str)), None) if primary is not None else None
    if root_elem is None:
        raise FormDefError("the form has no primary instance", source)

    warnings: list[str] = []
    marked: set[int] = set()
    root = build_tree(root_elem, prefixes, marked)
    document(root)
    itext = Itext.parse(_find(model, "itext"), compiler)
    warnings.extend(unplayable_recordings(itext))
    instances = secondary_instances(xml, instance_elems, primary, prefixes, warnings, media_dir, source)

    binds: dict[str, Bind] = {}
    setvalues: list[SetValue] = []
    submission_url = public_key = None
    for elem in model:
        if not isinstance(elem.tag, str):
            continue
        name = local(elem.tag)
        if name == "bind":
            parse_bind(elem, compiler, root.name, binds)
        elif name in ("setvalue", "setgeopoint"):
            setvalues.extend(parse_setvalue(elem, compiler, root.name))
        elif name == "submission":
            submission_url = (elem.get("action") or "").strip() or None
            public_key = (elem.get("base64RsaPublicKey") or "").strip() or None

    body = _find(html, "body")
    if body is not None:
        _resolve_bind_ids(model, body, root.name)
    controls = parse_controls(body, "/" + root.name, compiler, root.name) if body is not None else []
    by_ref: dict[str, Control] = {}
    _index_controls(controls, binds, by_ref, warnings, setvalues)
    check_choice_columns(by_ref.values(), instances, source)
    repeat_paths = {path for path, c in by_ref.items() if c.tag == "repeat"}
    templates = split_templates(root, marked, repeat_paths)
    _apply_datatypes(root, binds)
    for path, tpl in templates.items():
        _apply_datatypes(tpl.node, binds, path.rsplit("/", 1)[0])

    known = {path for _node, path in walk_paths(root)}
    for path, tpl in templates.items():
        known |= {p for _node, p in walk_paths(tpl.node, path.rsplit("/", 1)[0])}
    for ref, control in by_ref.items():
        if ref not in known:
            warnings.append(f"question '{control.name}' points to {ref}, which the form's data does not have; it is left out")
    skip = {b.path for b in binds.values() if b.path.endswith("/meta/instanceID") or b.preload}
    dag = Dag(binds, skip, source)
    title_elem = _find(head, "title")
    raw_title = "".join(title_elem.itertext()).strip() if title_elem is not None else ""
    title_id = itext_id(title_elem.get("ref", "")) if title_elem is not None else None
    return FormDef(
        form_id=root.attrs.get("id", root.name),
        version=root.attrs.get("version", ""),
        form_hash=hashlib.sha256(xml).hexdigest(),
        xml=xml,
        source=source,
        media_dir=media_dir,
        raw_title=raw_title or root.attrs.get("id", root.name),
        title_id=title_id,
        itext=itext,
        root=root,
        instances=instances,
        binds=binds,
        templates=templates,
        controls=controls,
        setvalues=setvalues,
        dag=dag,
        prefixes=prefixes,
        practice=practice,
        public_key=public_key,
        submission_url=submission_url,
        warnings=warnings,
        by_ref=by_ref,
        functions=compiler.functions(),
    )


def _parse_safely(xml: bytes, source: str) -> Element:
    """No DTD means no entities to expand and nothing external to fetch: such documents (every
    real form) go to the fast C parser; anything else goes through defusedxml, which refuses it."""
    plain = b"\x00" not in xml[:512] and b"<!DOCTYPE" not in xml and b"<!ENTITY" not in xml
    try:
        if plain:
            return ET.fromstring(xml)
        return SafeET.fromstring(xml, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise FormDefError("the form contains a DTD or entities, which are not allowed", source) from None
    except ParseError as exc:
        raise FormDefError(f"the form is not well-formed XML ({exc})", source) from None
    except (LookupError, ValueError) as exc:  # an unknown or unusable encoding declaration
        raise FormDefError(f"the form's text encoding cannot be read ({exc})", source) from None


def _resolve_bind_ids(model: Element, body: Element, root_name: str) -> None:
    """Controls may name a bind by id (`<input bind="age">`): give them the bind's path as ref."""
    ids = {
        e.get("id", ""): bind_path(e, root_name)
        for e in model
        if isinstance(e.tag, str) and local(e.tag) == "bind" and e.get("id")
    }
    if not ids:
        return
    for elem in body.iter():
        bind = elem.get("bind")
        if bind and bind in ids and not (elem.get("ref") or elem.get("nodeset")):
            elem.set("nodeset" if local(elem.tag) == "repeat" else "ref", ids[bind])


def _find(parent: Element | None, name: str) -> Element | None:
    if parent is None:
        return None
    for child in parent:
        if isinstance(child.tag, str) and local(child.tag) == name:
            return child
    return None


def _index_controls(
    controls: list[Control],
    binds: dict[str, Bind],
    by_ref: dict[str, Control],
    warnings: list[str],
    setvalues: list[SetValue],
) -> None:
    for control in controls:
        if control.is_question:
            control.qtype, control.supported = classify(control, binds.get(control.ref))
            by_ref.setdefault(control.ref, control)
            setvalues.extend(control.setvalues)
            if not control.supported:
                warnings.append(
                    f"question '{control.name}' ({control.qtype}) cannot be answered on this computer"
                )
            elif control.tag == "range":
                warnings.append(f"question '{control.name}' (range) is asked as a number")
        else:
            setvalues.extend(control.setvalues)
            if control.tag == "repeat":
                by_ref[control.ref] = control
        _index_controls(control.children, binds, by_ref, warnings, setvalues)


def _apply_datatypes(root: Node, binds: dict[str, Bind], prefix: str = "") -> None:
    """Give every node its bind's datatype so XPath compares dates and numbers as such."""
    for node, path in walk_paths(root, prefix):
        bind = binds.get(path)
        if bind is not None:
            node.datatype = bind.datatype
