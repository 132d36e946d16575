"""A running screen reader: the program's own voice starts off, and stays off until asked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible

from inclusion_app import settings as settings_mod


@pytest.fixture
def screen_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """Qt reports an active accessibility client, as it does while Orca or NVDA runs."""
    monkeypatch.setattr(QAccessible, "isActive", staticmethod(lambda: True))


def test_voice_starts_off_and_other_settings_never_turn_it_on(screen_reader, main_window, qtbot):
    """Changing text size or contrast keeps the voice off; the saved choice stays 'on'."""
    window = main_window(voice_on=True, speech="fake")
    services = window.services
    assert not services.voice_on and not services.speech.enabled
    assert window.top_bar.voice_button.property("iconName") == "voice_off"
    services.update_settings(text_size_step=2)
    services.update_settings(high_contrast=True)
    assert not services.speech.enabled
    assert settings_mod.load(services.paths.settings_file).voice_on is True
    services.say("speak_text", "hello", "en")
    assert services.speech.speaker.said == []


def test_the_person_can_still_turn_the_voice_on(screen_reader, main_window, qtbot):
    """One press on Voice in the top bar turns it on for this run, and later changes keep it."""
    window = main_window(voice_on=True, speech="fake")
    services = window.services
    qtbot.mouseClick(window.top_bar.voice_button, Qt.MouseButton.LeftButton)
    assert services.voice_on and services.speech.enabled
    assert window.top_bar.voice_button.property("iconName") == "voice_on"
    services.update_settings(text_size_step=1)
    assert services.speech.enabled
    assert settings_mod.load(services.paths.settings_file).voice_on is True


def test_without_a_screen_reader_the_saved_choice_rules(main_window):
    """No accessibility client: voice on as saved, and a settings change leaves it on."""
    window = main_window(voice_on=True, speech="fake")
    services = window.services
    assert services.voice_on and services.speech.enabled
    services.update_settings(text_size_step=1)
    assert services.speech.enabled
