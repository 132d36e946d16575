"""Small XForms for the form-list tests, compiled from XLSForm tables by the real loader."""

from __future__ import annotations

import tempfile
from pathlib import Path

from inclusion_app.engine.loader import load_form


def xform(form_id: str, version: str, title: str = "Town survey", extra: bool = False,
          image: str | None = None, public_key: str | None = None) -> bytes:
    """The compiled XForm of a two-language form; `extra` adds a question (a new version),
    `image` a picture reference (a form with media)."""
    media_col = "| media::image::English (en) " if image else ""
    rows = [
        "| survey |",
        f"| | type | name | label::中文 (zh) | label::English (en) {media_col}|",
        f"| | integer | age | 年龄 | Age {'| ' + image + ' ' if image else ''}|",
    ]
    if extra:
        rows.append(f"| | text | town | 城镇 | Town {'| ' if image else ''}|")
    key_col, key_val = ("| public_key ", f"| {public_key} ") if public_key else ("", "")
    rows += [
        "",
        "| settings |",
        f"| | form_title | translated_title::English (en) | form_id | version | default_language {key_col}|",
        f"| | 调查 | {title} | {form_id} | {version} | 中文 (zh) {key_val}|",
        "",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{form_id}.md"
        path.write_text("\n".join(rows), encoding="utf-8")
        return load_form(path).xml


BROKEN_XFORM = b"""<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml">
<h:head><h:title>Broken</h:title><model>
<instance><data id="broken_form" version="1"><age/><meta><instanceID/></meta></data></instance>
<bind nodeset="/data/age" type="int" relevant="1 +* 2"/>
</model></h:head><h:body><input ref="/data/age"><label>Age</label></input></h:body></h:html>
"""
