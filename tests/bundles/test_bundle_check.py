"""Reading and checking bundles: every problem named by sheet, row and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from inclusion_app.engine.bundle import is_bundle_file, load_bundle
from inclusion_app.engine.bundle_check import Installed, check_bundle
from inclusion_app.engine.form_problems import FormLoadError
from inclusion_app.engine.loader import load_form
from inclusion_app.engine.shared_keys import shared_fields
from tests.bundles.helpers import shipped, write_bundle, write_form


@pytest.fixture
def forms(tmp_path: Path) -> dict[str, Installed]:
    a = write_form(tmp_path, "form_a", ["text | name_a | Name | full_name", "integer | age | Age |"])
    b = write_form(tmp_path, "form_b", ["text | who | Name | full_name", "text | q_b | Q |"])
    c = write_form(tmp_path, "form_c", ["integer | name_c | Name | full_name"])
    return {fid: Installed(form=load_form(p)) for fid, p in (("form_a", a), ("form_b", b), ("form_c", c))}


def test_sharedAttribute_isReadFromTheCompiledForm(tmp_path: Path) -> None:
    """pyxform writes inclusion:shared on the bind; the engine reads it back by its namespace."""
    form = load_form(write_form(tmp_path, "f", ["text | n | Name | full_name", "date | d | Born | birth_date"]))
    assert b'inclusion:shared="full_name"' in form.xml
    assert b'xmlns:inclusion="urn:inclusion-app:xforms"' in form.xml
    found = shared_fields(form)
    assert {k: (f.name, f.kind) for k, f in found.items()} == {"full_name": ("n", "text"), "birth_date": ("d", "date")}


def test_sharedColumn_withoutNamespaces_isLocated(tmp_path: Path) -> None:
    path = tmp_path / "nons.md"
    path.write_text("| survey |\n| | type | name | label | bind::inclusion:shared |\n| | text | n | N | full_name |\n\n"
                    "| settings |\n| | form_id |\n| | nons |\n", encoding="utf-8")
    with pytest.raises(FormLoadError) as exc:
        load_form(path)
    (problem,) = exc.value.items
    assert (problem.sheet, problem.row, problem.column) == ("survey", 1, "bind::inclusion:shared")
    assert 'inclusion="urn:inclusion-app:xforms"' in problem.message


def test_goodBundle_hasNoProblems(tmp_path: Path, forms: dict[str, Installed]) -> None:
    path = write_bundle(tmp_path, "life", [("form_a", ""), ("form_b", "${age} >= 60 and ${full_name} != ''")])
    assert is_bundle_file(path)
    bundle = load_bundle(path)
    assert bundle.form_ids == ["form_a", "form_b"] and bundle.title("en") == "Test" and bundle.title("zh") == "测试"
    assert check_bundle(bundle, forms, "life.md") == []


def test_missingForm_typeClash_laterQuestion_idClash_areLocated(tmp_path: Path, forms: dict[str, Installed]) -> None:
    path = write_bundle(tmp_path, "form_b", [("form_a", "${q_b} = 'x'"), ("nope", ""), ("form_b", ""), ("form_c", "${ghost} > 1")])
    problems = check_bundle(load_bundle(path), forms, "b.md")
    where = {(p.sheet, p.row, p.column): p.message for p in problems}
    assert "already the id of an installed form" in where[("settings", 2, "bundle_id")]
    assert "no installed form has the id 'nope'" in where[("bundle", 3, "form_id")]
    assert "form_b" in where[("bundle", 2, "relevant")] and "later" in where[("bundle", 2, "relevant")]
    clash = where[("bundle", 5, "form_id")]
    assert "'full_name'" in clash and "integer" in clash and "text" in clash
    assert "neither a shared key" in where[("bundle", 5, "relevant")]
    assert len(problems) == 5


def test_bundleFileProblems_nameSheetRowColumn(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text("| bundle |\n| | form_id | relevant |\n| | a | |\n| | a | |\n| | | x |\n\n| settings |\n"
                    "| | bundle_id | title::English (en) |\n| | 1bad | T |\n", encoding="utf-8")
    with pytest.raises(FormLoadError) as exc:
        load_bundle(path)
    located = {(p.sheet, p.row, p.column) for p in exc.value.items}
    assert located == {("settings", 2, "bundle_id"), ("bundle", 3, "form_id"), ("bundle", 4, "form_id")}


def test_aFormIsNotABundle() -> None:
    from inclusion_app import paths

    assert not is_bundle_file(paths.shipped_forms_dir() / "home_care.md")


@pytest.mark.parametrize("bundle_id", ["turning_60", "help_at_home"])
def test_shippedBundles_checkCleanAgainstShippedForms(bundle_id: str) -> None:
    bundle, forms = shipped(bundle_id)
    assert {"zh", "en"} <= set(bundle.titles) and {"zh", "en"} <= set(bundle.descriptions)
    assert check_bundle(bundle, {k: Installed(form=v) for k, v in forms.items()}, bundle_id) == []


def test_xlsxBundle_readsLikeMarkdown(tmp_path: Path, forms: dict[str, Installed]) -> None:
    """Volunteers write bundles in Excel: the same sheets, the same checks, the same rows."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "bundle"
    sheet.append(["form_id", "relevant"])
    sheet.append(["form_a", None])
    sheet.append(["form_b", "${q_b} = 1"])
    settings = book.create_sheet("settings")
    settings.append(["bundle_id", "title::中文 (zh)", "title::English (en)", "description::English (en)"])
    settings.append(["excel_life", "生活", "Life", "Two forms"])
    path = tmp_path / "excel_life.xlsx"
    book.save(path)
    assert is_bundle_file(path)
    bundle = load_bundle(path)
    assert bundle.form_ids == ["form_a", "form_b"] and bundle.description("en") == "Two forms"
    (problem,) = check_bundle(bundle, forms, "excel_life.xlsx")
    assert (problem.sheet, problem.row, problem.column) == ("bundle", 3, "relevant")
