"""The volunteer's commands: drafts list/delete, outbox list, key export/import."""

from __future__ import annotations

import io
import os
import stat
import sys

import pytest

from inclusion_app.cli import main
from inclusion_app.storage import keys
from inclusion_app.storage.factory import open_store
from tests.storage.builders import draft, submission

PASS = "seven long words here"


@pytest.fixture
def filled(app_paths):
    store = open_store(app_paths)
    store.save_draft(draft("draft-a", form_title="Benefit claim"))
    store.finalize(submission(1))
    iid = store.finalize(submission(2)).instance_id
    store.mark_failed(iid, "server unreachable")
    store.close()
    return app_paths


def run(args: list[str], capsys, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_outbox_list_one_line_per_submission(filled, capsys) -> None:
    """Each line: reference, instanceID, form id, state, attempts, last error."""
    code, out, _ = run(["outbox", "list"], capsys)
    lines = [line.split("\t") for line in out.strip().splitlines()]
    assert code == 0 and len(lines) == 2
    assert lines[1] == [submission(2).reference, submission(2).instance_id, "benefit_claim",
                        "failed", "1", "server unreachable"]
    assert lines[0][3:] == ["queued", "0", "-"]
    code, out, _ = run(["outbox", "list", "--state", "failed"], capsys)
    assert out.count("\n") == 1 and "failed" in out


def test_drafts_list_and_delete(filled, capsys) -> None:
    """Drafts are listed by ID and deleted by ID; an unknown ID is a plain error."""
    code, out, _ = run(["drafts", "list"], capsys)
    assert code == 0 and out.startswith("draft-a\tbenefit_claim") and "Benefit claim" in out
    assert run(["drafts", "delete", "draft-a"], capsys)[0] == 0
    assert run(["drafts", "list"], capsys)[1].strip() == "No drafts."
    code, _, err = run(["drafts", "delete", "draft-a"], capsys)
    assert code == 1 and "No draft" in err


def test_key_export_then_import_after_the_key_is_lost(filled, tmp_path, capsys, monkeypatch) -> None:
    """A recovery copy restores a lost key, and the queued submissions open again."""
    backup = tmp_path / "key-backup.json"
    code, out, _ = run(["key", "export", str(backup), "--passphrase-stdin"], capsys,
                       PASS + "\n", monkeypatch)
    assert code == 0 and backup.exists()
    if os.name == "posix":
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    original = keys.key_file(filled).read_bytes()
    keys.key_file(filled).unlink()  # the key was lost; the next start makes a new one
    code, _, err = run(["outbox", "list"], capsys)
    assert code == 1 and "key import" in err and keys.key_file(filled).read_bytes() != original

    code, _, err = run(["key", "import", str(backup), "--passphrase-stdin"], capsys,
                       "wrong passphrase!\n", monkeypatch)
    assert code == 1 and "passphrase" in err
    code, out, _ = run(["key", "import", str(backup), "--passphrase-stdin"], capsys,
                       PASS + "\n", monkeypatch)
    assert code == 0 and "restored" in out
    assert keys.key_file(filled).read_bytes() == original
    store = open_store(filled)
    assert store.load_payload(submission(1).instance_id).xml == submission(1).xml
    store.close()


def test_import_refuses_a_key_that_does_not_open_the_data(filled, tmp_path, capsys, monkeypatch) -> None:
    """A recovery copy of some other key is refused and the working key is kept."""
    from inclusion_app.storage.recovery import export_key

    before = keys.key_file(filled).read_bytes()
    other = tmp_path / "other.json"
    other.write_bytes(export_key(os.urandom(32), PASS, n=2**12))
    code, _, err = run(["key", "import", str(other), "--passphrase-stdin"], capsys,
                       PASS + "\n", monkeypatch)
    assert code == 1 and "not the key" in err
    assert keys.key_file(filled).read_bytes() == before


def test_import_over_a_different_key_without_data_needs_replace(app_paths, tmp_path, capsys,
                                                               monkeypatch) -> None:
    """With no database to decide, replacing an existing different key needs --replace."""
    from inclusion_app.storage.recovery import export_key
    from inclusion_app.storage.vault import open_vault

    open_vault(app_paths)  # this computer already has a key, but no saved data yet
    other = tmp_path / "other.json"
    other.write_bytes(export_key(os.urandom(32), PASS, n=2**12))
    args = ["key", "import", str(other), "--passphrase-stdin"]
    code, _, err = run(args, capsys, PASS + "\n", monkeypatch)
    assert code == 1 and "--replace" in err
    code, out, _ = run(args + ["--replace"], capsys, PASS + "\n", monkeypatch)
    assert code == 0 and "restored" in out


def test_export_refuses_short_passphrase_and_existing_file(filled, tmp_path, capsys, monkeypatch) -> None:
    """Bad input gets a sentence, never a traceback, and writes nothing."""
    target = tmp_path / "k.json"
    code, _, err = run(["key", "export", str(target), "--passphrase-stdin"], capsys,
                       "short\n", monkeypatch)
    assert code == 1 and "too short" in err and not target.exists()
    target.write_text("keep me")
    code, _, err = run(["key", "export", str(target), "--passphrase-stdin"], capsys,
                       PASS + "\n", monkeypatch)
    assert code == 1 and "--force" in err and target.read_text() == "keep me"
