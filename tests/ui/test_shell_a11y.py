"""Accessibility checks over every shell screen, both themes, smallest and largest text."""

from __future__ import annotations

import time

import pytest

from inclusion_app.engine.prompt import ReviewRow
from inclusion_app.ui.resident.form_session import Completed
from tests.ui import a11y

SCREENS = ("language", "home", "settings", "confirmation", "help", "volunteer", "code", "saved")
SIZES = ((1366, 768), (1280, 800))


def _open(window, screen: str, qtbot):
    """Bring a shell screen up the way a person would reach it; return its root widget."""
    if screen == "language":
        window.show_page(window.language_page)
        return window.centralWidget()
    if screen == "home":
        window.show_page(window.home_page)
        return window.centralWidget()
    if screen == "settings":
        window.open_settings()
        return window.centralWidget()
    if screen == "confirmation":
        rows = [ReviewRow("/data/a", "您的姓名", "张秀英", True, (0,))]
        window.form_finished(Completed("ABCDEFGH", "uuid:1", "pension_check", "年度养老金资格认证",
                                       rows, time.time()))
        return window.centralWidget()
    if screen == "help":
        window.show_help()
        return window.help_overlay
    if screen == "code":
        window.open_code_page()
        return window.centralWidget()
    if screen == "saved":
        window.saved_page.show_code("482915", "年度养老金资格认证")
        window.show_page(window.saved_page)
        return window.centralWidget()
    window.open_volunteer()
    return window.centralWidget()


def _settle(qtbot, window) -> None:
    # Let layouts and the stylesheet settle before measuring anything.
    qtbot.wait(30)
    window.centralWidget().layout().activate()


@pytest.mark.parametrize("high_contrast", [False, True])
@pytest.mark.parametrize("screen", SCREENS)
def test_contrast_targets_and_names_at_step_0(qtbot, main_window, screen, high_contrast) -> None:
    """At the smallest text: 7:1 contrast, targets 64/44 px, names with descriptions."""
    window = main_window(language="zh", high_contrast=high_contrast)
    root = _open(window, screen, qtbot)
    _settle(qtbot, window)
    assert a11y.check_screen(root, high_contrast=high_contrast) == []


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("screen", SCREENS)
def test_nothing_clipped_at_the_largest_text(qtbot, main_window, screen, lang, size) -> None:
    """At the largest text in 1366x768 and 1280x800 no label or button is cut off."""
    window = main_window(language=lang, text_size_step=5, size=size)
    root = _open(window, screen, qtbot)
    _settle(qtbot, window)
    assert a11y.check_clipping(root) == []
    assert a11y.check_contrast(root, False) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_print_choices_fit_at_the_largest_text(qtbot, main_window, lang) -> None:
    """After "Print a copy" at the largest text, both choices show uncut at 1280x800."""
    window = main_window(language=lang, text_size_step=5, size=(1280, 800))
    _open(window, "confirmation", qtbot)
    window.confirmation_page.print_button.click()
    _settle(qtbot, window)
    assert window.confirmation_page.pdf_button.isVisible()
    assert a11y.check_clipping(window.centralWidget()) == []
    assert window.width() <= 1280


def test_tab_reaches_every_top_bar_button_and_the_tiles(qtbot, main_window) -> None:
    """From home, Tab reaches the settings button, every form tile and the volunteer button."""
    window = main_window(language="zh")
    root = window.centralWidget()
    _settle(qtbot, window)
    targets = [window.top_bar.settings_button, window.top_bar.voice_button,
               window.home_page.volunteer, *window.home_page.tiles.values()]
    for target in targets:
        assert a11y.check_tab_reaches(root, target) == []


def test_tab_reaches_done_on_settings(qtbot, main_window) -> None:
    """The settings page's Done button can be reached with the keyboard alone."""
    window = main_window(language="en")
    window.open_settings()
    _settle(qtbot, window)
    assert a11y.check_tab_reaches(window.centralWidget(),
                                  window.settings_page.done_button) == []


def test_checks_catch_a_tiny_unnamed_button(qtbot) -> None:
    """The helpers really fail a 20 px button with no name or description."""
    from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    tiny = QPushButton("")
    tiny.setFixedSize(20, 20)
    layout.addWidget(tiny)
    root.show()
    problems = a11y.check_targets(root) + a11y.check_names(root)
    assert any("20x20" in p for p in problems), problems
    assert any("no accessible name" in p for p in problems), problems
    assert any("description" in p for p in problems), problems
