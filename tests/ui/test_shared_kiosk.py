"""A kiosk shared by a neighbourhood: one person's saved answers never reach the next one, and
only whoever installs the computer sets the volunteer PIN. Real window, real SQLite store."""

from __future__ import annotations

import io
import json
import shutil
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPushButton, QWidget

from inclusion_app import volunteer_pin
from inclusion_app.cli import main as cli_main
from inclusion_app.storage import keys, resume_codes
from inclusion_app.ui.resident.form_page import FormPage
from tests.data.service_answers import VALID_ID_2
from tests.storage.make_fixtures import DRAFTS, FIXTURE_DIR, FIXTURE_KEY
from tests.ui.conftest import wait_idle
from tests.ui.form_walk import agree_if_asked, click, fill

NAME = "ZEBRA Lin"  # the first person's answer: it must never be seen by the second


@pytest.fixture(autouse=True)
def fast(monkeypatch: pytest.MonkeyPatch) -> None:
    """No settling delay after each screen (a double tap's guard): the test clicks at once."""
    monkeypatch.setattr(FormPage, "settle_ms", 0)


def everything_shown(window: QWidget) -> str:
    """Every text the window holds, shown or not: labels, buttons, fields, names, tips."""
    parts: list[str] = []
    for w in window.findChildren(QWidget):
        if isinstance(w, QLabel | QAbstractButton):
            parts.append(w.text())
        if isinstance(w, QLineEdit):
            parts.append(w.text())
        parts += [w.accessibleName(), w.accessibleDescription(), w.toolTip()]
    return "\n".join(parts)


def said(window) -> list[str]:
    return [e[1] for e in window.services.speech.speaker.events if e[0] == "say"]


def save_for_later(qtbot, window) -> str:
    """The first person: name and ID in the medical claim, then "Stop and save for later"."""
    click(qtbot, window.home_page.tiles["medical_claim"])
    session = window.session
    agree_if_asked(qtbot, session)  # the form asks an ID number: consent first
    answers = {"full_name": NAME, "id_number": VALID_ID_2}
    given: set[str] = set()
    for _screen in range(10):  # through the introduction, up to the ID number
        for block in session.page.blocks:
            if block.input is not None and block.prompt.name in answers:
                fill(qtbot, block.input, answers[block.prompt.name])
                given.add(block.prompt.name)
            elif block.input is not None and block.prompt.qtype == "note":
                fill(qtbot, block.input, "OK")
        click(qtbot, session.page.continue_button)
        if given == set(answers):
            break
    assert given == set(answers)
    click(qtbot, session.page.actions.save)
    qtbot.waitUntil(lambda: window.current_page() is window._pages.get("saved"), timeout=15_000)
    return window.saved_page.code


def type_code(qtbot, window, code: str) -> None:
    page = window.code_page
    click(qtbot, page.pad.keys["clear"])
    for digit in code:
        click(qtbot, page.pad.keys[digit])
    click(qtbot, page.ok_button)
    wait_idle(qtbot, window.services)


def test_saved_answers_get_a_code_shown_spoken_and_stored(qtbot, main_window) -> None:
    """"Your answers are saved" on screen and aloud; the code is large, spelled out digit by
    digit, and the draft is in the store (with only the code's hash) before the page shows."""
    window = main_window(language="en", speech="fake")
    code = save_for_later(qtbot, window)
    page = window.saved_page
    assert resume_codes.is_clear(code) and len(code) >= 6
    assert page.heading.plain_text() == "Your answers are saved"
    assert page.code_label.text() == resume_codes.spaced(code)
    assert page.code_label.property("role") == "reference"
    spoken = said(window)
    assert any("Your answers are saved" in s and ", ".join(code) in s for s in spoken)
    [info] = window.services.store.list_drafts()
    assert info.has_code and window.services.store.find_draft_by_code(code) == info
    assert window.session is None  # the form is closed: the answers live in the store only


