"""A person's answer -> the XForm lexical value, or a plain message saying what to fix.

Messages are gettext msgids in English; the controller translates them into the form's
current language. Appearance checks (`cn-id`, `cn-mobile`, `cn-postcode`) live here too.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from inclusion_app.i18n import N_

INT_MIN, INT_MAX = -(2**31), 2**31 - 1  # JavaRosa stores integers as 32-bit ints

MSG_INTEGER = N_("Please enter a whole number, like 42.")
MSG_INTEGER_RANGE = N_("This number is too large for this question.")
MSG_DECIMAL = N_("Please enter a number, like 3.5.")
MSG_DATE = N_("Please enter a real date as year-month-day, like 2025-03-09.")
MSG_TIME = N_("Please enter a time, like 14:30.")
MSG_DATETIME = N_("Please enter a date and a time, like 2025-03-09 14:30.")
MSG_CHOICE = N_("Please choose one of the options shown.")
MSG_RANGE = N_("Please enter a number from {start} to {end}.")
MSG_CN_ID_FORMAT = N_("A resident ID number has 18 characters: 17 digits, then a digit or X.")
MSG_CN_ID_CHECK = N_("This resident ID number is not right: please check each digit again.")
MSG_CN_ID_DATE = N_("The date of birth inside this resident ID number is not a real date.")
MSG_CN_MOBILE = N_("A mobile phone number has 11 digits and starts with 13 to 19.")
MSG_CN_POSTCODE = N_("A postcode has 6 digits.")

_INT = re.compile(r"^[+-]?\d+$")
_DEC = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$")
_CN_ID = re.compile(r"^\d{17}[\dX]$")
_CN_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CN_ID_CHECK = "10X98765432"


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (control codes pasted in by accident)."""
    return _NOT_XML.sub("", text)


def fold(text: str) -> str:
    """Full-width digits and letters (from Chinese input methods) to ASCII, spaces trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


def coerce(qtype: str, value: object, tz: dt.tzinfo | None) -> tuple[str | None, str]:
    """(lexical value, "") when the value has the question's type, else (None, message)."""
    if value is None:
        return "", ""
    if qtype == "integer":
        return _integer(value)
    if qtype == "decimal":
        return _decimal(value)
    if qtype == "date":
        return _date(value)
    if qtype == "time":
        return _time(value, tz)
    if qtype == "dateTime":
        return _datetime(value, tz)
    if qtype == "select_multiple":
        if isinstance(value, list | tuple | set | frozenset):
            items = [str(v) for v in value]
        else:
            items = str(value).split()
        return xml_safe(" ".join(dict.fromkeys(fold(i) for i in items if fold(i)))), ""
    if qtype == "acknowledge":
        return ("OK" if value not in ("", False, "0", "false") else ""), ""
    if qtype in ("image", "file"):
        return xml_safe(str(value).replace("\\", "/").rsplit("/", 1)[-1].strip()), ""
    return xml_safe(value.strip() if isinstance(value, str) else str(value)), ""


def _integer(value: object) -> tuple[str | None, str]:
    if isinstance(value, bool):
        return None, MSG_INTEGER
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 3.0 from a spreadsheet or JSON is the whole number 3
    if isinstance(value, int):
        number = value
    else:
        text = fold(str(value))
        if text == "":
            return "", ""
        if not _INT.match(text):
            return None, MSG_INTEGER
        number = int(text)
    if not INT_MIN <= number <= INT_MAX:
        return None, MSG_INTEGER_RANGE
    return str(number), ""


def _decimal(value: object) -> tuple[str | None, str]:
    if isinstance(value, bool):
        return None, MSG_DECIMAL
    text = fold(str(value)) if not isinstance(value, float) else repr(value)
    if text == "":
        return "", ""
    if isinstance(value, float | Decimal):
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None, MSG_DECIMAL
        if not number.is_finite():
            return None, MSG_DECIMAL
        text = format(number, "f")
    if not _DEC.match(text):
        return None, MSG_DECIMAL
    return text, ""


