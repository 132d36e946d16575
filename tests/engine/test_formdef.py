"""Reading XForms: metadata, languages, question types, and clear errors for unusable forms."""

from __future__ import annotations

import pytest

from inclusion_app.engine.errors import FormDefError
from inclusion_app.engine.formdef import parse_xform
from tests.engine.forms import BASIC, FIELD_LIST
from tests.scenario import Scenario, xlsform_to_xml

TYPES = """
| survey |
| | type | name | label | appearance | parameters |
| | range | r | Range | | start=1 end=10 step=1 |
| | rank yn | rk | Rank | | |
| | image | sig | Signature | signature | |
| | audio | au | Audio | | |
| | file | f | File | | |
| | dateTime | dt | When | | |
| | geotrace | gt | Trace | | |
| choices |
| | list_name | name | label |
| | yn | yes | Yes |
| | yn | no | No |
"""


def _xform(model: str, body: str = "", root: str = "<data id='t'><a/><meta><instanceID/></meta></data>") -> bytes:
    return (
        "<h:html xmlns='http://www.w3.org/2002/xforms' xmlns:h='http://www.w3.org/1999/xhtml' "
        "xmlns:jr='http://openrosa.org/javarosa'><h:head><h:title>T</h:title><model>"
        f"<instance>{root}</instance>{model}</model></h:head><h:body>{body}</h:body></h:html>"
    ).encode()


def test_metadata_fromPyxformSettings():
    """form_id, version, title, languages with codes, the default language and a content hash."""
    form = parse_xform(xlsform_to_xml(BASIC), "basic.md")
    assert (form.form_id, form.version, form.title()) == ("basic", "2025030901", "基本")
    assert form.languages == ["zh", "en"] and form.default_language == "zh"
    assert len(form.form_hash) == 64 and form.xml.startswith(b"<?xml")
    assert form.practice is False and form.public_key is None and form.submission_url is None


def test_publicKey_submissionUrl_andPracticeFlag():
    """<submission> gives the public key and URL; practice is set by the loader or argument."""
    xml = _xform("<submission action='https://x.example/s' base64RsaPublicKey='MIIBI' method='post'/>"
                 "<bind nodeset='/data/a' type='string'/>", "<input ref='/data/a'><label>A</label></input>")
    form = parse_xform(xml, practice=True)
    assert (form.submission_url, form.public_key, form.practice) == ("https://x.example/s", "MIIBI", True)


def test_questionTypes_supportedAndNot():
    """range is asked as a number; rank, signature, audio and geotrace are loaded as unsupported."""
    form = parse_xform(xlsform_to_xml(TYPES))
    kinds = {c.name: (c.qtype, c.supported) for c in form.by_ref.values()}
    assert kinds["r"] == ("integer", True)
    assert kinds["rk"] == ("rank", False)
    assert kinds["sig"] == ("signature", False)
    assert kinds["au"] == ("audio", False)
    assert kinds["f"] == ("file", True)
    assert kinds["dt"] == ("dateTime", True)
    assert kinds["gt"] == ("geotrace", False)
    assert any("range" in w for w in form.warnings)
    assert sum("cannot be answered" in w for w in form.warnings) == 4


def test_unsupportedQuestions_listedAsWarnings():
    """Questions this computer cannot answer are named in the form's warnings."""
    form = Scenario.from_xlsform_md(FIELD_LIST).form
    assert form.warnings == [
        "question 'where' (geopoint) cannot be answered on this computer",
        "question 'code' (barcode) cannot be answered on this computer",
    ]


def test_languageNames_withoutCode_becomeLowercaseNames():
    """'English' has no code in brackets: it becomes 'english'; the first is the default."""
    xml = _xform(
        "<itext><translation lang='English'><text id='a'><value>A</value></text></translation>"
        "<translation lang='Kiswahili (sw)'><text id='a'><value>B</value></text></translation></itext>"
        "<bind nodeset='/data/a' type='string'/>",
        "<input ref='/data/a'><label ref=\"jr:itext('a')\"/></input>",
    )
    form = parse_xform(xml)
    assert form.languages == ["english", "sw"] and form.default_language == "english"
    assert Scenario(form, language="sw").question.label == "B"


def test_brokenExpression_namesQuestionAndExpression():
    """A syntax error in a bind says which question and which expression."""
    xml = _xform("<bind nodeset='/data/a' type='int' relevant='1 +* 2'/>")
    with pytest.raises(FormDefError) as err:
        parse_xform(xml, "bad.xml")
    text = str(err.value)
    assert "/data/a" in text and "relevant" in text and "1 +* 2" in text and text.startswith("bad.xml: ")


def test_brokenOutputInLabel_namesQuestion():
    """An unreadable <output> in a label names its question."""
    xml = _xform("<bind nodeset='/data/a' type='string'/>",
                 "<input ref='/data/a'><label>Hi <output value='concat(('/></label></input>")
    with pytest.raises(FormDefError, match="question a"):
        parse_xform(xml)


