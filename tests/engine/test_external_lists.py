"""Lists beside the form: select_one_from_file (CSV, XML, GeoJSON), external instances with
predicates, cascading choice_filter, pulldata(), and located problems for missing or bad files."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from inclusion_app.engine.controller import FormController
from inclusion_app.engine.external import ExternalDataError, read_csv
from inclusion_app.engine.formdef import parse_xform
from inclusion_app.engine.loader import FormLoadError, load_form
from inclusion_app.engine.tree import document
from inclusion_app.engine.xpath import EvalContext, parse
from tests.scenario import fixed_clock

FORM = """
| survey |
| | type | name | label | choice_filter | calculation |
| | select_one_from_file districts.csv | district | District | | |
| | select_one_from_file streets.csv | street | Street | district = ${district} | |
| | select_multiple_from_file clinics.xml | clinics | Clinics | | |
| | select_one_from_file places.geojson | place | Place | | |
| | calculate | price | | | pulldata('fees', 'price', 'service', ${street}) |
| | calculate | clinic_town | | | instance('clinics')/root/item[name = ${clinics}]/town |
| | calculate | place_where | | | instance('places')/root/item[id = ${place}]/geometry |
| settings |
| | form_id | version |
| | lists | 1 |
"""

STREETS = "name,label,district\n" + "".join(
    f"s{i},Street {i},{'north' if i % 3 else 'south'}\n" for i in range(1, 301))
GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "id": "p1", "geometry": {"type": "Point", "coordinates": [116.4, 39.9]},
         "properties": {"title": "Centre", "beds": 12}},
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[1, 2], [3, 4.5]]},
         "properties": {"id": "p2", "title": "Path"}},
    ],
}


def _write_form(folder: Path, **overrides: str | None) -> Path:
    form = folder / "lists.md"
    form.write_text(FORM, encoding="utf-8")
    media = folder / "lists-media"
    media.mkdir()
    files = {
        "districts.csv": "name,label\nnorth,North\nsouth,South\n",
        "streets.csv": STREETS,
        "clinics.xml": ("<root><item><name>c1</name><label>Clinic one</label><town>Hill</town></item>"
                        "<item><name>c2</name><label>Clinic two</label><town>Vale</town></item></root>"),
        "places.geojson": json.dumps(GEOJSON),
        "fees.csv": "service;price\ns1;10\ns2;25,5\n",  # a ';' header: ';' separates (JavaRosa)
    }
    files.update(overrides)
    for name, text in files.items():
        if text is not None:
            (media / name).write_text(text, encoding="utf-8")
    return form


def _choices(fc: FormController) -> list[tuple[str, str]]:
    return [(c.value, c.label) for c in fc.screen.questions[0].choices]


def test_listsFromFiles_chooseCascadeAndLookUp(tmp_path: Path):
    """Every kind of list file gives its choices; the street list is filtered by the district
    (300 rows: the indexed path); pulldata and instance predicates read the files' values."""
    fc = FormController(load_form(_write_form(tmp_path)), clock=fixed_clock)
    assert _choices(fc) == [("north", "North"), ("south", "South")]
    assert fc.answer("district", "south").ok and fc.next().ok
    streets = _choices(fc)
    assert streets == [(f"s{i}", f"Street {i}") for i in range(3, 301, 3)]
    assert not fc.answer("street", "s1").ok  # a north street is not on the south list
    assert fc.answer("street", "s3").ok and fc.next().ok
    assert _choices(fc) == [("c1", "Clinic one"), ("c2", "Clinic two")]
    assert fc.answer("clinics", ["c2"]).ok and fc.next().ok
    assert _choices(fc) == [("p1", "Centre"), ("p2", "Path")]
    assert fc.answer("place", "p2").ok and fc.next().ok
    root = ET.fromstring(fc.finalize().submission.xml)
    assert root.findtext("street") == "s3" and root.findtext("clinic_town") == "Vale"
    assert root.findtext("place_where") == "2 1 0 0; 4.5 3 0 0"
    assert root.findtext("price") == ""  # s3 is not in fees.csv


