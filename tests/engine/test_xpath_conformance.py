"""Every expression in the conformance forms parses, and their references resolve."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from inclusion_app.engine.xpath import XPathSyntaxError, parse

pytestmark = pytest.mark.conformance

_EXPRESSION_ATTRS = {
    "bind": ("nodeset", "calculate", "relevant", "constraint", "readonly", "required"),
    "itemset": ("nodeset",),
    "setvalue": ("ref", "value"),
    "output": ("value",),
    "repeat": ("nodeset", "jr:count"),
}
_JR = "{http://openrosa.org/javarosa}"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def expressions(xml: bytes) -> list[tuple[str, str, str]]:
    """(element, attribute, text) for every XPath expression an XForm carries."""
    found: list[tuple[str, str, str]] = []
    for element in ET.fromstring(xml).iter():
        tag = _local(element.tag)
        for key, value in element.attrib.items():
            name = key.replace(_JR, "jr:")
            if name in _EXPRESSION_ATTRS.get(tag, ()) or name == "ref":
                if value.strip():
                    found.append((tag, name, value))
    return found


def _check(xml: bytes, label: str) -> int:
    problems: list[str] = []
    count = 0
    for tag, attr, text in expressions(xml):
        count += 1
        try:
            expr = parse(text.strip())
        except XPathSyntaxError as exc:
            problems.append(f"{label}: <{tag} {attr}>: {exc}")
            continue
        expr.references("/data/x")
        expr.uses_now  # noqa: B018  (reading it must not fail)
    assert not problems, "\n".join(problems)
    return count


def _xform_files(root: Path) -> list[Path]:
    return sorted((root / "xform").glob("*.xml"))


def test_every_xform_expression_parses(conformance_dir: Path) -> None:
    """bind, itemset, setvalue, output and ref expressions of every conformance XForm parse."""
    files = _xform_files(conformance_dir)
    assert files, "no XForms in the conformance folder"
    total = sum(_check(path.read_bytes(), path.name) for path in files)
    assert total > 500  # the folder holds thousands; a handful would mean the scan is broken


def test_every_xlsform_expression_parses_after_pyxform(conformance_dir: Path) -> None:
    """The pyxform 4.5 output of every conformance XLSForm parses completely."""
    from pyxform.xls2xform import convert

    files = sorted(p for p in (conformance_dir / "xlsform").iterdir()
                   if p.suffix in (".xls", ".xlsx", ".md"))
    assert files
    converted = 0
    for path in files:
        try:
            result = convert(xlsform=str(path), validate=False)
        except Exception:  # noqa: BLE001  (pyxform's own rejections are the loader's business)
            continue
        _check(result.xform.encode("utf-8"), path.name)
        converted += 1
    assert converted >= len(files) // 2


_XF = "{http://www.w3.org/2002/xforms}"


def _to_node(element: ET.Element):
    from inclusion_app.engine.tree import Node

    attrs = {}
    for key, value in element.attrib.items():
        # jr:template keeps its prefix, as the engine's tree does; other attributes by local name
        attrs["jr:" + key[len(_JR):] if key.startswith(_JR) else _local(key)] = value
    node = Node(_local(element.tag), (element.text or "").strip(), attrs)
    for child in element:
        node.append(_to_node(child))
    return node


def _instances(xml: bytes):
    from inclusion_app.engine.tree import document

    root = ET.fromstring(xml)
    model = next(e for e in root.iter() if _local(e.tag) == "model")
    main = None
    secondary = {}
    binds = []
    for child in model:
        tag = _local(child.tag)
        if tag == "instance":
            content = [c for c in child]
            if not content:
                continue
            doc = document(_to_node(content[0]))
            if main is None:
                main = doc
            elif child.get("id"):
                secondary[child.get("id")] = doc
        elif tag == "bind":
            binds.append(child.attrib)
    return main, secondary, binds


def test_conformance_binds_evaluate_without_crashing(conformance_dir: Path) -> None:
    """Every bind expression of every conformance XForm evaluates on its blank instance to a
    value or a plain XPathError, never another exception."""
    from inclusion_app.engine.xpath import DefaultHost, EvalContext, XPathError

    evaluated = 0
    for path in _xform_files(conformance_dir):
        main, secondary, binds = _instances(path.read_bytes())
        for attrs in binds:
            ctx = EvalContext(main.children[0], main, secondary, DefaultHost())
            try:
                nodes = parse(attrs["nodeset"]).eval_nodes(ctx)
            except XPathError:
                continue
            kind = attrs.get("type", "string").split(":")[-1]
            for node in nodes:
                node.datatype = kind
        for attrs in binds:
            ctx = EvalContext(main.children[0], main, secondary, DefaultHost())
            try:
                nodes = parse(attrs["nodeset"]).eval_nodes(ctx)
            except XPathError:
                continue
            for key in ("calculate", "relevant", "constraint", "readonly", "required"):
                text = attrs.get(key)
                if not text:
                    continue
                expr = parse(text)
                for node in nodes[:3]:
                    try:
                        expr.evaluate(EvalContext(node, main, secondary, DefaultHost()))
                    except XPathError:
                        pass
                    evaluated += 1
    assert evaluated > 1000