def test_the_next_person_presses_every_home_button_and_sees_nothing(qtbot, main_window) -> None:
    """Save and leave; then every button on the home screen, pressed in turn, shows no name,
    no ID and no sign of the saved form, on screen or aloud."""
    window = main_window(language="en", speech="fake")
    save_for_later(qtbot, window)
    click(qtbot, window.saved_page.done_button)
    assert window.current_page() is window.home_page
    before = len(window.services.speech.speaker.events)
    home = window.home_page
    buttons = [b for b in home.findChildren(QPushButton) if b.isVisible()]
    buttons += [window.top_bar.settings_button, window.top_bar.read_button,
                window.top_bar.voice_button]
    assert home.resume in buttons and home.volunteer in buttons and len(buttons) >= 10
    assert home.resume.accessibleName() == "Continue a saved form"
    for button in buttons:
        window.show_page(home)
        home.scroll.ensureWidgetVisible(button)
        click(qtbot, button)
        wait_idle(qtbot, window.services)
        shown = everything_shown(window)
        assert NAME not in shown and VALID_ID_2 not in shown, button.objectName()
        page = getattr(window.session, "page", None)  # a form's tile (a visit opens elsewhere)
        if page is not None:  # a fresh form, nothing answered
            assert all(not b.prompt.answer for b in page.blocks)
        window.end_visit()
    heard = [e[1] for e in window.services.speech.speaker.events[before:] if e[0] == "say"]
    assert not any(NAME in s or VALID_ID_2 in s for s in heard)


def test_the_right_code_resumes_and_saving_again_shows_the_same_code(qtbot, main_window):
    window = main_window(language="en", speech="fake")
    code = save_for_later(qtbot, window)
    window.end_visit()
    click(qtbot, window.home_page.resume)
    assert window.current_page() is window.code_page
    assert window.code_page.field.hasFocus()
    assert any("Continue a saved form" in s for s in said(window))  # the pad page is spoken
    type_code(qtbot, window, code)
    qtbot.waitUntil(lambda: window.session is not None, timeout=10_000)
    session = window.session
    assert session.form.form_id == "medical_claim"
    assert NAME in json.dumps([r.answer for r in session.controller.review()], ensure_ascii=False)
    click(qtbot, session.page.actions.save)
    qtbot.waitUntil(lambda: window.current_page() is window._pages.get("saved"), timeout=15_000)
    assert window.saved_page.code == code
    assert len(window.services.store.list_drafts()) == 1


def test_wrong_codes_slow_down_and_the_wait_survives_a_restart(qtbot, main_window, app_paths):
    """Four wrong codes are only told so; the fifth starts a wait in which even the right code
    is refused, said as an error; a new counter over the same file (a restart) still waits."""
    window = main_window(language="en", speech="fake")
    code = save_for_later(qtbot, window)
    window.end_visit()
    window.open_code_page()
    wrong = next(c for c in ("139572", "240683", "351794") if c != code)
    for n in range(1, 6):
        type_code(qtbot, window, wrong)
        error = window.code_page.error
        assert error.isVisible() and error.property("role") == "errorSummary"
        assert ("wait" in error.text.text()) == (n == 5), error.text.text()
    assert "wait 30 seconds" in error.text.text()
    type_code(qtbot, window, code)
    assert window.session is None and "wait" in window.code_page.error.text.text()
    assert any("wait" in s for s in said(window))
    assert resume_codes.tries(app_paths.data).wait_seconds() > 20
    type_code(qtbot, window, "12")  # a typing slip is told plainly and is not a try
    assert "6 digits" in window.code_page.error.text.text()


