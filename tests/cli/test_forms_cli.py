"""The `forms check|list|import` and `fill` commands: exit codes and the lines a person reads."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from inclusion_app import paths
from inclusion_app.cli import main
from tests.data.service_answers import answers_for

REPO = Path(__file__).resolve().parents[2]
BROKEN = REPO / "tests" / "forms" / "broken"
SHIPPED = paths.shipped_forms_dir()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _answers(tmp_path: Path, form_id: str, **changes: object) -> str:
    answers = answers_for(form_id)
    answers.update(changes)
    path = tmp_path / f"{form_id}.json"
    path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _local(xml: str | bytes) -> dict[str, str]:
    """Leaf name -> text of the first element with that name (enough for these forms)."""
    root = ET.fromstring(xml)
    found: dict[str, str] = {}
    for element in root.iter():
        found.setdefault(element.tag.split("}")[-1], element.text or "")
    return found


# -- forms check ---------------------------------------------------------------------------------
def test_check_valid_forms_prints_one_summary_each(capsys: pytest.CaptureFixture[str]) -> None:
    """Valid forms: exit 0, one 'FILE: ok: id version N, questions, languages' line each."""
    files = [str(SHIPPED / "pension_check.md"), str(SHIPPED / "practice_meal.md")]
    code, out, _ = run(capsys, "forms", "check", *files)
    lines = [line for line in out.splitlines() if ": differs from ODK Collect: " not in line]
    assert code == 0
    assert lines[0].startswith(f"{files[0]}: ok: pension_check version 2026112701, ")
    assert "questions, languages zh, en" in lines[0]
    assert lines[1].endswith("practice form (never sent)")


def test_check_broken_forms_exit_1_with_located_lines(capsys: pytest.CaptureFixture[str]) -> None:
    """A refused form: exit 1 and 'FILE: sheet, row N, column C: message'."""
    name = str(BROKEN / "relevant_syntax.md")
    code, out, _ = run(capsys, "forms", "check", name)
    assert code == 1
    assert out.startswith(f"{name}: survey, row 3, column relevant: the expression")


def test_check_mix_reports_every_file(capsys: pytest.CaptureFixture[str]) -> None:
    """One bad form among good ones: every file gets its line, and the exit code is 1."""
    good, bad = str(SHIPPED / "home_care.md"), str(BROKEN / "unknown_type.md")
    code, out, _ = run(capsys, "forms", "check", good, bad)
    assert code == 1
    assert any(line.startswith(f"{good}: ok:") for line in out.splitlines())
    assert any(line.startswith(f"{bad}: survey, row 3, column type:") for line in out.splitlines())


def test_check_lists_unsupported_questions_as_warnings(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Question types a desktop cannot answer are warnings, not errors."""
    form = tmp_path / "geo.md"
    form.write_text("| survey |\n| | type | name | label |\n| | geopoint | where | Where? |\n", encoding="utf-8")
    code, out, _ = run(capsys, "forms", "check", str(form))
    assert code == 0
    assert f"{form}: warning: question 'where' (geopoint)" in out


