"""The ODK date and time functions: today(), now(), date(), decimal-date-time(), format-date()."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from inclusion_app.engine.xpath import dates
from inclusion_app.engine.xpath.conversions import (
    Value,
    date_from_text,
    node_value,
    to_date,
    to_str,
)
from inclusion_app.engine.xpath.errors import XPathError
from inclusion_app.engine.xpath.functions import define

if TYPE_CHECKING:
    from inclusion_app.engine.xpath.context import EvalContext


define("today", 0)(lambda ctx: ctx.host.now().date())
define("now", 0)(lambda ctx: ctx.host.now())
define("date", 1)(lambda ctx, v: to_date(v, keep_time=False))
define("date-time", 1)(lambda ctx, v: to_date(v, keep_time=True))


@define("decimal-date-time", 1)
def _decimal_date_time(ctx: EvalContext, v: Value) -> Value:
    value = node_value(v[0]) if isinstance(v, list) and v else v
    if isinstance(value, float):
        return value
    if isinstance(value, str):
        value = date_from_text(value)
        if value == "":
            return ""
    if isinstance(value, datetime.date):
        return dates.utc_days(value)
    raise XPathError("decimal-date-time() needs a date or a dateTime")


@define("decimal-time", 1)
def _decimal_time(ctx: EvalContext, v: Value) -> Value:
    text = to_str(v) if not isinstance(v, datetime.datetime) else None
    if text is None:
        return dates.time_fraction(v)  # type: ignore[arg-type]
    if not text.strip():
        return ""
    t = dates.parse_time(text)
    if t is None:
        parsed = dates.parse_date(text)
        if not isinstance(parsed, datetime.datetime):
            raise XPathError(f"the value {text!r} is not a time")
        return dates.time_fraction(parsed)
    return dates.time_fraction(t)


def _locale(ctx: EvalContext) -> str | None:
    """The form's current language for month and day names, if the host tells it."""
    locale = getattr(ctx.host, "locale", None)
    return locale() if callable(locale) else locale


def _format(ctx: EvalContext, v: Value, pattern: Value) -> str:
    value = node_value(v[0]) if isinstance(v, list) and v else v
    if isinstance(value, str):
        t = dates.parse_time(value) if value.strip() else None
        if t is not None:
            return dates.format_date(t, to_str(pattern), _locale(ctx))
    # whole days (today() + 1) are a date; a fraction keeps its time of day
    whole = isinstance(value, float) and value == value and value.is_integer()
    keep_time = not whole and (not isinstance(value, datetime.date)
                               or isinstance(value, datetime.datetime))
    parsed = to_date(value, keep_time=keep_time)
    if not isinstance(parsed, datetime.date):
        return ""
    return dates.format_date(parsed, to_str(pattern), _locale(ctx))


define("format-date", 2)(_format)
define("format-date-time", 2)(_format)
