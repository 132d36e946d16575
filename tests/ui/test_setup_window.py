"""The set-up window (`inclusion-app setup`): the installer sets and changes the volunteer PIN."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from inclusion_app import i18n, volunteer_pin
from inclusion_app.ui.setup_window import SetupWindow


def _window(qtbot, app_paths) -> SetupWindow:
    i18n.set_language("en")
    window = SetupWindow(app_paths)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _type(field: QLineEdit, text: str) -> None:
    QTest.keyClicks(field, text)


def test_pin_typed_twice_sets_it(qtbot, app_paths) -> None:
    """Two different typings are refused as an error; the same twice sets the PIN."""
    window = _window(qtbot, app_paths)
    assert not window.current.isVisible() and "No volunteer PIN" in window.status.plain_text()
    _type(window.new, "2468")
    _type(window.again, "2486")
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    assert window.error.isVisible() and "not the same" in window.error.text.text()
    assert not volunteer_pin.pin_is_set(app_paths)
    _type(window.new, "2468")
    _type(window.again, "2468")
    QTest.keyClick(window.again, Qt.Key.Key_Return)
    assert not window.error.isVisible() and window.done.isVisible()
    assert volunteer_pin.check_pin(app_paths, "2468").ok
    assert window.current.isVisible()  # from now on, changing needs the current PIN
    assert "2468" not in app_paths.settings_file.read_text()


def test_changing_needs_the_current_pin_and_pasting_works(qtbot, app_paths) -> None:
    """A wrong current PIN changes nothing; the right one (pasted, as a password manager
    would) does."""
    volunteer_pin.set_pin(app_paths, "2468")
    window = _window(qtbot, app_paths)
    _type(window.current, "1111")
    _type(window.new, "97531")
    _type(window.again, "97531")
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    assert "not right" in window.error.text.text()
    assert volunteer_pin.check_pin(app_paths, "2468").ok
    QGuiApplication.clipboard().setText("2468")
    window.current.setFocus()
    QTest.keyClick(window.current, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.current.text() == "2468"
    _type(window.new, "97531")
    _type(window.again, "97531")
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    assert window.done.isVisible() and "changed" in window.done.plain_text()
    assert volunteer_pin.check_pin(app_paths, "97531").ok
    assert json.loads(app_paths.settings_file.read_text())["volunteer_pin_hash"]
