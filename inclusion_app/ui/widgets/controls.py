"""Factories for the few kinds of control every page uses, born accessible and styled by role.

A control made here already has its role, an accessible name that contains its visible
text, a description, and an icon that grows with the text size. Pages call `retitle` when
the language changes so names and descriptions follow the visible text.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from inclusion_app.paths import assets_dir
from inclusion_app.ui import theme

ICONS = assets_dir() / "icons"


def icon_path(name: str) -> Path:
    """An icon from assets/icons, falling back to the generic form pictogram."""
    path = ICONS / f"{name}.svg"
    return path if path.is_file() else ICONS / "form.svg"


INK = "#1A1A1A"  # the colour the SVGs are drawn in; replaced by the theme's text colour


def icon(name: str, colour: str = INK, size: int = 128) -> QIcon:
    """The pictogram in a colour, so icons keep their contrast in the high-contrast theme."""
    data = icon_path(name).read_bytes().replace(INK.encode(), colour.encode())
    renderer = QSvgRenderer(QByteArray(data))
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    renderer.render(painter)
    painter.end()
    return QIcon(pix)


CHECK = "check"  # the drawn tick box of choice cards, not an SVG


def check_icon(high_contrast: bool, size: int = 128, one_of_many: bool = False) -> QIcon:
    """An empty box when off, a ticked box when on: the checked state never rests on colour.
    `one_of_many`: a ring, with a dot when on, as radio buttons look (only one can be chosen)."""
    c = theme.colors(high_contrast)
    result = QIcon()
    for state, colour in ((QIcon.State.Off, c.text), (QIcon.State.On, c.checked_text)):
        pix = QPixmap(size, size)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(colour), size * 0.08)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        m = size * 0.1
        if one_of_many:
            p.drawEllipse(QRectF(m, m, size - 2 * m, size - 2 * m))
            if state == QIcon.State.On:
                p.setBrush(QColor(colour))
                dot = size * 0.3
                p.drawEllipse(QRectF(dot, dot, size - 2 * dot, size - 2 * dot))
            p.end()
            result.addPixmap(pix, QIcon.Mode.Normal, state)
            result.addPixmap(pix, QIcon.Mode.Active, state)
            continue
        p.drawRoundedRect(QRectF(m, m, size - 2 * m, size - 2 * m), size * 0.12, size * 0.12)
        if state == QIcon.State.On:
            pen.setWidthF(size * 0.13)
            p.setPen(pen)
            p.drawPolyline([QPointF(size * 0.26, size * 0.52), QPointF(size * 0.44, size * 0.70),
                            QPointF(size * 0.76, size * 0.32)])
        p.end()
        result.addPixmap(pix, QIcon.Mode.Normal, state)
        result.addPixmap(pix, QIcon.Mode.Active, state)
    return result


def recolour(b: QPushButton, high_contrast: bool) -> None:
    """Redraw a button's icon in its role's text colour after a theme change."""
    name = b.property("iconName")
    if name == CHECK:
        b.setIcon(check_icon(high_contrast))
    elif name:
        fg, _bg = theme.role_colors(b.property("role"), high_contrast)
        b.setIcon(icon(str(name), fg))


def card(text: str, description: str, parent: QWidget | None = None, step: int = 0,
         high_contrast: bool = False) -> QPushButton:
    """A checkable choice card; the whole card is the target and shows a tick when chosen."""
    b = button(text, "card", description, CHECK, parent, step, high_contrast)
    b.setCheckable(True)
    return b


def button(text: str, role: str, description: str, icon_name: str | None = None,
           parent: QWidget | None = None, step: int = 0,
           high_contrast: bool = False) -> QPushButton:
    """A large push button with role, accessible name and description, and optional icon."""
    b = QPushButton(parent)
    theme.set_role(b, role)
    b.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    b.setAutoDefault(True)  # Enter presses a focused button, as Space does (Qt: autoDefault)
    if icon_name:
        b.setProperty("iconName", icon_name)
        recolour(b, high_contrast)
    retitle(b, text, description)
    resize_icon(b, step)
    return b


def retitle(w: QPushButton | QLabel, text: str, description: str = "") -> None:
    """Set visible text and keep the accessible name and description in step with it."""
    w.setText(text)
    plain = text.replace("&&", "\x00").replace("&", "").replace("\x00", "&")
    w.setAccessibleName(" ".join(plain.split()))
    if description:
        w.setAccessibleDescription(description)
        w.setToolTip(description)


def resize_icon(b: QPushButton, step: int) -> None:
    """Icons follow the text size (a known failing of other form apps: icons that did not grow)."""
    m = theme.metrics(step)
    # Icons grow with the text up to the text's own height: past that they only crowd it.
    size = min(m.icon_px, 56 if b.property("role") == "toolbar" else 64)
    b.setIconSize(QSize(size, size))


class Label(QLabel):
    """A label whose wrapped lines are spaced at least 1.3 times the text size.

    Stylesheets cannot set line spacing and the Latin face's own is only 1.16, so wrapped
    text is shown as escaped rich text with a proportional line height; `plain_text()` is
    what was given (speech, tests), and the accessible name always follows it.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plain = ""
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._plain = text
        if self.wordWrap() and text:
            self.setTextFormat(Qt.TextFormat.RichText)
            body = html.escape(text).replace("\n", "<br>")
            super().setText(f'<div style="line-height:{LINE_HEIGHT_PERCENT}%">{body}</div>')
        else:
            self.setTextFormat(Qt.TextFormat.PlainText)
            super().setText(text)
        self.setAccessibleName(" ".join(text.split()))

    def setWordWrap(self, on: bool) -> None:  # noqa: N802 - Qt's name
        super().setWordWrap(on)
        self.setText(self._plain)

    def plain_text(self) -> str:
        return self._plain