def test_pulldata_readsTheFirstMatchingRow(tmp_path: Path):
    """pulldata('fees', 'price', 'service', ${street}) gives the row's text as written."""
    fc = FormController(load_form(_write_form(tmp_path)), clock=fixed_clock)
    fc.answer("district", "north")
    fc.next()
    fc.answer("street", "s2")
    assert fc._state.root.child("price").value == "25,5"


def test_pulldata_withoutDeclaredInstance_readsTheMediaCsv(tmp_path: Path):
    """A form compiled before pyxform declared pulldata's list reads '<name>.csv' from its media."""
    media = tmp_path / "m"
    media.mkdir()
    (media / "fruits.csv").write_text("name,price\napple,3\npear,4\n", encoding="utf-8")
    xml = (b"<h:html xmlns='http://www.w3.org/2002/xforms' xmlns:h='http://www.w3.org/1999/xhtml'><h:head>"
           b"<h:title>t</h:title><model><instance><data id='t'><f>pear</f><p/></data></instance>"
           b"<bind nodeset='/data/p' calculate=\"pulldata('fruits', 'price', 'name', /data/f)\"/></model>"
           b"</h:head><h:body/></h:html>")
    fc = FormController(parse_xform(xml, "t.xml", media), clock=fixed_clock)
    assert fc._state.root.child("p").value == "4"


@pytest.mark.parametrize(("name", "text", "row", "words"), [
    ("streets.csv", "name,label,name\na,b,c\n", 1, "used twice"),
    ("streets.csv", "name,label\na,\"b\nc,d\n", 2, "not valid CSV"),
    ("clinics.xml", "<root><item></root>", 1, "not well-formed"),
    ("places.geojson", '{"type": "Feature"}', None, "FeatureCollection"),
    ("places.geojson", '{"type": "FeatureCollection", "features": [{"type": "Feature", '
     '"geometry": {"type": "Circle"}}]}', None, "feature 1"),
])
def test_badListFile_isALocatedProblem(tmp_path: Path, name: str, text: str, row: int | None, words: str):
    """A malformed list file names the file (in the media folder) and, where it can, the row."""
    with pytest.raises(FormLoadError) as err:
        load_form(_write_form(tmp_path, **{name: text}))
    problem = err.value.items[0]
    assert problem.file.endswith(f"lists-media/{name}")
    assert problem.row == row
    assert words in problem.message


def test_missingListFile_isReportedAtTheQuestionsRow(tmp_path: Path):
    """A list file that is not in the media folder is refused at the survey row that asks for it."""
    with pytest.raises(FormLoadError) as err:
        load_form(_write_form(tmp_path, **{"clinics.xml": None}))
    problem = err.value.items[0]
    assert (problem.sheet, problem.row, problem.column) == ("survey", 4, "type")
    assert "clinics.xml" in problem.message and "media folder" in problem.message


def test_listOutsideTheMediaFolder_isNeverRead(tmp_path: Path):
    """jr://file/../x.xml would leave the media folder: refused without reading it."""
    media = tmp_path / "media"
    media.mkdir()
    (tmp_path / "secret.xml").write_text("<root><item><name>x</name></item></root>")
    xml = (b"<h:html xmlns='http://www.w3.org/2002/xforms' xmlns:h='http://www.w3.org/1999/xhtml'><h:head>"
           b"<h:title>t</h:title><model><instance><data id='t'><a/></data></instance>"
           b"<instance id='s' src='jr://file/../secret.xml'/>"
           b"<bind nodeset='/data/a' calculate=\"count(instance('s')/root/item)\"/></model></h:head>"
           b"<h:body/></h:html>")
    with pytest.raises(ExternalDataError, match="outside the form's media folder"):
        parse_xform(xml, "t.xml", media)