def test_calculationCycle_refusedNamingQuestions():
    """Calculations that depend on each other in a circle are refused at load."""
    root = "<data id='t'><a/><b/><c/></data>"
    xml = _xform("<bind nodeset='/data/a' calculate='/data/b + 1'/>"
                 "<bind nodeset='/data/b' calculate='/data/c + 1'/>"
                 "<bind nodeset='/data/c' calculate='/data/a + 1'/>", root=root)
    with pytest.raises(FormDefError, match="circle: a, b, c"):
        parse_xform(xml)


def test_selfReferencingCalculate_isNotACycle():
    """`if(. = '', 1, .)` reads its own node: allowed, as JavaRosa's forms do."""
    xml = _xform("<bind nodeset='/data/a' calculate=\"if(. = '', 1, .)\"/>")
    assert Scenario(parse_xform(xml)).value("a") == "1"


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        (b"<h:html", "not well-formed"),
        (b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'>]><x>&a;</x>", "DTD or entities"),
        (b"<!DOCTYPE x SYSTEM 'file:///etc/passwd'><x/>", "DTD or entities"),
        (b"<html><head/></html>", "no <model>"),
        (b"<h:html xmlns:h='http://www.w3.org/1999/xhtml'><h:head><model/></h:head></h:html>", "no primary instance"),
    ],
)
def test_unsafeOrBrokenXml_givesPlainError(xml: bytes, message: str):
    """Entities, DTDs, broken XML and non-XForms are refused with a sentence, not a traceback."""
    with pytest.raises(FormDefError, match=message):
        parse_xform(xml, "f.xml")


def test_billionLaughs_refused():
    """Entity expansion bombs never expand."""
    bomb = b"<?xml version='1.0'?><!DOCTYPE l [<!ENTITY a 'x'><!ENTITY b '&a;&a;&a;&a;&a;&a;'>]><l>&b;</l>"
    with pytest.raises(FormDefError):
        parse_xform(bomb)


def test_tooLarge_refused():
    """A form over 10 MB is refused before parsing."""
    with pytest.raises(FormDefError, match="larger than 10 MB"):
        parse_xform(b" " * (10 * 1024 * 1024 + 1))


def test_externalInstance_withoutItsFile_isRefusedByName():
    """A jr://file-csv list whose file is not beside the form is a problem naming the file, never
    an empty list (it used to load as an empty list with a warning)."""
    xml = _xform(
        "<instance id='towns' src='jr://file-csv/towns.csv'/><bind nodeset='/data/a' type='string'/>",
        "<select1 ref='/data/a'><label>Town</label><itemset nodeset=\"instance('towns')/root/item\">"
        "<value ref='name'/><label ref='label'/></itemset></select1>",
    )
    with pytest.raises(FormDefError, match="towns.csv") as err:
        parse_xform(xml)
    assert err.value.file == "towns.csv"


def test_templateRemoved_andKept():
    """jr:template instances are not in the live instance but are kept as templates."""
    form = Scenario.from_xlsform_md(BASIC).form
    assert form.templates == {}
    xml = _xform("", root="<data id='t'><r jr:template=''><x/></r><meta><instanceID/></meta></data>",
                 body="<group ref='/data/r'><repeat nodeset='/data/r'><input ref='/data/r/x'><label>X</label></input></repeat></group>")
    form = parse_xform(xml)
    assert list(form.templates) == ["/data/r"] and form.root.child("r") is None


def test_questionWithoutDataNode_isWarnedAndLeftOut():
    """A body question bound to a node the instance lacks is named in warnings and not shown."""
    xml = _xform("<bind nodeset='/data/a' type='string'/>",
                 "<input ref='/data/ghost'><label>Ghost</label></input><input ref='/data/a'><label>A</label></input>")
    form = parse_xform(xml)
    assert any("ghost" in w for w in form.warnings)
    assert Scenario(form).question.name == "a"


def test_utf16DocumentWithEntities_refused():
    """A DTD hidden in UTF-16 (no ASCII '<!DOCTYPE' bytes) is still refused."""
    bomb = "<?xml version='1.0' encoding='UTF-16'?><!DOCTYPE l [<!ENTITY a 'x'>]><l>&a;</l>"
    with pytest.raises(FormDefError, match="DTD or entities"):
        parse_xform(bomb.encode("utf-16"))


def test_controlsNamingABindById_areBound():
    """`<input bind="b_age">` is bound to the bind's nodeset, as JavaRosa allows."""
    xml = _xform("<bind id='b_a' nodeset='/data/a' type='int' required='true()'/>",
                 "<input bind='b_a'><label>Age</label></input>")
    s = Scenario(parse_xform(xml))
    assert (s.question.name, s.question.qtype, s.question.required) == ("a", "integer", True)


def test_unknownEncoding_givesPlainError():
    """A made-up encoding declaration is a clear error, not a LookupError."""
    with pytest.raises(FormDefError, match="encoding"):
        parse_xform(b"<?xml version='1.0' encoding='UTxF-8'?><x/>")