# 1.164 (DejaVu Sans' own line spacing) x 1.15 = 1.34; CJK lines start from 1.45 already.
LINE_HEIGHT_PERCENT = 115


def label(text: str, role: str = "body", parent: QWidget | None = None,
          selectable: bool = False) -> Label:
    """A word-wrapping label with a role; text is always escaped, never taken as HTML."""
    lab = Label("", parent)
    lab.setWordWrap(True)
    lab.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    theme.set_role(lab, role)
    if selectable:
        lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    lab.setText(text)
    return lab


def heading(text: str, parent: QWidget | None = None) -> Label:
    """A page heading that can take focus, so a screen reader starts reading there."""
    lab = label(text, "heading", parent)
    lab.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    lab.setAccessibleDescription(text)
    return lab


def set_heading(lab: QLabel, text: str) -> None:
    lab.setText(text)
    lab.setAccessibleName(" ".join(text.split()))
    lab.setAccessibleDescription(text)


def restyle(root: QWidget, step: int, high_contrast: bool) -> None:
    """After a text-size or theme change: icons grow and take the new colours."""
    for b in root.findChildren(QPushButton):
        if isinstance(b, Tile | Card) or callable(getattr(b, "restyle", None)):
            b.restyle(step, high_contrast)  # tiles, cards and list rows redraw their pictures
        elif b.property("iconName"):
            resize_icon(b, step)
            recolour(b, high_contrast)


class _WrappingButton(QPushButton):
    """A button whose height follows its wrapped text, so layouts never squeeze the words."""

    def _enable_height_for_width(self) -> None:
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        policy.setVerticalPolicy(QSizePolicy.Policy.Minimum)
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        layout = self.layout()
        need = layout.totalHeightForWidth(width) if layout is not None else 0
        return max(need, self.minimumSizeHint().height())


