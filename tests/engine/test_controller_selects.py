"""Choices: inline items, itemsets, cascading filters with current(), choice names and media."""

from __future__ import annotations

from pathlib import Path

from inclusion_app.engine.prompt import Status
from tests.engine.forms import CASCADE
from tests.scenario import Scenario

MEDIA_FORM = """
| survey |
| | type | name | label::中文 (zh) | label::English (en) | media::image::中文 (zh) | media::image::English (en) | media::audio::中文 (zh) |
| | select_one yn | ok | 好吗 | OK? | ok_zh.png | ok_en.png | ok.wav |
| choices |
| | list_name | name | label::中文 (zh) | label::English (en) | media::image::中文 (zh) | media::image::English (en) |
| | yn | yes | 是 | Yes | yes.png | yes.png |
| | yn | no | 否 | No | missing.png | missing.png |
"""


def test_cascade_filtersByEarlierAnswer_inBothLanguages():
    """A choice_filter keeps only the cities of the chosen province, labelled in the language."""
    s = Scenario.from_xlsform_md(CASCADE, language="zh")
    s.answer_and_next("province", "gd")
    assert [(c.value, c.label) for c in s.question.choices] == [("gz", "广州"), ("sz", "深圳")]
    s.fc.set_language("en")
    assert [c.label for c in s.question.choices] == ["Guangzhou", "Shenzhen"]
    s.answer_and_next("city", "sz")
    assert [c.value for c in s.question.choices] == ["ns"]


def test_cascade_refusesValueOutsideFilter():
    """A city of another province is not among the choices offered, so it is refused."""
    s = Scenario.from_xlsform_md(CASCADE, language="en")
    s.answer_and_next("province", "zj")
    assert s.answer("city", "gz").status is Status.INVALID
    assert s.answer("city", "hz").ok


def test_threeLevelCascade_fromJavaRosa(conformance_dir):
    """three-level-cascading-select.xml: each level narrows the next, contains() filters too."""
    s = Scenario.from_xform(conformance_dir / "xform" / "three-level-cascading-select.xml")
    assert [c.value for c in s.question.choices] == ["a", "b", "c"]
    s.answer_and_next("level1", "b")
    assert [c.label for c in s.question.choices] == ["BA", "BB", "BC"]
    s.answer_and_next("level2", "ba")
    assert [c.value for c in s.question.choices] == ["baa", "bab"]
    s.answer_and_next("level3", "bab")
    s.answer_and_next("level1_contains", "c")
    assert [c.value for c in s.question.choices] == ["ac", "bc", "ca", "cb", "cc", "cd"]


def test_choiceName_followsLanguage(conformance_dir):
    """jr:choice-name() gives the chosen choice's label in the current language."""
    s = Scenario.from_xform(conformance_dir / "xform" / "jr-choice-name.xml", language="fr")
    assert s.question.label == "Faites un choix"
    s.answer("select_one_outside", "choice3")
    assert s.value("select_one_name_outside") == "Choix 3"
    assert s.value("literal_choice_name") == "Choix 2"
    s.answer("cocotero_a", "b")
    s.answer("cocotero_b", "a")
    assert s.value("cocotero_name") == "Cocotero b-a"


def test_choiceName_inRepeat_relativePaths(conformance_dir):
    """Both arguments of jr:choice-name may be relative paths inside a repeat."""
    s = Scenario.from_xform(conformance_dir / "xform" / "jr-choice-name.xml", language="en")
    s.answer("/jr-choice-name/my-repeat/select_one", "choice5")
    assert s.value("select_one_name") == "Choice 5"


def test_media_resolvedUnderMediaDir_perLanguage(tmp_path: Path):
    """Label and choice images resolve to files in the media folder; missing files give None."""
    for name in ("ok_zh.png", "ok_en.png", "ok.wav", "yes.png"):
        (tmp_path / name).write_bytes(b"x")
    s = Scenario.from_xlsform_md(MEDIA_FORM, language="zh", media_dir=tmp_path)
    q = s.question
    assert q.image == str((tmp_path / "ok_zh.png").resolve())
    assert q.audio == str((tmp_path / "ok.wav").resolve())
    assert q.choices[0].image == str((tmp_path / "yes.png").resolve())
    assert q.choices[1].image is None
    s.fc.set_language("en")
    assert s.question.image == str((tmp_path / "ok_en.png").resolve())


def test_media_withoutMediaDir_isNone():
    """Without a media folder no paths are invented."""
    s = Scenario.from_xlsform_md(MEDIA_FORM, language="zh")
    assert s.question.image is None and s.question.choices[0].image is None


def test_selectMultiple_spaceSeparated_andList():
    """select_multiple takes a list or space-separated codes; answer_values splits them."""
    s = Scenario.from_xlsform_md(CASCADE.replace("select_one province", "select_multiple province"), language="en")
    assert s.answer("province", ["zj", "gd"]).ok
    assert s.question.answer_values == ("zj", "gd")
    assert s.answer("province", "gd").ok
    assert s.question.answer == "gd"
