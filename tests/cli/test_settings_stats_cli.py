"""`settings list|set` and `stats [--csv]`: lines a script can read, checked values, exit codes."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from inclusion_app import paths
from inclusion_app import settings as settings_mod
from inclusion_app.cli import main
from inclusion_app.stats.book import open_book


@pytest.fixture(autouse=True)
def english() -> None:
    """Messages in English, as the other command-line tests read them."""
    from inclusion_app import i18n

    i18n.set_language("en")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_prints_key_equals_value_and_no_secret(capsys) -> None:
    """Every line is KEY = VALUE; the PIN's hash and server passwords never appear."""
    p = paths.resolve().ensure()
    s = settings_mod.load(p.settings_file)
    s.volunteer_pin_hash = "pbkdf2_sha256$1$00$SECRETHASH"
    settings_mod.save(s, p.settings_file)
    code, out, _err = run(capsys, "settings", "list")
    assert code == 0
    lines = out.splitlines()
    assert all(" = " in line for line in lines)
    keys = [line.split(" = ")[0] for line in lines]
    assert "text_size" in keys and "retention_days" in keys and "inactivity_minutes" in keys
    assert "SECRETHASH" not in out and "pin" not in out.lower()


def test_set_checks_and_saves(capsys) -> None:
    """A good value is saved in the settings file and echoed; list shows it afterwards."""
    code, out, _err = run(capsys, "settings", "set", "text_size", "6")
    assert (code, out) == (0, "text_size = 6\n")
    assert settings_mod.load(paths.resolve().settings_file).text_size_step == 5
    run(capsys, "settings", "set", "voice", "off")
    run(capsys, "settings", "set", "language", "en")
    _code, out, _err = run(capsys, "settings", "list")
    assert "voice = off" in out.splitlines() and "language = en" in out.splitlines()
    assert settings_mod.load(paths.resolve().settings_file).language == "en"


@pytest.mark.parametrize(("key", "value", "named"), [
    ("colour", "red", "text_size"),
    ("text_size", "9", "1 to 6"),
    ("speech_rate", "very fast", "slow, normal, fast"),
    ("voice", "maybe", "on, off"),
    ("default_target", "nowhere", "none"),
])
def test_a_wrong_key_or_value_exits_1_naming_the_valid_ones(capsys, key, value, named) -> None:
    """Exit 1, a message naming what is valid, no traceback, and nothing saved."""
    before = paths.resolve().ensure().settings_file.read_bytes() if \
        paths.resolve().settings_file.exists() else None
    code, out, err = run(capsys, "settings", "set", key, value)
    assert code == 1 and out == ""
    assert named in err and "Traceback" not in err
    after = paths.resolve().settings_file.read_bytes() if \
        paths.resolve().settings_file.exists() else None
    assert before == after


def test_form_target_needs_a_known_server(capsys) -> None:
    """form_target.FORM_ID takes a configured server's name, or none to go back to the default."""
    p = paths.resolve().ensure()
    s = settings_mod.load(p.settings_file)
    s.targets = [{"name": "central", "url": "https://example.org/v1/projects/3"}]
    settings_mod.save(s, p.settings_file)
    assert run(capsys, "settings", "set", "form_target.pension_check", "central")[0] == 0
    assert "form_target.pension_check = central" in run(capsys, "settings", "list")[1]
    code, _out, err = run(capsys, "settings", "set", "form_target.pension_check", "kobo")
    assert code == 1 and "central, none" in err
    assert run(capsys, "settings", "set", "form_target.pension_check", "none")[0] == 0
    assert "form_target." not in run(capsys, "settings", "list")[1]


def test_stats_text_and_csv(capsys, tmp_path: Path) -> None:
    """`stats` sums the weeks in words; --csv writes a header row and every count."""
    assert "No forms" in run(capsys, "stats")[1]
    book = open_book(paths.resolve().ensure().data)
    book.record("started", "pension_check")
    book.record("abandoned", "pension_check")
    book.record("stopped_at", "pension_check", "id_number")
    book.record("error", "pension_check", "Enter 18 digits.")
    book.close()
    code, out, _err = run(capsys, "stats")
    assert code == 0 and "pension_check / id_number: 1" in out and "Enter 18 digits." in out
    target = tmp_path / "counts.csv"
    code, out, _err = run(capsys, "stats", "--csv", str(target))
    assert code == 0 and "4" in out
    with target.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["week", "form_id", "measure", "item", "count", "seconds"]
    assert len(rows) == 5


def test_stats_csv_to_a_missing_folder_is_a_plain_message(capsys, tmp_path: Path) -> None:
    """A CSV path that cannot be written gives exit 1 and a sentence, not a traceback."""
    code, _out, err = run(capsys, "stats", "--csv", str(tmp_path / "no" / "such" / "x.csv"))
    assert code == 1 and "could not be written" in err


def test_settings_set_from_a_real_process() -> None:
    """The installed command line: a wrong key is exit status 1 without a traceback."""
    done = subprocess.run([sys.executable, "-m", "inclusion_app", "settings", "set", "nope", "1"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "retention_days" in done.stderr


def test_comfort_settings_become_the_centre_defaults(capsys) -> None:
    """`set text_size` changes what every visit starts with; `list` shows the centre's choice
    even while a visitor's own larger text is in the file."""
    assert run(capsys, "settings", "set", "text_size", "4")[0] == 0
    s = saved_settings()
    assert s.extra["centre_defaults"]["text_size_step"] == 3
    s.text_size_step = 5  # a visitor made the text larger for their visit
    settings_mod.save(s, paths.resolve().settings_file)
    assert "text_size = 4" in run(capsys, "settings", "list")[1].splitlines()


def saved_settings() -> settings_mod.Settings:
    return settings_mod.load(paths.resolve().settings_file)
