"""The window over the folders an earlier version left (tests/fixtures/upgrade): it opens with
the old settings, and a volunteer resumes each old draft at the screen it was left on."""

from __future__ import annotations

import pytest

from inclusion_app import paths
from tests.ui.conftest import wait_idle
from tests.upgrade import make_fixture as fx


@pytest.fixture(params=fx.versions(), ids=lambda p: p.name)
def old_folders(request: pytest.FixtureRequest, app_paths: paths.AppPaths) -> paths.AppPaths:
    fx.lay_out(request.param, app_paths.data, app_paths.config)
    return app_paths


def test_old_drafts_resume_in_the_window(qtbot, main_window, old_folders) -> None:
    window = main_window(language="zh")
    services = window.services
    assert services.settings.high_contrast and services.settings.text_size_step == 3
    infos = {i.draft_id: i for i in services.store.list_drafts()}
    for draft_id, (form_id, answers, _lang) in fx.DRAFTS.items():
        saved = services.store.get_draft(draft_id)
        window.resume_draft(infos[draft_id])
        qtbot.waitUntil(lambda: window.session is not None
                        and window.current_page() is window.session, timeout=10_000)
        session = window.session
        assert not session.damaged_draft and session.draft_id == draft_id
        assert session.form.form_id == form_id
        assert session.controller.position() == saved.step
        answered = {r.ref.rsplit("/", 1)[-1]: r.answer for r in session.controller.review() if r.answered}
        assert all(answered.get(name) == value for name, value in answers)
        window.go_home()
        wait_idle(qtbot, services)
