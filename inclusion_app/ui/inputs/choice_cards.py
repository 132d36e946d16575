"""select_one / select_multiple as big cards: the whole card is the target, not a tiny dot.

A card is a checkable QPushButton styled by the stylesheet's `card` role; it paints its own
label wrapped over several lines (Qt buttons do not wrap) with a tick box in front, so the
chosen state shows as a tick and a thick border, never by colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QKeyEvent, QPixmap, QTextLayout
from PySide6.QtWidgets import (
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from inclusion_app.engine.prompt import QuestionPrompt
from inclusion_app.i18n import _
from inclusion_app.ui.inputs.base import InputWidget

TICKED = "\u2714"  # heavy check mark
UNTICKED = "\u2610"  # ballot box
IMAGE_PX = 160  # choice pictures large enough to recognise at arm's length


class ChoiceCard(QPushButton):
    """One answer: a checkable button whose painted text wraps to the card's width."""

    def __init__(self, value: str, label: str, image: str | None, parent: QWidget | None = None):
        super().__init__(label, parent)
        self.choice_value = value
        self.setCheckable(True)
        self.setAutoDefault(True)  # Enter on a focused card must not fall through to Back
        self.setProperty("role", "card")
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        if image:
            pixmap = QPixmap(image)
            if not pixmap.isNull():
                self.setIcon(QIcon(pixmap))
                self.setIconSize(QSize(IMAGE_PX, IMAGE_PX))

    def _option(self) -> QStyleOptionButton:
        opt = QStyleOptionButton()
        self.initStyleOption(opt)
        return opt

    def _mark(self) -> str:
        return f"{TICKED if self.isChecked() else UNTICKED}  "

    def _lines(self, width: int) -> list[str]:
        """Break the label (Chinese has no spaces) into lines that fit `width` pixels."""
        text = self._mark() + self.text()
        layout = QTextLayout(text, self.font())
        layout.beginLayout()
        lines: list[str] = []
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(40, width))
            lines.append(text[line.textStart(): line.textStart() + line.textLength()].rstrip())
        layout.endLayout()
        return lines or [text]

    def _chrome(self) -> tuple[int, int]:
        """Horizontal and vertical space the stylesheet's border and padding take."""
        opt = self._option()
        opt.rect = self.rect() if self.width() > 0 else opt.rect
        inner = self.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, opt, self)
        outer = opt.rect
        dx = max(24, outer.width() - inner.width())
        dy = max(16, outer.height() - inner.height())
        return dx, dy

    def _icon_width(self) -> int:
        return self.iconSize().width() + 16 if not self.icon().isNull() else 0

    def heightForWidth(self, width: int) -> int:
        dx, dy = self._chrome()
        lines = self._lines(width - dx - self._icon_width())
        text_h = self.fontMetrics().lineSpacing() * len(lines)
        icon_h = self.iconSize().height() if not self.icon().isNull() else 0
        return max(self.minimumSizeHint().height(), max(text_h, icon_h) + dy)

    def hasHeightForWidth(self) -> bool:
        return True

    def sizeHint(self) -> QSize:
        width = max(self.minimumSizeHint().width(), min(900, self.fontMetrics().horizontalAdvance(
            self._mark() + self.text()) + 80 + self._icon_width()))
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        # Never narrower than a few characters, whatever the label's length.
        return QSize(min(hint.width(), self.fontMetrics().horizontalAdvance("M") * 8), hint.height())

    def paintEvent(self, event) -> None:  # noqa: ANN001 - Qt's signature
        painter = QStylePainter(self)
        opt = self._option()
        dx, _dy = self._chrome()
        opt.text = "\n".join(self._lines(self.width() - dx - self._icon_width()))
        painter.drawControl(QStyle.ControlElement.CE_PushButton, opt)

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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        how = _("Choose all that apply.") if self.multiple else _("Choose one answer.")
        self.cards: list[ChoiceCard] = []
        for choice in prompt.choices:
            card = ChoiceCard(choice.value, choice.label, choice.image, self)
            self.describe(card, choice.label, f"{prompt.label} {how}")
            card.clicked.connect(lambda _checked=False, c=card: self._pressed(c))
            card.setEnabled(not prompt.readonly)
            layout.addWidget(card)
            self.cards.append(card)
        self.set_value(prompt.answer)

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
