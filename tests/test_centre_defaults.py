"""The centre's defaults: what each visit starts with, kept in the settings file."""

from __future__ import annotations

from pathlib import Path

from inclusion_app import centre_defaults
from inclusion_app import settings as settings_mod


def test_a_visitors_changes_are_listed_and_the_defaults_survive_a_restart(tmp_path: Path):
    """Defaults are taken from the settings once and saved with them; a visitor's larger
    text saved mid-visit (then a restart) does not become the next visitor's default."""
    path = tmp_path / "settings.json"
    settings = settings_mod.Settings(language="zh")
    defaults = centre_defaults.read(settings)
    assert defaults["text_size_step"] == 0 and defaults["language"] == "zh"
    settings.text_size_step, settings.high_contrast, settings.language = 5, True, "en"
    centre_defaults.remember(settings, defaults)
    settings_mod.save(settings, path)
    restarted = settings_mod.load(path)
    assert restarted.text_size_step == 5  # the visit's own choice, still in force
    again = centre_defaults.read(restarted)
    assert again == defaults
    assert centre_defaults.visit_changes(restarted, again) == {
        "text_size_step": 0, "high_contrast": False, "language": "zh"}


def test_a_restart_starts_with_the_centres_choices(tmp_path: Path) -> None:
    """The program restarted mid-visit (a power cut) opens with the centre's text size."""
    settings = settings_mod.Settings(language="zh")
    centre_defaults.remember(settings, centre_defaults.read(settings))
    settings.text_size_step, settings.language = 4, "en"
    centre_defaults.start_visit(settings)
    assert (settings.text_size_step, settings.language) == (0, "zh")


def test_settings_set_makes_the_centres_default(tmp_path: Path) -> None:
    """`inclusion-app settings set text_size 4` is what every visit starts with from now on."""
    from inclusion_app import settings_keys

    settings = settings_mod.Settings(language="zh")
    centre_defaults.remember(settings, centre_defaults.read(settings))
    settings_keys.apply(settings, "text_size", "4")
    settings_keys.apply(settings, "retention_days", "90")  # not a comfort setting
    settings.text_size_step = 0  # a visitor made it smaller meanwhile
    centre_defaults.start_visit(settings)
    assert settings.text_size_step == 3 and "retention_days" not in settings.extra[
        centre_defaults.EXTRA_KEY]
