"""One input widget per question type; `create_input` picks the right one for a prompt."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from inclusion_app.engine.choice_lists import searchable
from inclusion_app.engine.prompt import QuestionPrompt
from inclusion_app.ui.resident.inputs.base import InputWidget
from inclusion_app.ui.resident.inputs.choice_cards import ChoiceCards
from inclusion_app.ui.resident.inputs.choice_search import ChoiceSearch
from inclusion_app.ui.resident.inputs.date_input import DateInput
from inclusion_app.ui.resident.inputs.media_input import MediaInput
from inclusion_app.ui.resident.inputs.note_input import NoteInput
from inclusion_app.ui.resident.inputs.number_input import NumberInput
from inclusion_app.ui.resident.inputs.text_input import TextInput
from inclusion_app.ui.resident.inputs.time_input import DateTimeInput, TimeInput

# Text questions whose answer is a string of digits: the number pad, kept as text.
DIGIT_APPEARANCES = frozenset({"numbers", "cn-id", "cn-mobile", "cn-postcode"})

__all__ = ["InputWidget", "create_input"]


def create_input(prompt: QuestionPrompt, parent: QWidget | None = None) -> InputWidget | None:
    """The widget for one question, or None when the computer cannot answer it."""
    if not prompt.supported:
        return None
    qtype = prompt.qtype
    if qtype in ("select_one", "select_multiple"):
        if searchable(prompt.appearance, prompt.choices):
            return ChoiceSearch(prompt, parent)
        return ChoiceCards(prompt, parent)
    if qtype in ("integer", "decimal"):
        return NumberInput(prompt, parent)
    if qtype == "text":
        if DIGIT_APPEARANCES & set(prompt.appearance.split()):
            return NumberInput(prompt, parent)
        return TextInput(prompt, parent)
    if qtype == "date":
        return DateInput(prompt, parent)
    if qtype == "time":
        return TimeInput(prompt, parent)
    if qtype == "dateTime":
        return DateTimeInput(prompt, parent)
    if qtype in ("note", "acknowledge", "trigger"):
        return NoteInput(prompt, parent)
    if qtype in ("image", "file"):
        return MediaInput(prompt, parent)
    return None
