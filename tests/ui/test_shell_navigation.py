"""The page flow of the main window, driven by mouse clicks and keys on real widgets."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from inclusion_app import i18n
from inclusion_app.paths import shipped_forms_dir


def click(qtbot, widget) -> None:
    """A real left click in the middle of a visible, enabled widget."""
    assert widget.isVisible() and widget.isEnabled(), widget
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_first_run_asks_the_language_then_goes_home(qtbot, main_window, app_paths) -> None:
    """With no language chosen, the first screen is the language choice; 中文 saves zh."""
    window = main_window(language=None, speech="fake")
    assert window.current_page() is window.language_page
    click(qtbot, window.language_page.buttons["zh"])
    assert window.current_page() is window.home_page
    assert json.loads(app_paths.settings_file.read_text())["language"] == "zh"
    assert i18n.current_language() == "zh"


@pytest.mark.parametrize(("code", "name"), [("en", "English"), ("zh", "中文")])
def test_language_buttons_speak_in_their_own_language(qtbot, main_window, code, name) -> None:
    """Tabbing to a language button says its name with that language's voice (cached)."""
    window = main_window(language=None, speech="fake")
    speaker = window.services.speech.speaker
    window.language_page.buttons[code].setFocus()
    qtbot.waitUntil(lambda: any(e[0] == "say" and e[2] == code and name in e[1] and e[3]
                                for e in speaker.events), timeout=5000)


def test_the_program_s_own_words_are_cached_but_a_reference_never(qtbot, main_window) -> None:
    """Home's greeting is the program's text: rendered once, then read from the cache (no
    speech engine started on every return home). A reference code is never cached."""
    window = main_window(language="en", speech="fake")
    speaker = window.services.speech.speaker
    window.go_home()
    heading = window.home_page.heading.plain_text()
    qtbot.waitUntil(lambda: any(e[0] == "say" and heading in e[1] for e in speaker.events),
                    timeout=5000)
    assert all(e[3] for e in speaker.events if e[0] == "say" and heading in e[1])
    window.services.speech.speak_reference("K7M-2P", "en")
    qtbot.waitUntil(lambda: any(e[0] == "say" and "K, 7" in e[1] for e in speaker.events),
                    timeout=5000)
    assert not any(e[3] for e in speaker.events if e[0] == "say" and "K, 7" in e[1])


def test_home_greeting_is_rendered_ahead_when_speech_comes_up(qtbot, main_window) -> None:
    """Started at home with nobody there yet: nothing is said, but the greeting is rendered,
    so the first person back home hears it at once (no voice render while they finish)."""
    window = main_window(language="zh", speech="fake")
    speaker = window.services.speech.speaker
    greeting = window.home_page.greeting()
    assert "您今天想办什么事" in greeting
    # (This test's window had speech before it was shown, so home already spoke once.)
    qtbot.waitUntil(lambda: greeting in speaker.rendered, timeout=5000)
    window.services.speech.stop()
    speaker.events.clear()
    speaker.rendered.clear()
    window.speech_ready()
    qtbot.waitUntil(lambda: greeting in speaker.rendered, timeout=5000)
    assert speaker.said == []  # not spoken to an empty room
    window.services.speech.set_enabled(False)
    speaker.rendered.clear()
    window.speech_ready()
    qtbot.wait(100)
    assert speaker.rendered == []  # voice off: nothing rendered either


def test_home_has_one_tile_per_shipped_form(qtbot, main_window) -> None:
    """Every shipped service form has a tile titled in the chosen language, with a picture
    (the practice form only while a trainer runs a class)."""
    window = main_window(language="zh")
    home = window.home_page
    shipped = {p.stem for p in shipped_forms_dir().glob("*.md")} - {"practice_meal"}
    assert set(home.tiles) == shipped
    for form_id, tile in home.tiles.items():
        assert tile.isVisible() or home.scroll.isVisible()
        assert tile.title.text() and not tile.title.text().isascii(), form_id
        assert not tile.picture.pixmap().isNull()


