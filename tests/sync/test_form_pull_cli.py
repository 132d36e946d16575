"""`forms pull`, `forms list`, and what the real Central showed, through the command line
against the loopback Central: closed forms, app-user links, https-only sign-in, changed hashes,
and the language of the messages."""

from __future__ import annotations

import io
import json

import pytest

from inclusion_app import paths
from inclusion_app import settings as settings_mod
from inclusion_app.cli import main
from inclusion_app.storage.api import State
from inclusion_app.storage.factory import open_store
from inclusion_app.sync.credentials import Credentials
from tests.sync.form_fixtures import BROKEN_XFORM, xform
from tests.sync.helpers import make_submission

PUBLIC_KEY = ("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAz2zs6uCQ7Y5ZgyHovvTO1w8t8bTdlm1jzNStuAPvZ9F"
              "xK1SPo1pTLm7M1JIyBZsnk8mlDe11o1sohf5NS5XINT6pVX1i8t/1ttQpjO0vsSPcgxWx6rRWmudGzC9dHCiv7fb"
              "Yo6h3R0DJEzEUdRpVnIeqvSNSFkFfgQbvjxbZBn3xk9vvWuf4vrSSkUg8YAJXbGPdHrknsRWMH7Hk34uT9dEuGiRz"
              "FgwjUMz4xHD4ZBx48mlsNAPyvhSldS8Tp4hp9P0Lo+vDWLYtU5LXb2zb6oxSh7n3rOwIQyLyaHbbF8m4z2Ku2a/mO"
              "KC7qTDrBOZYHmiBkaX1dMZ0YcEPAEHc1/wIDAQAB")


def _queue(*subs) -> list[str]:  # noqa: ANN002
    store = open_store(paths.resolve().ensure())
    try:
        return [store.finalize(s).instance_id for s in subs]
    finally:
        store.close()


def _entry(iid: str):  # noqa: ANN202
    store = open_store(paths.resolve().ensure())
    try:
        return store.get_entry(iid)
    finally:
        store.close()


def _lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.strip()]


def test_pull_command_lists_origin_and_version_and_refuses_a_broken_form(serve, capsys) -> None:
    """`forms pull`: exit 0 and one line per new form; `forms list` shows the server and the
    version; a broken form is refused by formID with its reason, exit 1, no traceback."""
    srv = serve()
    srv.forms.publish("town", xform("town", "1"), "1", "Town survey")
    assert main(["targets", "add", "central", srv.url]) == 0
    capsys.readouterr()
    assert main(["forms", "pull"]) == 0
    out = capsys.readouterr().out
    assert "central: 1 new, 0 updated, 0 removed, 0 unchanged." in out and "central: new form town" in out
    assert main(["forms", "list"]) == 0
    rows = {r.split("\t")[0]: r.split("\t") for r in _lines(capsys.readouterr().out)}
    assert rows["town"][1] == "1" and rows["town"][3] == "from server central"
    assert rows["pension_check"][3] == "shipped with the program"
    srv.forms.publish("broken_form", BROKEN_XFORM, "1")
    assert main(["forms", "pull", "--target", "central"]) == 1
    out, err = capsys.readouterr()
    refused = [line for line in _lines(out + err) if "refused form broken_form" in line]
    assert refused and "relevant" in refused[0] and "Traceback" not in out + err
    assert main(["forms", "pull", "--target", "nowhere"]) == 1


def test_pull_says_when_the_server_is_down_and_changes_nothing(serve, capsys) -> None:
    """A server that cannot be reached: exit 1, one plain line, nothing installed."""
    srv = serve()
    srv.forms.publish("town", xform("town", "1"), "1")
    main(["targets", "add", "central", srv.url])
    srv.__exit__(None, None, None)
    capsys.readouterr()
    assert main(["forms", "pull", "--timeout", "3"]) == 1
    err = capsys.readouterr().err
    assert "central: the forms could not be fetched, nothing was changed" in err
    assert "Traceback" not in err and not paths.resolve().server_forms.exists()


def test_closed_form_is_told_apart_kept_in_words_and_retried_once_open(serve, capsys) -> None:
    """Central's 409.2: the entry says the form is closed and keeps the server's words; a pull
    that lists the form again queues it by itself, and it is delivered."""
    srv = serve()
    srv.forms.publish("survey", xform("survey", "1"), "1")
    main(["targets", "add", "central", srv.url])
    closed, = _queue(make_submission(1, form_id="survey"))
    srv.forms.set_state("survey", "closed")
    assert main(["outbox", "upload"]) == 1
    entry = _entry(closed)
    assert entry.state is State.SET_ASIDE
    assert "closed on the server; ask whoever runs it to reopen it" in entry.last_error
    assert "not currently accepting submissions" in entry.last_error
    assert "not currently accepting submissions" in entry.server_response
    assert main(["outbox", "list"]) == 0
    assert "closed on the server" in capsys.readouterr().out
    assert main(["forms", "pull"]) == 0  # the closed form is absent from the list: nothing queued
    assert _entry(closed).state is State.SET_ASIDE
    srv.forms.set_state("survey", "open")
    capsys.readouterr()
    assert main(["forms", "pull"]) == 0
    assert "1 submissions for forms open again" in capsys.readouterr().out
    assert _entry(closed).state is State.QUEUED
    assert main(["outbox", "upload"]) == 0 and closed in srv.stored


