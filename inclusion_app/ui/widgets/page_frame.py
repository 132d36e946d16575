"""The frame every page sits in: a scrolling body above a fixed action bar.

Back, Continue (or the page's main action) live in the action bar, outside the scroll area,
so they are in view on any screen from 1024x600 up and at every text size. When the body is
taller than its view, a line above the bar says so in words ("More below: scroll or press
the down arrow") next to a large "Show more" button, and `more_below` is emitted once per
screen so the page can say it aloud. The Down and Page Down keys scroll the body.

Pages add their body with `set_body` (a page that rebuilds per screen swaps it) and their
buttons with `add_action`/`add_action_stretch`; `reset_view()` after showing new content
scrolls back to the top and re-arms the spoken notice.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from inclusion_app.i18n import _
from inclusion_app.ui import theme
from inclusion_app.ui.widgets import controls

SCROLL_KEYS = (Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Up, Qt.Key.Key_PageUp)
# The widest a page's column grows at the smallest text (it grows with the text): on a wide
# monitor the answer, the keypad and Continue stay near each other.
READABLE_PX = 1200
MAX_COMPACT_LEVEL = 3  # how many times a body may be asked to rearrange tighter


def more_below_text() -> str:
    """The words shown (and said once) when a screen continues below the fold."""
    return _("More below: scroll or press \u2193")


class PageFrame(QWidget):
    """A page: `scroll` (the body), then the fixed `action_bar` whose middle says "More
    below" with a Show more button while the body continues below the view."""

    more_below = Signal(str)  # the notice's words, once per screen that needs scrolling

    def __init__(self, parent: QWidget | None = None, step: int = 0) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self._step = step
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.scroll: QScrollArea = controls.scroll_area(parent=self)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        outer.addWidget(self.scroll, 1)
        self.action_bar = QWidget(self)
        self.action_bar.setObjectName("action_bar")
        self.bar_column = QVBoxLayout(self.action_bar)
        self.bar_column.setSpacing(0)
        self.actions_layout = QHBoxLayout()
        self.bar_column.addLayout(self.actions_layout)
        outer.addWidget(self.action_bar, 0, Qt.AlignmentFlag.AlignHCenter)
        self.gap = QWidget(self.action_bar)  # holds the middle's place when it sits above
        self.gap.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.gap.hide()
        # The middle of the bar: the page's own status (the step counter) above the words
        # "More below", then the Show more button; it costs no height of its own.
        self.middle = QWidget(self.action_bar)
        self.middle_column = QVBoxLayout(self.middle)
        self.middle_column.setContentsMargins(0, 0, 0, 0)
        self.middle_column.setSpacing(0)
        self.more_label = controls.label("", "progress", self.middle)
        self.more_label.setObjectName("more_below")
        self.more_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.more_label.hide()
        self.middle_column.addWidget(self.more_label)
        self.show_more = controls.button("", "secondary", "", "more", self.action_bar, step)
        self.show_more.setObjectName("show_more")
        self.show_more.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.show_more.clicked.connect(self.page_down)
        self.show_more.hide()
        self._middle_added = False
        self._icon_only = False
        self.body: QWidget | None = None
        self._compacted = 0
        self._announced = False
        self._pending = False
        bar = self.scroll.verticalScrollBar()
        bar.rangeChanged.connect(lambda _lo, _hi: self._schedule_update())
        bar.valueChanged.connect(lambda _v: self._schedule_update())
        self.retranslate_frame()
        self.restyle_frame(step)

    # -- building -------------------------------------------------------------------------
    def set_body(self, body: QWidget) -> QWidget | None:
        """Put `body` in the scroll area, centred in a readable column; returns the previous
        body (the caller disposes of it)."""
        body.setObjectName("page")
        old = self.scroll.takeWidget()
        self.scroll.setWidget(body)
        self.body = body
        self._compacted = 0
        self._limit_width()
        return old

    def add_action(self, widget: QWidget, stretch: int = 0) -> None:
        self.actions_layout.addWidget(widget, stretch)

    def add_middle(self, status: QWidget | None = None) -> None:
        """The bar's middle (once, between the left and right actions): `status` (e.g. the
        step counter) above the "More below" words, then the Show more button."""
        if status is not None:
            self.middle_column.insertWidget(0, status)
        if not self._middle_added:
            self._middle_added = True
            self.actions_layout.addWidget(self.middle, 1)
            self.actions_layout.addWidget(self.gap, 1)
            self.actions_layout.addWidget(self.show_more, 0, Qt.AlignmentFlag.AlignVCenter)
        self._arrange_bar()

    def _arrange_bar(self) -> None:
        """The middle's words in the row of buttons while they fit on one line there, else
        on their own row above the buttons, so Back and Continue are never squeezed."""
        if not self._middle_added:
            return
        for button in self.action_bar.findChildren(QPushButton):
            if not button.property("wraps"):  # a long Send wraps; Back's word is never cut
                button.setMinimumWidth(0)
                button.setMinimumWidth(button.sizeHint().width())
        texts = [w for w in self.middle.findChildren(QLabel) if not w.isHidden()]
        words = max((w.fontMetrics().horizontalAdvance(getattr(w, "plain_text", w.text)())
                     for w in texts), default=0)
        margins = self.bar_column.contentsMargins()
        spacing = self.actions_layout.spacing() * 4 + margins.left() + margins.right()
        width = self.action_bar.width() or self.width()

        def fits() -> bool:
            buttons = sum(w.sizeHint().width() for w in self.action_bar.findChildren(QPushButton)
                          if not w.isHidden() and w.parentWidget() is not self.middle)
            return buttons + words + spacing <= width

        self._set_icon_only(False)
        if not fits():
            self._set_icon_only(True)
        above = bool(words) and not fits()
        if above == (self.bar_column.indexOf(self.middle) == 0):
            return
        if above:
            self.actions_layout.removeWidget(self.middle)
            self.bar_column.insertWidget(0, self.middle)
        else:
            self.bar_column.removeWidget(self.middle)
            self.actions_layout.insertWidget(self.actions_layout.indexOf(self.gap), self.middle, 1)
        self.gap.setVisible(above)

    def add_action_stretch(self) -> None:
        self.add_middle()

    def restyle_frame(self, step: int) -> None:
        """Margins follow the text size; call after a text-size change."""
        self._step = step
        self.retranslate_frame()
        s = theme.metrics(step).spacing_px
        self.bar_column.setContentsMargins(s * 2, 6, s * 2, 6)
        self.actions_layout.setSpacing(s)
        controls.resize_icon(self.show_more, step)
        self._limit_width()

    def readable_width(self) -> int:
        return round(READABLE_PX * theme.metrics(self._step).body_pt / theme.BODY_PT[0])

    def _limit_width(self) -> None:
        """Body and action bar no wider than a readable column, centred on wide screens."""
        width = self.readable_width()
        self.action_bar.setMaximumWidth(width)
        if self.body is not None:
            self.body.setMaximumWidth(width)
        self.action_bar.setMinimumWidth(min(width, max(0, self.width())))

    def _set_icon_only(self, on: bool) -> None:
        if on != self._icon_only:
            self._icon_only = on
            self.show_more.setText("" if on else _("Show more"))
            self.show_more.setAccessibleName(_("Show more"))

    def retranslate_frame(self) -> None:
        self.more_label.setText(more_below_text())
        # Words and arrow where there is room; the arrow alone (a large target all the same)
        # where the words would crowd Back and Continue (see _arrange_bar).
        controls.retitle(self.show_more, _("Show more"), _("Scroll down to see the rest"))
        self._icon_only = False
        self._arrange_bar()

    # -- scrolling ------------------------------------------------------------------------
    def reset_view(self) -> None:
        """A new screen: back to the top, and the notice may be said once more. Layout and
        any rearranging happen now, so the screen is never seen half arranged."""
        self._announced = False
        self._arrange_bar()
        if self.isVisible():
            for _ in range(MAX_COMPACT_LEVEL + 1):
                QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
                if not self._compact_overflowing():
                    break
        self.scroll.verticalScrollBar().setValue(0)
        if self.isVisible():
            self._update_more(announce=False)  # the words shown or not, laid out now too
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self._schedule_update()

    def page_down(self) -> None:
        bar = self.scroll.verticalScrollBar()
        bar.setValue(bar.value() + max(bar.pageStep() * 3 // 4, 40))

    def scroll_by_key(self, key: int) -> bool:
        bar = self.scroll.verticalScrollBar()
        if bar.maximum() <= 0:
            return False
        step = max(bar.pageStep() * 3 // 4, 40) if key in (Qt.Key.Key_PageDown,
                                                          Qt.Key.Key_PageUp) else 60
        down = key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown)
        bar.setValue(bar.value() + (step if down else -step))
        return True

    def has_more_below(self) -> bool:
        bar = self.scroll.verticalScrollBar()
        return bar.value() < bar.maximum()

    def _schedule_update(self) -> None:
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self._update_more)

    def _update_more(self, announce: bool = True) -> None:
        """Show or hide the "More below" words and Show more; say the words once per screen
        (from the event loop, so they follow what the page itself says on arriving)."""
        self._pending = False
        if self._compact_overflowing():
            self._schedule_update()  # measure again once the new arrangement is laid out
            return
        more = self.has_more_below()
        if not self._middle_added:
            self.add_middle()
        if more == self.more_label.isHidden():
            self.more_label.setVisible(more)
            self.show_more.setVisible(more)
            self._arrange_bar()
        if more and announce and not self._announced and self.isVisible():
            self._announced = True
            self.more_below.emit(more_below_text())

    def _compact_overflowing(self) -> bool:
        """Parts of the body that can rearrange (a `fit_compact(level)` method returning True
        when it changed something: choice lists in two columns, a smaller keypad beside its
        box) do so, a level at a time, while they reach below the view. True if anything
        changed (the frame measures again once the new arrangement is laid out)."""
        if self.body is None or self._compacted >= MAX_COMPACT_LEVEL or not self.isVisible():
            return False
        view_h = self.scroll.viewport().height()
        level = self._compacted + 1
        changed = False
        for part in self.body.findChildren(QWidget):
            fit = getattr(part, "fit_compact", None)
            if fit is None or not part.isVisible():
                continue
            bottom = part.mapTo(self.body, part.rect().bottomLeft()).y()
            if bottom > view_h:
                changed = bool(fit(level)) or changed
        self._compacted = level if changed else MAX_COMPACT_LEVEL
        return changed

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name and signature
        """Back from settings (the text size may have changed): arrange the bar again now."""
        super().showEvent(event)
        self._arrange_bar()
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self._update_more(announce=False)
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self._schedule_update()

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name and signature
        super().resizeEvent(event)
        self._limit_width()
        self._arrange_bar()
        self._schedule_update()

    # -- keys -----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in SCROLL_KEYS and self.scroll_by_key(event.key()):
            return
        super().keyPressEvent(event)
