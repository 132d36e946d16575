"""Class mode, the practice band, the guided lesson, and forms a volunteer helped with."""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from inclusion_app.engine.submission import INCLUSION_NS
from inclusion_app.ui.resident.form_page import FormPage
from inclusion_app.ui.resident.tutorial_steps import STEPS
from tests.data.service_answers import answers_for
from tests.sync.central_server import CentralServer, ServerConfig
from tests.ui.conftest import wait_idle
from tests.ui.form_walk import click, type_text, walk_to_review
from tests.ui.test_form_walks import open_form, send
from tests.ui.test_uploads_window import add_target, with_uploads

pytestmark = pytest.mark.gui


@pytest.fixture
def server() -> Iterator[CentralServer]:
    with CentralServer(ServerConfig()) as srv:
        yield srv


@pytest.fixture
def fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FormPage, "settle_ms", 0)


def test_class_mode_form_is_practice_marked_and_never_stored_or_sent(
        qtbot: Any, main_window: Any, server: CentralServer, fast: None) -> None:
    """In class mode a real form is practice: the band on every screen, nothing stored, and the
    loopback server hears nothing, not even after the schedule runs."""
    add_target(server.url)
    window = main_window(language="en")
    uploads = with_uploads(qtbot, window, interval=0.05)
    window.set_class_mode(True)
    qtbot.wait(10)  # new tiles show on the next turn of the event loop
    band = window.practice_band
    assert band.isVisible() and "Class mode" in band.text()
    session = open_form(qtbot, window, "book_service")
    assert session.form.practice

    def on_screen(_page: Any) -> None:
        assert band.isVisible() and "practice" in band.text().lower()

    walk_to_review(qtbot, session, answers_for("book_service"), on_screen=on_screen)
    completed = send(qtbot, window, session)
    assert completed.practice and band.isVisible()
    wait_idle(qtbot, window.services)
    deadline = time.monotonic() + 0.5  # many schedule ticks
    while time.monotonic() < deadline:
        qtbot.wait(50)
    store = window.services.store
    assert store.list_drafts() == [] and store.list_outbox() == []
    assert server.posts == [] and server.heads == 0
    assert uploads.last_report is None or uploads.last_report.delivered == 0
    window.set_class_mode(False)
    window.go_home()
    assert not band.isVisible()


def test_real_form_shows_no_practice_band(qtbot: Any, main_window: Any, fast: None) -> None:
    """Outside class mode a real form carries no practice band (and the shipped practice form does)."""
    window = main_window(language="en")
    open_form(qtbot, window, "book_service")
    assert not window.practice_band.isVisible()
    window.go_home()
    open_form(qtbot, window, "practice_meal")
    assert window.practice_band.isVisible()


def _lesson(qtbot: Any, window: Any) -> Any:
    window.set_class_mode(True)
    tile = window.home_page.tutorial_tile
    qtbot.waitUntil(lambda: tile is not None and tile.isVisible())
    assert tile is not None and tile.isVisible()
    click(qtbot, tile)
    page = window.tutorial_page
    assert window.current_page() is page and window.practice_band.isVisible()
    return page


def test_lesson_walked_by_mouse(qtbot: Any, main_window: Any, fast: None) -> None:
    """Every step waits for its task (Continue first says the task again), then praises."""
    window = main_window(language="en", speech="fake")
    speaker = window.services.speech.speaker
    page = _lesson(qtbot, window)
    click(qtbot, page.continue_button)  # welcome
    assert page.index == 1
    click(qtbot, page.continue_button)  # too early: the task is repeated, nothing moves
    assert page.index == 1 and page.error_frame.isVisible()
    for step in STEPS[1:-1]:
        assert STEPS[page.index].key == step.key
        if step.task in ("button", "click", "help"):
            click(qtbot, page.task_widget)
            if step.task == "help":
                overlay = window.help_overlay
                assert overlay.isVisible()
                overlay.hide()
        elif step.task in ("word", "number"):
            click(qtbot, page.task_widget)
            type_text(qtbot, page.task_widget, "张" if step.task == "word" else "6")
            if step.task == "number":
                assert not page.done  # 6 is not 60 yet
                type_text(qtbot, page.task_widget, "0")
        elif step.key == "back":
            click(qtbot, page.back_button)
            assert page.index == STEPS.index(step)  # Back was the task: it praises, stays
        elif step.key == "bigger":
            click(qtbot, window.top_bar.settings_button)
            assert window.current_page() is window.settings_page
            window.close_settings()
        elif step.key == "again":
            click(qtbot, window.top_bar.read_button)
        assert page.done and page.praise.isVisible(), step.key
        click(qtbot, page.continue_button)
    assert STEPS[page.index].key == "done"
    qtbot.waitUntil(lambda: any(e[0] == "say" and "finished the lesson" in e[1]
                                for e in speaker.events), timeout=5000)
    click(qtbot, page.continue_button)
    assert window.current_page() is window.home_page


def test_lesson_walked_by_keyboard_only(qtbot: Any, main_window: Any, fast: None) -> None:
    """Tab, Space, typed keys and Enter carry a learner through every step."""
    window = main_window(language="en")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page = _lesson(qtbot, window)

    def press(widget: Any, key: Qt.Key = Qt.Key.Key_Space) -> None:
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.keyClick(widget, key)

    press(page.continue_button, Qt.Key.Key_Return)
    while STEPS[page.index].key != "done":
        step = STEPS[page.index]
        if step.task in ("button", "click", "help"):
            page.heading.setFocus()
            qtbot.keyClick(page.heading, Qt.Key.Key_Tab)  # the task follows the heading
            assert QApplication.focusWidget() is page.task_widget
            qtbot.keyClick(page.task_widget, Qt.Key.Key_Space)
            if step.task == "help":
                window.help_overlay.hide()
        elif step.task in ("word", "number"):
            page.task_widget.setFocus()
            type_text(qtbot, page.task_widget, "60" if step.task == "number" else "Li")
        elif step.key == "back":
            press(page.back_button)
        elif step.key == "bigger":
            press(window.top_bar.settings_button)
            window.close_settings()
        elif step.key == "again":
            press(window.top_bar.voice_button)
        assert page.done, step.key
        press(page.continue_button, Qt.Key.Key_Return)
    press(page.reset_button)
    assert window.current_page() is window.home_page and window.tutorial_page.index == 0


def test_i_am_helping_marks_the_submission(qtbot: Any, main_window: Any, fast: None) -> None:
    """After "I am helping", the form's submission carries meta/inclusion:assisted = true;
    the next visit (after the confirmation) is the resident's own again."""
    window = main_window(language="en")
    window.start_helping()
    assert window.current_page() is window.home_page
    session = open_form(qtbot, window, "book_service")
    assert session.controller.assisted
    walk_to_review(qtbot, session, answers_for("book_service"))
    completed = send(qtbot, window, session)
    wait_idle(qtbot, window.services)
    root = ET.fromstring(window.services.store.load_payload(completed.instance_id).xml)
    meta = next(e for e in root if e.tag.split("}")[-1] == "meta")
    assert meta.findtext(f"{{{INCLUSION_NS}}}assisted") == "true"
    window.go_home()
    assert not window.services.assisting
    assert not open_form(qtbot, window, "book_service").controller.assisted
