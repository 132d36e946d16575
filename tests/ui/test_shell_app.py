"""Starting the program: no-display check, Qt's own translations, the composition root."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import QCoreApplication

from inclusion_app.cli import Context
from inclusion_app.ui import app as app_mod


def test_no_display_gives_one_line_and_exit_2(tmp_path) -> None:
    """Without DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM: a sentence and code 2, no Qt abort."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "inclusion_app"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "display" in lines[0].lower()
    assert "Traceback" not in result.stderr and "abort" not in result.stderr.lower()


def test_display_rules_per_platform() -> None:
    """Linux needs one of the display variables; other systems always have a screen."""
    assert not app_mod.display_available({}, "linux")
    assert app_mod.display_available({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert app_mod.display_available({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert app_mod.display_available({}, "win32")


def test_qt_buttons_are_translated_to_chinese(qapp) -> None:
    """Qt's own translator is installed for Chinese, so its dialogs say 取消 not Cancel."""
    translator = app_mod.install_qt_translator(qapp, "zh")
    try:
        assert not translator.isEmpty()
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        qapp.removeTranslator(translator)


def test_build_wires_store_speech_and_window(qtbot, qapp) -> None:
    """The composition root opens the real store and speech and shows home for a known language."""
    ctx = Context()
    ctx.settings.language = "zh"
    services, window = app_mod.build(ctx, qapp)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: services.store_ready and services.speech is not None,
                        timeout=20_000)
        assert window.current_page() is window.home_page
        assert services.language == "zh"
        assert len(window.home_page.tiles) >= 6  # the practice form waits for a class
    finally:
        services.shutdown()
        qapp.setStyleSheet("")