def balanced_lines(text: str, advance: Callable[[str], int], width: int) -> list[str]:
    """`text` (no spaces) in as few lines as fit `width`, of nearly equal length."""
    if advance(text) <= width:
        return [text]
    count = 2
    while count < len(text):
        size = -(-len(text) // count)
        lines = [text[i:i + size] for i in range(0, len(text), size)]
        if all(advance(line) <= width for line in lines):
            return lines
        count += 1
    return list(text)


class Tile(_WrappingButton):
    """A home tile: a large pictogram above a title that wraps; the whole tile is the target."""

    def __init__(self, title: str, description: str, icon_name: str, step: int = 0,
                 high_contrast: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        theme.set_role(self, "tile")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoDefault(True)  # Enter presses it too, not only Space
        self.icon_name = icon_name
        self.picture = QLabel(self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = label("", "subheading", self)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for child in (self.picture, self.title):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        column = QVBoxLayout(self)
        column.addWidget(self.picture)
        column.addWidget(self.title, 1)
        self.title.installEventFilter(self)  # its width known: balance the lines
        self._enable_height_for_width()
        self.restyle(step, high_contrast)
        self.retitle(title, description)

    def retitle(self, title: str, description: str) -> None:
        self._title = title
        self.title.setText(title)
        self._balance()
        self.setAccessibleName(" ".join(title.split()))
        self.setAccessibleDescription(description)
        self.setToolTip(description)

    def _balance(self) -> None:
        """A Chinese title (no spaces to break at) is split into lines of equal length, so
        no character is left alone on the last line ("老年人优待证申 / 请")."""
        title = getattr(self, "_title", "")
        width = self.title.contentsRect().width()
        if not title or " " in title or width <= 0:
            return
        self.title.ensurePolished()
        lines = balanced_lines(title, self.title.fontMetrics().horizontalAdvance, width)
        shown = "\n".join(lines)
        if shown != self.title.plain_text():
            self.title.setText(shown)
            self.title.setAccessibleName(title)
            self.title.updateGeometry()
            self.updateGeometry()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.title and event.type() == QEvent.Type.Resize:
            self._balance()
        return super().eventFilter(watched, event)

    def restyle(self, step: int, high_contrast: bool) -> None:
        # Picture above the words at small sizes; beside them at large sizes, so a tile's
        # title stays on screen at 1366x768 instead of being pushed below the fold.
        size = min(theme.metrics(step).icon_px * 2, 112)
        direction = (QBoxLayout.Direction.TopToBottom if step <= 2
                     else QBoxLayout.Direction.LeftToRight)
        self.layout().setDirection(direction)
        align = Qt.AlignmentFlag.AlignCenter if step <= 2 else Qt.AlignmentFlag.AlignLeft
        self.title.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
        fg, _bg = theme.role_colors("tile", high_contrast)
        self.picture.setPixmap(icon(self.icon_name, fg, size * 2).pixmap(size, size))


class Card(_WrappingButton):
    """A checkable choice card whose text wraps: a tick box, then the words, all one target."""

    def __init__(self, text: str = "", description: str = "", step: int = 0,
                 high_contrast: bool = False, parent: QWidget | None = None,
                 one_of_many: bool = False) -> None:
        super().__init__(parent)
        self.one_of_many = one_of_many  # a round mark: one card of the group is chosen
        theme.set_role(self, "card")
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoDefault(True)  # Enter presses it too, not only Space
        self.tick = QLabel(self)
        self.words = label("", "body", self)
        for child in (self.tick, self.words):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row = QHBoxLayout(self)
        row.addWidget(self.tick, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.words, 1)
        self._enable_height_for_width()
        self._step, self._hc = step, high_contrast
        self.toggled.connect(lambda _on: self._draw_tick())
        self.retitle(text, description)
        self.restyle(step, high_contrast)

    def retitle(self, text: str, description: str = "") -> None:
        self.words.setText(text)
        self.setAccessibleName(" ".join(text.split()))
        if description:
            self.setAccessibleDescription(description)
            self.setToolTip(description)

    def restyle(self, step: int, high_contrast: bool) -> None:
        self._step, self._hc = step, high_contrast
        size = round(theme.metrics(step).body_pt * 1.4)
        self.tick.setFixedSize(size, size)
        self._draw_tick()

    def _draw_tick(self) -> None:
        size = self.tick.width()
        state = QIcon.State.On if self.isChecked() else QIcon.State.Off
        mark = check_icon(self._hc, size * 2, self.one_of_many)
        self.tick.setPixmap(mark.pixmap(size, size, QIcon.Mode.Normal, state))


def scroll_area(body: QWidget | None = None, parent: QWidget | None = None) -> QScrollArea:
    """A frameless vertical scroller for a page body that may outgrow the window at large text.

    It takes no focus itself: Tab goes to the controls inside, and Qt scrolls each into view.
    Without a body the caller sets one later (a question page swaps its body per screen).
    """
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if body is not None:
        body.setObjectName("page")
        area.setWidget(body)
    return area
