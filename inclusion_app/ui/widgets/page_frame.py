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

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from inclusion_app.i18n import _
from inclusion_app.ui import theme
from inclusion_app.ui.widgets import controls

SCROLL_KEYS = (Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Up, Qt.Key.Key_PageUp)


def more_below_text() -> str:
    """The words shown (and said once) when a screen continues below the fold."""
    return _("More below: scroll or press \u2193")


class PageFrame(QWidget):
    """A page: `scroll` (the body), the "more below" line, then the fixed `action_bar`."""

    more_below = Signal(str)  # the notice's words, once per screen that needs scrolling

    def __init__(self, parent: QWidget | None = None, step: int = 0) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self._step = step
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.scroll: QScrollArea = controls.scroll_area(parent=self)
        outer.addWidget(self.scroll, 1)
        self.more_bar = QWidget(self)
        self.more_bar.setObjectName("more_bar")
        more_row = QHBoxLayout(self.more_bar)
        self.more_label = controls.label("", "hint", self.more_bar)
        self.more_label.setObjectName("more_below")
        self.show_more = controls.button("", "secondary", "", "more", self.more_bar, step)
        self.show_more.setObjectName("show_more")
        self.show_more.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.show_more.clicked.connect(self.page_down)
        more_row.addWidget(self.more_label, 1)
        more_row.addWidget(self.show_more, 0, Qt.AlignmentFlag.AlignVCenter)
        self.more_bar.hide()
        outer.addWidget(self.more_bar)
        self.action_bar = QWidget(self)
        self.action_bar.setObjectName("action_bar")
        self.actions_layout = QHBoxLayout(self.action_bar)
        outer.addWidget(self.action_bar)
        self._announced = False
        self._pending = False
        bar = self.scroll.verticalScrollBar()
        bar.rangeChanged.connect(lambda _lo, _hi: self._schedule_update())
        bar.valueChanged.connect(lambda _v: self._schedule_update())
        self.retranslate_frame()
        self.restyle_frame(step)

    # -- building -------------------------------------------------------------------------
    def set_body(self, body: QWidget) -> QWidget | None:
        """Put `body` in the scroll area; returns the previous body (the caller disposes of it)."""
        body.setObjectName("page")
        old = self.scroll.takeWidget()
        self.scroll.setWidget(body)
        return old

    def add_action(self, widget: QWidget, stretch: int = 0) -> None:
        self.actions_layout.addWidget(widget, stretch)

    def add_action_stretch(self) -> None:
        self.actions_layout.addStretch(1)

    def restyle_frame(self, step: int) -> None:
        """Margins follow the text size; call after a text-size change."""
        self._step = step
        s = theme.metrics(step).spacing_px
        self.more_bar.layout().setContentsMargins(s * 2, s // 4, s * 2, 0)
        self.actions_layout.setContentsMargins(s * 2, s // 2, s * 2, s // 2)
        self.actions_layout.setSpacing(s)
        controls.resize_icon(self.show_more, step)

    def retranslate_frame(self) -> None:
        self.more_label.setText(more_below_text())
        controls.retitle(self.show_more, _("Show more"), _("Scroll down to see the rest"))

    # -- scrolling ------------------------------------------------------------------------
    def reset_view(self) -> None:
        """A new screen: back to the top, and the notice may be said once more."""
        self.scroll.verticalScrollBar().setValue(0)
        self._announced = False
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

    def _update_more(self) -> None:
        self._pending = False
        more = self.has_more_below()
        if more != self.more_bar.isVisible() and (more or not self.more_bar.isHidden()):
            self.more_bar.setVisible(more)
        if more and not self._announced and self.isVisible():
            self._announced = True
            self.more_below.emit(more_below_text())

    def update_now(self) -> None:
        """Settle the "more below" line at once (tests and screenshots)."""
        self._update_more()

    # -- keys -----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in SCROLL_KEYS and self.scroll_by_key(event.key()):
            return
        super().keyPressEvent(event)
