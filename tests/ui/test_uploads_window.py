"""Uploads and storage news in the window: the outbox panel, pausing during a form, notices.

Real widgets, the real SQLite store in the test's data folder and the loopback OpenRosa server
from tests/sync/central_server.py.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from inclusion_app import i18n, paths
from inclusion_app import settings as settings_mod
from inclusion_app.storage.api import State
from inclusion_app.sync.targets import TargetBook, make_target
from inclusion_app.ui.resident.form_page import FormPage
from inclusion_app.ui.services import storage_notices
from tests.data.service_answers import answers_for
from tests.sync.central_server import CentralServer, ServerConfig
from tests.sync.helpers import fill
from tests.ui.conftest import wait_idle
from tests.ui.form_walk import click, walk_to_review
from tests.ui.test_form_walks import open_form, send

pytestmark = pytest.mark.gui


@pytest.fixture
def server() -> Iterator[CentralServer]:
    """A loopback server answering as ODK Central does."""
    with CentralServer(ServerConfig()) as srv:
        yield srv


def add_target(url: str) -> None:
    """A volunteer's `inclusion-app targets add office URL`, written to the settings file."""
    app_paths = paths.resolve().ensure()
    settings = settings_mod.load(app_paths.settings_file)
    book = TargetBook.from_settings(settings)
    book.add(make_target("office", url))
    book.store_into(settings)
    settings_mod.save(settings, app_paths.settings_file)


def with_uploads(qtbot: Any, window: Any, interval: float = 3600.0) -> Any:
    """Wire uploads as the composition root does; if anything waited, let that first run end."""
    services = window.services
    storage_notices.store_opened(services, window, services.store, interval=interval)
    uploads = services.uploads
    wait_idle(qtbot, services)
    if uploads.started:
        qtbot.waitUntil(lambda: uploads.last_report is not None, timeout=10_000)
    return uploads


def unlock(qtbot: Any, window: Any) -> Any:
    """Open the volunteer corner from home with the PIN the installer set (set here if
    none is); the outbox panel is listed."""
    from inclusion_app import volunteer_pin

    paths = window.services.paths
    if not volunteer_pin.pin_is_set(paths):
        volunteer_pin.set_pin(paths, "2468")
    click(qtbot, window.home_page.volunteer)
    page = window.volunteer_page
    for ch in "2468":
        QTest.keyClick(page.pin, ch)
    QTest.keyClick(page.pin, Qt.Key.Key_Return)
    wait_idle(qtbot, window.services)
    assert page.unlocked
    wait_idle(qtbot, window.services)
    return page


def test_upload_now_delivers_queued_forms_and_the_bar_reaches_the_end(
        qtbot: Any, main_window: Any, server: CentralServer) -> None:
    """Upload now in the volunteer corner sends every queued form; the bar ends full."""
    add_target(server.url)
    window = main_window(language="en")
    uploads = with_uploads(qtbot, window)
    ids = fill(window.services.store, 3)
    reports: list[Any] = []
    uploads.finished.connect(reports.append)
    page = unlock(qtbot, window)
    panel = page.outbox
    assert len(panel.rows) == 3 and not panel.server_line.isVisible()
    # Opening the corner may already have started a run of its own: whichever run sends them,
    # the volunteer must see all three sent, a full bar and "Sent: 3", never a later empty run's
    # "nothing waiting" in their place.
    click(qtbot, panel.upload_button)
    qtbot.waitUntil(lambda: sum(r.delivered for r in reports) == 3, timeout=20_000)
    assert uploads.wait_idle(10)  # a second, empty run (if any) has ended too...
    qtbot.wait(200)  # ...and its news has reached the window
    wait_idle(qtbot, window.services)
    assert set(server.stored) == set(ids)
    assert panel.bar.isVisible() and panel.bar.value() == panel.bar.maximum() == 3
    assert "Sent: 3" in panel.result_line.plain_text()
    wait_idle(qtbot, window.services)
    assert all(row.status.plain_text().startswith("Delivered") for row in panel.rows)
    assert len(panel.rows) == 3 and all(row.retry is None for row in panel.rows)


