"""A big list row: a pictogram, a name that wraps, and a smaller line under it; one target.

Used where a volunteer or a resident picks one thing out of many (files and folders in the
file picker, forms and servers in the volunteer corner). The whole row is the button, so a
finger, a mouse or the keyboard (Tab, arrows, Enter, Space) reach it the same way.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from inclusion_app.ui import theme
from inclusion_app.ui.widgets import controls


class ListRow(QPushButton):
    """`ListRow(title, detail, icon_name)`; checkable rows show their state in colour and border
    and say it in the accessible name, so it never rests on colour alone."""

    def __init__(self, title: str, detail: str = "", icon_name: str = "form",
                 checkable: bool = False, step: int = 0, high_contrast: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        theme.set_role(self, "card")
        self.setCheckable(checkable)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoDefault(True)
        self.icon_name = icon_name
        self.picture = QLabel(self)
        self.title = controls.label("", "body", self)
        self.detail = controls.label("", "hint", self)
        for child in (self.picture, self.title, self.detail):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        words = QVBoxLayout()
        words.setSpacing(0)
        words.addWidget(self.title)
        words.addWidget(self.detail)
        row = QHBoxLayout(self)
        row.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addLayout(words, 1)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        policy.setVerticalPolicy(QSizePolicy.Policy.Minimum)
        self.setSizePolicy(policy)
        self.retitle(title, detail)
        self.restyle(step, high_contrast)

    def retitle(self, title: str, detail: str = "", description: str = "") -> None:
        self.title.setText(title)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.setAccessibleName(" ".join(title.split()))
        text = description or detail
        self.setAccessibleDescription(text)
        self.setToolTip(text)

    def restyle(self, step: int, high_contrast: bool) -> None:
        size = min(theme.metrics(step).icon_px, 64)
        fg, _bg = theme.role_colors("card", high_contrast)
        self.picture.setFixedSize(size, size)
        self.picture.setPixmap(controls.icon(self.icon_name, fg, size * 2).pixmap(size, size))

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        layout = self.layout()
        need = layout.totalHeightForWidth(width) if layout is not None else 0
        return max(need, self.minimumSizeHint().height())
