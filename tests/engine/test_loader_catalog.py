"""The installed-forms catalog: shipped plus imported, broken ones listed, not hiding the others."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from inclusion_app import paths
from inclusion_app.engine import catalog
from inclusion_app.engine.loader import FormLoadError, load_form

BROKEN = Path(__file__).resolve().parent.parent / "forms" / "broken"
MINE = ("| survey |\n| | type | name | label::English (en) | label::中文 (zh) |\n| | text | a | A? | 甲？ |\n"
        "| settings |\n| | form_id | version | form_title | default_language |\n| | {id} | {version} | Mine | English (en) |\n")


def _write(folder: Path, name: str, form_id: str, version: str = "1") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(MINE.replace("{id}", form_id).replace("{version}", version), encoding="utf-8")
    return path


def test_installed_forms_lists_shipped_forms_with_titles_per_language() -> None:
    """Every shipped form is listed, loaded, with a title in each of its languages."""
    entries = catalog.installed_forms(paths.resolve().ensure())
    by_id = {e.form_id: e for e in entries}
    assert {"pension_check", "practice_meal", "home_care"} <= by_id.keys()
    pension = by_id["pension_check"]
    assert pension.origin == catalog.SHIPPED and not pension.broken and pension.form is not None
    assert set(pension.titles) == {"zh", "en"} and pension.title("zh") == "年度养老金资格认证"
    assert by_id["practice_meal"].practice and not pension.practice


def test_one_broken_imported_form_does_not_hide_the_others() -> None:
    """A broken imported file is an entry marked broken with the loader's message."""
    app = paths.resolve().ensure()
    app.imported_forms.mkdir(parents=True, exist_ok=True)
    shutil.copy(BROKEN / "unknown_type.md", app.imported_forms / "bad.md")
    _write(app.imported_forms, "good.md", "good_one")
    entries = catalog.installed_forms(app)
    bad = next(e for e in entries if e.path.name == "bad.md")
    assert bad.broken and bad.origin == catalog.IMPORTED
    assert bad.error.startswith("bad.md: survey, row 3, column type: unknown question type")
    assert any(e.form_id == "good_one" and not e.broken for e in entries)
    assert sum(1 for e in entries if e.origin == catalog.SHIPPED and not e.broken) >= 7


def test_hidden_and_unrelated_files_are_skipped() -> None:
    """Editor lock files, hidden files and other kinds of file are not forms."""
    app = paths.resolve().ensure()
    app.imported_forms.mkdir(parents=True, exist_ok=True)
    for name in ("~$sheet.xlsx", ".hidden.md", "notes.txt"):
        (app.imported_forms / name).write_text("x", encoding="utf-8")
    assert not [e for e in catalog.installed_forms(app) if e.origin == catalog.IMPORTED]


def test_find_form_by_id_prefers_an_imported_copy() -> None:
    """An imported form with a shipped form's id wins: the volunteer imported it on purpose."""
    app = paths.resolve().ensure()
    _write(app.imported_forms, "pension_check.md", "pension_check", "2099010101")
    found = catalog.find_form(app, "pension_check")
    assert found is not None and found.origin == catalog.IMPORTED and found.version == "2099010101"
    assert catalog.find_form(app, "no_such_form") is None


def test_import_copies_the_form_and_its_media(tmp_path: Path) -> None:
    """`import_form` checks, copies the file and its '-media' folder, and returns its entry."""
    app = paths.resolve().ensure()
    source = _write(tmp_path, "mine.md", "mine")
    (tmp_path / "mine-media").mkdir()
    (tmp_path / "mine-media" / "a.png").write_bytes(b"\x89PNG")
    entry = catalog.import_form(app, source)
    assert entry.form_id == "mine" and entry.origin == catalog.IMPORTED
    assert (app.imported_forms / "mine.md").read_bytes() == source.read_bytes()
    assert (app.imported_forms / "mine-media" / "a.png").read_bytes() == b"\x89PNG"
    assert load_form(app.imported_forms / "mine.md").media_dir == app.imported_forms / "mine-media"


def test_import_refuses_a_broken_form_and_copies_nothing() -> None:
    """A form that does not load is not copied."""
    app = paths.resolve().ensure()
    with pytest.raises(FormLoadError):
        catalog.import_form(app, BROKEN / "calculate_cycle.md")
    assert not (app.imported_forms / "calculate_cycle.md").exists()


def test_entry_title_falls_back_to_the_default_language() -> None:
    """A title asked for in a language the form lacks comes in its default language."""
    entry = catalog.FormEntry("f", "1", {"zh": "中文名", "en": "English name"}, Path("f.md"), default_language="en")
    assert entry.title("fr") == "English name" and entry.title("zh") == "中文名"
    assert catalog.FormEntry("f", "1", {}, Path("f.md")).title() == "f"


def test_xlsx_that_unpacks_to_too_much_is_refused(tmp_path: Path) -> None:
    """A zip bomb dressed as .xlsx is refused by its unpacked size, before any sheet is read."""
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (120 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(FormLoadError) as info:
        load_form(bomb)
    assert "would unpack to 120 MB" in str(info.value)


def test_xlsx_with_an_external_entity_never_reads_the_file(tmp_path: Path) -> None:
    """An .xlsx whose XML declares and uses an external entity never pulls in the file's text."""
    from openpyxl import Workbook

    source = tmp_path / "ok.xlsx"
    wb = Workbook()
    wb.active.title = "survey"
    for row in [("type", "name", "label"), ("text", "a", "Alabel")]:
        wb.active.append(row)
    wb.save(source)
    evil = tmp_path / "evil.xlsx"
    entity = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(evil, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if b"Alabel" in data:
                head, _, body = data.partition(b"?>") if data.startswith(b"<?xml") else (b"", b"", data)
                data = (head + b"?>" if head else b"") + entity + body.replace(b"Alabel", b"&e;")
            dst.writestr(item, data)
    try:
        form = load_form(evil)
    except FormLoadError as exc:
        assert "root:" not in str(exc)
    else:
        assert b"root:" not in form.xml


def test_a_changed_imported_form_is_reloaded() -> None:
    """Listing twice reuses unchanged entries, but an edited file shows its new version."""
    app = paths.resolve().ensure()
    path = _write(app.imported_forms, "mine.md", "mine", "1")
    first = next(e for e in catalog.installed_forms(app) if e.form_id == "mine")
    assert next(e for e in catalog.installed_forms(app) if e.form_id == "mine") is first
    _write(app.imported_forms, "mine.md", "mine", "22")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert next(e for e in catalog.installed_forms(app) if e.form_id == "mine").version == "22"
