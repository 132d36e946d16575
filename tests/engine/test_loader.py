"""Loading forms of every kind: XLSForm Markdown, Excel, CSV, XForm XML, and the conformance set."""

from __future__ import annotations

from pathlib import Path

import pytest

from inclusion_app import paths
from inclusion_app.engine.loader import load_form

SMALL_MD = """\
| survey |
|        | type    | name | label::English (en) | label::中文 (zh) | relevant   |
|        | integer | age  | Your age?           | 您多大年纪？     |            |
|        | text    | job  | Your job?           | 您的工作？       | ${age} > 17 |
| settings |
|          | form_id | version | form_title | default_language | {extra_header} |
|          | small   | 7       | Small form | English (en)     | {extra_value} |
"""


def _md(tmp_path: Path, name: str = "small.md", extra: tuple[str, str] = ("public_key", "")) -> Path:
    path = tmp_path / name
    path.write_text(SMALL_MD.replace("{extra_header}", extra[0]).replace("{extra_value}", extra[1]), encoding="utf-8")
    return path


def test_markdown_form_loads_with_languages_and_settings(tmp_path: Path) -> None:
    """A Markdown XLSForm compiles: id, version, both languages, title, default language."""
    form = load_form(_md(tmp_path))
    assert (form.form_id, form.version) == ("small", "7")
    assert sorted(form.languages) == ["en", "zh"]
    assert form.default_language == "en"
    assert form.title() == "Small form"
    assert form.practice is False
    assert b"<h:html" in form.xml and form.form_hash


@pytest.mark.parametrize("value", ["yes", "true", "1", "YES", "True"])
def test_practice_setting_is_kept(tmp_path: Path, value: str) -> None:
    """pyxform drops the `practice` settings column; the loader still marks the form as practice."""
    form = load_form(_md(tmp_path, extra=("practice", value)))
    assert form.practice is True


@pytest.mark.parametrize("value", ["no", "false", "0", ""])
def test_practice_setting_off(tmp_path: Path, value: str) -> None:
    """Only yes/true/1 turn practice on."""
    assert load_form(_md(tmp_path, extra=("practice", value))).practice is False


def test_csv_form_loads(tmp_path: Path) -> None:
    """A CSV XLSForm (first column names the sheet) compiles."""
    path = tmp_path / "mini.csv"
    path.write_text("survey,,,\n,type,name,label\n,integer,age,Your age\n,text,town,Your town\n", encoding="utf-8")
    form = load_form(path)
    assert form.form_id == "mini"
    assert form.by_ref.keys() >= {"/data/age", "/data/town"}


def test_xml_form_is_read_directly(tmp_path: Path) -> None:
    """An XForm is parsed as it is, without pyxform; its id comes from the instance."""
    md_form = load_form(_md(tmp_path))
    xml = tmp_path / "small.xml"
    xml.write_bytes(md_form.xml)
    form = load_form(xml)
    assert (form.form_id, form.version, form.form_hash) == ("small", "7", md_form.form_hash)


def test_source_name_is_used_in_messages_and_on_the_form(tmp_path: Path) -> None:
    """`source_name` replaces the path where the form is named."""
    form = load_form(_md(tmp_path), source_name="Imported: small.md")
    assert form.source == "Imported: small.md"


@pytest.mark.parametrize("folder", ["small-media", "media"])
def test_media_folder_beside_the_form_is_found(tmp_path: Path, folder: str) -> None:
    """ODK's '<form>-media/' folder, or a plain 'media/' folder, becomes the form's media_dir."""
    (tmp_path / folder).mkdir()
    assert load_form(_md(tmp_path)).media_dir == tmp_path / folder


def test_no_media_folder_gives_none(tmp_path: Path) -> None:
    """Without a media folder the form has none."""
    assert load_form(_md(tmp_path)).media_dir is None


def test_pyxform_warnings_reach_the_form(tmp_path: Path) -> None:
    """pyxform's warnings (e.g. a language missing a column) are kept in form.warnings."""
    path = tmp_path / "warn.md"
    path.write_text(
        "| survey |\n| | type | name | label::English (en) | label::中文 (zh) | hint::English (en) |\n"
        "| | text | a | A | 甲 | a hint |\n", encoding="utf-8")
    form = load_form(path)
    assert any("hint" in w for w in form.warnings)


