"""Numbers are read exactly or refused, and shown the same everywhere (issue 11)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inclusion_app import number_text
from inclusion_app.number_text import NumberRefused, display, read

LANGS = ("en", "zh")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("typed", "qtype", "kept"), [
    ("1,250", "decimal", "1250"), ("1,250", "integer", "1250"), ("1250", "integer", "1250"),
    ("12.5", "decimal", "12.5"), ("12.50", "decimal", "12.5"), ("128.50", "decimal", "128.5"),
    ("1,250.75", "decimal", "1250.75"), ("1,250,000", "integer", "1250000"),
    ("-3", "integer", "-3"), ("0.5", "decimal", "0.5"), (" 42 ", "integer", "42"),
    ("１２５０", "integer", "1250"), ("１，２５０", "decimal", "1250"),  # full-width
    ("12．5", "decimal", "12.5"), ("12。5", "decimal", "12.5"), ("１２。５", "decimal", "12.5"),
    ("", "decimal", ""), ("   ", "integer", ""),
])
def test_numbers_are_read_exactly(lang: str, typed: str, qtype: str, kept: str) -> None:
    assert read(typed, qtype, lang) == kept


@pytest.mark.parametrize(("typed", "qtype", "en", "zh"), [
    ("12,5", "decimal", "Please write it as 125 or 12.5.", "请写成 125 或 12.5。"),
    ("1,25", "decimal", "Please write it as 125 or 1.25.", "请写成 125 或 1.25。"),
    ("12,5", "integer", "Please write it as 125.", "请写成 125。"),
    ("12.5", "integer", "Please write a whole number, without a decimal point.",
     "请写整数，不要带小数点。"),
    ("1e5", "decimal", "Please write a number, for example 1250 or 12.5.",
     "请写一个数字，例如 1250 或 12.5。"),
    ("abc", "integer", "Please write a whole number, for example 1250.", "请写一个整数，例如 1250。"),
    ("1.2.3", "decimal", "Please write a number, for example 1250 or 12.5.",
     "请写一个数字，例如 1250 或 12.5。"),
])
def test_ambiguous_numbers_are_refused_saying_how_to_write_them(
        typed: str, qtype: str, en: str, zh: str) -> None:
    for lang, message in (("en", en), ("zh", zh)):
        with pytest.raises(NumberRefused) as refused:
            read(typed, qtype, lang)
        assert str(refused.value) == message


@pytest.mark.parametrize(("value", "en", "zh"), [
    ("1250", "1,250", "1,250"), ("12.5", "12.5", "12.5"), ("-1234567.891", "-1,234,567.891",
                                                            "-1,234,567.891"),
    ("0", "0", "0"), (1280.0, "1,280", "1,280"), ("not a number", "not a number", "not a number"),
])
def test_display_follows_the_language_and_never_writes_1_250(value, en, zh) -> None:  # type: ignore[no-untyped-def]
    assert display(value, "en") == en
    assert display(value, "zh") == zh


def test_normalise_full_width_and_chinese_points() -> None:
    assert number_text.normalise("－１２，３４５．６") == "-12,345.6"
    assert number_text.normalise("12。5") == "12.5"


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=-(2**31), max_value=2**31 - 1), st.sampled_from(LANGS))
def test_integers_round_trip(number: int, lang: str) -> None:
    """format -> parse gives the same value, and the stored text is the plain integer."""
    shown = display(str(number), lang)
    assert read(shown, "integer", lang) == str(number)
    assert read(str(number), "integer", lang) == str(number)


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=-10**12, max_value=10**12, places=4, allow_nan=False,
                   allow_infinity=False), st.sampled_from(LANGS))
def test_decimals_round_trip(number: Decimal, lang: str) -> None:
    shown = display(str(number), lang)
    kept = read(shown, "decimal", lang)
    assert Decimal(kept) == number
    assert kept == number_text.canonical(number)
    assert "E" not in kept and not (("." in kept) and kept.endswith("0"))
