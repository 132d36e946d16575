"""select_one / select_multiple as big cards: the whole card is the target, not a tiny dot.

A card is a checkable QPushButton styled by the stylesheet's `card` role; it paints its own
label wrapped over several lines (Qt buttons do not wrap) with a tick box in front, so the
chosen state shows as a tick and a thick border, never by colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QWidget,
)

from inclusion_app.engine.prompt import QuestionPrompt
from inclusion_app.i18n import _
from inclusion_app.ui.resident.inputs.base import InputWidget

TICKED = "\u2714"  # heavy check mark
UNTICKED = "\u2610"  # ballot box
# One answer only: round marks, as radio buttons look, so the shape says "pick one" too.
CHOSEN = "\u25c9"  # fisheye
NOT_CHOSEN = "\u25cb"  # white circle
IMAGE_PX = 160  # choice pictures large enough to recognise at arm's length
MIN_CARDS_FOR_COLUMNS = 4  # fewer answers stay in one column: there is no list to shorten


def _tokens(text: str) -> list[str]:
    """Units a line may break after: a Latin word with its trailing space, or one CJK character."""
    tokens: list[str] = []
    word = ""
    for ch in text:
        if ord(ch) >= 0x2E80 and not ch.isspace():  # CJK and fullwidth punctuation
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        elif ch == " ":
            tokens.append(word + ch)
            word = ""
        else:
            word += ch
    if word:
        tokens.append(word)
    return tokens


class WrappingButton(QPushButton):
    """A push button whose painted text wraps to its width (a long form title, a long answer)."""

    def __init__(self, text: str, role: str, parent: QWidget | None = None,
                 expanding: bool = True) -> None:
        super().__init__(text, parent)
        self.setAutoDefault(True)  # Enter on a focused button must not fall through elsewhere
        self.setProperty("role", role)
        self.setProperty("wraps", True)  # the a11y clipping check: this paints its own lines
        horizontal = QSizePolicy.Policy.Expanding if expanding else QSizePolicy.Policy.Preferred
        policy = QSizePolicy(horizontal, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _mark(self) -> str:
        return ""

    def _option(self) -> QStyleOptionButton:
        opt = QStyleOptionButton()
        self.initStyleOption(opt)
        return opt

    def _lines(self, width: int) -> list[str]:
        """Break the label into lines that fit `width` pixels: between words, and between any
        two Chinese characters (Chinese has no spaces)."""
        text = self._mark() + self.text()
        metrics = self.fontMetrics()
        width = max(40, width)
        lines: list[str] = []
        current = ""
        for token in _tokens(text):
            if current and metrics.horizontalAdvance(current + token.rstrip()) > width:
                lines.append(current.rstrip())
                current = token.lstrip()
            else:
                current += token
        if current.strip() or not lines:
            lines.append(current.rstrip())
        return lines

    def _chrome(self) -> tuple[int, int]:
        """Horizontal and vertical space the stylesheet's border and padding take."""
        big = QSize(1000, 1000)  # large enough that min-width/min-height do not interfere
        full = self.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, self._option(), big, self)
        return max(24, full.width() - big.width()), max(16, full.height() - big.height())

    def _min_height(self) -> int:
        """The stylesheet's minimum height for a card (the main-target size)."""
        one_line = QSize(10, self.fontMetrics().lineSpacing())
        return self.style().sizeFromContents(
            QStyle.ContentsType.CT_PushButton, self._option(), one_line, self).height()

    def _icon_width(self) -> int:
        return self.iconSize().width() + 16 if not self.icon().isNull() else 0

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        dx, dy = self._chrome()
        lines = self._lines(width - dx - self._icon_width())
        text_h = self.fontMetrics().lineSpacing() * len(lines)
        icon_h = self.iconSize().height() if not self.icon().isNull() else 0
        return max(self._min_height(), max(text_h, icon_h) + dy)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        dx, _dy = self._chrome()
        text_w = self.fontMetrics().horizontalAdvance(self._mark() + self.text())
        width = max(self.minimumSizeHint().width(), min(900, text_w + dx + self._icon_width() + 8))
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        # A few characters wide whatever the label's length: the text wraps, never clips.
        dx, _dy = self._chrome()
        width = self.fontMetrics().horizontalAdvance("M") * 6 + dx + self._icon_width()
        return QSize(width, self._min_height())

    def paintEvent(self, event) -> None:  # noqa: ANN001 - Qt's signature
        painter = QStylePainter(self)
        opt = self._option()
        dx, _dy = self._chrome()
        opt.text = "\n".join(self._lines(self.width() - dx - self._icon_width()))
        painter.drawControl(QStyle.ControlElement.CE_PushButton, opt)



