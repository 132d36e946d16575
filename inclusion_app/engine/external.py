"""Lists kept beside the form: external secondary instances read from its media folder.

`select_one_from_file streets.csv`, `<instance id="x" src="jr://file/x.xml"/>` and `pulldata()`
all read a file the form ships with. Only the form's own media folder is read (never another
path, never the network); a file that is missing or cannot be read is a located problem, never
an empty list. The trees built are the same as JavaRosa's: a CSV becomes `root/item/<column>`
(`;` as the separator when the header holds one), GeoJSON becomes `root/item` with `geometry`,
`id` and one child per property, and XML is taken as it is.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET
from xml.etree.ElementTree import Element

from inclusion_app.engine.errors import FormDefError
from inclusion_app.engine.tree import Node, document, gc_paused

if TYPE_CHECKING:
    from inclusion_app.engine.body import Control

MAX_LIST_BYTES = 64 * 1024 * 1024
_Q = rb"""(?:'|"|&apos;|&quot;)"""
_NAMED_IN = re.compile(rb"(instance|pulldata)\(\s*" + _Q + rb"([^'\"&]+)" + _Q)
_SCHEMES = re.compile(r"^jr://(file|file-csv)/(.+)$")


class ExternalDataError(FormDefError):
    """A list file the form needs that is missing or unreadable: says which file, row and column."""

    def __init__(self, message: str, source: str = "", file: str = "", row: int | None = None,
                 column: str | None = None) -> None:
        super().__init__(message, source)
        self.file = file
        self.row = row
        self.column = column


def secondary_instances(xml: bytes, elems: list[Element], primary: Element, prefixes: dict[str, str],
                        warnings: list[str], media_dir: Path | None, source: str) -> dict[str, Node]:
    """The form's secondary instances as documents: inline ones, and lists from the media folder
    (a missing or bad one is an ExternalDataError). As in JavaRosa, a list no instance() or
    pulldata() names is not read (ODK Collect's database features declare such lists).
    pulldata('fruits', ...) in a form that does not declare 'fruits' reads fruits.csv."""
    from inclusion_app.engine.itext import local
    from inclusion_app.engine.model import build_tree

    named: dict[str, set[str]] = {"instance": set(), "pulldata": set()}
    for match in _NAMED_IN.finditer(xml):
        named[match.group(1).decode()].add(match.group(2).decode("utf-8", "replace").strip())
    instances: dict[str, Node] = {}
    for elem in elems:
        ident = elem.get("id")
        if elem is primary or not ident or local(elem.tag) != "instance":
            continue
        src = (elem.get("src") or "").strip()
        root_elem = next((e for e in elem if isinstance(e.tag, str)), None)
        if src and is_external(src):
            if ident in named["instance"] or ident in named["pulldata"]:
                instances[ident] = load_instance(src, media_dir, source)
        elif src or root_elem is None:
            # jr://instance/last-saved and the like: nothing on this computer to read them from
            warnings.append(f"the list '{ident}' ({src or 'no data'}) is not available on this computer; it is empty")
            instances[ident] = document(Node("root"))
        else:
            instances[ident] = document(build_tree(root_elem, prefixes))
    for name in sorted(named["pulldata"] - set(instances)):
        instances[name] = load_instance(f"jr://file-csv/{name}.csv", media_dir, source)
    return instances


def check_choice_columns(controls: Iterable[Control], instances: dict[str, Node], source: str) -> None:
    """A choice list from a list file must have the columns its values and labels come from
    (JavaRosa refuses the form too): checked on the list's first row."""
    from inclusion_app.engine.choice_lists import _child_name
    from inclusion_app.engine.xpath.nodes import FunctionCall, Literal
    from inclusion_app.engine.xpath.pathexpr import FilterPath

    for control in controls:
        itemset = control.itemset
        ast = itemset.nodeset.ast if itemset is not None else None
        if not (isinstance(ast, FilterPath) and isinstance(ast.primary, FunctionCall)
                and ast.primary.name == "instance" and ast.primary.args
                and isinstance(ast.primary.args[0], Literal)):
            continue
        name = str(ast.primary.args[0].value)
        rows = [instances[name]] if name in instances else []
        for step in ast.steps:
            if step.axis != "child" or step.kind != "name":
                rows = []
            rows = [c for r in rows for c in r.named(step.name)] if rows else []
        if not rows:
            continue  # no rows (a header-only list) or a path this check does not follow
        have = [c.name for c in rows[0].children]
        for what, expr in (("values", itemset.value), ("labels", itemset.label)):
            column = _child_name(expr)
            if column and column not in have:
                raise FormDefError(
                    f"question {control.ref}: the list '{name}' has no column '{column}' for the choices' "
                    f"{what} (it has: {', '.join(have)})", source)


def is_external(src: str) -> bool:
    return _SCHEMES.match(src.strip()) is not None


def media_file(src: str, media_dir: Path | None, source: str = "") -> Path:
    """The file `jr://file/...` or `jr://file-csv/...` names, inside the media folder only."""
    match = _SCHEMES.match(src.strip())
    name = match.group(2) if match else src.strip()
    if media_dir is None:
        raise ExternalDataError(
            f"the list file '{name}' is needed, but the form has no media folder: put it in a folder "
            "named '<form name>-media' beside the form", source, name)
    base = media_dir.resolve()
    try:
        path = (base / name).resolve()
    except (OSError, ValueError):
        path = base
    if base not in path.parents:
        raise ExternalDataError(f"the list file '{name}' is outside the form's media folder; it is not read",
                                source, name)
    if not path.is_file():
        raise ExternalDataError(f"the list file '{name}' is not in the form's media folder ({media_dir.name})",
                                source, name)
    size = path.stat().st_size
    if size > MAX_LIST_BYTES:
        raise ExternalDataError(
            f"the list file is {size / 1024 / 1024:.0f} MB; a list may be at most "
            f"{MAX_LIST_BYTES // (1024 * 1024)} MB", source, name)
    return path


def load_instance(src: str, media_dir: Path | None, source: str = "") -> Node:
    """The external instance `src` as a document node (raises ExternalDataError)."""
    path = media_file(src, media_dir, source)
    name = path.name
    data = path.read_bytes()
    kind = name.lower().rsplit(".", 1)[-1]
    with gc_paused():
        if src.strip().startswith("jr://file-csv/") or kind == "csv":
            return document(read_csv(data, name, source))
        if kind == "geojson":
            return document(read_geojson(data, name, source))
        return document(read_xml(data, name, source))


def _text(data: bytes, name: str, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")  # a list saved by Chinese Windows Excel
    except UnicodeDecodeError:
        raise ExternalDataError("the file is not UTF-8 text; save it again as 'CSV UTF-8'", source, name) from None


def read_csv(data: bytes, name: str, source: str = "") -> Node:
    """`root/item/<column>` for each row after the header (JavaRosa's CsvExternalInstance)."""
    text = _text(data, name, source)
    first = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    root = Node("root")
    number = 1  # the spreadsheet row of the last record read (the header is row 1)
    try:
        header = [h.strip() for h in next(reader, [])]
        if not any(header):
            raise ExternalDataError("the file is empty: the first row must name the columns", source, name, 1)
        seen: set[str] = set()
        for i, column in enumerate(header):
            if not column:
                raise ExternalDataError(f"column {i + 1} has no name in the first row", source, name, 1)
            if column in seen:
                raise ExternalDataError(f"the column name '{column}' is used twice", source, name, 1, column)
            seen.add(column)
        width = len(header)
        items = root.children
        for row in reader:
            number += 1
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # blank lines, as in a spreadsheet
            item = Node("item")
            item.parent = root
            cells = item.children
            for i in range(width):
                leaf = Node(header[i], row[i] if i < len(row) else "")
                leaf.parent = item
                cells.append(leaf)
            items.append(item)
    except csv.Error as exc:
        raise ExternalDataError(f"the file is not valid CSV ({exc}): look for a \" that is not closed",
                                source, name, number + 1) from None
    return root


def read_xml(data: bytes, name: str, source: str = "") -> Node:
    """The file's root element as it is (no DTD or entities: refused as in forms)."""
    from inclusion_app.engine.model import build_tree

    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ExternalDataError("the file declares a DOCTYPE or entities, which are not allowed", source, name)
    try:
        elem = ET.fromstring(data)
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise ExternalDataError(f"the file is not well-formed XML ({exc})", source, name, line) from None
    return build_tree(elem, {})


def _number(value: object) -> str:
    """JSON numbers and booleans as JavaRosa's Jackson writes them: 3, 3.5, true."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _coordinates(geometry: object, where: str, name: str, source: str) -> str:
    """ODK's 'lat lon 0 0' (points joined by '; ') for Point, LineString and Polygon."""
    if not isinstance(geometry, dict):
        raise ExternalDataError(f"{where} has no geometry", source, name)
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    try:
        if kind == "Point":
            points = [coords]
        elif kind == "LineString":
            points = list(coords)
        elif kind == "Polygon":
            points = list(coords[0]) if coords else []
        else:
            raise ExternalDataError(f"{where} is a {kind}; only Point, LineString and Polygon are supported",
                                    source, name)
        return "; ".join(f"{_number(p[1])} {_number(p[0])} 0 0" for p in points)
    except (TypeError, IndexError, KeyError):
        raise ExternalDataError(f"{where} has coordinates that cannot be read", source, name) from None


def read_geojson(data: bytes, name: str, source: str = "") -> Node:
    """`root/item` per feature: geometry, then each property, then id (JavaRosa's GeoJSON reader)."""
    try:
        doc = json.loads(_text(data, name, source))
    except json.JSONDecodeError as exc:
        raise ExternalDataError(f"the file is not valid JSON ({exc.msg}, line {exc.lineno})", source, name,
                                exc.lineno) from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise ExternalDataError("a GeoJSON list must be one FeatureCollection", source, name)
    features = doc.get("features")
    if not isinstance(features, list):
        raise ExternalDataError("the FeatureCollection has no list of features", source, name)
    root = Node("root")
    for n, feature in enumerate(features, 1):
        where = f"feature {n}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise ExternalDataError(f"{where} is not of type Feature", source, name)
        item = root.append(Node("item"))
        item.append(Node("geometry", _coordinates(feature.get("geometry"), where, name, source)))
        properties = feature.get("properties") or {}
        if not isinstance(properties, dict):
            raise ExternalDataError(f"{where} has properties that are not an object", source, name)
        for key, value in properties.items():
            item.append(Node(str(key), _number(value)))  # any name, as JavaRosa (a path reaches XML names)
        if feature.get("id") is not None:
            existing = item.named("id")
            if existing:
                existing[0].value = _number(feature["id"])
            else:
                item.append(Node("id", _number(feature["id"])))
    return root