def test_tile_opens_the_form_and_stop_returns_home(qtbot, main_window) -> None:
    """Pressing a tile shows that form's session; stopping shows the code, then a clean home."""
    window = main_window(language="en")
    tile = window.home_page.tiles["report_problem"]
    window.home_page.scroll.ensureWidgetVisible(tile)
    click(qtbot, tile)
    session = window.session
    assert session is not None and window.current_page() is session
    session.stop_and_save()
    qtbot.waitUntil(lambda: window.current_page() is window._pages.get("saved"), timeout=10_000)
    assert window.session is None
    click(qtbot, window.saved_page.done_button)
    assert window.current_page() is window.home_page and window.session is None


def test_settings_return_to_the_open_form_with_its_answers(qtbot, main_window) -> None:
    """Settings opened mid-form return to the same session; a language switch keeps it."""
    window = main_window(language="zh")
    window.start_form(_form(window, "book_service"))
    session = window.session
    before = session.controller.position()
    click(qtbot, window.top_bar.settings_button)
    assert window.current_page() is window.settings_page
    english = window.settings_page.language_buttons[list(i18n.LANGUAGES).index("en")]
    click(qtbot, english)
    assert window.services.language == "en"
    click(qtbot, window.settings_page.done_button)
    assert window.current_page() is session and window.session is session
    assert session.controller.position() == before
    assert session.controller.language == "en"


def test_text_size_applies_live_and_is_saved(qtbot, main_window, qapp: QApplication,
                                             app_paths) -> None:
    """The largest size card restyles the whole program at once and is remembered."""
    window = main_window(language="en")
    window.open_settings()
    card = window.settings_page.size_buttons[5]
    window.settings_page.scroll.ensureWidgetVisible(card)
    click(qtbot, card)
    assert window.services.settings.text_size_step == 5
    assert "font-size: 44pt" in qapp.styleSheet()
    assert json.loads(app_paths.settings_file.read_text())["text_size_step"] == 5
    assert card.isChecked()


def test_high_contrast_and_large_pointer(qtbot, main_window, qapp: QApplication) -> None:
    """High contrast swaps the palette app-wide; the large pointer sets a big cursor."""
    window = main_window(language="en")
    window.open_settings()
    page = window.settings_page
    page.scroll.ensureWidgetVisible(page.contrast_buttons[1])
    click(qtbot, page.contrast_buttons[1])
    assert "background: #000000" in qapp.styleSheet()
    page.scroll.ensureWidgetVisible(page.pointer_buttons[1])
    click(qtbot, page.pointer_buttons[1])
    cursor = QApplication.overrideCursor()
    assert cursor is not None and cursor.pixmap().width() >= 64
    page.scroll.ensureWidgetVisible(page.pointer_buttons[0])
    click(qtbot, page.pointer_buttons[0])
    assert QApplication.overrideCursor() is None


def test_voice_button_turns_reading_off_and_on(qtbot, main_window) -> None:
    """The top bar's voice button toggles the setting and says its new state in words."""
    window = main_window(language="en", speech="fake")
    button = window.top_bar.voice_button
    click(qtbot, button)
    assert window.services.settings.voice_on is False
    assert button.text() == "Voice: off" and not window.services.speech.enabled
    assert not window.top_bar.read_button.isEnabled()
    click(qtbot, button)
    assert window.services.settings.voice_on is True and button.text() == "Voice: on"
    window.open_settings()
    silent = window.settings_page.voice_buttons[1]
    window.settings_page.scroll.ensureWidgetVisible(silent)
    click(qtbot, silent)
    assert button.text() == "Voice: off"  # the top bar follows a change made in settings


def test_help_signal_covers_the_window_until_dismissed(qtbot, main_window) -> None:
    """The help request from a form raises the sign over everything; Escape takes it away."""
    window = main_window(language="en")
    window.start_form(_form(window, "report_problem"))
    window.session.help_requested.emit()
    overlay = window.help_overlay
    assert overlay.isVisible()
    assert overlay.geometry() == window.centralWidget().rect()
    qtbot.keyClick(overlay.title, Qt.Key.Key_Escape)
    assert not overlay.isVisible()
    assert window.current_page() is window.session


def _form(window, form_id: str):
    form = window.services.load_form(form_id)
    assert form is not None, f"{form_id} is not installed"
    return form


