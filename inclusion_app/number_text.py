"""Numbers as people type and read them: parsed exactly or refused, shown the same everywhere.

Why a module of its own (Qt-free, beside `i18n`): the window's number boxes, the engine's
check-your-answers rows and `<output>`s, and the command line's `fill` must read `1,250` the
same way. Parsing is Babel's strict `parse_decimal` for the screen's language, after NFKC
(full-width digits and punctuation from Chinese input methods) and with `。` taken as a
decimal point. Anything Babel cannot read for certain (`12,5`, `1,25`: a comma where a
thousands separator cannot be) is refused with a message that says how to write it, built
from Babel's own suggestions ("Please write it as 125 or 12.5"); nothing is ever guessed.
What the form keeps is the canonical XForm value (`1250`, `12.5`); what a person sees is that
value formatted by Babel for the language on screen (`1,250`), never `1.250`.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

from inclusion_app.i18n import N_, _, babel_locale, translate_to

_POINTS = {"\u3002": ".", "\uff61": "."}  # 。 and the half-width ｡ (NFKC leaves them alone)
_MINUS = {"\u2212": "-", "\u2012": "-", "\u2013": "-", "\ufe63": "-"}
_ALLOWED = frozenset("0123456789+-.,")
NUMERIC_TYPES = ("integer", "decimal")


class NumberRefused(ValueError):
    """A number that cannot be read for certain; `str(exc)` says how to write it, in the
    language asked for."""


def normalise(text: str) -> str:
    """Full-width forms to ASCII, `。` to `.`, other minus signs to `-`, spaces removed."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(_POINTS.get(ch, _MINUS.get(ch, ch)) for ch in text)
    return "".join(text.split())


def parse_number(text: str, lang: str | None = None, whole: bool = False) -> Decimal | None:
    """The exact value typed, None for an empty box; NumberRefused when it is not certain."""
    from babel.numbers import NumberFormatError, parse_decimal

    plain = normalise(text)
    if not plain:
        return None
    example = N_("Please write a whole number, for example 1250.") if whole \
        else N_("Please write a number, for example 1250 or 12.5.")
    if not set(plain) <= _ALLOWED or not any(ch.isdigit() for ch in plain):
        raise NumberRefused(_say(lang, example))
    try:
        value = parse_decimal(plain, locale=babel_locale(lang), strict=True)
    except NumberFormatError as exc:
        raise NumberRefused(_how_to_write(exc.suggestions or [], lang, whole, example)) from None
    if not value.is_finite():
        raise NumberRefused(_say(lang, example))
    if whole and value != value.to_integral_value():
        raise NumberRefused(_say(lang, N_(
            "Please write a whole number, without a decimal point.")))
    return value


def _how_to_write(suggestions: list[str], lang: str | None, whole: bool, example: str) -> str:
    """Babel's readings of an ambiguous number, without grouping, as a sentence."""
    options = []
    for suggestion in suggestions:
        option = suggestion.replace(",", "")
        if (whole and "." in option) or option in options:
            continue
        options.append(option)
    if not options:
        return _say(lang, example)
    if len(options) == 1:
        return _say(lang, N_("Please write it as {first}.")).format(first=options[0])
    return _say(lang, N_("Please write it as {first} or {second}.")).format(
        first=options[0], second=options[1])


def _say(lang: str | None, message: str) -> str:
    return translate_to(lang, message) if lang else _(message)


def canonical(value: Decimal, whole: bool = False) -> str:
    """The XForm lexical value: `1250`, `12.5`, `-3` (no exponent, no trailing zeros)."""
    if whole:
        return str(int(value))
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def read(text: str, qtype: str, lang: str | None = None) -> str:
    """What an integer or decimal box holds, as the form keeps it ("" when empty)."""
    value = parse_number(text, lang, whole=qtype == "integer")
    return "" if value is None else canonical(value, whole=qtype == "integer")


def display(value: str | Decimal | float | int, lang: str | None = None) -> str:
    """A stored or computed number as the language on screen writes it (1250 -> 1,250).
    A value that is not a number is returned as it is."""
    from babel.numbers import format_decimal

    if isinstance(value, bool):
        return str(value)
    try:
        if isinstance(value, float):
            number = Decimal(repr(round(value, 9)))
        else:
            number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return str(value)
    if not number.is_finite():
        return str(value)
    return format_decimal(number.normalize() if number == number.to_integral_value()
                          else number, locale=babel_locale(lang), decimal_quantization=False)
