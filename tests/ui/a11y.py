"""Accessibility checks run over any shown screen; each returns a list of human-readable problems.

Contrast comes from `theme.role_colors` (the palette the stylesheet is generated from) for
the role each widget actually carries, so the check measures what is applied, not a guess.
Usage in a test: `assert a11y.check_screen(page, continue_button=page.continue_button) == []`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QLabel,
    QLineEdit,
    QWidget,
)

from inclusion_app.ui import theme

MIN_CONTRAST = 7.0
MAIN_TARGET_PX = 64
OTHER_TARGET_PX = 44


def _luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast_ratio(fg: str, bg: str) -> float:
    """WCAG contrast ratio of two #RRGGBB colours."""
    hi, lo = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _name(w: QWidget) -> str:
    return f"{type(w).__name__}({w.objectName() or _visible_text(w)[:30]!r})"


def _visible_text(w: QWidget) -> str:
    if isinstance(w, QLabel) and w.textFormat() == Qt.TextFormat.RichText:
        return QTextDocumentFragment.fromHtml(w.text()).toPlainText()
    if isinstance(w, QAbstractButton | QLabel):
        return w.text().replace("&&", "\x00").replace("&", "").replace("\x00", "&")
    if isinstance(w, QLineEdit):
        return w.placeholderText()
    return ""


def _shown(root: QWidget) -> list[QWidget]:
    """Every widget under root (root included) that is visible on screen now."""
    widgets = [root, *root.findChildren(QWidget)]
    return [w for w in widgets if w.isVisibleTo(root.window()) and w.isVisible()]


def _focusable(root: QWidget) -> list[QWidget]:
    return [w for w in _shown(root) if w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus]


# Containers whose stylesheet rules recolour the labels inside them.
COLOURING_CONTAINERS = ("help", "errorSummary")


def _role(w: QWidget) -> str | None:
    """The role a widget is styled by: a colouring container's, its own, else its parent's."""
    node: QWidget | None = w.parentWidget()
    while node is not None:
        if node.property("role") in COLOURING_CONTAINERS and isinstance(w, QLabel):
            return str(node.property("role"))
        node = node.parentWidget()
    node = w
    while node is not None:
        role = node.property("role")
        if role:
            return str(role)
        node = node.parentWidget()
    return None


def _checked(w: QWidget) -> bool:
    """Checked state of the widget or of the checkable button it sits in (card labels)."""
    node: QWidget | None = w
    while node is not None:
        if isinstance(node, QAbstractButton) and node.isCheckable():
            return node.isChecked()
        node = node.parentWidget()
    return False


def check_contrast(root: QWidget, high_contrast: bool) -> list[str]:
    """Text contrast >= 7:1 for every visible text widget, in each state it can be in now."""
    problems = []
    for w in _shown(root):
        if not _visible_text(w) and not isinstance(w, QLineEdit):
            continue
        role = _role(w)
        checked = _checked(w)
        states = [(checked, False)]
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and not isinstance(w, QLabel):
            states.append((checked, True))
        for is_checked, focused in states:
            fg, bg = theme.role_colors(role, high_contrast, is_checked, focused)
            ratio = contrast_ratio(fg, bg)
            if ratio < MIN_CONTRAST:
                problems.append(f"{_name(w)} role={role} contrast {ratio:.2f} < 7")
    return problems


def check_targets(root: QWidget, main_px: int = MAIN_TARGET_PX,
                  other_px: int = OTHER_TARGET_PX) -> list[str]:
    """Main targets (role primary/secondary/danger/card/tile/numpad) >= 64x64, others >= 44."""
    problems = []
    for w in _focusable(root):
        if isinstance(w, QLabel | QAbstractScrollArea):
            continue  # headings take focus for screen readers; they are not targets
        need = main_px if w.property("role") in theme.MAIN_TARGET_ROLES else other_px
        if w.width() < need or w.height() < need:
            problems.append(f"{_name(w)} is {w.width()}x{w.height()} px, needs {need}x{need}")
    return problems


def check_clipping(root: QWidget) -> list[str]:
    """No label or button shows less than its text needs (labels wrap; long pages scroll)."""
    problems = []
    for w in _shown(root):
        if isinstance(w, QLabel) and w.text():
            if w.wordWrap():
                need = w.heightForWidth(w.width())
                if need > w.height() + 2:
                    problems.append(f"{_name(w)} needs {need} px high, has {w.height()}")
            else:
                hint = w.sizeHint()
                if hint.width() > w.width() + 2 or hint.height() > w.height() + 2:
                    problems.append(f"{_name(w)} needs {hint.width()}x{hint.height()}, "
                                    f"has {w.width()}x{w.height()}")
        elif isinstance(w, QAbstractButton) and w.text() and not w.property("wraps"):
            hint = w.sizeHint()
            if hint.width() > w.width() + 2 or hint.height() > w.height() + 2:
                problems.append(f"{_name(w)} needs {hint.width()}x{hint.height()}, "
                                f"has {w.width()}x{w.height()}")
    return problems


def check_names(root: QWidget) -> list[str]:
    """Every focusable widget has an accessible name containing its visible text, and a description."""
    problems = []
    for w in _focusable(root):
        iface = QAccessible.queryAccessibleInterface(w)
        if iface is None:
            problems.append(f"{_name(w)} has no accessible interface")
            continue
        name = iface.text(QAccessible.Text.Name).strip()
        desc = iface.text(QAccessible.Text.Description).strip()
        text = " ".join(_visible_text(w).split())
        if not name:
            problems.append(f"{_name(w)} has no accessible name")
        elif text and text not in " ".join(name.split()):
            problems.append(f"{_name(w)} accessible name {name!r} lacks its text {text!r}")
        if not desc:
            problems.append(f"{_name(w)} has no accessible description")
    return problems


def check_tab_reaches(root: QWidget, target: QWidget) -> list[str]:
    """Following the Tab chain from the first focusable widget reaches the target."""
    focusable = _focusable(root)
    if target not in focusable:
        return [f"{_name(target)} is not focusable by Tab"]
    start = focusable[0]
    node = start
    for _ in range(2000):
        node = node.nextInFocusChain()
        if node is target:
            return []
        if node is start:
            break
    return [f"Tab order from {_name(start)} never reaches {_name(target)}"]


def check_screen(root: QWidget, high_contrast: bool = False,
                 continue_button: QWidget | None = None, clipping: bool = True) -> list[str]:
    """All checks for one shown screen."""
    problems = check_contrast(root, high_contrast) + check_targets(root) + check_names(root)
    if clipping:
        problems += check_clipping(root)
    if continue_button is not None:
        problems += check_tab_reaches(root, continue_button)
    return problems
