"""The settings a volunteer may change, by name, with their allowed values: one list for both
`inclusion-app settings list|set` and the volunteer corner's settings screen.

Each key says how its value is written on a command line (`on`/`off`, a number, one of a few
words) and checks what it is given, so a district's IT person can script twenty kiosks and a
typo is refused with the valid keys or values named. Secrets (the PIN's hash, passwords) are
never keys; servers have their own commands (`targets ...`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from inclusion_app import centre_defaults
from inclusion_app.i18n import _
from inclusion_app.settings import SPEECH_RATES, TEXT_SIZE_STEPS, Settings

LANGUAGES = ("zh", "en")
ON_OFF = ("on", "off")
FORM_TARGET = "form_target."  # form_target.FORM_ID = TARGET (or none)


class SettingError(ValueError):
    """A key or value that cannot be used; the message names what can."""


@dataclass(frozen=True)
class Key:
    """One setting: `show` writes it for `settings list`, `parse` checks a typed value."""

    name: str
    field: str
    show: Callable[[Any], str]
    parse: Callable[[str], Any]
    values: str  # what may be typed, for messages and --help


def _choice(options: tuple[str, ...]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text.lower() not in options:
            raise SettingError("")
        return text.lower()
    return parse


def _on_off(text: str) -> bool:
    words = {"on": True, "off": False, "true": True, "false": False, "yes": True, "no": False,
             "1": True, "0": False}
    if text.lower() not in words:
        raise SettingError("")
    return words[text.lower()]


def _number(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise SettingError("") from None
        if not low <= value <= high:
            raise SettingError("")
        return value
    return parse


def _bool_word(value: Any) -> str:
    return "on" if value else "off"


def _form_list(text: str) -> list[str]:
    return sorted({part.strip() for part in text.split(",") if part.strip()})


KEYS: dict[str, Key] = {k.name: k for k in (
    Key("language", "language", lambda v: v or "zh", _choice(LANGUAGES), "zh, en"),
    Key("text_size", "text_size_step", lambda v: str(int(v) + 1),
        lambda t: _number(1, TEXT_SIZE_STEPS)(t) - 1, f"1 to {TEXT_SIZE_STEPS}"),
    Key("high_contrast", "high_contrast", _bool_word, _on_off, "on, off"),
    Key("large_pointer", "large_pointer", _bool_word, _on_off, "on, off"),
    Key("voice", "voice_on", _bool_word, _on_off, "on, off"),
    Key("speech_rate", "speech_rate", str, _choice(SPEECH_RATES), ", ".join(SPEECH_RATES)),
    Key("speech_volume", "speech_volume", lambda v: str(round(float(v) * 100)),
        lambda t: _number(0, 100)(t) / 100, "0 to 100"),
    Key("speak_on_focus", "speak_on_focus", _bool_word, _on_off, "on, off"),
    Key("read_sensitive_numbers", "read_sensitive_numbers", _bool_word, _on_off, "on, off"),
    Key("inactivity_minutes", "inactivity_minutes", str, _number(0, 240), "0 (never) to 240"),
    Key("retention_days", "retention_days", str, _number(1, 3650), "1 to 3650"),
    Key("statistics", "statistics_on", _bool_word, _on_off, "on, off"),
    Key("hidden_forms", "hidden_forms", lambda v: ",".join(v), _form_list,
        "form ids separated by commas, or nothing"),
    Key("default_target", "default_target", lambda v: v or "none", str, "a server's name"),
)}


def listing(settings: Settings) -> list[tuple[str, str]]:
    """(key, value) for every key, then one `form_target.FORM_ID` per form sent elsewhere."""
    rows = [(k.name, k.show(getattr(settings, k.field))) for k in KEYS.values()]
    rows += [(FORM_TARGET + form_id, name)
             for form_id, name in sorted((settings.form_targets or {}).items())]
    return rows


def apply(settings: Settings, key: str, text: str) -> str:
    """Check and store one value; returns it as `listing` would show it. SettingError if not."""
    if key.startswith(FORM_TARGET) and len(key) > len(FORM_TARGET):
        return _apply_form_target(settings, key[len(FORM_TARGET):], text)
    found = KEYS.get(key)
    if found is None:
        raise SettingError(_("There is no setting called {key}. The settings are: {keys}.").format(
            key=key, keys=", ".join([*KEYS, FORM_TARGET + "FORM_ID"])))
    if found.name == "default_target":
        return _apply_default_target(settings, text)
    try:
        value = found.parse(text.strip())
    except SettingError:
        raise SettingError(_("{value} is not a value for {key}. Use: {values}.").format(
            value=text, key=key, values=found.values)) from None
    setattr(settings, found.field, value)
    if found.field in centre_defaults.COMFORT_KEYS:  # what every visit starts with, too
        centre_defaults.set_default(settings, found.field, value)
    return found.show(value)


def _server_names(settings: Settings) -> list[str]:
    return [str(t.get("name")) for t in settings.targets or [] if isinstance(t, dict)]


def _apply_default_target(settings: Settings, text: str) -> str:
    names = _server_names(settings)
    if text == "none":
        settings.default_target = None
        return "none"
    if text not in names:
        raise SettingError(_("There is no server called {name}. Use: {values}.").format(
            name=text, values=", ".join([*names, "none"])))
    settings.default_target = text
    return text


def _apply_form_target(settings: Settings, form_id: str, text: str) -> str:
    names = _server_names(settings)
    targets = dict(settings.form_targets or {})
    if text == "none":
        targets.pop(form_id, None)
    elif text in names:
        targets[form_id] = text
    else:
        raise SettingError(_("There is no server called {name}. Use: {values}.").format(
            name=text, values=", ".join([*names, "none"])))
    settings.form_targets = targets
    return text
