"""The core makes no Linux-only assumptions: folders come from platformdirs, paths are joined
part by part, the speech engine is chosen per system (SAPI5 on Windows, NSSpeech on macOS)
and the kiosk start-up goes where each system looks for it. Checked here with fakes."""

from __future__ import annotations

import ast
import sys
import types
from pathlib import Path, PurePath

import platformdirs
import pytest

from inclusion_app import kiosk, paths
from inclusion_app.speech import factory, pyttsx3_speaker
from inclusion_app.storage import keys

PACKAGE = Path(__file__).resolve().parent.parent / "inclusion_app"
PATH_CALLS = {"Path", "PurePath", "open", "joinpath"}


def _separator_literals(tree: ast.AST) -> list[ast.Constant]:
    found = []
    for node in ast.walk(tree):
        parts: list[ast.expr] = []
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            parts = [node.left, node.right]
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            parts = list(node.args) if name in PATH_CALLS else []
        found += [p for p in parts if isinstance(p, ast.Constant) and isinstance(p.value, str)
                  and ("/" in p.value or "\\" in p.value)]
    return found


PLATFORM_CONSTANT = ("LINUX_", "POSIX_", "WINDOWS_", "MACOS_")


def _platform_constants(tree: ast.Module) -> list[tuple[int, int]]:
    """Line spans of module constants named for one system (LINUX_MEDIA_ROOTS = ...)."""
    spans = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id.startswith(PLATFORM_CONSTANT) for t in node.targets):
            spans.append((node.lineno, node.end_lineno or node.lineno))
    return spans


def test_no_path_is_built_from_a_literal_with_slashes_outside_a_platform_branch() -> None:
    """`folder / "a/b"` or Path("/x/y") only in a function that checks sys.platform, or in a
    constant named for one system."""
    offenders = []
    for file in sorted(PACKAGE.rglob("*.py")):
        source = file.read_text(encoding="utf-8")
        lines = source.splitlines()
        tree = ast.parse(source)
        functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
        constants = _platform_constants(tree)
        for literal in _separator_literals(tree):
            around = [f for f in functions if f.lineno <= literal.lineno <= (f.end_lineno or 0)]
            guarded = any("sys.platform" in "\n".join(lines[f.lineno - 1:f.end_lineno]) for f in around)
            guarded |= any(a <= literal.lineno <= b for a, b in constants)
            if not guarded:
                offenders.append(f"{file.relative_to(PACKAGE.parent)}:{literal.lineno} {literal.value!r}")
    assert offenders == []


def test_the_check_finds_a_slash_path() -> None:
    """The scan above can fail: it sees both ways of writing one."""
    tree = ast.parse('p = Path.home() / ".local/share"\nq = Path("/var/lib/x")\n')
    assert [c.value for c in _separator_literals(tree)] == [".local/share", "/var/lib/x"]


def test_folders_come_from_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    """With no overrides, each folder is the platform's own, whatever it looks like."""
    for name in ("INCLUSION_APP_DATA_DIR", "INCLUSION_APP_CONFIG_DIR", "INCLUSION_APP_CACHE_DIR"):
        monkeypatch.delenv(name)
    fake = {"user_data_dir": "Roaming-data", "user_config_dir": "Roaming-config",
            "user_cache_dir": "Local-cache"}
    for func, value in fake.items():
        monkeypatch.setattr(platformdirs, func,
                            lambda app=None, author=None, v=value, **_k: f"{v}-{app}-{author}")
    got = paths.resolve()
    assert got.data == Path(f"Roaming-data-{paths.APP_NAME}-{paths.APP_AUTHOR}")
    assert got.config == Path(f"Roaming-config-{paths.APP_NAME}-{paths.APP_AUTHOR}")
    assert got.cache == Path(f"Local-cache-{paths.APP_NAME}-{paths.APP_AUTHOR}")
    # every file the program keeps is a child of one of them, named by parts
    for child, parent in ((got.database, got.data), (got.settings_file, got.data),
                          (got.imported_forms, got.data), (got.form_cache, got.cache),
                          (keys.key_file(got), got.config)):
        assert child.parent == parent and "/" not in child.name


def test_windows_folders_through_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    """platformdirs' Windows rules (read from the environment when not on Windows) give
    folders under APPDATA / LOCALAPPDATA; nothing of ours adds a Linux-style path to them."""
    from platformdirs import windows

    monkeypatch.setenv("APPDATA", r"C:\Users\li\AppData\Roaming")
    monkeypatch.setenv("LOCALAPPDATA", r"C:\Users\li\AppData\Local")
    monkeypatch.setattr(windows, "get_win_folder", windows.get_win_folder_from_env_vars)
    dirs = windows.Windows(paths.APP_NAME, paths.APP_AUTHOR)
    assert dirs.user_data_dir.startswith(r"C:\Users\li\AppData\Local")
    assert dirs.user_config_dir.startswith(r"C:\Users\li\AppData\Local")
    for func in ("user_data_dir", "user_config_dir", "user_cache_dir"):
        monkeypatch.setattr(platformdirs, func, lambda *a, f=func, **k: getattr(dirs, f))
    for name in ("INCLUSION_APP_DATA_DIR", "INCLUSION_APP_CONFIG_DIR", "INCLUSION_APP_CACHE_DIR"):
        monkeypatch.delenv(name)
    got = paths.resolve()
    assert str(got.data) == dirs.user_data_dir and str(got.cache) == dirs.user_cache_dir


class _FakeSpeaker:
    def __init__(self, name: str) -> None:
        self.name = name

    def is_available(self) -> bool:
        return True

    def close(self) -> None:
        pass


@pytest.mark.parametrize(("platform", "engine"), [("win32", "pyttsx3"), ("darwin", "pyttsx3"),
                                                   ("linux", "espeak")])
def test_speech_factory_picks_the_systems_engine(platform: str, engine: str,
                                                  monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(factory, "_espeak", lambda cache: _FakeSpeaker("espeak"))
    monkeypatch.setattr(factory, "_pyttsx3", lambda cache: _FakeSpeaker("pyttsx3"))
    assert factory.default_speaker(tmp_path, platform=platform).name == engine


@pytest.mark.parametrize(("platform", "driver"), [("win32", "sapi5"), ("darwin", "nsss"),
                                                   ("linux", None)])
def test_pyttsx3_is_given_sapi5_or_nsss(platform: str, driver: str | None,
                                        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The worker asks pyttsx3 for the system's own voice driver by name (a fake pyttsx3)."""
    asked: list[str | None] = []
    engine = types.SimpleNamespace(setProperty=lambda *a: None)
    fake = types.ModuleType("pyttsx3")
    fake.init = lambda driverName=None: asked.append(driverName) or engine  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pyttsx3", fake)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(sys, "stdout", sys.stdout)  # the renderer silences stdout: put it back
    pyttsx3_speaker.make_renderer("voice", 150, 1.0, str(tmp_path))
    assert asked == [driver]


def test_windows_kiosk_start_goes_to_the_startup_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APPDATA", r"C:\Users\li\AppData\Roaming")
    path = kiosk.autostart_file("win32")
    assert PurePath(path).name == kiosk.WINDOWS_STARTUP_NAME
    assert str(path).startswith(r"C:\Users\li\AppData\Roaming")
    assert list(path.parts[-6:-1]) == ["Microsoft", "Windows", "Start Menu", "Programs", "Startup"]
    text = kiosk.entry_text(platform="win32")
    assert text.startswith("@echo off\r\n") and "kiosk run" in text
