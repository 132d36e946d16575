"""What a finished visit hands to its confirmation page: one `Completed` per service sent."""

from __future__ import annotations

from dataclasses import dataclass, field

from inclusion_app.ui.resident.form_outcome import Completed


@dataclass(frozen=True)
class VisitCompleted:
    bundle_id: str
    title: str
    services: list[Completed] = field(default_factory=list)
    when: float = 0.0  # seconds since the epoch
