"""A long choice list (all streets of a city) answered by typing: a large search box, and the
choices that match shown as the same big cards as any short list.

Used for the `search` and `autocomplete` appearances and for any list too long to read through
(`engine.choice_lists.searchable`). The search itself is the engine's (`choice_lists.search`:
case, width and accents ignored, labels starting with the text first); only a few cards are
made at a time, so a list of 50,000 rows stays quick. The chosen answer stays chosen while the
person types on, and is shown above the matches.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from inclusion_app.engine.choice_lists import search
from inclusion_app.engine.prompt import Choice, QuestionPrompt
from inclusion_app.i18n import _
from inclusion_app.ui.resident.inputs.base import InputWidget
from inclusion_app.ui.resident.inputs.choice_cards import ChoiceCard
from inclusion_app.ui.widgets.controls import label

SHOWN = 6  # matching cards on screen at once: enough to spot one's own, few enough to read


class ChoiceSearch(InputWidget):
    """A search box over a select question's choices, with the matches as cards."""

    def __init__(self, prompt: QuestionPrompt, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        self.multiple = prompt.qtype == "select_multiple"
        self._labels = {c.value: c.label for c in prompt.choices}
        self._chosen: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.box = QLineEdit(self)
        self.box.setPlaceholderText(_("Type a few letters or characters of your answer to find it."))
        self.describe(self.box, _("Search the answers"),
                      _("Type a few letters or characters of your answer to find it."))
        self.box.setEnabled(not prompt.readonly)
        layout.addWidget(self.box)
        self.chosen_label = label("", "body", self)
        layout.addWidget(self.chosen_label)
        self.status = label("", "body", self)
        layout.addWidget(self.status)
        self.holder = QVBoxLayout()
        layout.addLayout(self.holder)
        self.cards: list[ChoiceCard] = []
        self.box.textChanged.connect(self._refresh)
        self.set_value(prompt.answer)

    def _matches(self) -> tuple[Choice, ...]:
        return search(self.prompt.choices, self.box.text(), SHOWN)

    def _refresh(self) -> None:
        """Show the cards that match what is typed now (the first few)."""
        for card in self.cards:
            self.holder.removeWidget(card)
            card.deleteLater()
        self.cards = []
        text = self.box.text().strip()
        found = self._matches() if text else ()
        how = _("Choose all that apply.") if self.multiple else _("Choose one answer.")
        for choice in found:
            card = ChoiceCard(choice.value, choice.label, choice.image, self, single=not self.multiple)
            card.setChecked(choice.value in self._chosen)
            self.describe(card, choice.label, f"{self.prompt.label} {how}")
            card.clicked.connect(lambda _checked=False, c=card: self._pressed(c))
            card.setEnabled(not self.prompt.readonly)
            self.holder.addWidget(card)
            if self.isVisible():
                card.show()  # a child added to a shown widget is not shown by itself
            self.cards.append(card)
        if not text:
            self.status.setText(_("Type a few letters or characters of your answer to find it."))
        elif not found:
            self.status.setText(_("No answer matches. Try fewer letters."))
        else:
            self.status.setText("")
        self.status.setVisible(bool(self.status.text()))

    def _pressed(self, card: ChoiceCard) -> None:
        value = card.choice_value
        if self.multiple:
            if card.isChecked() and value not in self._chosen:
                self._chosen.append(value)
            elif not card.isChecked() and value in self._chosen:
                self._chosen.remove(value)
        else:
            # a second tap keeps the answer: a trembling double tap must never undo it
            self._chosen = [value]
            for other in self.cards:
                other.setChecked(other is card)
        self._show_chosen()
        self.changed.emit()

    def _show_chosen(self) -> None:
        labels = [self._labels.get(v, v) for v in self._chosen]
        self.chosen_label.setText(_("Your answer: {answer}").format(answer=", ".join(labels)) if labels else "")
        self.chosen_label.setVisible(bool(labels))

    def value(self) -> str:
        return " ".join(self._chosen)

    def set_value(self, value: str) -> None:
        self._chosen = [v for v in value.split() if v in self._labels]
        self._show_chosen()
        self._refresh()

    def focus_target(self) -> QWidget | None:
        return self.box