def test_check_warns_of_recordings_the_player_cannot_play(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """An M4A recording is named in a warning; MP3 and WAV recordings are not."""
    form = tmp_path / "voices.md"
    form.write_text(
        "| survey |\n| | type | name | label::English (en) | media::audio::English (en) |\n"
        "| | text | a | Name? | name.m4a |\n| | text | b | Town? | town.mp3 |\n"
        "| | text | c | Street? | street.WAV |\n", encoding="utf-8")
    code, out, _ = run(capsys, "forms", "check", str(form))
    assert code == 0
    warnings = [line for line in out.splitlines() if ": warning: " in line]
    assert len(warnings) == 1 and "'name.m4a'" in warnings[0] and "WAV, MP3" in warnings[0]


def test_check_a_folder_checks_each_form_in_it(capsys: pytest.CaptureFixture[str]) -> None:
    """A folder argument stands for its form files: every shipped form gets an ok line."""
    code, out, _ = run(capsys, "forms", "check", str(SHIPPED))
    ok_lines = [line for line in out.splitlines() if ": ok: " in line]
    assert code == 0 and len(ok_lines) == len(list(SHIPPED.glob("*.md"))) >= 7


def test_check_never_shows_a_traceback(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Even an unexpected failure inside the loader becomes one plain line."""
    import inclusion_app.cli.forms_cmd as forms_cmd

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(forms_cmd, "load_form", explode)
    code, out, err = run(capsys, "forms", "check", "whatever.md")
    assert code == 1
    assert out.strip() == "whatever.md: the form could not be checked (RuntimeError: disk on fire)"
    assert "Traceback" not in out + err


# -- forms list / import -------------------------------------------------------------------------
def test_list_shows_installed_forms_in_the_chosen_language(capsys: pytest.CaptureFixture[str]) -> None:
    """Each shipped form: id, version and its title; the practice form is marked."""
    code, out, _ = run(capsys, "forms", "list", "--lang", "zh")
    rows = {line.split("\t")[0]: line.split("\t") for line in out.splitlines()}
    assert code == 0
    assert {"pension_check", "practice_meal", "medical_claim"} <= rows.keys()
    assert rows["pension_check"][1:3] == ["2026112701", "年度养老金资格认证"]
    assert rows["practice_meal"][-1] == "(practice)"


def test_broken_imported_form_does_not_hide_the_others(capsys: pytest.CaptureFixture[str]) -> None:
    """A broken file in the imported folder is listed as BROKEN with its problem; others still list."""
    imported = paths.resolve().imported_forms
    imported.mkdir(parents=True, exist_ok=True)
    shutil.copy(BROKEN / "duplicate_names.md", imported / "dup.md")
    code, out, _ = run(capsys, "forms", "list")
    assert code == 0
    assert "dup\t-\tBROKEN (imported): dup.md: survey, row 4, column name:" in out
    assert "pension_check\t2026112701" in out


def test_import_copies_a_good_form_and_refuses_a_bad_one(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`forms import` checks first: a good form appears in the list, a bad one is not copied."""
    good = tmp_path / "mine.md"
    good.write_text("| survey |\n| | type | name | label |\n| | text | a | A? |\n"
                    "| settings |\n| | form_id | version | form_title |\n| | mine | 5 | My form |\n", encoding="utf-8")
    code, out, _ = run(capsys, "forms", "import", str(good))
    assert code == 0 and out.strip() == "imported mine version 5: My form"
    code, out, _ = run(capsys, "forms", "list")
    assert "mine\t5\tMy form" in out
    code, _, err = run(capsys, "forms", "import", str(BROKEN / "empty_label.md"))
    assert code == 1 and "empty_label.md: survey, row 3, column label:" in err
    assert not (paths.resolve().imported_forms / "empty_label.md").exists()


# -- fill ----------------------------------------------------------------------------------------
def test_fill_writes_the_submission_and_prints_each_step(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A full walk: each step's question text is printed, the XML is written to --out."""
    out_file = tmp_path / "out.xml"
    code, out, err = run(capsys, "fill", "pension_check", "--answers", _answers(tmp_path, "pension_check"),
                         "--lang", "en", "--out", str(out_file))
    assert code == 0, err
    assert "What is your full name?" in out and out.splitlines()[0].startswith("[1/")
    values = _local(out_file.read_bytes())
    assert values["full_name"] == "张伟" and values["changes"] == "moved bank_card"
    assert values["instanceID"].startswith("uuid:")


def test_fill_never_prints_answer_values(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The step lines show questions only; the resident's answers stay out of the terminal."""
    code, out, err = run(capsys, "fill", "pension_check", "--answers", _answers(tmp_path, "pension_check"),
                         "--out", str(tmp_path / "o.xml"))
    assert code == 0
    assert "110101195003071235" not in out + err and "张伟" not in out + err


def test_fill_without_out_writes_xml_to_stdout(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Without --out the XML is the standard output (steps go to standard error)."""
    code, out, err = run(capsys, "fill", str(SHIPPED / "practice_meal.md"), "--answers",
                         _answers(tmp_path, "practice_meal"))
    assert code == 0
    assert _local(out)["meal"] == answers_for("practice_meal")["meal"]
    assert "[1/" in err


def test_fill_repeats_from_a_list_of_objects(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A list of objects fills one repeat instance each, then stops adding."""
    out_file = tmp_path / "claim.xml"
    code, out, err = run(capsys, "fill", "medical_claim", "--answers", _answers(tmp_path, "medical_claim"),
                         "--out", str(out_file))
    assert code == 0, err
    root = ET.fromstring(out_file.read_bytes())
    assert [e.findtext("hospital") for e in root.iter("expense")] == ["City Hospital", "社区卫生服务中心"]
    assert out.count("add another?") == 2


def test_fill_ignores_answers_for_questions_that_are_not_relevant(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """An answer for a skipped question never reaches the submission."""
    answers = _answers(tmp_path, "pension_check", same_address="yes", current_address="不应出现")
    out_file = tmp_path / "o.xml"
    code, _, err = run(capsys, "fill", "pension_check", "--answers", answers, "--out", str(out_file))
    assert code == 0, err
    assert "不应出现" not in out_file.read_text(encoding="utf-8")


def test_fill_stops_at_a_refused_answer(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A refused answer: exit 1, the question named with its message, no XML written."""
    out_file = tmp_path / "o.xml"
    code, _, err = run(capsys, "fill", "pension_check", "--answers", _answers(tmp_path, "pension_check", id_number="123"),
                       "--lang", "en", "--out", str(out_file))
    assert code == 1
    assert err.startswith("question 'id_number' (What is your resident ID number?): ")
    assert "123" not in err and not out_file.exists()


def test_fill_stops_at_a_missing_required_answer(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A required question with no answer in the JSON stops the walk with its message."""
    answers = answers_for("pension_check")
    del answers["full_name"]
    path = tmp_path / "a.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    code, _, err = run(capsys, "fill", "pension_check", "--answers", str(path), "--lang", "en")
    assert code == 1 and err.splitlines()[-1].startswith("question 'full_name' (What is your full name?): ")


@pytest.mark.parametrize(
    ("content", "args", "words"),
    [
        ("{not json", (), "not valid JSON"),
        ("[1, 2]", (), "must be one JSON object"),
        ("{}", ("--lang", "fr"), "the form has no language 'fr' (it has: zh, en)"),
    ],
)
def test_fill_bad_input_is_one_plain_line(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                          content: str, args: tuple[str, ...], words: str) -> None:
    """Bad answers files and unknown languages: exit 1 with a plain message."""
    path = tmp_path / "a.json"
    path.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "fill", "pension_check", "--answers", str(path), *args)
    assert code == 1 and words in err and "Traceback" not in err


def test_fill_language_defaults_to_the_settings(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Without --lang the settings' language is used when the form has it."""
    from inclusion_app import settings

    app = paths.resolve().ensure()
    chosen = settings.load(app.settings_file)
    chosen.language = "en"
    settings.save(chosen, app.settings_file)
    code, out, _ = run(capsys, "fill", "pension_check", "--answers", _answers(tmp_path, "pension_check"),
                       "--out", str(tmp_path / "o.xml"))
    assert code == 0 and "What is your full name?" in out and "您的姓名" not in out


def test_fill_unknown_form(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """An id that is neither installed nor a file is reported in words."""
    path = tmp_path / "a.json"
    path.write_text("{}", encoding="utf-8")
    code, _, err = run(capsys, "fill", "no_such_form", "--answers", str(path))
    assert code == 1 and "no installed form has this id" in err


def test_fill_queue_puts_the_submission_in_the_outbox(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--queue: the last line is 'queued REF uuid:...' and the outbox holds that entry."""
    from inclusion_app.storage.factory import open_store

    code, out, err = run(capsys, "fill", "pension_check", "--answers", _answers(tmp_path, "pension_check"), "--queue")
    assert code == 0, err
    word, reference, instance_id = out.splitlines()[-1].split(" ")
    assert word == "queued" and instance_id.startswith("uuid:")
    store = open_store(paths.resolve())
    try:
        entry = store.get_entry(instance_id)
    finally:
        store.close()
    assert entry is not None and entry.reference == reference and entry.form_id == "pension_check"


def test_fill_queue_refuses_practice_forms(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A practice form is never queued: exit 1 and no 'queued' line."""
    code, out, err = run(capsys, "fill", "practice_meal", "--answers", _answers(tmp_path, "practice_meal"), "--queue")
    assert code == 1 and "practice" in err and "queued" not in out


def test_python_m_runs_the_same_commands(tmp_path: Path) -> None:
    """`python -m inclusion_app forms check` works as a process: exit codes and output lines."""
    env = dict(os.environ)
    good = subprocess.run([sys.executable, "-m", "inclusion_app", "forms", "check", str(SHIPPED / "book_service.md")],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert good.returncode == 0, good.stderr
    assert ": ok: book_service version 2026112701" in good.stdout
    bad = subprocess.run([sys.executable, "-m", "inclusion_app", "forms", "check", str(BROKEN / "xxe.xml"),
                          str(BROKEN / "not_a_spreadsheet.xlsx")], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1
    assert len(bad.stdout.splitlines()) == 2 and "Traceback" not in bad.stdout + bad.stderr


def test_check_works_when_the_cache_folder_cannot_be_made(capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A cache folder that cannot be created (a file is in the way) does not stop `forms check`."""
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    monkeypatch.setenv("INCLUSION_APP_CACHE_DIR", str(blocker / "cache"))
    code, out, _ = run(capsys, "forms", "check", str(SHIPPED / "home_care.md"))
    assert code == 0 and ": ok: home_care" in out


@pytest.mark.parametrize("form_id", sorted(p.stem for p in SHIPPED.glob("*.md")))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fill_every_shipped_form_in_both_languages(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                   form_id: str, lang: str) -> None:
    """Each shipped form walks to a submission from its realistic answers, in Chinese and English."""
    out_file = tmp_path / "o.xml"
    code, out, err = run(capsys, "fill", form_id, "--answers", _answers(tmp_path, form_id), "--lang", lang,
                         "--out", str(out_file))
    assert code == 0, err
    root = ET.fromstring(out_file.read_bytes())
    assert root.get("id") == form_id
    assert _local(out_file.read_bytes())["instanceID"].startswith("uuid:")
    assert len(out.splitlines()) >= 3


def test_fill_and_check_a_form_with_a_list_beside_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """fill answers a select_one_from_file from the form's media folder; forms check names a
    missing list file at the question's row and exits 1."""
    form = tmp_path / "streets.md"
    form.write_text("| survey |\n| | type | name | label | calculation |\n"
                    "| | select_one_from_file streets.csv | street | Street | |\n"
                    "| | calculate | fee | | pulldata('streets', 'fee', 'name', ${street}) |\n", encoding="utf-8")
    media = tmp_path / "streets-media"
    media.mkdir()
    (media / "streets.csv").write_text("name,label,fee\ns1,First street,5\ns2,Second street,7\n", encoding="utf-8")
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"street": "s2"}), encoding="utf-8")
    code, out, _ = run(capsys, "fill", str(form), "--answers", str(answers))
    root = ET.fromstring(out[out.index("<"):])
    assert code == 0 and root.findtext("street") == "s2" and root.findtext("fee") == "7"
    (media / "streets.csv").unlink()
    code, out, _ = run(capsys, "forms", "check", str(form))
    assert code == 1
    assert out.startswith(f"{form}: survey, row 2, column type: the list file 'streets.csv' is not in")
