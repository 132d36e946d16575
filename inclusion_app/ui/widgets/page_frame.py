"""The frame every page sits in: a scrolling body above a fixed action bar.

Back, Continue (or the page's main action) live in the action bar, outside the scroll area,
so they are in view on any screen from 1024x600 up and at every text size. When the body is
taller than its view, the bar says so in words ("More below: scroll or press the down
arrow") beside a large "Show more" button (widgets/action_bar.py), and `more_below` is
emitted once per screen so the page can say it aloud. The Down and Page Down keys scroll.
Before any of that, parts of the body that can take less height are asked to
(`fit_compact`), so a list or a number pad rearranges before it goes below the fold.

Pages add their body with `set_body` (a page that rebuilds per screen swaps it) and their
buttons with `add_action`/`add_action_stretch`; `reset_view()` after showing new content
scrolls back to the top and re-arms the spoken notice.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from inclusion_app.ui import theme
from inclusion_app.ui.widgets import controls
from inclusion_app.ui.widgets.action_bar import ActionBar, more_below_text

SCROLL_KEYS = (Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Up, Qt.Key.Key_PageUp)
# The widest a page's column grows at the smallest text (it grows with the text): on a wide
# monitor the answer, the keypad and Continue stay near each other.
READABLE_PX = 1200
MAX_COMPACT_LEVEL = 3  # how many times a body may be asked to rearrange tighter


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
        self.action_bar = ActionBar(self, step)
        outer.addWidget(self.action_bar)
        self.more_label = self.action_bar.more_label
        self.show_more = self.action_bar.show_more
        self.show_more.clicked.connect(self.page_down)
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
        self.action_bar.add_action(widget, stretch)

    def add_middle(self, status: QWidget | None = None) -> None:
        """The bar's middle, between the left and right actions (see ActionBar.add_middle)."""
        self.action_bar.add_middle(status)

    def add_action_stretch(self) -> None:
        self.action_bar.add_middle()

    def _arrange_bar(self) -> None:
        self.action_bar.arrange()

    def restyle_frame(self, step: int) -> None:
        """Margins follow the text size; call after a text-size change."""
        self._step = step
        self.action_bar.restyle(step)
        self._limit_width()

    def readable_width(self) -> int:
        return round(READABLE_PX * theme.metrics(self._step).body_pt / theme.BODY_PT[0])

    def _limit_width(self) -> None:
        """Body and action bar no wider than a readable column, centred on wide screens."""
        width = self.readable_width()
        if self.body is not None:
            self.body.setMaximumWidth(width)
        # The bar spans the page; its buttons keep to the same column (never a minimum width
        # of its own: that would hold the page wider than a smaller window).
        self.action_bar.set_column_width(width)

    def retranslate_frame(self) -> None:
        self.action_bar.retranslate()

    # -- scrolling ------------------------------------------------------------------------
    def reset_view(self) -> None:
        """A new screen: back to the top, and the notice may be said once more. Layout and
        any rearranging happen now, so the screen is never seen half arranged."""
        self._announced = False
        self._arrange_bar()
        if self.isVisible():
            for _ in range(MAX_COMPACT_LEVEL + 1):
                self.settle_layout()
                if not self._compact_overflowing():
                    break
        self.scroll.verticalScrollBar().setValue(0)
        if self.isVisible():
            self._update_more(announce=False)  # the words shown or not, laid out now too
            self.settle_layout()
        self._schedule_update()

    @staticmethod
    def settle_layout(rounds: int = 4) -> None:
        """Run pending layouts now; a layout that resizes a widget asks for another round."""
        for _ in range(rounds):
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

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
        self.action_bar.set_more(more)
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
        parts = [p for p in self.body.findChildren(QWidget)
                 if getattr(p, "fit_compact", None) is not None and p.isVisible()
                 and p.mapTo(self.body, p.rect().bottomLeft()).y() > view_h]
        for level in range(self._compacted + 1, MAX_COMPACT_LEVEL + 1):
            changed = [bool(p.fit_compact(level)) for p in parts]  # every part, this level
            if any(changed):
                self._compacted = level
                return True
        self._compacted = MAX_COMPACT_LEVEL
        return False

    def refit(self) -> None:
        """The body grew (an error shown above the answers): rearrange again if needed."""
        self._compacted = 0
        self.reset_view()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name and signature
        """Back from settings (the text size may have changed): arrange the bar again now."""
        super().showEvent(event)
        self._arrange_bar()
        self.settle_layout()
        self._update_more(announce=False)
        self.settle_layout()
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