def _date(value: object) -> tuple[str | None, str]:
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), ""
    if isinstance(value, dt.date):
        return value.isoformat(), ""
    text = fold(str(value))
    if text == "":
        return "", ""
    match = _DATE.match(text)
    if not match:
        return None, MSG_DATE
    try:
        return dt.date(*(int(g) for g in match.groups())).isoformat(), ""
    except ValueError:
        return None, MSG_DATE


def _offset(tz: dt.tzinfo | None, when: dt.datetime | None = None) -> str:
    offset = (tz or dt.UTC).utcoffset(when or dt.datetime.now()) or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _time(value: object, tz: dt.tzinfo | None) -> tuple[str | None, str]:
    if isinstance(value, dt.datetime):
        value = value.timetz()
    if isinstance(value, dt.time):
        zone = _offset(value.tzinfo or tz)
        return f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}.{value.microsecond // 1000:03d}{zone}", ""
    text = fold(str(value))
    if text == "":
        return "", ""
    match = _TIME.match(text)
    if not match:
        return None, MSG_TIME
    hour, minute = int(match.group(1)), int(match.group(2))
    second = int(match.group(3) or 0)
    if hour > 23 or minute > 59 or second > 59:
        return None, MSG_TIME
    millis = (match.group(4) or "0")[:3].ljust(3, "0")
    zone = match.group(5)
    if zone is None:
        zone = _offset(tz)
    elif zone == "Z":
        zone = "+00:00"
    elif ":" not in zone:
        zone = zone[:3] + ":" + zone[3:]
    return f"{hour:02d}:{minute:02d}:{second:02d}.{millis}{zone}", ""


def _datetime(value: object, tz: dt.tzinfo | None) -> tuple[str | None, str]:
    if isinstance(value, dt.datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=tz or dt.UTC)
        stamp = aware.strftime("%Y-%m-%dT%H:%M:%S")
        return f"{stamp}.{aware.microsecond // 1000:03d}{_offset(aware.tzinfo, aware)}", ""
    text = fold(str(value))
    if text == "":
        return "", ""
    day, _, clock = text.replace(" ", "T", 1).partition("T")
    date_value, err = _date(day)
    if err or not clock:
        return None, MSG_DATETIME
    time_value, err = _time(clock, tz)
    if err:
        return None, MSG_DATETIME
    return f"{date_value}T{time_value}", ""


def cn_id_problem(text: str) -> str:
    """'' when an 18-character resident ID is valid (GB 11643: ISO 7064 MOD 11-2), else a message."""
    text = fold(text).upper()
    if not _CN_ID.match(text):
        return MSG_CN_ID_FORMAT
    try:
        birth = dt.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return MSG_CN_ID_DATE
    if birth.year < 1850:
        return MSG_CN_ID_DATE
    if cn_id_check_digit(text[:17]) != text[17]:
        return MSG_CN_ID_CHECK
    return ""


def cn_id_check_digit(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _CN_ID_WEIGHTS, strict=True))
    return _CN_ID_CHECK[total % 11]


def appearance_problem(appearance: str, value: str) -> str:
    """The message for a value that fails a `cn-*` appearance check; '' otherwise or when empty."""
    if not value:
        return ""
    words = set(appearance.split())
    if "cn-id" in words:
        return cn_id_problem(value)
    if "cn-mobile" in words and not re.fullmatch(r"1[3-9]\d{9}", fold(value).replace(" ", "")):
        return MSG_CN_MOBILE
    if "cn-postcode" in words and not re.fullmatch(r"\d{6}", fold(value)):
        return MSG_CN_POSTCODE
    return ""


def normalise_appearance_value(appearance: str, value: str) -> str:
    """Store ID numbers in one form: upper-case X, no spaces (as typed otherwise)."""
    words = set(appearance.split())
    if words & {"cn-id", "cn-mobile", "cn-postcode"}:
        return fold(value).replace(" ", "").upper()
    return value


def outside_bounds(value: str, bounds: tuple[str, str] | None) -> bool:
    """True when a range question's number lies outside its start and end."""
    if bounds is None or not value:
        return False
    try:
        low, high = sorted((Decimal(bounds[0]), Decimal(bounds[1])))
        return not low <= Decimal(value) <= high
    except InvalidOperation:
        return False
