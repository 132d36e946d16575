"""Today's code opened over the folders an earlier version left behind (tests/fixtures/upgrade).

Every committed version's folders are tested: the drafts resume where they were, the queued
submissions upload (once) to loopback servers with the saved passwords, the one already sent
is not sent again, the volunteer PIN opens the corner, and the settings and targets are kept.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from inclusion_app import paths as paths_mod
from inclusion_app import settings as settings_mod
from inclusion_app.engine.catalog import find_form
from inclusion_app.storage.api import State
from inclusion_app.storage.factory import open_store
from inclusion_app.sync.credentials import Credentials
from inclusion_app.sync.service import build_uploader
from inclusion_app.ui.services.draft_saver import open_controller
from tests.sync.central_server import CentralServer, ServerConfig
from tests.upgrade import make_fixture as fx

VERSIONS = fx.versions()


def test_a_fixture_exists_for_this_version_or_an_earlier_one() -> None:
    """The folder of the version being released is committed (python -m tests.upgrade.make_fixture)."""
    assert VERSIONS, "no upgrade fixture committed"
    for version in VERSIONS:
        assert {p.name for p in (version / "data").iterdir()} >= {"inclusion.sqlite3", "settings.json"}
        assert (version / "config" / "storage.key").is_file()


@pytest.fixture(params=VERSIONS, ids=lambda p: p.name)
def old_folders(request: pytest.FixtureRequest) -> paths_mod.AppPaths:
    """This test's own folders, holding what that version left."""
    app_paths = paths_mod.resolve()
    fx.lay_out(request.param, app_paths.data, app_paths.config)
    return app_paths.ensure()


def test_drafts_resume_where_they_were(old_folders: paths_mod.AppPaths) -> None:
    store = open_store(old_folders)
    try:
        assert store.startup_notice is None
        infos = {i.draft_id: i for i in store.list_drafts()}
        assert set(infos) == set(fx.DRAFTS)
        for draft_id, (form_id, answers, lang) in fx.DRAFTS.items():
            draft = store.get_draft(draft_id)
            assert draft is not None and draft.info.form_id == form_id
            # the exact compiled form it was started on is kept, and today's form opens it
            assert store.get_form_version(draft.info.form_hash)
            form = find_form(old_folders, form_id).form
            controller, kept_id, _created, damaged = open_controller(form, draft, lang)
            assert not damaged and kept_id == draft_id
            given = {row.ref.rsplit("/", 1)[-1]: row.answer for row in controller.review()
                     if row.answered}
            for name, value in answers:
                assert given.get(name) == value, name
            assert controller.position() == draft.step  # the same screen as when it was saved
    finally:
        store.close()


def test_outbox_uploads_once_with_the_saved_passwords(old_folders: paths_mod.AppPaths) -> None:
    with CentralServer(ServerConfig(auth="basic", project=1)) as main, \
            CentralServer(ServerConfig(auth="basic", project=2)) as office:
        fx.point_targets(old_folders.settings_file, {fx.TARGET: main.url, fx.OTHER_TARGET: office.url})
        settings = settings_mod.load(old_folders.settings_file)
        store = open_store(old_folders)
        try:
            before = {e.instance_id: e for e in store.list_outbox()}
            queued = {i for i, e in before.items() if e.state is State.QUEUED}
            assert len(queued) == len(fx.QUEUED_FORMS) - 1
            report = build_uploader(store, old_folders, settings, timeout=10).run(explicit=True)
            assert (report.delivered, report.failed, report.waiting) == (len(queued), 0, 0), report.notes
            after = {e.instance_id: e.state for e in store.list_outbox()}
            assert all(after[i] is State.SENT for i in queued)
            sent_before = set(before) - queued
            assert not sent_before & (set(main.stored) | set(office.stored))  # never sent twice
            by_form = {before[i].form_id: i for i in queued}
            assert by_form["book_service"] in office.stored  # the per-form target is kept
            assert by_form["pension_check"] in main.stored
        finally:
            store.close()


def test_pin_targets_and_settings_are_kept(old_folders: paths_mod.AppPaths) -> None:
    from inclusion_app import volunteer_pin
    from inclusion_app.cli import main

    settings = settings_mod.load(old_folders.settings_file)
    assert (settings.language, settings.text_size_step, settings.high_contrast) == ("zh", 3, True)
    assert volunteer_pin.pin_is_set(old_folders)
    assert volunteer_pin.check_pin(old_folders, fx.PIN).ok
    assert not volunteer_pin.check_pin(old_folders, "1357").ok
    assert Credentials(old_folders).get(fx.TARGET) == fx.TARGET_PASSWORD
    out = io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(out):
        assert main(["targets", "list"]) == 0
    lines = out.getvalue().splitlines()
    district = next(line for line in lines if line.startswith(fx.TARGET))
    office = next(line for line in lines if line.startswith(fx.OTHER_TARGET))
    assert "user collector" in district and "book_service" in office


def test_saved_passwords_still_count_once_a_key_store_appears(old_folders: paths_mod.AppPaths) -> None:
    """Saved where there was no key store (as on this fixture's PC), a password is still
    found when the desktop later offers one (an empty one, here a stand-in)."""

    class EmptyKeyStore:
        def get_password(self, service: str, name: str) -> None:
            return None

    assert Credentials(old_folders, keyring_backend=EmptyKeyStore()).get(fx.TARGET) == fx.TARGET_PASSWORD


def test_settings_written_by_today_keep_the_old_file_readable(old_folders: paths_mod.AppPaths,
                                                             tmp_path: Path) -> None:
    """Saving with today's code and reading back loses nothing the old version wrote."""
    settings = settings_mod.load(old_folders.settings_file)
    settings_mod.save(settings, tmp_path / "again.json")
    again = settings_mod.load(tmp_path / "again.json")
    assert again == settings