def test_a_fresh_install_goes_to_home_and_its_volunteer_button_cannot_set_a_pin(
        qtbot, main_window, app_paths) -> None:
    window = main_window(language=None, speech="fake")
    assert window.current_page() is window.language_page
    click(qtbot, window.language_page.buttons["en"])
    assert window.current_page() is window.home_page
    click(qtbot, window.home_page.volunteer)
    page = window.volunteer_page
    assert window.current_page() is page and page.locked
    assert not [f for f in page.findChildren(QLineEdit) if f.isVisible()]
    assert not page.ok_button.isVisible()
    text = page.locked_note.plain_text()
    assert page.locked_note.isVisible()
    assert "locked" in text and "set-up program" in text and "`" not in text
    for key in "2468":
        QTest.keyClick(page, key)
    QTest.keyClick(page, Qt.Key.Key_Return)
    page.submit_pin()  # even called directly, nothing is chosen
    wait_idle(qtbot, window.services)
    assert not page.unlocked and not volunteer_pin.pin_is_set(app_paths)
    assert not json.loads(app_paths.settings_file.read_text()).get("volunteer_pin_hash")
    assert any("locked" in s for s in said(window))


def test_set_pin_at_the_command_line_then_the_corner_opens(qtbot, main_window, app_paths,
                                                           monkeypatch) -> None:
    """The installer runs `volunteer set-pin` while the window is open; the corner takes it
    at once, and the window's own saving of settings never removes it."""
    window = main_window(language="en")
    monkeypatch.setattr(sys, "stdin", io.StringIO("2468\n"))
    assert cli_main(["volunteer", "set-pin"]) == 0
    window.services.update_settings(text_size_step=1)  # the window writes its settings
    assert volunteer_pin.pin_is_set(app_paths)
    click(qtbot, window.home_page.volunteer)
    page = window.volunteer_page
    assert not page.locked and page.pin.isVisible()
    QTest.keyClicks(page.pin, "2468")
    QTest.keyClick(page.pin, Qt.Key.Key_Return)
    wait_idle(qtbot, window.services)
    assert page.unlocked


def test_a_draft_saved_before_codes_appears_only_in_the_corner(qtbot, main_window, app_paths):
    """The committed version-4 database (drafts with no code): home offers nothing of them,
    no code opens them, the volunteer corner lists both, marked "no code"."""
    keys.install(app_paths, FIXTURE_KEY, backend="file")
    shutil.copy(FIXTURE_DIR / "v4.sqlite3", app_paths.database)
    volunteer_pin.set_pin(app_paths, "2468")
    window = main_window(language="en")
    store = window.services.store
    assert {i.draft_id for i in store.list_drafts()} == set(DRAFTS)
    assert "Fixture form" not in everything_shown(window.home_page)
    click(qtbot, window.home_page.resume)
    for code in ("139572", "240683"):
        type_code(qtbot, window, code)
        assert window.session is None
    window.open_volunteer()
    page = window.volunteer_page
    QTest.keyClicks(page.pin, "2468")
    QTest.keyClick(page.pin, Qt.Key.Key_Return)
    wait_idle(qtbot, window.services)
    for draft_id in DRAFTS:
        assert page.findChild(QPushButton, f"resume_{draft_id}").isVisible()
    rows = [lab.plain_text() for lab in page.listing.findChildren(QLabel)
            if hasattr(lab, "plain_text") and "Fixture form" in lab.plain_text()]
    assert len(rows) == 2 and all(row.endswith("no code") for row in rows)


def test_end_visit_puts_back_the_centres_settings_and_wipes_the_rest(qtbot, main_window,
                                                                     app_paths) -> None:
    """After the confirmation, a visitor's text size, contrast and language are undone, the
    clipboard and the file dialogs' history are empty and no page of theirs is kept."""
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QGuiApplication

    window = main_window(language="zh", speech="fake")
    services = window.services
    services.update_settings(text_size_step=5, high_contrast=True)
    services.set_language("en")
    QGuiApplication.clipboard().setText(VALID_ID_2)
    qt = QSettings(QSettings.Scope.UserScope, "QtProject")
    qt.setValue("FileDialog/history", ["/media/usb/photos"])
    qt.setValue("FileDialog/lastVisited", "file:///media/usb/photos")
    qt.sync()
    window.open_settings()
    window.settings_page  # noqa: B018 - built for this visit
    window.confirmation_page.home.emit()  # "Back to start" after a finished form
    assert window.current_page() is window.home_page and window.built_pages() == []
    assert (services.settings.text_size_step, services.settings.high_contrast) == (0, False)
    assert services.language == "zh" and window.home_page.heading.plain_text() != ""
    assert QGuiApplication.clipboard().text() == ""
    qt = QSettings(QSettings.Scope.UserScope, "QtProject")
    assert qt.value("FileDialog/history") is None and qt.value("FileDialog/lastVisited") is None
    events = len(services.speech.speaker.events)
    services.speech.repeat()  # "Read again" has nothing of the visitor to repeat
    assert not [e for e in services.speech.speaker.events[events:] if e[0] == "say"]
    assert json.loads(app_paths.settings_file.read_text())["text_size_step"] == 0


