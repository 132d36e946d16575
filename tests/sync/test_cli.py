"""The upload commands: exit codes, the last line, and secrets that never show."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from inclusion_app import paths
from inclusion_app.cli import main
from inclusion_app.storage.api import State
from inclusion_app.storage.factory import open_store
from tests.sync.helpers import make_submission

SECRET = "s3cret"


def _queue(*subs) -> list[str]:
    store = open_store(paths.resolve().ensure())
    try:
        return [store.finalize(s).instance_id for s in subs]
    finally:
        store.close()


def _entries():
    store = open_store(paths.resolve().ensure())
    try:
        return {e.instance_id: e for e in store.list_outbox()}
    finally:
        store.close()


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def test_target_with_password_never_stored_or_printed_in_clear(serve, monkeypatch, capsys) -> None:
    """The password goes to the encrypted credentials, not settings.json nor any output."""
    srv = serve(auth="digest")
    _stdin(monkeypatch, SECRET + "\n")
    assert main(["targets", "add", "office", srv.url, "--user", "collector", "--password-stdin"]) == 0
    settings_file = paths.resolve().settings_file
    assert SECRET not in settings_file.read_text()
    assert json.loads(settings_file.read_text())["default_target"] == "office"
    for f in paths.resolve().data.rglob("*"):
        if f.is_file():
            assert SECRET.encode() not in f.read_bytes()
    assert main(["targets", "list"]) == 0
    assert main(["targets", "check", "office"]) == 0
    out = capsys.readouterr()
    assert "office (default)" in out.out and "user collector" in out.out
    assert "answered correctly" in out.out and SECRET not in out.out + out.err


def test_check_reports_a_wrong_password(serve, monkeypatch, capsys) -> None:
    """`targets check` exits 1 with plain words when the server refuses the password."""
    srv = serve(auth="basic")
    _stdin(monkeypatch, "wrong\n")
    main(["targets", "add", "office", srv.url, "--user", "collector", "--password-stdin"])
    assert main(["targets", "check", "office"]) == 1
    assert "password" in capsys.readouterr().err


def test_insecure_address_is_refused(capsys) -> None:
    """Plain http to a real server is refused with a message, and nothing is saved."""
    assert main(["targets", "add", "x", "http://central.example.org/v1/projects/1"]) == 1
    assert "https" in capsys.readouterr().err
    assert not paths.resolve().settings_file.exists() or "central.example" not in \
        paths.resolve().settings_file.read_text()


def test_upload_exit_codes_and_last_line(serve, capsys) -> None:
    """All delivered: exit 0; a refused one: exit 1 and it shows as failed; retry requeues it."""
    srv = serve(max_bytes=4000)
    ok = _queue(make_submission(1), make_submission(2))
    big = make_submission(3, extra="z" * 6000)
    _queue(big)
    main(["targets", "add", "central", srv.url])
    capsys.readouterr()
    assert main(["outbox", "upload"]) == 1
    out = capsys.readouterr()
    assert out.out.strip().splitlines()[-1] == "delivered 2, failed 1, waiting 0"
    assert "too large" in _entries()[big.instance_id].last_error
    assert set(srv.stored) == set(ok)
    assert main(["outbox", "retry", big.reference]) == 0
    assert _entries()[big.instance_id].state is State.QUEUED
    srv.config.max_bytes = 100_000
    assert main(["outbox", "upload", "--target", "central"]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == "delivered 1, failed 0, waiting 0"
    assert main(["outbox", "retry", big.reference]) == 1  # already delivered
    assert main(["outbox", "retry", "NOSUCHREF"]) == 1
    assert main(["outbox", "upload", "--target", "nowhere"]) == 1


def test_upload_with_no_target_waits(capsys) -> None:
    """Without a target the submissions wait and the command says so, exit 1."""
    _queue(make_submission())
    assert main(["outbox", "upload"]) == 1
    out = capsys.readouterr()
    assert out.out.strip().splitlines()[-1] == "delivered 0, failed 0, waiting 1"
    assert "No server" in out.err


def test_export_import_commands(tmp_path: Path, monkeypatch, capsys) -> None:
    """`outbox export` then `outbox import` (same PC): a clear count and no duplicates."""
    _queue(make_submission(1), make_submission(2))
    file = tmp_path / "stick.iaobx"
    _stdin(monkeypatch, "long passphrase\n")
    assert main(["outbox", "export", str(file), "--passphrase-stdin"]) == 0
    assert "Wrote 2" in capsys.readouterr().out
    _stdin(monkeypatch, "long passphrase\n")
    assert main(["outbox", "import", str(file), "--passphrase-stdin"]) == 0
    assert "(2 were already here)" in capsys.readouterr().out
    _stdin(monkeypatch, "other passphrase\n")
    assert main(["outbox", "import", str(file), "--passphrase-stdin"]) == 1
    assert "passphrase is wrong" in capsys.readouterr().err


def test_remove_target_forgets_its_secret(serve, monkeypatch, capsys) -> None:
    """Removing a target removes it from settings and its secret from the credentials."""
    from inclusion_app.sync.credentials import Credentials

    srv = serve(mode="json", auth="bearer")
    _stdin(monkeypatch, "tok-123\n")
    assert main(["targets", "add", "office", srv.url, "--kind", "json", "--token-stdin"]) == 0
    assert Credentials(paths.resolve()).get("office") == "tok-123"
    assert main(["targets", "remove", "office"]) == 0
    assert Credentials(paths.resolve()).get("office") is None
    assert main(["targets", "remove", "office"]) == 1


def test_check_json_target_token(serve, monkeypatch, capsys) -> None:
    """`targets check` on a JSON endpoint: the right token passes, a refused one exits 1."""
    srv = serve(mode="json", auth="bearer")
    _stdin(monkeypatch, "tok-123\n")
    main(["targets", "add", "good", srv.url, "--kind", "json", "--token-stdin"])
    _stdin(monkeypatch, "wrong\n")
    main(["targets", "add", "bad", srv.url, "--kind", "json", "--token-stdin"])
    assert main(["targets", "check", "good"]) == 0
    assert main(["targets", "check", "bad"]) == 1
    assert "did not accept" in capsys.readouterr().err
