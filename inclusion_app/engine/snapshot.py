"""A draft as bytes and back: the whole instance, the screen, the language and attachments."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

from inclusion_app.engine.formdef import FormDef
from inclusion_app.engine.tree import Node

FORMAT = 1


class SnapshotError(ValueError):
    """A saved draft that cannot be read back (damaged, or from another program)."""


@dataclass
class Snapshot:
    root: Node
    key: tuple[int, ...]
    language: str | None
    attachments: dict[str, bytes]
    form_hash: str
    assisted: bool = False  # a volunteer helps with this draft (older drafts: no key, False)


def _encode(node: Node) -> list[object]:
    if node.children:
        return [node.name, [_encode(c) for c in node.children]]
    return [node.name, node.value]


def dumps(root: Node, key: tuple[int, ...], language: str | None, attachments: dict[str, bytes], form_hash: str,
          assisted: bool = False) -> bytes:
    data = {
        "format": FORMAT,
        "form_hash": form_hash,
        "language": language,
        "key": list(key),
        "tree": _encode(root),
        "attachments": {name: base64.b64encode(blob).decode("ascii") for name, blob in attachments.items()},
    }
    if assisted:
        data["assisted"] = True
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _prototypes(form: FormDef) -> dict[str, Node]:
    """Generic path -> a pristine node (for prefix, namespace, attributes and datatype)."""
    protos: dict[str, Node] = {}
    for node in form.root.iter():
        protos.setdefault(node.generic_path(), node)
    for path, tpl in form.templates.items():
        base = path.rsplit("/", 1)[0]
        for node in tpl.node.iter():
            protos.setdefault(base + node.generic_path(), node)
    return protos


def _decode(item: object, path: str, protos: dict[str, Node]) -> Node:
    if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)):
        raise SnapshotError("the saved draft is damaged")
    name, content = item
    path = f"{path}/{name}"
    proto = protos.get(path)
    node = Node(name)
    if proto is not None:
        node.prefix, node.namespace, node.datatype = proto.prefix, proto.namespace, proto.datatype
        node.attrs = dict(proto.attrs)
    if isinstance(content, list):
        for child in content:
            node.append(_decode(child, path, protos))
    elif isinstance(content, str):
        node.value = content
    else:
        raise SnapshotError("the saved draft is damaged")
    return node


def loads(form: FormDef, blob: bytes) -> Snapshot:
    try:
        data = json.loads(blob.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, AttributeError):
        raise SnapshotError("the saved draft cannot be read") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SnapshotError("the saved draft was written by another version of the program")
    try:
        root = _decode(data["tree"], "", _prototypes(form))
        key = tuple(int(k) for k in data.get("key", []))
        attachments = {str(k): base64.b64decode(v) for k, v in data.get("attachments", {}).items()}
    except (KeyError, TypeError, ValueError, RecursionError) as exc:
        if isinstance(exc, SnapshotError):
            raise
        raise SnapshotError("the saved draft is damaged") from None
    if root.name != form.root.name:
        raise SnapshotError("the saved draft belongs to another form")
    language = data.get("language")
    return Snapshot(root, key, language if isinstance(language, str) else None, attachments,
                    str(data.get("form_hash", "")), data.get("assisted") is True)
