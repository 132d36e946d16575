"""Type checks and the Chinese ID, mobile and postcode appearances."""

from __future__ import annotations

import datetime as dt

import pytest

from inclusion_app.engine.validators import (
    MSG_CN_ID_CHECK,
    MSG_CN_ID_DATE,
    MSG_CN_ID_FORMAT,
    appearance_problem,
    cn_id_check_digit,
    cn_id_problem,
    coerce,
)

CST = dt.timezone(dt.timedelta(hours=8))


@pytest.mark.parametrize(
    ("first17", "check"),
    [
        # Worked by hand: sum of digit * weight (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) mod 11 -> "10X98765432"
        ("11010519491231002", "X"),  # GB 11643's own example: sum 167, mod 11 = 2 -> X
        ("44030419900101123", "3"),  # sum 196, mod 11 = 9 -> 3
        ("32010619850615002", "8"),  # sum 235, mod 11 = 4 -> 8
    ],
)
def test_cnId_checkDigit_matchesGB11643(first17: str, check: str):
    """The check digit follows ISO 7064 MOD 11-2 as GB 11643 specifies."""
    assert cn_id_check_digit(first17) == check
    assert cn_id_problem(first17 + check) == ""


def test_cnId_wrongCheckDigit_refused():
    """Any other last character is refused with the check message."""
    assert cn_id_problem("110105194912310021") == MSG_CN_ID_CHECK
    assert cn_id_problem("440304199001011230") == MSG_CN_ID_CHECK


def test_cnId_formatAndBirthDate():
    """Length, characters and the birth date inside are checked; x and full-width digits are accepted."""
    assert cn_id_problem("1101051949123100") == MSG_CN_ID_FORMAT
    assert cn_id_problem("11010519491231002Y") == MSG_CN_ID_FORMAT
    first17 = "11010519490231002"  # 31 February
    assert cn_id_problem(first17 + cn_id_check_digit(first17)) == MSG_CN_ID_DATE
    assert cn_id_problem("11010519491231002x") == ""
    assert cn_id_problem("１１０１０５１９４９１２３１００２X") == ""


@pytest.mark.parametrize(
    ("appearance", "value", "ok"),
    [
        ("cn-mobile", "13800138000", True),
        ("cn-mobile", "12800138000", False),
        ("cn-mobile", "1380013800", False),
        ("cn-postcode", "100000", True),
        ("cn-postcode", "10000", False),
        ("minimal cn-postcode", "1000a0", False),
        ("unknown-appearance", "anything", True),
        ("cn-mobile", "", True),
    ],
)
def test_appearanceChecks(appearance: str, value: str, ok: bool):
    """cn-mobile and cn-postcode formats; unknown appearances and empty values pass."""
    assert (appearance_problem(appearance, value) == "") is ok


@pytest.mark.parametrize(
    ("qtype", "value", "expected"),
    [
        ("integer", "42", "42"),
        ("integer", " +7 ", "7"),
        ("integer", "４２", "42"),
        ("integer", 3, "3"),
        ("integer", 3.0, "3"),
        ("integer", 3.5, None),
        ("integer", "3.5", None),
        ("integer", True, None),
        ("integer", "99999999999", None),
        ("decimal", "3.50", "3.50"),
        ("decimal", 0.1, "0.1"),
        ("decimal", "1e5", None),
        ("decimal", "abc", None),
        ("date", "2024-02-29", "2024-02-29"),
        ("date", "2023-02-29", None),
        ("date", "9/3/2025", None),
        ("date", dt.date(2025, 3, 9), "2025-03-09"),
        ("time", "7:05", "07:05:00.000+08:00"),
        ("time", "14:30:15.5Z", "14:30:15.500+00:00"),
        ("time", "25:00", None),
        ("dateTime", "2025-03-09 14:30", "2025-03-09T14:30:00.000+08:00"),
        ("dateTime", "2025-03-09", None),
        ("select_multiple", "b a b", "b a"),
        ("acknowledge", "OK", "OK"),
        ("acknowledge", "", ""),
        ("image", "/home/x/me.jpg", "me.jpg"),
        ("text", "  hello ", "hello"),
        ("integer", "", ""),
    ],
)
def test_coerce_toLexicalOrRefuse(qtype: str, value: object, expected: str | None):
    """Answers become XForm lexical values; values of the wrong type are refused with a message."""
    lexical, message = coerce(qtype, value, CST)
    assert lexical == expected
    assert (message != "") is (expected is None)
