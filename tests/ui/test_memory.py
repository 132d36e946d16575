"""Start-up memory: PySide6's import hook no longer keeps every module's source in memory."""

from __future__ import annotations

import builtins
import linecache
import sys

import PySide6.QtCore  # noqa: F401  (installs the hook, as in the program)

from inclusion_app.ui.services import memory


def test_imports_after_the_fix_leave_no_source_in_memory() -> None:
    """After the hook steps aside a new import reads no source into linecache, and works."""
    memory.drop_feature_import_hook()
    assert getattr(builtins.__import__, "__name__", "") != "__feature_import__"
    sys.modules.pop("colorsys", None)
    linecache.clearcache()
    module = __import__("colorsys")
    assert module.rgb_to_hsv(1.0, 0.0, 0.0)[2] == 1.0
    assert not any(name.endswith("colorsys.py") for name in linecache.cache)
    assert memory.drop_feature_import_hook() is False  # a second call changes nothing


def test_allocator_is_tuned_on_linux() -> None:
    """On glibc every mallopt call is accepted (False elsewhere, where there is nothing to tune)."""
    assert memory.tune_allocator() is sys.platform.startswith("linux")


def test_a_destroyed_session_releases_its_memory(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Once a finished form's widget is destroyed, the collector and the trim run on the next
    loop turn; a collectable cycle left behind is found."""
    from PySide6.QtWidgets import QWidget

    calls: list[int] = []
    real = memory.release_unused
    monkeypatch.setattr(memory, "release_unused", lambda: calls.append(real()))
    session = QWidget()
    memory.release_when_gone(session)
    cycle: list[object] = []
    cycle.append(cycle)
    del cycle
    session.deleteLater()
    qtbot.waitUntil(lambda: bool(calls), timeout=5000)
    assert calls[0] >= 1
