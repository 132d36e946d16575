"""The rows of "check your answers" as one list view: light enough for a form of 300 questions.

Why not a widget per row: a row made of a cell, two labels, a styled Change button and a rule
cost about 100 KiB and 10 ms (a 300-row review added 40 MiB and took 3 s to open). Here the
rows are data in a model and one delegate paints the visible ones, so the page costs the same
whatever the form's length. Each row is still its own accessible item (a screen reader reads
"question: answer" and moves row by row), Up and Down move between rows, and Enter, Space or
a click on the row's Change button (drawn, at least 72 px high) opens that question.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from inclusion_app.engine.prompt import ReviewRow
from inclusion_app.i18n import _
from inclusion_app.ui import theme

Index = QModelIndex | QPersistentModelIndex
BUTTON_HEIGHT = 72  # a main target (theme.Metrics.min_target_px)
_WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap)


def group_title(row: ReviewRow) -> str:
    """The group's label, numbered inside a repeat ("A receipt 2") so each one stands apart."""
    found = re.findall(r"\[(\d+)\]", row.ref)
    if row.group_label and found:
        return f"{row.group_label} {found[-1]}"
    return row.group_label


class ReviewModel(QAbstractListModel):
    """One item per row; a row that starts a new group carries that group's title."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ReviewRow] = []
        self.titles: list[str] = []  # the group title shown above a row, or ""

    def set_rows(self, rows: list[ReviewRow]) -> None:
        self.beginResetModel()
        self.rows, self.titles, group = list(rows), [], ""
        for row in self.rows:
            title = group_title(row)
            self.titles.append(title if title and title != group else "")
            group = title
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's API
        return 0 if parent.isValid() else len(self.rows)

    def answer_text(self, i: int) -> str:
        row = self.rows[i]
        return row.answer if row.answered else _("Not answered")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        i, row = index.row(), self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.label}\n{self.answer_text(i)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            title = self.titles[i]
            return f"{title}. {row.label}: {self.answer_text(i)}" if title \
                else f"{row.label}: {self.answer_text(i)}"
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return _("Press Enter to change this answer.")
        return None


class ReviewDelegate(QStyledItemDelegate):
    """Paints a row: group title, question, answer, a Change button on the right, a rule."""

    def __init__(self, view: ReviewList) -> None:
        super().__init__(view)
        self.view = view
        self._fonts: tuple[str, tuple[QFont, QFont, QFont]] | None = None
        self.sizes: dict[tuple[int, int], QSize] = {}  # (row, width) -> size: rows are fixed
        self._spacing_px = self._button_px = 0

    def reset(self) -> None:
        """The view's font changed (a text-size step): measure everything again."""
        self._fonts = None
        self.sizes.clear()

    def fonts(self) -> tuple[QFont, QFont, QFont]:
        """The row's three fonts, from the view's (so a text-size change follows at once)."""
        if self._fonts is None:
            self._fonts = ("", self._make_fonts())
            self.sizes.clear()
            metrics = QFontMetrics(self.view.font())
            self._spacing_px = max(12, metrics.height() // 2)
            self._button_px = max(160, metrics.horizontalAdvance(_("Change"))
                                  + 2 * self._spacing_px)
        return self._fonts[1]

    def _make_fonts(self) -> tuple[QFont, QFont, QFont]:
        body = QFont(self.view.font())
        sub = QFont(body)
        size = body.pointSizeF() if body.pointSizeF() > 0 else 20.0
        sub.setPointSizeF(size * 1.1)
        sub.setBold(True)
        hint = QFont(body)
        hint.setItalic(True)
        return sub, body, hint

    def _spacing(self) -> int:
        self.fonts()
        return self._spacing_px

    def _button_width(self) -> int:
        self.fonts()
        return self._button_px

    def button_rect(self, rect: QRect, i: int) -> QRect:
        """Where row i's Change button is drawn (and clicked): right-aligned, at the top."""
        width = self._button_width()
        top = rect.top() + self._title_for(i, rect.width()) + self._spacing() // 2
        return QRect(rect.right() - width, top, width, BUTTON_HEIGHT)

    def _title_for(self, i: int, width: int) -> int:
        model = self.view.review_model
        if i < 0 or i >= len(model.titles) or not model.titles[i]:
            return 0
        sub, _body, _hint = self.fonts()
        return _wrapped(sub, model.titles[i], width) + self._spacing()

    def _text_width(self, width: int) -> int:
        return max(100, width - self._button_width() - 2 * self._spacing())

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        model, i = self.view.review_model, index.row()
        width = max(200, self.view.viewport().width())
        sub, body, hint = self.fonts()
        known = self.sizes.get((i, width))
        if known is not None:
            return known
        text_w = self._text_width(width)
        row = model.rows[i]
        height = _wrapped(sub, row.label, text_w) + _wrapped(
            body if row.answered else hint, model.answer_text(i), text_w)
        space = self._spacing()
        size = QSize(width, self._title_for(i, width) + max(height, BUTTON_HEIGHT) + 2 * space)
        self.sizes[(i, width)] = size
        return size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        model, i = self.view.review_model, index.row()
        row, rect, space = model.rows[i], option.rect, self._spacing()
        colors = theme.colors(self.view.high_contrast or self.view.light_text())
        sub, body, hint = self.fonts()
        painter.save()
        focused = self.view.hasFocus() and self.view.currentIndex().row() == i
        painter.fillRect(rect, QColor(colors.focus_bg if focused else colors.window))
        text = QColor(colors.focus_text if focused else colors.text)
        flags = _WRAP
        y = rect.top()
        if model.titles[i]:
            painter.setFont(sub)
            painter.setPen(text)
            h = _wrapped(sub, model.titles[i], rect.width())
            painter.drawText(QRect(rect.left(), y, rect.width(), h), flags, model.titles[i])
            y += h + space
        text_w = self._text_width(rect.width())
        painter.setFont(sub)
        painter.setPen(text)
        h = _wrapped(sub, row.label, text_w)
        painter.drawText(QRect(rect.left(), y + space // 2, text_w, h), flags, row.label)
        font = body if row.answered else hint
        painter.setFont(font)
        painter.setPen(text if row.answered or focused else QColor(colors.hint))
        answer = model.answer_text(i)
        painter.drawText(QRect(rect.left(), y + space // 2 + h, text_w,
                               _wrapped(font, answer, text_w)), flags, answer)
        button = self.button_rect(rect, i)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(colors.border), 2))
        painter.setBrush(QColor(colors.secondary_bg))
        painter.drawRoundedRect(button.adjusted(1, 1, -1, -1), 10, 10)
        painter.setPen(QColor(colors.secondary_text))
        painter.setFont(body)
        painter.drawText(button, int(Qt.AlignmentFlag.AlignCenter), _("Change"))
        painter.setPen(QPen(QColor(colors.border), 1))
        painter.drawLine(rect.left(), rect.bottom(), rect.right(), rect.bottom())
        painter.restore()


class ReviewList(QListView):
    """The rows; as tall as its content, inside the page's own scroll area (one scroll bar)."""

    change_requested = Signal(object)  # the ReviewRow to change

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("review_rows")
        self.high_contrast = False
        self.review_model = ReviewModel(self)
        self.setModel(self.review_model)
        self.setItemDelegate(ReviewDelegate(self))
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(_("Your answers"))
        self.setAccessibleDescription(_("Press Enter to change this answer."))

    def light_text(self) -> bool:
        """The stylesheet's text colour is light: the high-contrast theme is in force (the
        page is told nothing else about the theme, and follows a change at once)."""
        return self.palette().color(QPalette.ColorRole.Text).lightness() > 128

    @property
    def rows(self) -> list[ReviewRow]:
        return self.review_model.rows

    def set_rows(self, rows: list[ReviewRow], high_contrast: bool = False) -> None:
        self.high_contrast = high_contrast
        self.itemDelegate().sizes.clear()
        self.review_model.set_rows(rows)
        if rows:
            self.setCurrentIndex(self.review_model.index(0))
        if self.isVisible():
            self._fit()  # else the first resize does it, at the real width

    def _fit(self) -> None:
        """The height of every row: the page scrolls, never this list."""
        delegate, option = self.itemDelegate(), QStyleOptionViewItem()
        total = sum(delegate.sizeHint(option, self.review_model.index(i)).height()
                    for i in range(len(self.rows)))
        self.setFixedHeight(total + 2 * self.frameWidth())

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)  # the list lays its items out again: wrapping follows
        if event.size().width() != event.oldSize().width():
            self._fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.itemDelegate().reset()
            if self.isVisible():
                self._fit()
        super().changeEvent(event)

    def change_button_rect(self, i: int) -> QRect:
        """The Change button of row i, in viewport coordinates (what tests and clicks use)."""
        return self.itemDelegate().button_rect(self.visualRect(self.review_model.index(i)), i)

    def currentChanged(self, current: Index, previous: Index) -> None:  # noqa: N802
        """Up and Down move the page's scroll area too (this list never scrolls itself)."""
        super().currentChanged(current, previous)
        if not current.isValid() or not self.hasFocus():
            return
        rect = self.visualRect(current)
        node = self.parentWidget()
        while node is not None and not hasattr(node, "ensureVisible"):
            node = node.parentWidget()
        if node is not None and node.widget() is not None:
            top = self.viewport().mapTo(node.widget(), rect.topLeft())
            node.ensureVisible(top.x(), top.y() + rect.height() // 2, 0, rect.height() // 2 + 8)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        super().mouseReleaseEvent(event)
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and event.button() == Qt.MouseButton.LeftButton \
                and self.change_button_rect(index.row()).contains(event.position().toPoint()):
            self.change_requested.emit(self.rows[index.row()])

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
        index = self.currentIndex()
        if event.key() in keys and index.isValid() and not event.isAutoRepeat():
            self.change_requested.emit(self.rows[index.row()])
            return
        super().keyPressEvent(event)


_METRICS: dict[str, QFontMetrics] = {}


def _wrapped(font: QFont, text: str, width: int) -> int:
    """Height of text wrapped to width in font (one line needs no wrapping sums)."""
    key = font.key()
    metrics = _METRICS.get(key)
    if metrics is None:
        if len(_METRICS) > 32:  # text sizes and families: a handful in a day
            _METRICS.clear()
        metrics = _METRICS[key] = QFontMetrics(font)
    if "\n" not in text and metrics.horizontalAdvance(text) <= width:
        return metrics.height()
    return metrics.boundingRect(QRect(0, 0, width, 100_000), _WRAP, text).height()
