"""The fixed bar at the bottom of every page: Back, the page's main action, and between them
the step counter and the "More below" words with a Show more button.

It never squeezes its buttons: Show more drops its words for its arrow first; then the middle
(counter and words) moves to a row of its own above the buttons, side by side when they fit
on one line. Its words are chrome, capped at the top bar's size, so a small screen at the
largest text keeps room for the question.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from inclusion_app.i18n import _
from inclusion_app.ui import theme
from inclusion_app.ui.widgets import controls


def more_below_text() -> str:
    """The words shown (and said once) when a screen continues below the fold."""
    return _("More below: scroll or press \u2193")


def _words_width(label: QWidget) -> int:
    text = label.plain_text() if hasattr(label, "plain_text") else label.text()
    return label.fontMetrics().horizontalAdvance(text)


class ActionBar(QWidget):
    """`add_action` left and right of `add_middle(status)`; `set_more(bool)` shows the words."""

    def __init__(self, parent: QWidget | None = None, step: int = 0) -> None:
        super().__init__(parent)
        self.setObjectName("action_bar")
        self.column = QVBoxLayout(self)
        self.column.setSpacing(0)
        self.row = QHBoxLayout()
        self.column.addLayout(self.row)
        self.gap = QWidget(self)  # holds the middle's place when it sits above
        self.gap.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.gap.hide()
        self.middle = QWidget(self)
        self.middle_box = QBoxLayout(QBoxLayout.Direction.TopToBottom, self.middle)
        self.middle_box.setContentsMargins(0, 0, 0, 0)
        self.middle_box.setSpacing(0)
        self.more_label = controls.label("", "progress", self.middle)
        self.more_label.setProperty("inBar", True)  # chrome: capped like the top bar
        self.more_label.setObjectName("more_below")
        self.more_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.more_label.hide()
        self.middle_box.addWidget(self.more_label)
        self.show_more = controls.button("", "secondary", "", "more", self, step)
        self.show_more.setObjectName("show_more")
        self.show_more.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.show_more.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.show_more.hide()
        self.has_middle = False
        self._icon_only = False
        self._column_px = 0  # 0: the whole width; else the readable column, centred
        self._edge = 0
        self.restyle(step)

    def add_action(self, widget: QWidget, stretch: int = 0) -> None:
        self.row.addWidget(widget, stretch)

    def add_middle(self, status: QWidget | None = None) -> None:
        """The middle (once, between the left and right actions): `status` (e.g. the step
        counter) above the "More below" words, then the Show more button."""
        if status is not None:
            status.setProperty("inBar", True)
            status.style().unpolish(status)
            status.style().polish(status)
            self.middle_box.insertWidget(0, status)
        if not self.has_middle:
            self.has_middle = True
            self.row.addWidget(self.middle, 1)
            self.row.addWidget(self.gap, 1)
            self.row.addWidget(self.show_more, 0, Qt.AlignmentFlag.AlignVCenter)
        self.arrange()

    def set_more(self, more: bool) -> None:
        if not self.has_middle:
            self.add_middle()
        if more == self.more_label.isHidden():
            self.more_label.setVisible(more)
            self.show_more.setVisible(more)
            self.arrange()

    def set_column_width(self, px: int) -> None:
        self._column_px = px
        self._place_column()

    def _place_column(self) -> None:
        side = self._edge + max(0, (self.width() - self._column_px) // 2 if self._column_px else 0)
        self.column.setContentsMargins(side, 6, side, 6)

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name and signature
        super().resizeEvent(event)
        self._place_column()
        self.arrange()

    def restyle(self, step: int) -> None:
        s = theme.metrics(step).spacing_px
        self._edge = s * 2
        self._place_column()
        self.row.setSpacing(s)
        controls.resize_icon(self.show_more, step)
        self.retranslate()

    def retranslate(self) -> None:
        self.more_label.setText(more_below_text())
        controls.retitle(self.show_more, _("Show more"), _("Scroll down to see the rest"))
        self._icon_only = False
        self.arrange()

    def _set_icon_only(self, on: bool) -> None:
        if on != self._icon_only:
            self._icon_only = on
            self.show_more.setText("" if on else _("Show more"))
            self.show_more.setAccessibleName(_("Show more"))

    def arrange(self) -> None:
        """The middle's words in the row of buttons while they fit there on one line, else
        on a row of their own above the buttons: Back and Continue are never squeezed."""
        if not self.has_middle:
            return
        for button in self.findChildren(QPushButton):
            if not button.property("wraps"):  # a long Send wraps; Back's word is never cut
                button.setMinimumWidth(0)
                button.setMinimumWidth(button.sizeHint().width())
        texts = [w for w in self.middle.findChildren(QLabel) if not w.isHidden()]
        words = max((_words_width(w) for w in texts), default=0)
        edges = 2 * self._edge
        # The room the page gives (not the bar's own width: its buttons can force that wider).
        parent = self.parentWidget()
        width = parent.width() if parent is not None else self.width()
        if self._column_px:
            width = min(width, self._column_px)

        def fits() -> bool:
            buttons = sum(w.sizeHint().width() for w in self.findChildren(QPushButton)
                          if not w.isHidden() and w.parentWidget() is not self.middle)
            return buttons + words + self.row.spacing() * 4 + edges <= width

        self._set_icon_only(False)
        if not fits():
            self._set_icon_only(True)
        above = bool(words) and not fits()
        side_by_side = above and (sum(_words_width(w) for w in texts)
                                  + self.row.spacing() * 2 + edges <= width)
        self.middle_box.setDirection(QBoxLayout.Direction.LeftToRight if side_by_side
                                     else QBoxLayout.Direction.TopToBottom)
        self.middle_box.setSpacing(self.row.spacing() * 2 if side_by_side else 0)
        for i in range(self.middle_box.count()):  # side by side: each as wide as its words
            label = self.middle_box.itemAt(i).widget()
            share = _words_width(label) if label is not None and side_by_side else 0
            self.middle_box.setStretch(i, share)
        if above == (self.column.indexOf(self.middle) == 0):
            return
        if above:
            self.row.removeWidget(self.middle)
            self.column.insertWidget(0, self.middle)
        else:
            self.column.removeWidget(self.middle)
            self.row.insertWidget(self.row.indexOf(self.gap), self.middle, 1)
        self.gap.setVisible(above)
