"""`fill BUNDLE_ID --answers A.json [--queue]` and `forms check|import` of bundles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inclusion_app import paths
from inclusion_app.cli import main
from inclusion_app.engine.bundle import shipped_bundles_dir
from tests.bundles.helpers import SHARED, own_answers, write_bundle


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def answers_file(tmp_path: Path, form_ids: list[str], **top: object) -> str:
    answers: dict[str, object] = {**SHARED, **{fid: own_answers(fid) for fid in form_ids}, **top}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_fillBundle_queue_printsOneQueuedLinePerSubmission(capsys, tmp_path: Path) -> None:
    from inclusion_app.storage.factory import open_store

    forms = ["concession_card", "pension_check", "book_service"]
    code, out, err = run(capsys, "fill", "turning_60", "--answers", answers_file(tmp_path, forms), "--queue")
    assert code == 0, err
    queued = [line.split(" ") for line in out.splitlines() if line.startswith("queued")]
    assert len(queued) == 3 and all(len(q) == 3 and q[2].startswith("uuid:") for q in queued)
    store = open_store(paths.resolve())
    try:
        entries = [store.get_entry(q[2]) for q in queued]
    finally:
        store.close()
    assert [e.form_id for e in entries] == forms and [e.reference for e in entries] == [q[1] for q in queued]


def test_fillBundle_ignoresAnswersOfAFormWhoseRelevantIsFalse(capsys, tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path, "care_then_book", [("home_care", ""), ("book_service", "${living} != 'alone'")])
    assert run(capsys, "forms", "import", str(bundle))[0] == 0
    answers = answers_file(tmp_path, ["home_care", "book_service"])
    data = json.loads(Path(answers).read_text(encoding="utf-8"))
    data["book_service"]["slot"] = "at midnight"  # would be refused, were the form filled
    Path(answers).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, "fill", "care_then_book", "--answers", answers, "--queue")
    assert code == 0, err
    assert sum(line.startswith("queued") for line in out.splitlines()) == 1
    assert "[book_service" not in out
    data["home_care"]["living"] = "spouse"  # now the booking is relevant, and its bad answer counts
    Path(answers).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, "fill", "care_then_book", "--answers", answers, "--queue")
    assert code == 1 and "book_service" in err and "slot" in err and "queued" not in out


def test_checkBundle_reportsSheetRowColumn(capsys, tmp_path: Path) -> None:
    bad = write_bundle(tmp_path, "my_life", [("pension_check", "${slot} = 'morning'"), ("not_installed", ""),
                                             ("book_service", "")])
    code, out, _err = run(capsys, "forms", "check", str(shipped_bundles_dir()), str(bad))
    lines = out.splitlines()
    assert code == 1
    assert sum(": ok: bundle " in line for line in lines) == 2
    assert f"{bad}: bundle, row 2, column relevant: " in out and "${slot}" in out
    assert f"{bad}: bundle, row 3, column form_id: no installed form has the id 'not_installed'" in out


def test_importBundle_thenFillIt_andIdsAreShared(capsys, tmp_path: Path) -> None:
    path = write_bundle(tmp_path, "care_once", [("home_care", "")])
    code, out, err = run(capsys, "forms", "import", str(path))
    assert code == 0 and "imported bundle care_once" in out, err
    code, out, err = run(capsys, "fill", "care_once", "--answers", answers_file(tmp_path, ["home_care"]), "--queue")
    assert code == 0 and sum(line.startswith("queued ") for line in out.splitlines()) == 1, err
    clash = write_bundle(tmp_path, "home_care", [("home_care", "")], name="clash")
    code, _out, err = run(capsys, "forms", "import", str(clash))
    assert code == 1 and "settings, row 2, column bundle_id" in err
    form = tmp_path / "care_once.md"
    form.write_text((paths.shipped_forms_dir() / "report_problem.md").read_text(encoding="utf-8")
                    .replace("| report_problem ", "| care_once "), encoding="utf-8")
    code, _out, err = run(capsys, "forms", "import", str(form))
    assert code == 1 and "already the id of an installed bundle" in err


def test_listShowsBundlesAfterTheForms(capsys) -> None:
    code, out, _err = run(capsys, "forms", "list", "--lang", "en")
    rows = {line.split("\t")[0]: line.split("\t") for line in out.splitlines()}
    assert code == 0
    assert rows["turning_60"][2] == "I am turning 60"
    assert rows["turning_60"][-1] == "(bundle: concession_card, pension_check, book_service)"
    assert rows["help_at_home"][2] == "Needing help at home"
