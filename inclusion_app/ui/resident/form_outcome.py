"""What a finished form hands to the confirmation page and the printed copy."""

from __future__ import annotations

from dataclasses import dataclass, field

from inclusion_app.engine.prompt import ReviewRow


@dataclass(frozen=True)
class Completed:
    """What the confirmation page and the printed copy need once a form is sent."""

    reference: str
    instance_id: str
    form_id: str
    title: str
    rows: list[ReviewRow] = field(default_factory=list)
    when: float = 0.0  # seconds since the epoch
    practice: bool = False
