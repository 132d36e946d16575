"""Forms from the server's OpenRosa form list, against the loopback Central: first pull, an
unchanged pull, a new version, a withdrawn form, a broken form, the server down halfway."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from inclusion_app import paths
from inclusion_app.engine import catalog, server_forms
from inclusion_app.sync.form_pull import pull_target
from inclusion_app.sync.targets import make_target
from tests.sync.form_fixtures import BROKEN_XFORM, xform

LOGO = b"\x89PNG\r\n\x1a\n" + b"logo" * 50


def _setup(serve):  # noqa: ANN001, ANN202
    srv = serve()
    srv.forms.publish("town", xform("town", "1", image="logo.png"), "1", "Town survey", {"logo.png": LOGO})
    srv.forms.publish("clinic", xform("clinic", "7", title="Clinic"), "7", "Clinic visit")
    return srv, make_target("central", srv.url), paths.resolve().ensure()


def _server_entries(app_paths) -> dict[str, catalog.FormEntry]:  # noqa: ANN001
    return {e.form_id: e for e in catalog.installed_forms(app_paths) if e.origin == catalog.SERVER}


def test_first_pull_installs_the_bytes_unchanged_with_media(serve) -> None:
    """Every listed form is installed byte for byte, its md5 hash remembered, media beside it;
    the catalog lists them as from this server, with their version."""
    srv, target, app_paths = _setup(serve)
    progress: list[tuple[int, int]] = []
    report = pull_target(app_paths, target, None, progress=lambda d, t: progress.append((d, t)))
    assert report.ok and sorted(report.added) == ["clinic", "town"]
    assert progress[0] == (0, 2) and progress[-1] == (2, 2)
    index = server_forms.read_index(app_paths, "central")
    root = server_forms.target_dir(app_paths, "central")
    town = index["town"]
    assert town.path(root).read_bytes() == srv.forms.forms["town"].xml
    assert town.hash == "md5:" + hashlib.md5(srv.forms.forms["town"].xml).hexdigest()
    assert (town.media_dir(root) / "logo.png").read_bytes() == LOGO
    entries = _server_entries(app_paths)
    assert entries["town"].server == "central" and entries["clinic"].version == "7"
    assert not entries["town"].broken and entries["town"].form.media_dir == town.media_dir(root)
    assert catalog.find_form(app_paths, "town").origin == catalog.SERVER
    assert sorted(srv.forms.downloads) == ["form:clinic", "form:town", "media:town/logo.png"]


def test_unchanged_pull_downloads_nothing(serve) -> None:
    """A second pull with the same hashes (forms and media) downloads no form and no file."""
    srv, target, app_paths = _setup(serve)
    pull_target(app_paths, target, None)
    before = list(srv.forms.downloads)
    report = pull_target(app_paths, target, None)
    assert report.ok and sorted(report.unchanged) == ["clinic", "town"] and not report.changed
    assert srv.forms.downloads == before and report.downloads == 0


def test_new_version_replaces_the_old_and_keeps_unchanged_media(serve) -> None:
    """Version 2 replaces version 1 for new starts; the unchanged picture is not fetched again;
    a changed picture alone is fetched without the form."""
    srv, target, app_paths = _setup(serve)
    pull_target(app_paths, target, None)
    srv.forms.publish("town", xform("town", "2", image="logo.png", extra=True), "2", "Town survey",
                      {"logo.png": LOGO})
    srv.forms.downloads.clear()
    report = pull_target(app_paths, target, None)
    assert report.updated == ["town"] and srv.forms.downloads == ["form:town"]
    entry = catalog.find_form(app_paths, "town")
    assert entry.version == "2" and "town" in {c.split("/")[-1] for c in entry.form.by_ref}
    srv.forms.forms["town"].media["logo.png"] = LOGO + b"new"
    srv.forms.downloads.clear()
    assert pull_target(app_paths, target, None).updated == ["town"]
    assert srv.forms.downloads == ["media:town/logo.png"]
    index = server_forms.read_index(app_paths, "central")
    assert (index["town"].media_dir(server_forms.target_dir(app_paths, "central")) / "logo.png").read_bytes() \
        == LOGO + b"new"
    folders = [p for p in server_forms.target_dir(app_paths, "central").iterdir() if p.is_dir()]
    assert len(folders) == 2  # old versions' folders were tidied away


def test_withdrawn_form_leaves_in_match_mode_only_and_never_touches_other_forms(serve, tmp_path) -> None:
    """Match removes only this server's forms; shipped and hand-imported ones stay; add keeps it."""
    srv, target, app_paths = _setup(serve)
    own = tmp_path / "own.xml"
    own.write_bytes(xform("own_form", "3"))
    catalog.import_form(app_paths, own)
    pull_target(app_paths, target, None)
    srv.forms.withdraw("clinic")
    kept = pull_target(app_paths, target, None, mode="add")
    assert kept.removed == [] and "clinic" in _server_entries(app_paths)
    report = pull_target(app_paths, target, None, mode="match")
    assert report.removed == ["clinic"] and set(_server_entries(app_paths)) == {"town"}
    ids = {e.form_id for e in catalog.installed_forms(app_paths)}
    assert "own_form" in ids and "pension_check" in ids and "clinic" not in ids