def test_listNoExpressionNames_isNotRead(tmp_path: Path):
    """A declared list that no instance() or pulldata() names is ignored, as JavaRosa does (ODK
    Collect's database features declare such lists): a missing file is no problem then."""
    xml = (b"<h:html xmlns='http://www.w3.org/2002/xforms' xmlns:h='http://www.w3.org/1999/xhtml'><h:head>"
           b"<h:title>t</h:title><model><instance><data id='t'><a/></data></instance>"
           b"<instance id='s' src='jr://file-csv/s.csv'/></model></h:head><h:body/></h:html>")
    assert "s" not in parse_xform(xml, "t.xml", tmp_path).instances


def test_choicesFromAColumnTheListLacks_isRefused(tmp_path: Path):
    """value/label columns the list file does not have: refused at the question, naming the
    columns it has (JavaRosa refuses the form too); a list with only its header is fine."""
    with pytest.raises(FormLoadError) as err:
        load_form(_write_form(tmp_path, **{"districts.csv": "code,label\nn,North\n"}))
    problem = err.value.items[0]
    assert (problem.sheet, problem.row) == ("survey", 2)
    assert "no column 'name'" in problem.message and "code, label" in problem.message
    (tmp_path / "ok").mkdir()
    form = load_form(_write_form(tmp_path / "ok", **{"districts.csv": "code,label\n"}))
    assert FormController(form, clock=fixed_clock).screen.questions[0].choices == ()


def test_indexedLookup_matchesAPlainScan():
    """The index answers `item[code = X]` exactly as a scan would, for text, numbers and node-sets."""
    rows = "code,label\n" + "".join(f"{c},L{i}\n" for i, c in enumerate(
        ["3", "3.0", "03", "x", "", "4", " 3"] * 20))
    doc = document(read_csv(rows.encode(), "codes.csv"))
    main = document(read_csv(b"v\n3\n", "main.csv"))  # stands for the main instance: /root/item/v
    ctx = EvalContext(main.children[0], main, {"codes": doc})
    for key in ("3", "'3'", "'3.0'", "'x'", "''", "4", "number('3')", "/root/item/v", "'nothing'"):
        fast = parse(f"instance('codes')/root/item[code = {key}]/label").evaluate(ctx)
        items = doc.children[0].children
        plain = [n for n in items if parse(f"code = {key}").evaluate(EvalContext(n, main, {"codes": doc}))]
        assert [n.string_value() for n in fast] == [n.child("label").value for n in plain], key


def test_searchChoices_findsByLabelOrValue_startingFirst(tmp_path: Path):
    """What a search box shows: labels starting with the text first, then those containing it,
    case and full-width letters ignored; a limit; nothing for a question that is not a select."""
    fc = FormController(load_form(_write_form(tmp_path)), clock=fixed_clock)
    fc.answer("district", "north")
    fc.next()
    assert [c.value for c in fc.search_choices("street", "street 10")] == [
        "s10", "s100", "s101", "s103", "s104", "s106", "s107", "s109"]
    assert [c.value for c in fc.search_choices("street", "ＳＴＲＥＥＴ 29", 3)] == ["s29", "s290", "s292"]
    assert [c.value for c in fc.search_choices("street", "s14")][:2] == ["s14", "s140"]  # by value
    assert len(fc.search_choices("street", "")) == 200 and fc.search_choices("street", "zzz") == ()
    assert fc.search_choices("price", "1") == ()


def test_choicesFromAList_followTheFilterEachTime(tmp_path: Path):
    """Choices kept for a list are reused only for the same rows: a changed filter gives new ones."""
    fc = FormController(load_form(_write_form(tmp_path)), clock=fixed_clock)
    fc.answer("district", "south")
    fc.next()
    south = _choices(fc)
    fc.back()
    fc.answer("district", "north")
    fc.next()
    north = _choices(fc)
    assert len(south) == 100 and len(north) == 200 and not set(south) & set(north)
    fc.back()
    fc.answer("district", "south")
    fc.next()
    assert _choices(fc) == south
