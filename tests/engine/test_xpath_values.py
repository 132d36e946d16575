"""Expected values from the ODK XForms specification and JavaRosa's own XPath tests."""

from __future__ import annotations

import datetime
import math

import pytest

from inclusion_app.engine.xpath import XPathError, parse
from tests.engine.xpath_helpers import ctx_at, ev

NAN = float("nan")
INF = float("inf")

# (expression, expected): numbers compared with a tolerance, NaN with NaN
CASES = [
    # literals and number()
    ("5", 5.0), (".000555", 0.000555), ("-5", -5.0), ("1230000000000000000000", 1.23e21),
    ("number('100.001')", 100.001), ("number(' -12345.6789  ')", -12345.6789),
    ("number('NaN')", NAN), ("number('- 17')", NAN), ("number('')", NAN),
    ("number('Infinity')", NAN), ("number('1.1e6')", NAN), ("number('34.56.7')", NAN),
    ("number('4,5')", 4.5), ("number(true())", 1.0), ("number(date('2008-09-05'))", 14127.0),
    ("number(date('1941-12-07'))", -10252.0), ("number(1 div 0)", INF),
    # booleans
    ("boolean(0.0001)", True), ("boolean(-0)", False), ("boolean(number('NaN'))", False),
    ("boolean('false')", True), ("boolean('  ')", True), ("boolean('')", False),
    ("boolean(date('2000-01-01'))", True), ("not('')", True),
    ("boolean-from-string('true')", True), ("boolean-from-string('TRUE')", True),
    ("boolean-from-string('1')", True), ("boolean-from-string('0')", False),
    ("boolean-from-string('whatever')", False), ("boolean-from-string(1.0001)", False),
    # string() and number formatting as JavaRosa
    ("string(true())", "true"), ("string(number('NaN'))", "NaN"), ("string(1 div 0)", "Infinity"),
    ("string(-1 div 0)", "-Infinity"), ("string(-0)", "0"), ("string(123456.0000)", "123456"),
    ("string(.557586)", "0.557586"), ("string(0.1 + 0.2)", "0.30000000000000004"),
    ("string(2.5 * 2)", "5"), ("string(1 div 3)", "0.3333333333333333"),
    ("string(0.00001)", "0.00001"), ("string(date('1989-11-09'))", "1989-11-09"),
    ("concat(1.0, '|', 7 div 2)", "1|3.5"),
    # int, round (halves go up, as JavaRosa), floor and friends
    ("int('100.001')", 100.0), ("int(' -12345.6789  ')", -12345.0), ("int('')", NAN),
    ("int(-0.5)", -0.0), ("round('14.29123456789', 2)", 14.29), ("round('14.29123456789', 1.5)", 14.3),
    ("round('12345.12345', -2)", 12300.0), ("round('12350.12345', -2)", 12400.0),
    ("round('4,6')", 5.0), ("round('14.5')", 15.0), ("round(2.5)", 3.0), ("round(-2.5)", -2.0),
    ("round('-0.5')", -0.0), ("round('12345.15', 1)", 12345.2), ("round('-12345.15', 1)", -12345.1),
    ("round('NaN')", NAN), ("round('1 div 0', 0)", NAN), ("round(1 div 0)", INF),
    ("floor(-1.5)", -2.0), ("ceiling(1.2)", 2.0), ("abs(-3.5)", 3.5), ("pow(2.5, 2)", 6.25),
    ("pow(16, 0.25)", 2.0), ("pow(-8, 0.5)", NAN), ("sqrt(9)", 3.0), ("sqrt(-1)", NAN),
    ("log10(100)", 2.0), ("log(0)", -INF), ("exp10(2)", 100.0), ("exp(1)", math.e),
    ("pi()", math.pi), ("acos(0)", math.pi / 2), ("asin(2)", NAN), ("atan2(1, 1)", math.pi / 4),
    ("cos(0)", 1.0), ("sin(0)", 0.0), ("tan(0)", 0.0), ("atan(0)", 0.0),
    # arithmetic, empty strings and precedence
    ("5.5 + 5.5", 11.0), ("6.1 - 7.8", -1.7), ("1 - 2 - 3", -4.0), ("-(8*5)", -40.0),
    ("-'19'", -19.0), ("-10 div -4", 2.5), ("2 * 3 div 8 * 2", 1.5), ("3 + 3 * 3", 12.0),
    ("1 div 0", INF), ("-1 div 0", -INF), ("0 div 0", NAN), ("5 mod 3.1", 1.9),
    ("5 mod -3", 2.0), ("-5 mod 3", -2.0), ("5 mod 0", NAN), ("'123' * '456'", 56088.0),
    ("'' + 1", NAN), ("/data/empty + 1", NAN), ("/data/empty * 0 = 0", False),
    ("true() + 8", 9.0), ("(false() or 0) + 2", 2.0), ("false() or 0 + 2", True),
    ("true() or true() and false()", True), ("(true() or true()) and false()", False),
    ("true() or date('')", True), ("false() and date('')", False),
    # comparisons
    ("'-17' > '-172'", True), ("'abc' < 'abcd'", False), ("3 < 4 < 5", True),
    ("3 < (4 < 5)", False), ("6.1 - 7.8 = -1.7", True), ("true() = 17", True),
    ("0 = false()", True), ("true() = 'true'", True), ("17 = '17.0000000'", True),
    ("'0017.' = 17", True), ("'017.' = '17.000'", False), ("'' = ''", True),
    ("-3 < 3 = 6 >= 6", True), ("true() != date('1999-09-09')", False),
    ("date('2004-05-01') = date('2004-05-01')", True),
    # dates
    ("date('2008-09-08') - date('1983-10-06')", 9104.0), ("date('2001-12-26') > date('2001-12-25')", True),
    ("date(0)", datetime.date(1970, 1, 1)), ("date(6.5)", datetime.date(1970, 1, 7)),
    ("date(-1)", datetime.date(1969, 12, 31)), ("date(14127)", datetime.date(2008, 9, 5)),
    ("date(date('1989-11-09'))", datetime.date(1989, 11, 9)), ("date('')", ""),
    ("decimal-date-time('2000-01-01T10:20:30.000Z')", 10957.430902777778),
    ("decimal-date-time('2000-01-01T10:20:30.000+03:00')", 10957.305902777778),
    ("decimal-date-time('1970-01-02')", 1.0),
    ("format-date('2018-01-02T10:20:30.123', \"%Y-%m-%e %H:%M:%S\")", "2018-01-2 10:20:30"),
    ("format-date('2025-03-09', '%Y %y %m %n %b %d %e %a')", "2025 25 03 3 Mar 09 9 Sun"),
    ("format-date-time('2025-03-09T07:05:09.042+08:00', '%H:%M:%S.%3 %h')", "07:05:09.042 7"),
    ("format-date('2025-03-09', 'day %e of %b, %%done')", "day 9 of Mar, %done"),
    ("format-date('', '%Y')", ""), ("format-date(today() + 1, '%Y-%m-%d')", "2025-03-10"),
    ("format-date(date('2025-02-28') + 1, '%e %b')", "1 Mar"),
    ("format-date('2018-04-01', '%W')", "13"), ("format-date('2018-01-01', '%W')", "1"),
    ("format-date('2017-01-01', '%W')", "52"), ("format-date('2020-12-29', '%W')", "53"),
    ("format-date('2025-03-09', '%Q%')", "%Q%"), ("format-date(/data/dob, '%e/%n/%Y')", "10/3/1955"),
    ("format-date-time('14:30:00.000+08:00', '%H:%M')", "14:30"),
    ("today()", datetime.date(2025, 3, 9)), ("today() - /data/dob", 25567.0),
    ("/data/dob < today()", True), ("/data/dob = '1955-03-10'", True),
    ("/data/dob < '1960-01-01'", True), ("/data/seen > today()", True),
    ("string(/data/seen)", "2025-03-09T08:00:00.000+08:00"),
    # the specification's number(): date text counts as days (JavaRosa would give NaN)
    ("number('1970-01-02')", 1.0), ("'2025-03-10' - '2025-03-09'", 1.0),
    ("number('2000-01-01T12:00:00.000Z')", 10957.5), ("'2020-01-01' < '2021-01-01'", True),
    ("number('2020-13-45')", NAN),
    # strings
    ("substr('hello',0)", "hello"), ("substr('hello',1,4)", "ell"), ("substr('hello',-2)", "lo"),
    ("substr('hello',0,-1)", "hell"), ("substr('hello',2,99)", "llo"), ("substr('hello',9)", ""),
    ("substr('hello',-99, 2)", "he"), ("substr('hello',3,1)", ""),
    ("substring('12345', 1.5, 2.6)", "234"), ("substring('12345', 0, 3)", "12"),
    ("substring('12345', 0 div 0, 3)", ""), ("substring('12345', -42, 1 div 0)", "12345"),
    ("substring-before('hello','l')", "he"), ("substring-after('hello','l')", "lo"),
    ("substring-after('hello','')", "hello"), ("translate('hello','l','')", "heo"),
    ("translate('hello wor,ld',' ,',', ')", "hello,wor ld"), ("translate('bar','abc','ABC')", "BAr"),
    ("normalize-space(' \ta\n\t  b \n\t c   \n')", "a b c"), ("normalize-space(/data/name)", "Li Wei"),
    ("string-length('cocotero')", 8.0), ("string-length('张三')", 2.0),
    ("contains('abc', 'bcd')", False), ("starts-with('', '')", True), ("ends-with('abc', 'c')", True),
    ("concat()", ""), ("concat('ab','cde','','fgh',1,false())", "abcdefgh1false"),
    ("concat(/data/household/member/who)", "AnnBoCy"), ("join(', ', /data/household/member/who)", "Ann, Bo, Cy"),
    ("join('-', 'a', 2, true())", "a-2-true"),
    ("regex('12345','[0-9]+')", True), ("regex('a12345','[0-9]+')", False),
    ("regex('110101199003077777', '^\\d{17}[\\dX]$')", True),
    ("regex('张三', '\\p{L}+')", True), ("regex('张3', '\\p{L}+')", False),
    # selects
    ("selected('apple baby crimson', '  baby  ')", True), ("selected('apple baby crimson', 'bab')", False),
    ("selected('', 'apple')", False), ("selected(/data/fruits, 'banana')", True),
    ("selected(/data/fruits, 'apple')", True), ("count-selected(/data/fruits)", 3.0),
    ("count-selected('')", 0.0), ("selected-at('apple baby crimson', 2)", "crimson"),
    ("selected-at('apple baby', 2)", ""), ("selected-at(/data/fruits, 0)", "apple"),
    ("selected-at('a b', -1)", ""),
    ("checklist(1, 3, 'foo', 'bar')", True), ("checklist(-1, 1, 'foo', 'bar')", False),
    ("checklist(3, -1, 'foo', 'bar')", False), ("checklist(1, 2, 'foo', 'bar', 'baz')", False),
    ("checklist(2, 2, /data/household/member/years)", True),
    ("weighted-checklist(3, 5, true(), 2, false(), 9, 'x', 1)", True),
    ("weighted-checklist(3, 5, true(), 2, false(), 9)", False),
    # if, coalesce, counts and sums
    ("if(true(), 5, 'abc')", 5.0), ("if('', 5, 'abc')", "abc"), ("if(6 > 7, 5, 'abc')", "abc"),
    ("coalesce('', 'b')", "b"), ("coalesce(/data/empty, /data/age)", "70"), ("coalesce('a', 'b')", "a"),
    ("count(/data/household/member)", 3.0), ("count-non-empty(/data/household/member/years)", 2.0),
    ("sum(/data/household/member/years)", 92.0), ("max(/data/household/member/years)", 80.0),
    ("min(/data/household/member/years)", 12.0), ("min(3, '1', 2)", 1.0), ("max(/data/empty)", NAN),
    ("digest('abc', 'SHA-256', 'hex')", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ("digest('abc', 'MD5')", "kAFQmDzST7DWlj99KOF/cg=="),
    ("digest('abc', 'SHA-1', 'hex')", "a9993e364706816aba3e25717850c26c9cd0d89d"),
    ("base64-decode('SGVsbG8g5byg5LiJ')", "Hello 张三"), ("base64-decode('w6nDqMOx')", "éèñ"),
    ("base64-decode('8J+lsA==')", "🥰"), ("base64-decode('AGEAYgBj')", "\x00a\x00b\x00c"),
    ("base64-decode('a')", ""),
    ("string-length(uuid())", 36.0), ("string-length(uuid(12))", 12.0),
    ("random() >= 0 and random() < 1", True),
]


def _same(got: object, want: object) -> bool:
    if isinstance(want, float) and not isinstance(want, bool):
        if not isinstance(got, float):
            return False
        if math.isnan(want):
            return math.isnan(got)
        if want == 0 and got == 0:
            return math.copysign(1, want) == math.copysign(1, got)
        return math.isclose(got, want, rel_tol=1e-12, abs_tol=1e-12)
    return type(got) is type(want) and got == want


@pytest.mark.parametrize(("expression", "expected"), CASES, ids=[c[0] for c in CASES])
def test_expected_value(expression: str, expected: object) -> None:
    """Each expression gives the value the ODK spec and JavaRosa's tests give."""
    got = ev(expression)
    assert _same(got, expected), f"{expression} gave {got!r}, expected {expected!r}"


def test_decimal_time_is_in_local_zone() -> None:
    """decimal-time() gives the fraction of the day in this computer's time zone (noon is 0.5)."""
    expected = datetime.datetime(2000, 1, 1, 10, 20, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=3)))
    local = expected.astimezone()
    fraction = (local.hour * 3600 + local.minute * 60 + local.second) / 86400
    assert math.isclose(ev("decimal-time('2000-01-01T10:20:30.000+03:00')"), fraction)
    assert ev("decimal-time('12:00:00')") == 0.5