def test_unsupported_question_types_load_with_a_warning(tmp_path: Path) -> None:
    """A geopoint question loads; the form lists it as one this computer cannot answer."""
    path = tmp_path / "geo.md"
    path.write_text("| survey |\n| | type | name | label |\n| | geopoint | where | Where? |\n| | text | a | A |\n",
                    encoding="utf-8")
    form = load_form(path)
    assert any("where" in w for w in form.warnings)


def test_shipped_forms_all_load() -> None:
    """Every form in assets/forms loads, and exactly the practice one is marked practice."""
    files = sorted(paths.shipped_forms_dir().glob("*.md"))
    assert files, "no shipped forms"
    forms = {p.name: load_form(p) for p in files}
    assert all(set(f.languages) >= {"zh", "en"} for f in forms.values())
    assert [name for name, f in forms.items() if f.practice] == ["practice_meal.md"]


@pytest.mark.conformance
def test_every_conformance_xlsform_loads(conformance_dir: Path, tmp_path: Path) -> None:
    """All pyxform example XLSForms in the conformance folder load through load_form."""
    files = sorted((conformance_dir / "xlsform").iterdir())
    assert len(files) >= 10
    for path in files:
        form = load_form(path, cache_dir=tmp_path / "cache")
        assert form.form_id and form.xml, path.name


@pytest.mark.conformance
def test_every_conformance_xform_loads(conformance_dir: Path) -> None:
    """All JavaRosa XForms in the conformance folder load, including the 1.5 MB whova form."""
    files = sorted((conformance_dir / "xform").glob("*.xml"))
    assert any(p.name == "whova_form.xml" for p in files)
    for path in files:
        form = load_form(path)
        assert form.form_id, path.name
    whova = load_form(conformance_dir / "xform" / "whova_form.xml")
    assert len(whova.xml) > 1_000_000 and whova.version == "2019101701"


def test_markdown_saved_as_gb18030_is_read_with_a_warning(tmp_path: Path) -> None:
    """A Chinese-Windows (GB18030) Markdown form loads, with a warning to save it as UTF-8."""
    path = tmp_path / "gbk.md"
    path.write_bytes(SMALL_MD.replace("{extra_header}", "x").replace("{extra_value}", "").encode("gb18030"))
    form = load_form(path)
    assert "您多大年纪？".encode() in form.xml
    assert any("GB18030" in w for w in form.warnings)


def test_text_in_no_known_encoding_gets_a_plain_message(tmp_path: Path) -> None:
    """Bytes that are neither UTF-8 nor GB18030 are refused with advice, not a codec error."""
    from inclusion_app.engine.loader import FormLoadError

    path = tmp_path / "odd.csv"
    path.write_bytes(b"survey,,,\n,type,name,label\n,text,a,Caf\xe9\n\xff\xfe\x81")
    with pytest.raises(FormLoadError) as info:
        load_form(path)
    assert "save it again as UTF-8" in str(info.value)


def test_translated_title_setting_gives_the_form_a_title_per_language(tmp_path) -> None:
    """`translated_title::English (en)` in the settings sheet names the form in English too."""
    from inclusion_app.engine.loader import load_form

    form_file = tmp_path / "t.md"
    form_file.write_text(
        "| survey |\n| | type | name | label::中文 (zh) | label::English (en) |\n"
        "| | text | q | 问题 | Question |\n"
        "| settings |\n| | form_title | translated_title::English (en) | form_id |\n"
        "| | 养老金认证 | Pension check | pc |\n",
        encoding="utf-8",
    )
    form = load_form(form_file, cache_dir=tmp_path / "cache")
    assert form.title("en") == "Pension check"
    assert form.title("zh") == "养老金认证"
    again = load_form(form_file, cache_dir=tmp_path / "cache")  # from the cache this time
    assert again.title("en") == "Pension check"