def test_a_code_left_on_screen_goes_when_the_kiosk_is_quiet(qtbot, main_window, monkeypatch):
    """Nobody pressed "I have my code": after the quiet spell the visit ends by itself, so
    the next person never reads the code; the draft stays stored and opens with it."""
    from inclusion_app.ui.services.inactivity import InactivityWatch

    window = main_window(language="en", inactivity_minutes=1)
    code = save_for_later(qtbot, window)
    assert window.inactivity.armed
    monkeypatch.setattr(InactivityWatch, "minute_ms", 300)  # a minute on the test's clock
    window.show_page(window.saved_page)  # armed again, with the short minute
    qtbot.waitUntil(lambda: window.current_page() is window.home_page, timeout=5000)
    assert window.built_pages() == [] and code not in everything_shown(window)
    assert window.services.store.find_draft_by_code(code) is not None


def test_the_printed_slip_carries_the_code_and_no_answer(qtbot, tmp_path) -> None:
    """The slip goes through the receipt's paper path (a PDF-format printer stands in): the
    code in large digits, the form's name, the way back; nothing the person answered."""
    import datetime as dt

    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

    from inclusion_app.ui.resident import code_slip

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "slip.pdf"
    printer.setOutputFileName(str(out))
    code_slip.render(printer, code_slip.SlipData("482915", "Medical expenses claim",
                                                 dt.date(2025, 3, 9), "en"))
    doc = QPdfDocument()
    doc.load(str(out))
    text = " ".join(" ".join(doc.getAllText(i).text() for i in range(doc.pageCount())).split())
    assert "482 915" in text and "Medical expenses claim" in text
    assert "Continue a saved form" in text and "9 March 2025" in text


def test_the_corners_settings_are_the_centres_and_a_visitors_are_not(qtbot, main_window):
    """Text size chosen in the volunteer corner stays after a visit ends; the same change
    made by a resident in Aa is undone when their visit ends."""
    from tests.ui.test_corner_settings_stats import open_corner

    window = main_window(language="en")
    panel = open_corner(qtbot, window, "settings")
    by_name = {c.objectName(): c for _l, c, _o, _cur in panel.groups}
    click(qtbot, by_name["setting_text_size"].cards[2])
    window.end_visit()
    assert window.services.settings.text_size_step == 2
    window.services.update_settings(text_size_step=5)  # a resident, in Aa
    window.end_visit()
    assert window.services.settings.text_size_step == 2


def test_a_life_event_visit_stopped_gets_a_code_too(qtbot, main_window) -> None:
    """"Stop and save" in a visit of several services gives one code for the whole visit;
    the code reopens that visit with its details."""
    from tests.ui.test_visit_walk import give_details, open_visit

    window = main_window()
    view = open_visit(qtbot, window, "turning_60")
    click(qtbot, view.overview.start_button)
    give_details(qtbot, view)  # the shared details: name, ID number...
    view.stop_and_save()
    qtbot.waitUntil(lambda: window.current_page() is window._pages.get("saved"), timeout=15_000)
    code = window.saved_page.code
    click(qtbot, window.saved_page.done_button)
    [info] = window.services.store.list_drafts()
    assert info.has_code and info.form_id == "turning_60"
    window.open_code_page()
    type_code(qtbot, window, code)
    qtbot.waitUntil(lambda: window.session is not None, timeout=10_000)
    assert window.session.draft_id == info.draft_id and window.session.visit.shared