class ChoiceCard(WrappingButton):
    """One answer: a checkable card with a tick box in front of its wrapped label."""

    def __init__(self, value: str, label: str, image: str | None, parent: QWidget | None = None,
                 single: bool = False):
        super().__init__(label, "card", parent)
        self.choice_value = value
        self.single = single
        self.setCheckable(True)
        self.setAutoDefault(False)  # a card is never a default button; Space presses it
        if image:
            pixmap = QPixmap(image)
            if not pixmap.isNull():
                self.setIcon(QIcon(pixmap))
                self.setIconSize(QSize(IMAGE_PX, IMAGE_PX))

    def _mark(self) -> str:
        if self.single:
            return f"{CHOSEN if self.isChecked() else NOT_CHOSEN}  "
        return f"{TICKED if self.isChecked() else UNTICKED}  "

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrow keys move between the cards of one question, as in a radio group."""
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Left):
            group = self.parent()
            if isinstance(group, ChoiceCards):
                group.move_focus(self, +1 if key in (Qt.Key.Key_Down, Qt.Key.Key_Right) else -1)
                return
        super().keyPressEvent(event)


class ChoiceCards(InputWidget):
    """The cards of one select question; select_one keeps exactly the card last pressed."""

    def __init__(self, prompt: QuestionPrompt, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        self.multiple = prompt.qtype == "select_multiple"
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.columns = 1
        how = _("Choose all that apply.") if self.multiple else _("Choose one answer.")
        self.cards: list[ChoiceCard] = []
        for choice in prompt.choices:
            card = ChoiceCard(choice.value, choice.label, choice.image, self, single=not self.multiple)
            self.describe(card, choice.label, f"{prompt.label} {how}")
            card.clicked.connect(lambda _checked=False, c=card: self._pressed(c))
            card.setEnabled(not prompt.readonly)
            self.cards.append(card)
        self._place()
        self.set_value(prompt.answer)

    def _place(self) -> None:
        """One card under another; in two columns (reading down the first) when compact."""
        for card in self.cards:
            self.grid.removeWidget(card)
        rows = -(-len(self.cards) // self.columns)
        for i, card in enumerate(self.cards):
            self.grid.addWidget(card, i % rows, i // rows)
        for column in range(2):
            self.grid.setColumnStretch(column, 1 if column < self.columns else 0)

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name and signature
        """In two columns each card is as tall as its wrapped words need (a grid does not
        ask its cards' height for their width by itself)."""
        super().resizeEvent(event)
        spacing = self.grid.horizontalSpacing()
        width = (event.size().width() - spacing * (self.columns - 1)) // self.columns
        for card in self.cards:
            card.setMinimumHeight(card.heightForWidth(width) if self.columns > 1 else 0)

    def fit_compact(self, level: int) -> bool:
        """Called by the page frame when the list reaches below the screen: a long list
        (four answers or more) goes into two columns."""
        columns = 2 if level and len(self.cards) >= MIN_CARDS_FOR_COLUMNS else 1
        if columns == self.columns:
            return False
        self.columns = columns
        self._place()
        return True

    def _pressed(self, card: ChoiceCard) -> None:
        if not self.multiple:
            # A second tap on the chosen card keeps it chosen: a trembling double tap
            # must never undo an answer.
            for other in self.cards:
                other.setChecked(other is card)
        self.changed.emit()

    def move_focus(self, card: ChoiceCard, delta: int) -> None:
        i = self.cards.index(card) + delta
        if 0 <= i < len(self.cards):
            self.cards[i].setFocus(Qt.FocusReason.TabFocusReason)

    def value(self) -> str:
        return " ".join(c.choice_value for c in self.cards if c.isChecked())

    def set_value(self, value: str) -> None:
        chosen = set(value.split())
        for card in self.cards:
            card.setChecked(card.choice_value in chosen)

    def focus_target(self) -> QWidget | None:
        for card in self.cards:
            if card.isChecked():
                return card
        return self.cards[0] if self.cards else None
