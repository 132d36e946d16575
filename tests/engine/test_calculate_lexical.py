"""Calculated values are stored in the lexical form of their node's type, as JavaRosa stores them."""

from __future__ import annotations

from tests.scenario import Scenario

DATE_CALC = """
| survey |
| | type      | name    | label     | calculation         | relevant     |
| | date      | visit   | Visit day |                     |              |
| | date      | due     | Due day   | ${visit} + 7        |              |
| | select_one yn | more | More?    |                     |              |
| | text      | extra   | Extra     |                     | ${more} = 'yes' |
| | calculate | copy    |           | ${extra}            |              |
| choices |
| | list_name | name | label |
| | yn        | yes  | Yes   |
| | yn        | no   | No    |
"""


def test_dateCalculation_storesADateNotANumberOfDays() -> None:
    """`${visit} + 7` in a date question is stored as the date a week later, not as 20163."""
    s = Scenario.from_xlsform_md(DATE_CALC)
    assert s.answer("visit", "2025-03-09").ok
    assert s.value("due") == "2025-03-16"


def test_calculationReadingANonRelevantNode_isEmpty() -> None:
    """A calculate that copies a question that no longer applies becomes empty (JavaRosa)."""
    s = Scenario.from_xlsform_md(DATE_CALC)
    s.answer("more", "yes")
    s.answer("extra", "hello")
    assert s.value("copy") == "hello"
    s.answer("more", "no")
    assert s.value("copy") == ""
