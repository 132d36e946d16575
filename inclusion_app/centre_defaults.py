"""The centre's defaults: the comfort settings every new visitor starts with.

A resident may make the text larger, turn on high contrast, change the language or the voice
for their visit. When the visit ends (after the confirmation, or the inactivity reset) the
window puts the centre's choices back, so the next person never meets the last one's
settings. The defaults are kept in the settings file (under `centre_defaults`), so a restart
in the middle of a visit does not adopt that visitor's choices either. No Qt here.
"""

from __future__ import annotations

from typing import Any

from inclusion_app.settings import Settings

COMFORT_KEYS = ("language", "text_size_step", "high_contrast", "large_pointer", "voice_on",
                "speech_rate", "speech_volume", "speak_on_focus", "read_sensitive_numbers")
EXTRA_KEY = "centre_defaults"


def read(settings: Settings) -> dict[str, Any]:
    """The stored defaults; a key never stored (or a file from before them) takes the value
    the settings hold now."""
    stored = settings.extra.get(EXTRA_KEY)
    stored = stored if isinstance(stored, dict) else {}
    return {key: stored.get(key, getattr(settings, key)) for key in COMFORT_KEYS}


def remember(settings: Settings, defaults: dict[str, Any]) -> None:
    """Keep `defaults` in the settings (saved with them)."""
    settings.extra[EXTRA_KEY] = {key: defaults.get(key) for key in COMFORT_KEYS}


def set_default(settings: Settings, key: str, value: Any) -> None:
    """Make one comfort setting the centre's default (`inclusion-app settings set`)."""
    defaults = read(settings)
    defaults[key] = value
    remember(settings, defaults)


def visit_changes(settings: Settings, defaults: dict[str, Any]) -> dict[str, Any]:
    """What to set to bring the settings back to the defaults (empty: nothing changed)."""
    return {key: defaults[key] for key in COMFORT_KEYS
            if key in defaults and getattr(settings, key) != defaults[key]}


def start_visit(settings: Settings) -> None:
    """At start-up: the settings as the centre chose them. A program restarted in the middle
    of someone's visit (a crash, a power cut) starts the next visit afresh."""
    for key, value in read(settings).items():
        if value is not None:
            setattr(settings, key, value)
