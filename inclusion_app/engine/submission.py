"""A finished form as the bytes a server receives: instance XML, a JSON view, a reference code."""

from __future__ import annotations

import hashlib
import json

from inclusion_app.engine.formdef import FormDef
from inclusion_app.engine.model import XFORMS
from inclusion_app.engine.prompt import Submission
from inclusion_app.engine.tree import Node
from inclusion_app.engine.validators import xml_safe

# Our own marks in a submission (`meta/inclusion:assisted`) live in this namespace, so every
# other ODK tool reads the rest of the instance as usual and can ignore what it does not know.
INCLUSION_NS = "urn:inclusion-app:xforms"
INCLUSION_PREFIX = "inclusion"

# No I, O, Q, Z, 0 or 1: a code read aloud over the phone cannot be misheard as another.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPRSTUVWXY"


def reference_code(instance_id: str) -> str:
    """'XXXX-XXXX' derived from the instanceID, so the office can find the submission by it."""
    number = int.from_bytes(hashlib.sha256(instance_id.encode("utf-8")).digest()[:8], "big")
    chars = []
    for _ in range(8):
        number, digit = divmod(number, len(REFERENCE_ALPHABET))
        chars.append(REFERENCE_ALPHABET[digit])
    return "".join(chars[:4]) + "-" + "".join(chars[4:])


def _qname(node: Node) -> str:
    return f"{node.prefix}:{node.name}" if node.prefix else node.name


def _used_prefixes(root: Node) -> dict[str, str]:
    """Prefix -> the namespace a node of ours carries ("" when only the form declares it)."""
    used: dict[str, str] = {}
    for node in root.iter():
        if node.prefix:
            used.setdefault(node.prefix, node.namespace)
    for key in root.attrs:
        if ":" in key and not key.startswith("xmlns"):
            used.setdefault(key.split(":", 1)[0], "")
    return used


def mark_assisted(root: Node) -> None:
    """Say in the instance that a volunteer helped: the form's own `assisted` question if it has
    one, else `meta/inclusion:assisted` = true. Idempotent."""
    own = [n for n in root.iter() if n.name == "assisted" and not n.children and n.namespace != INCLUSION_NS
           and (n.parent is None or n.parent.name != "meta")]
    if own:
        own[0].value = "true"
        return
    meta = root.child("meta")
    if meta is None:
        meta = root.append(Node("meta"))  # as pyxform writes it: in the form's own namespace
    mark = next((n for n in meta.children if n.name == "assisted" and n.namespace == INCLUSION_NS), None)
    if mark is None:
        mark = meta.append(Node("assisted", prefix=INCLUSION_PREFIX, namespace=INCLUSION_NS))
    mark.value = "true"


def instance_xml(root: Node, form: FormDef) -> bytes:
    """The primary instance as ODK writes it: UTF-8, the root's id/version, non-relevant values emptied."""
    # Imported here: xml.sax pulls in ssl, http and email, ~3 MiB the window never needs at start.
    from xml.sax.saxutils import quoteattr

    by_prefix = {prefix: uri for uri, prefix in form.prefixes.items()}
    attrs: list[str] = []
    if root.namespace and root.namespace != XFORMS:
        attrs.append(f"xmlns={quoteattr(root.namespace)}")
    for prefix, own_uri in sorted(_used_prefixes(root).items()):
        uri = by_prefix.get(prefix) or own_uri
        if uri:
            attrs.append(f"xmlns:{prefix}={quoteattr(uri)}")
    for key, value in root.attrs.items():
        if not key.startswith("xmlns"):
            attrs.append(f"{key}={quoteattr(value)}")
    out: list[str] = ['<?xml version="1.0" encoding="UTF-8"?>']
    head = _qname(root) + ("" if not attrs else " " + " ".join(attrs))
    _write(root, head, out)
    return "".join(out).encode("utf-8")


def _write(node: Node, head: str, out: list[str]) -> None:
    # Loaded once by instance_xml; here only a dictionary look-up.
    from xml.sax.saxutils import escape, quoteattr

    if node.children:
        out.append(f"<{head}>")
        for child in node.children:
            child_head = _qname(child)
            extra = [f"{k}={quoteattr(v)}" for k, v in child.attrs.items() if not k.startswith("xmlns")]
            if extra:
                child_head += " " + " ".join(extra)
            _write(child, child_head, out)
        out.append(f"</{_qname(node)}>")
    elif node.value and node.relevant:
        out.append(f"<{head}>{escape(xml_safe(node.value))}</{_qname(node)}>")
    else:
        out.append(f"<{head}/>")


def json_view(root: Node, form: FormDef, reference: str) -> bytes:
    """Question name -> value (groups flattened, repeats as lists of objects), plus `meta`."""
    repeats = set(form.templates)
    answers = _object(root, repeats)
    meta = answers.pop("meta", {})
    if not isinstance(meta, dict):
        meta = {"meta": meta}
    meta.update({"formId": form.form_id, "version": form.version, "reference": reference})
    answers["meta"] = meta
    return json.dumps(answers, ensure_ascii=False, indent=1).encode("utf-8")


def _object(node: Node, repeats: set[str]) -> dict[str, object]:
    out: dict[str, object] = {}
    for child in node.children:
        path = child.generic_path()
        if path in repeats:
            rows = out.setdefault(child.name, [])
            if isinstance(rows, list):
                rows.append(_object(child, repeats))
        elif child.name == "meta" and child.children:
            out["meta"] = {leaf.name: leaf.value for leaf in child.iter() if not leaf.children}
        elif child.children:
            out.update(_object(child, repeats))
        else:
            out[child.name] = child.value if child.relevant else ""
    return out


def instance_id(root: Node) -> str:
    meta = root.child("meta")
    node = meta.child("instanceID") if meta is not None else None
    return node.value if node is not None else ""


def build_submission(
    form: FormDef, root: Node, attachments: dict[str, bytes], language: str | None, fallback_id: str
) -> Submission:
    """Everything storage keeps and sync uploads, computed once at finalization."""
    ident = instance_id(root) or fallback_id
    reference = reference_code(ident)
    return Submission(
        form_id=form.form_id,
        form_version=form.version,
        instance_id=ident,
        reference=reference,
        xml=instance_xml(root, form),
        json=json_view(root, form, reference),
        attachments=attachments,
        practice=form.practice,
        public_key=form.public_key,
        submission_url=form.submission_url,
        title=form.title(language),
    )
