"""The kiosk window (closed only from the volunteer corner), its switch, and the one-window rule."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from inclusion_app import kiosk, volunteer_pin
from inclusion_app.ui.kiosk_window import KioskGuard, bring_to_front
from inclusion_app.ui.services.single_instance import SingleInstance
from tests.ui.conftest import wait_idle


def _unlock(qtbot, window, pin: str = "2468") -> object:
    """The corner opened with the installer's PIN, at its settings part (where the kiosk is)."""
    volunteer_pin.set_pin(window.services.paths, pin)
    window.open_volunteer()
    page = window.volunteer_page
    for ch in pin:
        QTest.keyClick(page.pin, ch)
    QTest.keyClick(page.pin, Qt.Key.Key_Return)
    wait_idle(qtbot, window.services)
    assert page.unlocked
    qtbot.mouseClick(page.corner.bar.buttons["settings"], Qt.MouseButton.LeftButton)
    return page.corner.panel("settings")


def test_kiosk_window_is_closed_only_from_the_volunteer_corner(qtbot, main_window) -> None:
    window = main_window(language="en")
    guard = KioskGuard(window)
    window.services.kiosk = guard
    guard.show()
    qtbot.waitUntil(window.isFullScreen)
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.close() is False and window.isVisible()  # Alt+F4, the window manager...
    page = _unlock(qtbot, window)
    close = page.kiosk.close_button
    assert close.isVisibleTo(page)
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not window.isVisible() and guard.closing


def test_an_ordinary_window_has_no_kiosk_close(qtbot, main_window) -> None:
    window = main_window(language="en")
    page = _unlock(qtbot, window)
    assert not page.kiosk.close_button.isVisibleTo(page)
    assert window.close() is True


def test_the_switch_sets_start_at_log_in(qtbot, main_window, isolated_folders) -> None:
    window = main_window(language="en")
    page = _unlock(qtbot, window)
    switch = page.kiosk.switch
    assert not switch.isChecked() and not kiosk.enabled()
    qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
    entry = isolated_folders["home"] / ".config" / "autostart" / kiosk.AUTOSTART_NAME
    assert entry.is_file() and "kiosk run" in entry.read_text(encoding="utf-8")
    assert "next log-in" in page.kiosk.note.text()
    qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
    assert not entry.exists()


def test_a_second_start_brings_the_first_window_forward(qtbot, qapp, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path / "data")
    assert first.claim()
    try:
        with qtbot.waitSignal(first.activated, timeout=5000):
            assert SingleInstance(tmp_path / "data").claim() is False
        assert SingleInstance(tmp_path / "other").ask_running_window() is False
    finally:
        first.close()
    again = SingleInstance(tmp_path / "data")  # the first has gone: the next start is the one
    assert again.claim()
    again.close()


def test_bring_to_front_restores_a_minimised_window(qtbot, main_window) -> None:
    window = main_window(language="en")
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    bring_to_front(window)
    qtbot.waitUntil(lambda: not window.isMinimized())
