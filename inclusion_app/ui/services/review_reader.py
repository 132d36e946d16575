""""Read this page" on check-your-answers: each row in turn, after the one before has finished.

Every speech request cuts the previous one short, so the rows cannot simply be queued; the
reader waits for speech's natural end before the next row and gives up as soon as speech
was stopped or the person left the page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from inclusion_app.engine.prompt import ReviewRow


class ReviewReader:
    """`read(rows)` starts; `still_here()` says whether the review page is still showing."""

    def __init__(self, services: Any, still_here: Callable[[], bool]) -> None:
        self.services, self.still_here = services, still_here
        self.rows: list[ReviewRow] = []
        self._hooked = False

    def read(self, rows: list[ReviewRow]) -> None:
        speech = self.services.speech
        if speech is None or not self.services.voice_on:
            return
        if not self._hooked:
            speech.finished.connect(self._next)
            self._hooked = True
        self.rows = list(rows)
        self._next(first=True)

    def _next(self, first: bool = False) -> None:
        speech = self.services.speech
        natural_end = first or (speech is not None and speech.last_events[-1:] == [("finished",)])
        if not self.rows or not natural_end or not self.still_here():
            self.rows = []  # stopped, or the person moved on: never read over them
            return
        self.services.say("speak_review_row", self.rows.pop(0), self.services.language)
