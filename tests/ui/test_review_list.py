"""A long check-your-answers page stays light yet every row is reachable (issue 11)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget

from inclusion_app.engine.prompt import ReviewRow
from inclusion_app.ui.resident.review_page import ReviewPage
from tests.ui.form_walk import click_change

pytestmark = pytest.mark.gui


def _rows(count: int) -> list[ReviewRow]:
    return [ReviewRow(ref=f"/data/g/q{i}", label=f"Question {i}", answer=f"answer {i}",
                      answered=i % 5 != 0, index=(i,), qtype="text",
                      group_label="Part one" if i < count // 2 else "Part two")
            for i in range(count)]


@pytest.fixture
def page(qtbot: Any) -> ReviewPage:
    page = ReviewPage(0)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitExposed(page)
    page.show_rows(_rows(300), "A long form", False)
    return page


def test_a_300_row_review_is_a_handful_of_widgets(page: ReviewPage) -> None:
    """Rows are painted, not built: the page holds the same widgets for 3 rows or 300."""
    many = len(page.findChildren(QWidget))
    page.show_rows(_rows(3), "A short form", False)
    assert len(page.findChildren(QWidget)) <= many + 2  # the old body may await deletion
    assert many < 80


def test_a_screen_reader_reaches_every_row(page: ReviewPage) -> None:
    """Each row is an accessible item named "question: answer" (group title first)."""
    rows = page.list
    iface = QAccessible.queryAccessibleInterface(rows)
    assert iface is not None
    names = []
    for i in range(iface.childCount()):
        child = iface.child(i)
        names.append(child.text(QAccessible.Text.Name))
    assert len([n for n in names if "Question" in n]) == 300
    assert "Part one. Question 0: 没有回答" in names  # the default language: zh
    assert "Question 1: answer 1" in names
    assert "Question 299: answer 299" in names


def test_change_by_click_and_by_keyboard(qtbot: Any, page: ReviewPage) -> None:
    """A click on a row's Change button, or Enter on the current row, asks to change it."""
    asked: list[ReviewRow] = []
    page.change_requested.connect(asked.append)
    click_change(qtbot, page, 250)
    assert [r.ref for r in asked] == ["/data/g/q250"]
    rows = page.list
    rows.setFocus()
    rows.setCurrentIndex(rows.model().index(3))
    qtbot.keyClick(rows, Qt.Key.Key_Down)
    qtbot.keyClick(rows, Qt.Key.Key_Return)
    assert [r.ref for r in asked] == ["/data/g/q250", "/data/g/q4"]


def test_change_buttons_are_big_targets(page: ReviewPage) -> None:
    rect = page.list.change_button_rect(0)
    assert rect.height() >= 72 and rect.width() >= 72


def test_rows_follow_the_high_contrast_theme(qtbot: Any, qapp: Any) -> None:
    """Painted rows take the theme's colours: light text on black in high contrast."""
    from PySide6.QtGui import QImage

    from inclusion_app.ui import theme

    try:
        for high_contrast, background in ((False, theme.colors(False).window),
                                          (True, theme.colors(True).window)):
            theme.apply(qapp, 0, high_contrast)
            page = ReviewPage(0)
            qtbot.addWidget(page)
            page.resize(1000, 700)
            page.show()
            page.show_rows(_rows(3), "Form", False)
            qapp.processEvents()
            rows = page.list
            image = QImage(rows.viewport().size(), QImage.Format.Format_RGB32)
            rows.viewport().render(image)
            rect = rows.visualRect(rows.model().index(1))
            corner = image.pixelColor(rect.left() + 2, rect.top() + 2).name()
            assert corner == background.lower(), (high_contrast, corner)
    finally:
        qapp.setStyleSheet("")
