"""Whether a form must ask for consent before its first question, and what it collects.

China's Personal Information Protection Law asks separate consent for sensitive personal
information. A form needs it when its `settings` sheet has `consent::<language>` text, or when
it asks for an ID number or a bank card: a question with appearance `cn-id`, `cn-bank`, `bank`
or `id-number`, a shared detail `id_number` / `bank_account` (`bind::inclusion:shared`), or a
question whose name says so (`id_number`, `id_card`, `..._bank_card`, `bank_account`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from inclusion_app.engine.formdef import FormDef

ID_APPEARANCES = frozenset({"cn-id", "id-number"})
BANK_APPEARANCES = frozenset({"cn-bank", "bank"})
_ID_NAME = re.compile(r"(^|_)id_(number|card|no)($|_)")
_BANK_NAME = re.compile(r"(^|_)bank_(card|account)($|_)")
_SHARED = re.compile(rb'\b[A-Za-z_][\w.-]*:shared\s*=\s*["\'](id_number|bank_account)["\']')


@dataclass(frozen=True)
class ConsentNeed:
    """What the consent screen says: the sensitive kinds asked, and the form's own words."""

    id_number: bool = False
    bank_card: bool = False
    texts: dict[str, str] = field(default_factory=dict)  # language code -> the form's consent text

    def text(self, lang: str | None) -> str:
        """The form's own consent text in a language (falling back to any), or ""."""
        if lang and self.texts.get(lang):
            return self.texts[lang]
        return next(iter(self.texts.values()), "")


def consent_needed(form: FormDef) -> ConsentNeed | None:
    """A ConsentNeed when the form must ask before its first question, else None."""
    id_number = bank_card = False
    for control in form.by_ref.values():
        if not control.is_question:
            continue
        words = set(control.appearance.split())
        name = control.name.lower()
        id_number = id_number or bool(words & ID_APPEARANCES) or bool(_ID_NAME.search(name))
        bank_card = bank_card or bool(words & BANK_APPEARANCES) or bool(_BANK_NAME.search(name))
    for match in _SHARED.finditer(form.xml):
        if match.group(1) == b"id_number":
            id_number = True
        else:
            bank_card = True
    if not (id_number or bank_card or form.consent):
        return None
    return ConsentNeed(id_number, bank_card, dict(form.consent))