def test_try_again_requeues_a_set_aside_row(qtbot: Any, main_window: Any) -> None:
    """A form the server refused shows its reason and Try again puts it back in the queue."""
    window = main_window(language="en")
    store = window.services.store
    (iid,) = fill(store, 1)
    store.mark_failed(iid, "This submission is too large for the server.", permanent=True)
    page = unlock(qtbot, window)
    (row,) = page.outbox.rows
    assert "Needs attention" in row.status.plain_text()
    assert row.error is not None and "too large" in row.error.plain_text()
    assert "Servers" in page.outbox.server_line.plain_text()
    assert "inclusion-app" not in page.outbox.server_line.plain_text()
    click(qtbot, row.retry)
    wait_idle(qtbot, window.services)
    assert store.get_entry(iid).state is State.QUEUED
    (row,) = page.outbox.rows
    assert "Ready to send" in row.status.plain_text() and row.retry is None


def test_no_post_while_a_form_is_open_then_sent_after_it(
        qtbot: Any, main_window: Any, server: CentralServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """While a form is open the schedule sends nothing; once it is sent, all are delivered."""
    monkeypatch.setattr(FormPage, "settle_ms", 0)
    add_target(server.url)
    window = main_window(language="en")
    store = window.services.store
    ids = fill(store, 1)
    uploads = with_uploads(qtbot, window, interval=0.05)  # on a 50 ms schedule
    assert uploads.started and uploads.last_report.delivered == 1
    session = open_form(qtbot, window, "report_problem")
    assert uploads.paused
    assert uploads.wait_idle(10)  # a run that had already begun stops between sends
    ids += fill(store, 2)  # queued while the person fills the form (another PC's import, say)
    posts_at_open = len(server.posts)
    runs = uploads._background.runs
    walk_to_review(qtbot, session, answers_for("report_problem"))
    deadline = time.monotonic() + 0.5  # many schedule ticks (every 0.05 s) go by
    while time.monotonic() < deadline:
        qtbot.wait(50)
    assert uploads.paused and uploads._background.runs == runs
    assert len(server.posts) == posts_at_open
    completed = send(qtbot, window, session)
    qtbot.waitUntil(lambda: not uploads.paused, timeout=10_000)  # confirmation: session gone
    qtbot.waitUntil(lambda: len(server.stored) == 4, timeout=20_000)
    assert set(ids) | {completed.instance_id} == set(server.stored)
    assert set(server.store_count.values()) == {1}


def test_a_damaged_database_notice_reaches_the_volunteer_corner(qtbot: Any, qapp: Any) -> None:
    """A database moved aside at start-up: a banner after the PIN, a mark on the entrance."""
    from inclusion_app.cli import Context
    from inclusion_app.storage.factory import open_store
    from inclusion_app.ui import app as app_mod

    app_paths = paths.resolve().ensure()
    open_store(app_paths).close()
    app_paths.database.write_bytes(b"this is not a database" * 200)
    ctx = Context()
    ctx.settings.language = "en"
    services, window = app_mod.build(ctx, qapp)
    qtbot.addWidget(window)
    try:
        window.show()
        qtbot.waitUntil(lambda: services.uploads is not None, timeout=20_000)
        assert "●" in window.home_page.volunteer.text()
        assert window.home_page.tiles and all(t.isVisible() for t in window.home_page.tiles.values())
        page = unlock(qtbot, window)
        banner = page.outbox.banner
        assert banner.isVisible() and "damaged" in banner.plain_text()
        assert banner.plain_text() == services.store.startup_notice
    finally:
        services.shutdown()
        qapp.setStyleSheet("")
        i18n.set_language(i18n.DEFAULT_LANGUAGE)


def test_a_wrong_key_tells_the_volunteer_and_calms_the_resident(qtbot: Any, qapp: Any) -> None:
    """Another key than the database's: no store, the resident reads one calm sentence and no
    tiles, the volunteer reads the exact message naming `inclusion-app key import`."""
    from inclusion_app.cli import Context
    from inclusion_app.storage.factory import open_store
    from inclusion_app.ui import app as app_mod

    app_paths = paths.resolve().ensure()
    open_store(app_paths).close()
    key_files = [p for p in app_paths.config.rglob("*") if p.is_file() and "key" in p.name]
    assert key_files, "the storage key file was not found in the config folder"
    for key_file in key_files:
        key_file.unlink()  # the next start makes a new key that cannot open this database
    ctx = Context()
    ctx.settings.language = "en"
    services, window = app_mod.build(ctx, qapp)
    qtbot.addWidget(window)
    try:
        window.show()
        qtbot.waitUntil(lambda: services.storage_problem is not None, timeout=20_000)
        wait_idle(qtbot, services)
        home = window.home_page
        assert home.hint.plain_text() == storage_notices.calm_sentence()
        assert home.heading.plain_text() == "Hello"  # no "what would you like to do?" left
        assert not any(t.isVisible() for t in home.tiles.values())
        assert "key import" not in home.hint.plain_text()
        assert services.store is None and services.uploads is None
        page = unlock(qtbot, window)
        assert page.outbox.banner.isVisible()
        assert "inclusion-app key import" in page.outbox.banner.plain_text()
    finally:
        services.shutdown()
        qapp.setStyleSheet("")
        i18n.set_language(i18n.DEFAULT_LANGUAGE)


@pytest.mark.parametrize(("step", "high_contrast", "lang", "size"), [
    (0, False, "zh", (1366, 768)), (0, True, "en", (1366, 768)),
    (5, False, "zh", (1280, 800)), (5, False, "en", (1366, 768))])
def test_outbox_panel_passes_the_accessibility_checks(
        qtbot: Any, main_window: Any, step: int, high_contrast: bool, lang: str,
        size: tuple[int, int]) -> None:
    """The corner with every kind of row: contrast, targets and names; nothing cut at step 5."""
    from tests.ui import a11y

    window = main_window(language=lang, text_size_step=step, high_contrast=high_contrast,
                         size=size)
    store = window.services.store
    ids = fill(store, 3)
    store.mark_failed(ids[0], "The server refused this submission (error 400).", permanent=True)
    store.mark_failed(ids[1], "The server could not be reached.", permanent=False)
    page = unlock(qtbot, window)
    assert len(page.outbox.rows) == 3 and page.outbox.rows[0].retry is not None
    qtbot.wait(30)
    window.centralWidget().layout().activate()
    root = window.centralWidget()
    if step == 0:
        assert a11y.check_screen(root, high_contrast=high_contrast) == []
    else:
        assert a11y.check_clipping(root) == [] and a11y.check_contrast(root, False) == []


def test_a_full_disk_while_autosaving_is_told_in_plain_words(qtbot: Any, main_window: Any) -> None:
    """The real store at its size limit: the person's answer stays and the page says the disk
    is full, in words, not an error code."""
    from inclusion_app.engine.answer_walk import lookup
    from tests.data.service_answers import answers_for as answers
    from tests.ui.form_walk import MISSING
    from tests.ui.form_walk import fill as give

    window = main_window(language="en")
    store = window.services.store
    store.set_max_page_count(int(store.pragma("page_count")))  # no room to grow
    session = open_form(qtbot, window, "report_problem")
    page = session.page
    given = [(b, lookup(answers("report_problem"), b.prompt.ref)) for b in page.blocks
             if b.input is not None]
    block, value = next((b, v) for b, v in given if v is not MISSING)
    give(qtbot, block.input, value)
    wait_idle(qtbot, window.services)
    assert page.error_frame.isVisible()
    summary = page.error_summary.text()
    assert "disk is full" in summary and "Everything saved before is safe" in summary
    assert block.input.value()  # what the person gave is still there
    assert store.list_drafts() == []  # the last good state: nothing half-written


def test_upload_service_never_starts_without_a_store_and_stops_at_shutdown(
        qtbot: Any, main_window: Any) -> None:
    """No store, no thread; with a store (and a server) the thread runs until shutdown ends it."""
    from inclusion_app.ui.services.upload_service import UploadService, settings_reader

    add_target("http://127.0.0.1:9/v1/key/abc/projects/1")  # loopback, nothing listens
    window = main_window(language="en")
    services = window.services
    none = UploadService(None, services.paths, settings_reader(services.paths, services.settings))
    none.start()
    assert not none.started and not none.upload_now()
    fill(services.store, 1)
    uploads = with_uploads(qtbot, window)
    thread = uploads._background._thread
    assert thread.is_alive()
    services.shutdown()
    assert not thread.is_alive() and not uploads.started


def test_rows_follow_a_language_switch(qtbot: Any, main_window: Any) -> None:
    """Switching to Chinese in the open corner rewrites the row states in Chinese."""
    window = main_window(language="en")
    fill(window.services.store, 1)
    page = unlock(qtbot, window)
    before = page.outbox.rows[0]
    assert before.status.plain_text() == "Ready to send"
    window.services.set_language("zh")
    wait_idle(qtbot, window.services)
    after = page.outbox.rows[0]
    assert after is not before  # rebuilt (the words come from the catalog at build time)
    assert after.status.plain_text() == i18n.translate_to("zh", "Ready to send")


def test_a_server_added_while_the_window_runs_survives_a_settings_change(
        qtbot: Any, main_window: Any, server: CentralServer) -> None:
    """`targets add` from the command line, then a text-size change in the window: the
    server stays in the settings file and the outbox panel offers Upload now."""
    window = main_window(language="en")
    add_target(server.url)  # written by another process while the window runs
    window.services.update_settings(text_size_step=1)
    on_disk = settings_mod.load(paths.resolve().settings_file)
    assert [t["name"] for t in on_disk.targets] == ["office"] and on_disk.text_size_step == 1
    with_uploads(qtbot, window)
    page = unlock(qtbot, window)
    assert page.outbox.upload_button.isVisible() and not page.outbox.server_line.isVisible()


def test_upload_now_with_nothing_waiting_says_so(
        qtbot: Any, main_window: Any, server: CentralServer) -> None:
    """An empty outbox: no bar pretending to be full, a plain line instead, nothing posted."""
    add_target(server.url)
    window = main_window(language="en")
    uploads = with_uploads(qtbot, window)
    page = unlock(qtbot, window)
    panel = page.outbox
    assert "No finished forms yet" in panel.more_line.plain_text()
    with qtbot.waitSignal(uploads.finished, timeout=20_000):
        click(qtbot, panel.upload_button)
    assert not panel.bar.isVisible() and server.posts == []
    assert panel.progress_line.plain_text() == "Nothing is waiting to be sent."


def test_network_code_waits_until_something_is_to_be_sent(
        qtbot: Any, main_window: Any, server: CentralServer) -> None:
    """An empty outbox starts no upload thread; a form queued meanwhile goes out once the
    person is back home."""
    add_target(server.url)
    window = main_window(language="en")
    uploads = with_uploads(qtbot, window, interval=0.05)
    assert not uploads.started
    open_form(qtbot, window, "report_problem")
    (iid,) = fill(window.services.store, 1)
    window.go_home()
    qtbot.waitUntil(lambda: iid in server.stored, timeout=20_000)
    assert uploads.started


def test_no_network_code_without_a_server_even_with_forms_waiting(
        qtbot: Any, main_window: Any, server: CentralServer) -> None:
    """A form waits but no server is set up: no upload thread; once a volunteer adds one, the
    next return home sends it."""
    window = main_window(language="en")
    uploads = with_uploads(qtbot, window, interval=0.05)
    open_form(qtbot, window, "report_problem")
    (iid,) = fill(window.services.store, 1)
    window.go_home()
    assert uploads._checking  # back home: the outbox is being asked on the database worker
    qtbot.waitUntil(lambda: not uploads._checking, timeout=10_000)
    assert not uploads.started  # something waits, but there is no server to send it to
    add_target(server.url)
    open_form(qtbot, window, "report_problem")
    window.go_home()
    qtbot.waitUntil(lambda: iid in server.stored, timeout=20_000)
    assert uploads.started