def test_broken_form_is_refused_by_id_and_the_rest_installed(serve) -> None:
    """A broken form is refused with its reason; the installed version of it, and every other
    form, stay as they were."""
    srv, target, app_paths = _setup(serve)
    pull_target(app_paths, target, None)
    srv.forms.publish("broken_form", BROKEN_XFORM, "1")
    srv.forms.publish("clinic", BROKEN_XFORM.replace(b"broken_form", b"clinic"), "8")
    report = pull_target(app_paths, target, None)
    assert not report.ok and set(report.refused) == {"broken_form", "clinic"}
    assert "relevant" in report.refused["broken_form"] and "Traceback" not in report.refused["clinic"]
    entries = _server_entries(app_paths)
    assert "broken_form" not in entries and entries["clinic"].version == "7" and not entries["clinic"].broken
    root = server_forms.target_dir(app_paths, "central")
    assert sorted(p.name for p in root.iterdir() if p.is_dir()) == sorted(
        f.folder for f in server_forms.read_index(app_paths, "central").values())  # nothing left over


def test_server_down_halfway_changes_nothing(serve) -> None:
    """The connection dies on the second download: nothing is installed, nothing is left behind,
    and the report says so in plain words; the next pull completes."""
    srv, target, app_paths = _setup(serve)
    srv.forms.fail_download_at = 2
    report = pull_target(app_paths, target, None, timeout=5.0)
    assert report.error and "cut off" in report.error
    assert not report.added and server_forms.read_index(app_paths, "central") == {}
    root = server_forms.target_dir(app_paths, "central")
    assert not root.exists() or not [p for p in root.iterdir() if p.is_dir()]
    assert _server_entries(app_paths) == {}
    srv.forms.fail_download_at = None
    assert pull_target(app_paths, target, None).added  # the next pull installs version 1 of both
    srv.forms.publish("town", xform("town", "2", image="logo.png", extra=True), "2", "", {"logo.png": LOGO})
    srv.forms.publish("clinic", xform("clinic", "8", extra=True), "8")
    srv.forms.downloads.clear()
    srv.forms.fail_download_at = 2
    assert pull_target(app_paths, target, None, timeout=5.0).error
    assert {k: e.version for k, e in _server_entries(app_paths).items()} == {"town": "1", "clinic": "7"}


def test_a_wrong_address_or_a_login_page_is_said_plainly(serve) -> None:
    """No form list at the address, or an HTML page: plain words, nothing changed."""
    srv, _target, app_paths = _setup(serve)
    wrong = make_target("wrong", srv.origin + "/v1/projects/99/nothing")
    assert "address" in pull_target(app_paths, wrong, None).error
    portal = serve(captive=True)
    assert "login page" in pull_target(app_paths, make_target("wifi", portal.url), None).error
    assert server_forms.targets(app_paths) == []


def test_catalog_survives_a_damaged_index(serve) -> None:
    """A damaged index reads as no server forms: the rest of the catalog still lists."""
    _srv, target, app_paths = _setup(serve)
    pull_target(app_paths, target, None)
    (server_forms.target_dir(app_paths, "central") / "index.json").write_text("{not json")
    assert _server_entries(app_paths) == {}
    assert any(e.form_id == "pension_check" for e in catalog.installed_forms(app_paths))
    shutil.rmtree(server_forms.target_dir(app_paths, "central"))
    assert Path(app_paths.server_forms).is_dir()


def test_a_cancelled_pull_changes_nothing(serve) -> None:
    """A pull cancelled between two forms (a resident opened a form) installs nothing."""
    import threading

    srv, target, app_paths = _setup(serve)
    cancel = threading.Event()
    report = pull_target(app_paths, target, None, cancel=cancel,
                         progress=lambda done, total: cancel.set() if done == 1 else None)
    assert report.cancelled and not report.ok and report.added == []
    assert server_forms.read_index(app_paths, "central") == {} and _server_entries(app_paths) == {}
    root = server_forms.target_dir(app_paths, "central")
    assert not [p for p in root.iterdir() if p.is_dir()]
    assert len(srv.forms.downloads) >= 1  # the first form had been downloaded, then dropped


def test_an_unsafe_media_name_refuses_only_that_form(serve) -> None:
    """A manifest naming '../x' is refused for its form; the other forms still come."""
    srv, target, app_paths = _setup(serve)
    srv.forms.publish("evil", xform("evil", "1", image="x.png"), "1", media={"../x.png": LOGO})
    report = pull_target(app_paths, target, None)
    assert set(report.added) == {"town", "clinic"} and "unsafe name" in report.refused["evil"]
    assert not (app_paths.server_forms / "x.png").exists()


def test_form_list_groups_and_relative_addresses_are_read() -> None:
    """<xforms-group> nesting and relative downloadUrl (read against the list's address)."""
    from inclusion_app.sync.form_fetch import FormFetcher
    from inclusion_app.sync.formlist import parse_form_list

    data = (b'<xforms xmlns="http://openrosa.org/xforms/xformsList"><xforms-group><xform>'
            b"<formID>a</formID><name>A</name><hash>md5:00</hash><downloadUrl>forms/a.xml</downloadUrl>"
            b"</xform></xforms-group><xform><formID>b</formID><downloadUrl>https://x.org/b.xml</downloadUrl>"
            b"</xform><xform><name>no id</name></xform></xforms>")
    forms = parse_form_list(data)
    assert [(f.form_id, f.name, f.version) for f in forms] == [("a", "A", ""), ("b", "b", "")]
    with FormFetcher(make_target("s", "https://odk.example.org/v1/key/K/projects/2"), None) as fetch:
        assert fetch._absolute("forms/a.xml") == "https://odk.example.org/v1/key/K/projects/2/forms/a.xml"
        assert fetch._absolute("https://x.org/b.xml") == "https://x.org/b.xml"