def test_keyboard_alone_opens_a_form_and_leaves_settings(qtbot, main_window) -> None:
    """Tab to a tile and press Enter opens the form; Escape closes settings back to it."""
    window = main_window(language="en")
    tile = window.home_page.tiles["report_problem"]
    tile.setFocus()
    qtbot.keyClick(tile, Qt.Key.Key_Return)
    assert window.session is not None and window.current_page() is window.session
    session = window.session
    qtbot.keyClick(window.top_bar.settings_button, Qt.Key.Key_Space)
    assert window.current_page() is window.settings_page
    card = window.settings_page.size_buttons[1]
    card.setFocus()
    qtbot.keyClick(card, Qt.Key.Key_Enter)
    assert card.isChecked() and window.services.settings.text_size_step == 1
    qtbot.keyClick(window.settings_page.heading, Qt.Key.Key_Escape)
    assert window.current_page() is session


def test_home_is_read_aloud_so_read_again_forgets_the_last_person(qtbot, main_window) -> None:
    """Back on home the screen is spoken, so "Read again" repeats home, not a reference code."""
    window = main_window(language="en", speech="fake")
    speaker = window.services.speech.speaker
    window.go_home()
    window.show_page(window.settings_page)
    window.show_page(window.home_page)
    qtbot.waitUntil(lambda: any(e[0] == "say" and "What would you like" in e[1]
                                for e in speaker.events), timeout=5000)


def test_settings_show_the_speech_notice_when_a_voice_is_missing(qtbot, main_window) -> None:
    """With no English voice on this computer, settings say so in plain words."""
    from inclusion_app.speech.fake import FakeSpeaker
    from inclusion_app.ui.services.speech_service import SpeechService

    window = main_window(language="en")
    services = window.services
    services.speech = SpeechService(services.settings, parent=services,
                                    speaker=FakeSpeaker(languages=("zh",)))
    window.open_settings()
    notice = window.settings_page.notice
    assert notice.isVisible() and "voice" in notice.plain_text().lower()
    window.settings_page.language_buttons[0].click()  # 中文: a voice exists
    assert services.language == "zh" and not notice.isVisible()


def test_home_tiles_come_from_the_index_without_parsing_forms(qtbot, app_services,
                                                              app_paths) -> None:
    """A second start draws tiles from the index alone; a changed form file rebuilds it."""
    from inclusion_app.ui.services import tile_index

    first = app_services(store=None)
    assert {t.form_id for t in first.tiles} >= {"pension_check", "practice_meal"}
    assert (app_paths.form_cache / tile_index.INDEX_NAME).is_file()
    second = app_services(store=None)
    assert second.tiles == first.tiles and second._catalog is None  # no form was parsed

    def refuse() -> list:
        raise AssertionError("the full catalog was loaded although the index is current")

    assert tile_index.tiles(app_paths, refuse) == first.tiles
    imported = app_paths.imported_forms
    imported.mkdir(parents=True, exist_ok=True)
    source = shipped_forms_dir() / "report_problem.md"
    (imported / "report_problem.md").write_text(source.read_text(encoding="utf-8"),
                                                encoding="utf-8")
    assert tile_index.read(app_paths) is None  # the forms folder changed: index is stale
    third = app_services(store=None)
    tile = next(t for t in third.tiles if t.form_id == "report_problem")
    assert tile.path.endswith(str(imported / "report_problem.md"))  # the imported one wins
    assert third.load_form("report_problem").form_id == "report_problem"


def test_a_tile_whose_form_vanished_says_so_in_words(qtbot, main_window, monkeypatch) -> None:
    """If a form cannot be loaded when its tile is pressed, home says so and stays."""
    window = main_window(language="en")
    monkeypatch.setattr(window.services, "load_form", lambda form_id: None)
    tile = window.home_page.tiles["report_problem"]
    window.home_page.scroll.ensureWidgetVisible(tile)
    click(qtbot, tile)
    assert window.current_page() is window.home_page and window.session is None
    assert window.home_page.problem.isVisible()
    assert "volunteer" in window.home_page.problem.plain_text()


def test_a_failed_listing_is_not_remembered(qtbot, app_services, app_paths) -> None:
    """When a form fails to load, its tiles are not indexed, so the next start tries again."""
    from types import SimpleNamespace

    from inclusion_app.ui.services import tile_index

    broken = [SimpleNamespace(form=None, path=shipped_forms_dir() / "book_service.md")]
    assert tile_index.tiles(app_paths, lambda: broken) == []
    assert tile_index.read(app_paths) is None
    assert len(app_services(store=None).tiles) >= 7
