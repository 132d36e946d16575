"""Forms from the server in the window: the volunteer corner's "Get forms from the server" with
its progress bar, a draft resumed on its own version after a new one arrived, and the pull
paused while a resident is in a form. Real widgets, the real store, the loopback Central."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from inclusion_app.engine.catalog import find_form
from inclusion_app.engine.controller import FormController
from inclusion_app.storage.api import Draft, DraftInfo
from inclusion_app.ui.services import storage_notices
from tests.sync.central_server import CentralServer, ServerConfig
from tests.sync.form_fixtures import xform
from tests.ui.conftest import wait_idle
from tests.ui.form_walk import click
from tests.ui.test_uploads_window import add_target, unlock

pytestmark = pytest.mark.gui


@pytest.fixture
def server() -> Iterator[CentralServer]:
    with CentralServer(ServerConfig()) as srv:
        srv.forms.publish("town", xform("town", "1", title="Town survey"), "1", "Town survey")
        srv.forms.publish("clinic", xform("clinic", "4"), "4", "Clinic")
        yield srv


def wired(qtbot: Any, window: Any) -> Any:
    """Uploads and form updates as the composition root wires them (no automatic check here)."""
    services = window.services
    storage_notices.store_opened(services, window, services.store, interval=3600.0)
    wait_idle(qtbot, services)
    services.form_updates.schedule.due = lambda busy: False
    return services.form_updates


def pull(qtbot: Any, page: Any) -> list[tuple[int, int]]:
    """Press the button; the progress seen until the result is shown."""
    seen: list[tuple[int, int]] = []
    updates = page.services.form_updates
    updates.progress.connect(lambda d, t: seen.append((d, t)))
    page.corner.show_section("forms")  # the button sits in the corner's forms part
    assert page.forms.pull_button.isVisible()
    click(qtbot, page.forms.pull_button)
    qtbot.waitUntil(lambda: not updates.running, timeout=20_000)
    qtbot.waitUntil(lambda: page.forms.result_line.text() != "", timeout=5_000)
    return seen


def test_get_forms_button_shows_progress_and_the_forms_reach_home(qtbot, main_window, server) -> None:
    """Press "Get forms from the server": the bar counts the forms, the result names them, and
    their tiles are on the home screen afterwards; a withdrawn form's tile goes."""
    add_target(server.url)
    window = main_window(language="en")
    updates = wired(qtbot, window)
    assert "town" not in window.home_page.tiles
    page = unlock(qtbot, window)
    seen = pull(qtbot, page)
    assert seen[0] == (0, 2) and seen[-1] == (2, 2)
    assert page.forms.bar.isVisible() and page.forms.bar.maximum() == 2 and page.forms.bar.value() == 2
    result = page.forms.result_line.text()
    assert "office: 2 new" in result and "new form town" in result
    assert updates.last_reports[0].added == ["clinic", "town"]
    assert {"town", "clinic"} <= set(window.home_page.tiles)
    assert window.services.load_form("town").version == "1"
    seen = pull(qtbot, page)  # nothing changed: said so, nothing downloaded again
    assert "0 new, 0 updated, 0 removed, 2 unchanged" in page.forms.result_line.text()
    assert len(server.forms.downloads) == 2
    server.forms.withdraw("clinic")  # the server withdrew it: it leaves home
    pull(qtbot, page)
    assert "removed form clinic" in page.forms.result_line.text()
    assert "clinic" not in window.home_page.tiles and "town" in window.home_page.tiles


def test_button_says_when_no_server_gives_forms(qtbot, main_window) -> None:
    """Without a server the button is hidden and the line says how to add one."""
    window = main_window(language="en")
    wired(qtbot, window)
    page = unlock(qtbot, window)
    page.corner.show_section("forms")
    assert not page.forms.pull_button.isVisible()
    assert page.forms.server_line.isVisible() and "Servers" in page.forms.server_line.text()
    assert "inclusion-app" not in page.forms.server_line.text()


def test_draft_resumes_on_its_own_version_after_a_new_one_arrived(qtbot, main_window, server) -> None:
    """A version-1 draft opened after version 2 was pulled continues on version 1."""
    add_target(server.url)
    window = main_window(language="en")
    updates = wired(qtbot, window)
    assert updates.pull_now()
    qtbot.waitUntil(lambda: not updates.running, timeout=20_000)
    store = window.services.store
    v1 = find_form(window.services.paths, "town").form
    controller = FormController(v1, language="en")
    controller.answer(controller.screen.questions[0].ref, "33")
    info = DraftInfo("d-town", "town", "1", v1.form_hash, "Town survey", time.time(), time.time())
    store.save_form_version(v1.form_hash, "town", "1", v1.xml)
    store.save_draft(Draft(info, controller.position(), controller.snapshot()))
    server.forms.publish("town", xform("town", "2", extra=True), "2")
    assert updates.pull_now()
    qtbot.waitUntil(lambda: not updates.running, timeout=20_000)
    assert window.services.load_form("town").version == "2"
    window.resume_draft(info)
    qtbot.waitUntil(lambda: window.session is not None, timeout=10_000)
    assert window.session.form.version == "1" and window.session.form.form_hash == v1.form_hash
    assert updates.paused  # a resident is in a form: no pull starts
    assert not updates.pull_now()


def test_automatic_check_runs_when_due_and_never_while_a_resident_is_in_a_form(
        qtbot, main_window, server) -> None:
    """With `forms auto on`, a tick pulls the forms; while a form is open a tick does nothing."""
    from inclusion_app import paths
    from inclusion_app import settings as settings_mod

    add_target(server.url)
    app_paths = paths.resolve().ensure()
    saved = settings_mod.load(app_paths.settings_file)
    saved.forms_auto_update = True
    settings_mod.save(saved, app_paths.settings_file)
    window = main_window(language="en")
    services = window.services
    storage_notices.store_opened(services, window, services.store, interval=3600.0)
    wait_idle(qtbot, services)
    updates = services.form_updates
    updates.pause()  # as when a resident opens a form
    updates.tick()
    assert not updates.running and server.forms.lists == 0
    updates.resume()
    updates.tick()
    qtbot.waitUntil(lambda: not updates.running, timeout=20_000)
    assert server.forms.lists == 1 and "town" in window.home_page.tiles
    updates.tick()  # not due again for six hours
    assert not updates.running and server.forms.lists == 1


def test_submissions_held_back_by_a_closed_form_go_by_themselves_once_it_reopens(
        qtbot, main_window, server) -> None:
    """Central's 409.2 sets the submission aside; once a pull lists the form again it is sent
    without anyone pressing Upload now."""
    from inclusion_app.storage.api import State
    from tests.sync.helpers import make_submission

    add_target(server.url)
    window = main_window(language="en")
    updates = wired(qtbot, window)
    uploads = window.services.uploads
    store = window.services.store
    server.forms.set_state("town", "closed")
    entry = store.finalize(make_submission(1, form_id="town"))
    assert uploads.upload_now()
    qtbot.waitUntil(lambda: store.get_entry(entry.instance_id).state is State.SET_ASIDE, timeout=10_000)
    assert "closed on the server" in store.get_entry(entry.instance_id).last_error
    server.forms.set_state("town", "open")
    qtbot.waitUntil(lambda: not uploads.running, timeout=10_000)
    assert updates.pull_now()
    qtbot.waitUntil(lambda: store.get_entry(entry.instance_id).state is State.SENT, timeout=20_000)
    assert entry.instance_id in server.stored
