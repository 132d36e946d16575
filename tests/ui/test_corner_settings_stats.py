"""The volunteer corner's settings (saved at once, recovery copy on a stick) and statistics
(large charts of the anonymous counts, a CSV file with a header row, never an answer)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from inclusion_app import paths
from inclusion_app import settings as settings_mod
from inclusion_app.storage import recovery
from inclusion_app.storage.vault import open_vault
from inclusion_app.ui.resident.form_page import FormPage
from inclusion_app.ui.volunteer.settings_panel import SettingsPanel
from inclusion_app.ui.volunteer.stats_panel import StatsPanel
from tests.ui.conftest import wait_idle
from tests.ui.form_walk import click, fill
from tests.ui.test_corner_servers import open_corner, type_into
from tests.ui.test_form_walks import open_form

pytestmark = pytest.mark.gui


@pytest.fixture
def stick(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "media"
    (root / "KINGSTON").mkdir(parents=True)
    options = {"media_roots": [root], "home": tmp_path / "home"}
    monkeypatch.setattr(SettingsPanel, "picker_options", options)
    monkeypatch.setattr(StatsPanel, "picker_options", options)
    return root / "KINGSTON"


def saved() -> settings_mod.Settings:
    return settings_mod.load(paths.resolve().settings_file)


def save_on_stick(qtbot: Any, picker: Any) -> None:
    click(qtbot, picker.rows[0])  # the stick
    click(qtbot, picker.choose_button)


def test_each_choice_is_saved_at_once(qtbot: Any, main_window: Any) -> None:
    """Text size, theme, language, voice speed, inactivity reset and keeping: one press each,
    written to the settings file, and the window follows."""
    window = main_window(language="zh")
    panel = open_corner(qtbot, window, "settings")
    by_name = {c.objectName(): c for _l, c, _o, _cur in panel.groups}
    click(qtbot, by_name["setting_text_size"].cards[5])
    assert saved().text_size_step == 5 and window.services.metrics.step == 5
    click(qtbot, by_name["setting_theme"].cards[True])
    click(qtbot, by_name["setting_speed"].cards["slow"])
    click(qtbot, by_name["setting_reset"].cards[10])
    click(qtbot, by_name["setting_keep"].cards[90])
    click(qtbot, by_name["setting_language"].cards["en"])
    s = saved()
    assert (s.high_contrast, s.speech_rate, s.inactivity_minutes, s.retention_days) == (
        True, "slow", 10, 90)
    assert s.language == "en"
    assert panel.title.plain_text() == "Settings"  # the corner itself follows the language
    assert by_name["setting_keep"].cards[90].isChecked()
    centre = s.extra["centre_defaults"]
    assert (centre["text_size_step"], centre["high_contrast"], centre["speech_rate"],
            centre["language"]) == (5, True, "slow", "en")
    window.end_visit()  # the next visitor starts with the centre's choices, not the old ones
    assert window.services.settings.text_size_step == 5 and window.services.language == "en"


def test_recovery_copy_on_a_stick_opens_with_its_passphrase(qtbot: Any, main_window: Any,
                                                           stick: Path) -> None:
    """A short or mismatched passphrase is refused in words; a good one writes a copy that
    gives back this computer's key."""
    window = main_window(language="en")
    panel = open_corner(qtbot, window, "settings")
    type_into(qtbot, panel.passphrase, "short")
    click(qtbot, panel.key_button)
    assert "at least 8" in panel.key_result.plain_text() and panel.picker is None
    type_into(qtbot, panel.passphrase, "river tree lamp")
    type_into(qtbot, panel.passphrase2, "river tree lamp")
    click(qtbot, panel.key_button)
    save_on_stick(qtbot, panel.picker)
    wait_idle(qtbot, window.services)
    assert "saved" in panel.key_result.plain_text()
    (copy,) = list(stick.glob("*.key"))
    key = recovery.import_key(copy.read_bytes(), "river tree lamp")
    assert key == open_vault(paths.resolve()).key_bytes()


def test_statistics_charts_and_csv_hold_no_answer(qtbot: Any, main_window: Any, stick: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """After a resident typed a name and stopped, the charts show the stop and the message,
    the CSV has a header row, and the typed name is in neither."""
    monkeypatch.setattr(FormPage, "settle_ms", 0)
    window = main_window(language="en")
    session = open_form(qtbot, window, "pension_check")
    click(qtbot, session.page.continue_button)
    click(qtbot, session.page.continue_button)  # no name: an error is shown
    fill(qtbot, session.page.blocks[0].input, "SECRET-NAME-42")
    window.go_home()
    wait_idle(qtbot, window.services)
    panel = open_corner(qtbot, window, "statistics")
    wait_idle(qtbot, window.services)
    assert "Forms started: 1;" in panel.summary_line.plain_text()
    stops = panel.charts["stops"].accessibleDescription()
    assert "full_name" in stops
    assert "Please enter your name" in panel.charts["errors"].accessibleDescription()
    every = " ".join(c.accessibleDescription() for c in panel.charts.values())
    assert "SECRET-NAME-42" not in every
    click(qtbot, panel.export_button)
    save_on_stick(qtbot, panel.picker)
    wait_idle(qtbot, window.services)
    (csv_file,) = list(stick.glob("*.csv"))
    rows = list(csv.reader(csv_file.open(encoding="utf-8")))
    assert rows[0] == ["week", "form_id", "measure", "item", "count", "seconds"]
    assert "SECRET-NAME-42" not in csv_file.read_text(encoding="utf-8")
    assert "Saved" in panel.export_result.plain_text()


def test_change_the_pin_needs_the_current_one(qtbot: Any, main_window: Any) -> None:
    """A wrong current PIN or two different new ones change nothing; then the new PIN opens
    the corner and the old one does not."""
    from inclusion_app import volunteer_pin

    window = main_window(language="en")
    panel = open_corner(qtbot, window, "settings")
    p = paths.resolve()
    for old, new, again in (("1111", "5790", "5790"), ("2468", "5790", "5791")):
        type_into(qtbot, panel.old_pin, old)
        type_into(qtbot, panel.new_pin, new)
        type_into(qtbot, panel.new_pin2, again)
        click(qtbot, panel.pin_button)
        assert panel.pin_result.property("role") == "error"
        assert volunteer_pin.check_pin(p, "2468").ok
    type_into(qtbot, panel.old_pin, "2468")
    type_into(qtbot, panel.new_pin, "5790")
    type_into(qtbot, panel.new_pin2, "5790")
    click(qtbot, panel.pin_button)
    assert "changed" in panel.pin_result.plain_text()
    assert volunteer_pin.check_pin(p, "5790").ok and not volunteer_pin.check_pin(p, "2468").ok
    assert panel.old_pin.text() == panel.new_pin.text() == ""