def test_other_409s_keep_their_own_words(serve) -> None:
    """A different submission under the same instanceID is still called that, with the server's words."""
    srv = serve()
    main(["targets", "add", "central", srv.url])
    sub = make_submission(2, form_id="survey")
    srv.stored[sub.instance_id] = b"<other/>"
    _queue(sub)
    assert main(["outbox", "upload"]) == 1
    error = _entry(sub.instance_id).last_error
    assert "different submission with this number" in error and "different XML" in error
    assert "closed" not in error


def test_app_user_link_is_kept_as_a_secret_and_shown_masked(serve, capsys) -> None:
    """The key of an app-user link is in no settings file and no output; uploads still work;
    a key saved in plain text by an older version is moved to the credentials."""
    srv = serve()
    key = srv.config.app_token
    assert main(["targets", "add", "central", srv.url]) == 0
    settings_file = paths.resolve().settings_file
    assert key not in settings_file.read_text() and "/v1/key/****/projects/1" in settings_file.read_text()
    assert Credentials(paths.resolve()).get("central") == key
    assert main(["targets", "list"]) == 0
    out = capsys.readouterr().out
    assert key not in out and "/v1/key/****/projects/1" in out
    iid, = _queue(make_submission(3))
    assert main(["outbox", "upload"]) == 0 and iid in srv.stored
    assert main(["targets", "check", "central"]) == 0
    raw = json.loads(settings_file.read_text())  # as an older version saved it
    raw["targets"] = [{"name": "old", "url": srv.url, "kind": "openrosa", "auth": "none"}]
    settings_file.write_text(json.dumps(raw))
    assert main(["targets", "list"]) == 0
    assert key not in capsys.readouterr().out and key not in settings_file.read_text()
    assert Credentials(paths.resolve()).get("old") == key


def test_basic_over_plain_http_says_the_server_needs_https(serve, monkeypatch, capsys) -> None:
    """Central refuses Basic over http with 401.3; the volunteer is told the server needs https."""
    srv = serve(auth="basic", https_only=True, send_challenge=False)
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret\n"))
    main(["targets", "add", "office", srv.url, "--user", "collector", "--password-stdin"])
    assert main(["targets", "check", "office"]) == 1
    assert "This server needs https" in capsys.readouterr().err
    assert main(["forms", "pull"]) == 1
    assert "needs https" in capsys.readouterr().err


def test_check_warns_when_the_server_form_changed_and_pull_brings_the_encrypted_one(serve, capsys) -> None:
    """After encryption is turned on, the server's hash differs: `targets check` warns; a pull
    installs the encrypted version and the warning goes."""
    srv = serve()
    srv.forms.publish("survey", xform("survey", "1"), "1")
    main(["targets", "add", "central", srv.url])
    main(["forms", "pull"])
    capsys.readouterr()
    assert main(["targets", "check", "central"]) == 0
    assert "differs" not in capsys.readouterr().err
    srv.forms.publish("survey", xform("survey", "1[encrypted]", public_key=PUBLIC_KEY), "1[encrypted]")
    assert main(["targets", "check", "central"]) == 0
    err = capsys.readouterr().err
    assert "warning: Form survey on the server differs" in err and "1[encrypted]" in err
    assert main(["forms", "pull"]) == 0
    from inclusion_app.engine.catalog import find_form

    assert find_form(paths.resolve(), "survey").form.public_key == PUBLIC_KEY
    assert main(["targets", "check", "central"]) == 0
    assert "differs" not in capsys.readouterr().err


@pytest.mark.parametrize(("chosen", "flag", "expected"), [
    ("en", None, "There is no target called x."),
    ("zh", None, None),
    ("zh", "en", "There is no target called x."),
    ("en", "zh", None),
])
def test_the_command_line_speaks_the_language_of_the_settings(chosen, flag, expected, capsys) -> None:
    """Messages follow the language chosen in the settings; --lang overrides it (either place)."""
    app_paths = paths.resolve().ensure()
    settings_mod.save(settings_mod.Settings(language=chosen), app_paths.settings_file)
    argv = ["targets", "check", "x"] + (["--lang", flag] if flag else [])
    assert main(argv) == 1
    err = capsys.readouterr().err.strip()
    if expected:
        assert err == expected
    else:
        assert "x" in err and "There is no target" not in err  # the Chinese sentence
    if flag:
        assert main(["--lang", flag, "targets", "check", "x"]) == 1
        assert capsys.readouterr().err.strip() == err


def test_forms_auto_sets_the_automatic_check(capsys) -> None:
    """`forms auto on --hours 0` turns it on at the one-hour minimum; `off` turns it off."""
    assert main(["--lang", "en", "forms", "auto"]) == 0
    assert "only when a volunteer asks" in capsys.readouterr().out
    assert main(["--lang", "en", "forms", "auto", "on", "--hours", "0"]) == 0
    assert "every 1 hours" in capsys.readouterr().out
    saved = settings_mod.load(paths.resolve().settings_file)
    assert saved.forms_auto_update and saved.forms_update_hours == 1
    assert main(["forms", "auto", "off"]) == 0
    assert not settings_mod.load(paths.resolve().settings_file).forms_auto_update
