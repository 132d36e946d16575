"""The program's own text through gettext, with explicit functions (never installed into builtins).

Form text comes from the form's `label::Language (code)` columns, not from here. Dates and
numbers are formatted by Babel for the chosen language.
"""

from __future__ import annotations

import datetime as _dt
import gettext
from collections.abc import Callable
from pathlib import Path

DOMAIN = "inclusion_app"
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"

# Language code as the program uses it -> gettext catalog folder and Babel locale.
LANGUAGES: dict[str, dict[str, str]] = {
    "zh": {"catalog": "zh_CN", "babel": "zh_Hans_CN", "native_name": "中文"},
    "en": {"catalog": "en", "babel": "en_GB", "native_name": "English"},
}
DEFAULT_LANGUAGE = "zh"

_current = DEFAULT_LANGUAGE
_translations: dict[str, gettext.NullTranslations] = {}
_listeners: list[Callable[[str], None]] = []


def normalise(code: str | None) -> str:
    """'zh_CN', 'zh-Hans', 'ZH' -> 'zh'; unknown codes fall back to the default language."""
    if not code:
        return DEFAULT_LANGUAGE
    base = code.replace("-", "_").split("_")[0].lower()
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


def _catalog(lang: str) -> gettext.NullTranslations:
    if lang not in _translations:
        folder = LANGUAGES[lang]["catalog"]
        _translations[lang] = gettext.translation(
            DOMAIN, localedir=str(LOCALES_DIR), languages=[folder], fallback=True
        )
    return _translations[lang]


def set_language(code: str | None) -> str:
    global _current
    _current = normalise(code)
    for listener in list(_listeners):
        listener(_current)
    return _current


def current_language() -> str:
    return _current


def on_language_change(listener: Callable[[str], None]) -> None:
    _listeners.append(listener)


def _(message: str) -> str:
    return _catalog(_current).gettext(message)


def N_(message: str) -> str:
    """Mark for extraction only; translated later with _()."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalog(_current).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _catalog(_current).pgettext(context, message)


def translate_to(lang: str, message: str) -> str:
    """The message in a given language regardless of the current one (language buttons, speech)."""
    return _catalog(normalise(lang)).gettext(message)


def babel_locale(lang: str | None = None) -> str:
    return LANGUAGES[normalise(lang or _current)]["babel"]


def format_date(value: _dt.date, fmt: str = "long", lang: str | None = None) -> str:
    from babel.dates import (
        format_date as babel_format_date,  # Babel's data load waits for first use
    )

    return babel_format_date(value, fmt, locale=babel_locale(lang))


def format_number(value: float | int, lang: str | None = None) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=babel_locale(lang))


def format_wait(seconds: float, lang: str | None = None) -> str:
    """A wait in words, rounded up: '30 seconds', '2 minutes' / '30秒钟', '2分钟'."""
    from babel.dates import format_timedelta

    whole = max(1, int(-(-seconds // 1)))
    if whole < 60:
        return format_timedelta(whole, threshold=1000, locale=babel_locale(lang))
    minutes = -(-whole // 60)
    return format_timedelta(minutes * 60, granularity="minute", threshold=1,
                            locale=babel_locale(lang))
