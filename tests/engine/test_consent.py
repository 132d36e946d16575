"""Which forms ask for consent first (sensitive personal information), and in whose words."""

from __future__ import annotations

from pathlib import Path

import pytest

from inclusion_app import paths
from inclusion_app.engine.consent import consent_needed
from inclusion_app.engine.loader import load_form

SHIPPED = paths.shipped_forms_dir()

PLAIN = """
| survey |
| | type | name | label |
| | text | name | Your name |
| | integer | age | Your age |

| settings |
| | form_id | version |
| | plain | 1 |
"""

OWN_TEXT = """
| survey |
| | type | name | label |
| | text | name | Your name |

| settings |
| | form_id | version | consent::English (en) | consent::中文 (zh) |
| | own_text | 1 | We keep your name for the lunch club. | 我们为午餐俱乐部保存您的姓名。 |
"""

BY_APPEARANCE = """
| survey |
| | type | name | label | appearance |
| | text | who | Number on your card | cn-id |

| settings |
| | form_id | version |
| | by_appearance | 1 |
"""

BY_NAME = """
| survey |
| | type | name | label | appearance |
| | text | refund_bank_account | Where should we pay? | numbers |

| settings |
| | form_id | version |
| | by_name | 1 |
"""


def _load(tmp_path: Path, text: str):
    path = tmp_path / "f.md"
    path.write_text(text, encoding="utf-8")
    return load_form(path)


def test_plain_form_needs_no_consent(tmp_path: Path) -> None:
    """Name and age only: straight to the first question."""
    assert consent_needed(_load(tmp_path, PLAIN)) is None


def test_settings_consent_text_is_used_per_language(tmp_path: Path) -> None:
    """`consent::<language>` in settings: consent asked, in the form's own words."""
    need = consent_needed(_load(tmp_path, OWN_TEXT))
    assert need is not None and not need.id_number and not need.bank_card
    assert need.text("en") == "We keep your name for the lunch club."
    assert need.text("zh") == "我们为午餐俱乐部保存您的姓名。"


def test_id_appearance_needs_consent(tmp_path: Path) -> None:
    """A `cn-id` question is an ID number, whatever its name."""
    need = consent_needed(_load(tmp_path, BY_APPEARANCE))
    assert need is not None and need.id_number and not need.bank_card and need.text("en") == ""


def test_bank_account_name_needs_consent(tmp_path: Path) -> None:
    """A question named as a bank account is a bank card, even without an appearance."""
    need = consent_needed(_load(tmp_path, BY_NAME))
    assert need is not None and need.bank_card and not need.id_number


@pytest.mark.parametrize("form_id, id_number, bank", [
    ("pension_check", True, True), ("medical_claim", True, True), ("concession_card", True, False),
    ("book_service", None, None), ("practice_meal", None, None),
])
def test_shipped_forms(form_id: str, id_number: bool | None, bank: bool | None) -> None:
    """The shipped services that ask for an ID or a bank card ask consent first; the others do not."""
    need = consent_needed(load_form(SHIPPED / f"{form_id}.md"))
    if id_number is None:
        assert need is None
    else:
        assert need is not None and (need.id_number, need.bank_card) == (id_number, bank)