def test_now_uses_the_host_clock() -> None:
    """now() comes from the host, with its offset, and converts to ISO text for storing."""
    ctx = ctx_at()
    assert parse("string(now())").evaluate(ctx) == "2025-03-09T14:30:15.250+08:00"
    assert parse("format-date-time(now(), '%Y-%m-%d %H:%M')").evaluate(ctx) == "2025-03-09 14:30"


@pytest.mark.parametrize("expression", [
    "date('1983-09-31')", "date('not a date')", "date(true())", "decimal-date-time('-1000')",
    "regex('a', '[')", "digest('a', 'SHA-3')", "distance('0 0 0 0; 1 1 0 0')", "area(/data/age)",
    "instance('nowhere')/root", "count('abc')", "sum(3)", "'abc'/x", "uuid(-1)",
])
def test_runtime_errors_are_plain(expression: str) -> None:
    """Type problems at run time raise XPathError with a plain message naming the expression."""
    with pytest.raises(XPathError) as err:
        ev(expression)
    assert expression in str(err.value)
    assert "Traceback" not in str(err.value)


def test_unsupported_geography_says_so() -> None:
    """distance() and area() fail with 'not supported on this computer', not a crash."""
    with pytest.raises(XPathError, match="not supported on this computer"):
        ev("distance('0 0 0 0; 1 1 0 0')")


def test_a_hostile_pattern_cannot_freeze_the_program() -> None:
    """A catastrophic-backtracking pattern ends quickly, with a result or a plain XPathError."""
    import time

    start = time.perf_counter()
    for pattern in ("(a+)+b", "(x+x+)+y", "(.*a){25}", "^(\\w+\\s?)*$"):
        try:
            assert ev(f"regex('{'a' * 40}!', '{pattern}')") is False
        except XPathError as err:
            assert "too long" in str(err)
    assert time.perf_counter() - start < 10  # loose: the engine's own limit is 0.25 s a match


def test_month_and_day_names_follow_the_form_language() -> None:
    """%b and %a use the host's current language (the spec's 'form locale'), English otherwise."""
    from inclusion_app.engine.xpath import DefaultHost
    from tests.engine.xpath_helpers import NOW

    class ChineseHost(DefaultHost):
        locale = "zh"

    ctx = ctx_at(host=ChineseHost(NOW))
    assert parse("format-date('2025-03-09', '%Y年%n月%e日 %a')").eval_str(ctx) == "2025年3月9日 周日"
    assert parse("format-date('2025-03-09', '%b')").eval_str(ctx) == "3月"
