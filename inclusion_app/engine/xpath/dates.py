"""Dates as ODK sees them: ISO lexical forms, days since 1970-01-01 and format-date patterns."""

from __future__ import annotations

import datetime
import re

from inclusion_app.engine.xpath.errors import XPathError

EPOCH = datetime.date(1970, 1, 1)
_EPOCH_NAIVE = datetime.datetime(1970, 1, 1)
_EPOCH_UTC = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
_DATE_RE = re.compile(r"\s*(-?\d{4,})-(\d{2})-(\d{2})\s*$")
_DATETIME_RE = re.compile(
    r"\s*(-?\d{4,})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$"
)
_TIME_RE = re.compile(
    r"\s*(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$"
)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DATE_CODES = frozenset("YymnbdeaW")


def _tz(text: str | None) -> datetime.tzinfo | None:
    if not text:
        return None
    if text == "Z":
        return datetime.UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return datetime.timezone(sign * datetime.timedelta(hours=hours, minutes=minutes))


def _micro(fraction: str | None) -> int:
    return int((fraction or "0")[:6].ljust(6, "0"))


def parse_date(text: str) -> datetime.date | datetime.datetime | None:
    """An ISO date or dateTime string as a date or an aware datetime, or None if it is not one."""
    m = _DATE_RE.match(text)
    try:
        if m:
            return datetime.date(int(m[1]), int(m[2]), int(m[3]))
        m = _DATETIME_RE.match(text)
        if m:
            naive = datetime.datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]),
                                      int(m[6] or 0), _micro(m[7]))
            tz = _tz(m[8])
            # a dateTime without an offset is local time, as in JavaRosa
            return naive.replace(tzinfo=tz) if tz else naive.astimezone()
    except (ValueError, OverflowError):
        return None
    return None


def parse_time(text: str) -> datetime.time | None:
    """An xsd:time string ("14:30:00.000+08:00") as a time, or None."""
    m = _TIME_RE.match(text)
    if not m:
        return None
    try:
        return datetime.time(int(m[1]), int(m[2]), int(m[3] or 0), _micro(m[4]), _tz(m[5]))
    except ValueError:
        return None


def days(value: datetime.date) -> float:
    """Days since 1970-01-01 for arithmetic and comparisons; a dateTime adds its wall-clock time
    as a fraction (JavaRosa's local-epoch days), so `/data/seen > today()` means "later today"."""
    if isinstance(value, datetime.datetime):
        delta = value.replace(tzinfo=None) - _EPOCH_NAIVE
        return delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400.0
    return float((value - EPOCH).days)


def utc_days(value: datetime.date) -> float:
    """decimal-date-time(): days since 1970-01-01T00:00Z, as the specification says."""
    if not isinstance(value, datetime.datetime):
        return float((value - EPOCH).days)
    if value.tzinfo is None:
        value = value.astimezone()
    delta = value - _EPOCH_UTC
    return delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400.0


def from_days(number: float, keep_time: bool) -> datetime.date:
    """The date (or local dateTime) that many days after 1970-01-01."""
    if number != number or number in (float("inf"), float("-inf")) or abs(number) > 2_900_000:
        raise XPathError(f"the number {number} is out of range for a date")
    if not keep_time:
        return EPOCH + datetime.timedelta(days=int(number))
    return (_EPOCH_UTC + datetime.timedelta(days=number)).astimezone()


def time_fraction(value: datetime.time | datetime.datetime) -> float:
    """The time of day in this computer's time zone as a fraction of a day (noon is 0.5)."""
    if isinstance(value, datetime.time) and value.tzinfo is not None:
        value = datetime.datetime.combine(datetime.date.today(), value)
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        value = value.astimezone()
    return (value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6) / 86400.0


def iso(value: datetime.date) -> str:
    """The XForm lexical form: 2025-03-09 or 2025-03-09T14:30:00.000+08:00."""
    if isinstance(value, datetime.datetime):
        text = value.strftime("%Y-%m-%dT%H:%M:%S") + f".{value.microsecond // 1000:03d}"
        offset = value.utcoffset()
        if offset is None:
            return text
        minutes = int(offset.total_seconds() // 60)
        sign = "-" if minutes < 0 else "+"
        minutes = abs(minutes)
        return f"{text}{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def format_date(value: datetime.date | datetime.time, pattern: str, locale: str | None = None) -> str:
    """format-date / format-date-time with the ODK XForms specification's % patterns; %b and %a
    in the form's language when `locale` is given (the spec), else English short names."""
    has_date = isinstance(value, datetime.date)
    has_time = isinstance(value, (datetime.datetime, datetime.time))
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch != "%" or i + 1 >= n:
            out.append(ch)
            i += 1
            continue
        code = pattern[i + 1]
        i += 2
        out.append(_field(value, code, has_date, has_time, locale))
    return "".join(out)


def _names(d: datetime.date, code: str, locale: str | None) -> str:
    """Short month (%b) or weekday (%a) name, in `locale` through Babel when it is not English."""
    if locale and not locale.lower().startswith("en"):
        try:
            from babel.core import UnknownLocaleError
            from babel.dates import format_date as babel_format

            return babel_format(d, "MMM" if code == "b" else "EEE", locale=locale.replace("-", "_"))
        except (ImportError, ValueError, UnknownLocaleError):
            pass  # an unknown language: English names rather than an error
    return _MONTHS[d.month - 1] if code == "b" else _DAYS[d.weekday()]


def _field(value: object, code: str, has_date: bool, has_time: bool, locale: str | None) -> str:
    if code == "%":
        return "%"
    if code in _DATE_CODES and has_date:
        d: datetime.date = value  # type: ignore[assignment]
        if code == "Y":
            return f"{d.year:04d}"
        if code == "y":
            return f"{d.year % 100:02d}"
        if code == "m":
            return f"{d.month:02d}"
        if code == "n":
            return str(d.month)
        if code in "ba":
            return _names(d, code, locale)
        if code == "d":
            return f"{d.day:02d}"
        if code == "e":
            return str(d.day)
        return str(d.isocalendar()[1])  # %W: the ISO week, as JavaRosa
    if code in "HhMS3":
        # a plain date is midnight, as JavaRosa's Date is
        t: datetime.time = value if has_time else datetime.time(0)  # type: ignore[assignment]
        if code == "H":
            return f"{t.hour:02d}"
        if code == "h":
            return str(t.hour)
        if code == "M":
            return f"{t.minute:02d}"
        if code == "S":
            return f"{t.second:02d}"
        return f"{t.microsecond // 1000:03d}"
    if code in _DATE_CODES:
        return ""  # a date field of a bare time: nothing to show
    return "%" + code  # unknown: kept as written rather than failing the form
