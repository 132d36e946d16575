"""Consent once for a whole visit, before its shared details, when any service asks for an
ID number or a bank card (or has its own consent text): the consent page of a single form,
with what every such service collects and every office that receives it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from inclusion_app.engine.consent import ConsentNeed, consent_needed
from inclusion_app.ui.resident.consent_page import ConsentGate, receiver_name


def visit_need(visit: Any) -> ConsentNeed | None:
    """What the included services together need consent for, or None."""
    needs = [n for n in (consent_needed(visit.forms[f]) for f in visit.included()) if n is not None]
    if not needs:
        return None
    texts: dict[str, str] = {}
    for need in needs:  # a service's own words, language by language, the first that has them
        for lang, text in need.texts.items():
            texts.setdefault(lang, text)
    return ConsentNeed(any(n.id_number for n in needs), any(n.bank_card for n in needs), texts)


class VisitConsent(ConsentGate):
    """The gate in the visit's stack; `ask(lang)` shows it unless the visit agreed already."""

    def __init__(self, services: Any, visit: Any, stack: Any, agreed: Callable[[], None],
                 declined: Callable[[], None]) -> None:
        super().__init__(services, None, stack, None, agreed, declined)
        self.visit = visit

    def ask(self, lang: str | None) -> bool:
        """Show the page when consent is needed and not yet given; False to go straight on."""
        self.need = None if self.visit.consented else visit_need(self.visit)
        return self.show(lang)

    def receiver(self) -> str:
        """Every office the visit's sensitive answers go to, each named once."""
        offices = [receiver_name(self.services.settings, self.visit.forms[f]) for f in self.visit.included()
                   if consent_needed(self.visit.forms[f]) is not None]
        return ", ".join(dict.fromkeys(offices))

    def _agree(self) -> None:
        self.visit.consented = True
        super()._agree()
