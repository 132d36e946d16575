"""The volunteer PIN: set only by the installer (command line), kept in the old format's file,
checked with a slow-down after wrong tries that survives a restart."""

from __future__ import annotations

import getpass
import hashlib
import io
import json
import subprocess
import sys

import pytest

from inclusion_app import i18n, paths, volunteer_pin
from inclusion_app.cli import main

REPO = paths.project_root()


@pytest.fixture(autouse=True)
def english() -> None:
    i18n.set_language("en")


@pytest.fixture
def app_paths() -> paths.AppPaths:
    return paths.resolve().ensure()


def piped(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    """Standard input that is not a terminal, as in `echo 2468 | inclusion-app ...`."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def test_set_pin_from_standard_input_then_it_checks(monkeypatch, capsys, app_paths) -> None:
    assert not volunteer_pin.pin_is_set(app_paths)
    assert volunteer_pin.check_pin(app_paths, "2468").not_set
    piped(monkeypatch, "2468\n")
    assert main(["volunteer", "set-pin"]) == 0
    assert "is set" in capsys.readouterr().out
    assert volunteer_pin.check_pin(app_paths, "2468").ok
    assert not volunteer_pin.check_pin(app_paths, "2469").ok
    stored = json.loads(app_paths.settings_file.read_text())["volunteer_pin_hash"]
    assert stored.startswith("scrypt$") and "2468" not in stored


def test_set_pin_in_a_real_process_with_a_pipe(app_paths) -> None:
    """The command as an installer's script runs it: a separate process, PIN on stdin."""
    done = subprocess.run([sys.executable, "-m", "inclusion_app", "volunteer", "set-pin"],
                          input="97531\n", capture_output=True, text=True, cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr
    assert volunteer_pin.check_pin(app_paths, "97531").ok


def test_at_a_terminal_the_pin_is_typed_twice(monkeypatch, capsys, app_paths) -> None:
    """Two different typings set nothing; the same twice sets it."""
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    typed = iter(["2468", "2486"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(typed))
    assert main(["volunteer", "set-pin"]) == 1
    assert "not the same" in capsys.readouterr().err
    assert not volunteer_pin.pin_is_set(app_paths)
    typed = iter(["2468", "2468"])
    assert main(["volunteer", "set-pin"]) == 0
    assert volunteer_pin.check_pin(app_paths, "2468").ok


def test_changing_the_pin_needs_the_old_one(monkeypatch, capsys, app_paths) -> None:
    volunteer_pin.set_pin(app_paths, "2468")
    piped(monkeypatch, "1111\n8642\n")
    assert main(["volunteer", "set-pin"]) == 1
    assert "not right" in capsys.readouterr().err
    assert volunteer_pin.check_pin(app_paths, "2468").ok
    piped(monkeypatch, "2468\n8642\n")
    assert main(["volunteer", "set-pin"]) == 0
    assert "changed" in capsys.readouterr().out
    assert volunteer_pin.check_pin(app_paths, "8642").ok
    with pytest.raises(volunteer_pin.PinError):
        volunteer_pin.set_pin(app_paths, "1357")  # no old PIN given


@pytest.mark.parametrize("bad", ["12", "12ab", "２４６８", "0000", ""])
def test_weak_or_malformed_pins_are_refused_in_words(bad, app_paths) -> None:
    with pytest.raises(volunteer_pin.PinError) as err:
        volunteer_pin.set_pin(app_paths, bad)
    assert "PIN" in str(err.value)
    assert not volunteer_pin.pin_is_set(app_paths)


def test_a_pin_set_before_the_update_stays_valid(app_paths) -> None:
    """The corner used to write pbkdf2_sha256$200000$salt$digest into settings.json."""
    salt = bytes(range(16))
    digest = hashlib.pbkdf2_hmac("sha256", b"2468", salt, 200_000)
    app_paths.settings_file.write_text(json.dumps({
        "schema_version": 1, "language": "zh",
        "volunteer_pin_hash": f"pbkdf2_sha256$200000${salt.hex()}${digest.hex()}"}))
    assert volunteer_pin.pin_is_set(app_paths)
    assert volunteer_pin.check_pin(app_paths, "2468").ok
    volunteer_pin.set_pin(app_paths, "8642", old="2468")
    assert json.loads(app_paths.settings_file.read_text())["language"] == "zh"


def test_wrong_tries_slow_down_and_the_wait_survives_a_restart(app_paths) -> None:
    """The fifth wrong PIN starts a wait; during it even the right PIN is not compared;
    the wait is in a file, so a restarted program still waits."""
    volunteer_pin.set_pin(app_paths, "2468")
    results = [volunteer_pin.check_pin(app_paths, "1111") for _ in range(5)]
    assert [r.wait_seconds for r in results[:4]] == [0, 0, 0, 0]
    assert results[4].wait_seconds == 30
    assert volunteer_pin.tries(app_paths).path.exists()
    refused = volunteer_pin.check_pin(app_paths, "2468")  # a fresh read of the file
    assert not refused.ok and refused.wait_seconds > 25
    assert "wait 30 seconds" in volunteer_pin.wrong_pin_message(refused)


def test_waits_are_said_in_words_rounded_up() -> None:
    assert i18n.format_wait(1) == "1 second"
    assert i18n.format_wait(29.2) == "30 seconds"
    assert i18n.format_wait(61) == "2 minutes"
    assert i18n.format_wait(900, lang="zh") == "15分钟"
