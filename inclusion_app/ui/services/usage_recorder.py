"""Counts what happens to forms in the window, for the centre's anonymous statistics.

Watches a form session from outside: started (with the voice and text size in use), finished
(with the minutes it took), saved for later or abandoned (with the name of the question on
screen), and every error message shown. Only these words and counts reach `stats.book`; never
an answer. Writes go to the database worker; a statistics file that cannot be written is
skipped, never a problem for the person filling the form. Practice forms are not counted.
"""

from __future__ import annotations

import logging
import re
import time
from typing import Any

from inclusion_app.stats.book import StatsBook, open_book

log = logging.getLogger(__name__)


def recorder_for(services: Any) -> UsageRecorder:
    """The window's one recorder, made on first use."""
    recorder = getattr(services, "_usage_recorder", None)
    if recorder is None:
        recorder = UsageRecorder(services)
        services._usage_recorder = recorder
    return recorder


def screen_name(session: Any) -> str:
    """The name of the question on screen (its XForm name, not its text), or "review"."""
    try:
        screen = session.controller.screen
        questions = getattr(screen, "questions", None) or ()
        if not questions:
            return "review"
        return str(questions[0].ref).rstrip("/").rsplit("/", 1)[-1]
    except Exception:  # a closing session: a count is never worth an error
        return ""


def answer_texts(session: Any) -> list[str]:
    """Everything answered so far and typed on screen now, longest first (for `scrub`)."""
    texts: set[str] = set()
    try:
        for row in session.controller.review():
            texts.update({str(row.answer), *str(row.answer).split()})
        for value in session.page.values().values():
            texts.update({str(value), *str(value).split()})
    except Exception:  # noqa: BLE001 - a form that cannot list its answers: scrub nothing more
        pass
    return sorted((t for t in texts if len(t.strip()) >= 3), key=len, reverse=True)


def scrub(message: str, typed: list[str]) -> str:
    """A form's message may quote an answer (an <output> in it): such words become "…", so
    the counts hold the message a person saw, never what they typed."""
    for text in typed:  # whole words only, so a short answer never eats part of a word
        message = re.sub(rf"(?<!\w){re.escape(text)}(?!\w)", "…", message)
        if not text.isascii():  # Chinese has no spaces between words
            message = message.replace(text, "…")
    return message


class UsageRecorder:
    def __init__(self, services: Any, book: StatsBook | None = None) -> None:
        self.services = services
        self.book = book or open_book(services.paths.data)

    def _on(self) -> bool:
        return bool(getattr(self.services.settings, "statistics_on", True))

    def record(self, measure: str, form_id: str, item: str = "", seconds: float = 0.0) -> None:
        if not self._on():
            return
        book = self.book

        def write() -> None:
            try:
                book.record(measure, form_id, item, seconds)
            except Exception as exc:  # noqa: BLE001 - statistics must never stop a form
                log.warning("statistics not recorded: %s", type(exc).__name__)

        self.services.tasks.run_db(write)

    def watch(self, session: Any, resumed: bool = False) -> None:
        """Follow one form session until it is finished, saved or closed."""
        form = session.form
        if getattr(form, "practice", False):
            return
        form_id = form.form_id
        state = {"ended": False, "began": time.monotonic()}
        if not resumed:
            settings = self.services.settings
            self.record("started", form_id)
            self.record("voice", form_id, "on" if settings.voice_on else "off")
            self.record("text_size", form_id, str(int(settings.text_size_step) + 1))

        def finished(_completed: Any) -> None:
            state["ended"] = True
            self.record("finished", form_id)
            if not resumed:
                self.record("seconds", form_id, "", time.monotonic() - state["began"])

        def left() -> None:
            state["ended"] = True
            self.record("saved", form_id)
            self.record("stopped_at", form_id, screen_name(session))

        def errors(messages: list[str]) -> None:
            typed = answer_texts(session)
            for message in messages:
                self.record("error", form_id, scrub(message, typed))

        stop = {"name": ""}

        def remember_place() -> None:  # read while the session is still whole
            stop["name"] = screen_name(session)

        def closed(_obj: Any = None) -> None:
            if not state["ended"]:
                self.record("abandoned", form_id)
                self.record("stopped_at", form_id, stop["name"])

        session.finished.connect(finished)
        session.left.connect(left)
        if hasattr(session, "errors_shown"):
            session.errors_shown.connect(errors)
        if hasattr(session, "screen_shown"):
            session.screen_shown.connect(remember_place)
        remember_place()
        session.destroyed.connect(closed)
