"""The layering in DEVELOPERS.md, checked by machine."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_import_contracts_hold() -> None:
    """import-linter's contracts (Qt only in ui, a pure engine) all pass."""
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower() or " 0 broken" in result.stdout


def _importers(prefix: str) -> set[str]:
    """The program's files that import `prefix` or a module below it."""
    importers = set()
    for path in (REPO / "inclusion_app").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == prefix or n.startswith(prefix) for n in names):
                importers.add(path.relative_to(REPO).as_posix())
    return importers


def test_pyttsx3_is_imported_in_one_module_only() -> None:
    """pyttsx3's traps stay behind one door."""
    importers = _importers("pyttsx3")
    assert len(importers) == 1, importers


def test_qt_multimedia_is_only_for_the_camera() -> None:
    """Qt Multimedia's first use loads its FFmpeg backend with Qt Quick and QML (about
    18 MiB): only the camera may pay for that; speech plays through speech.output."""
    assert _importers("PySide6.QtMultimedia") == {
        "inclusion_app/ui/resident/inputs/camera_panel.py", "inclusion_app/ui/resident/inputs/media_input.py"}


def test_no_two_modules_import_each_other() -> None:
    """A pair of modules that import each other (even for type hints only) is one module in
    two files: a newcomer cannot read either alone. grimp is import-linter's own graph."""
    import grimp

    graph = grimp.build_graph("inclusion_app")
    pairs = sorted(
        (a, b) for a in graph.modules for b in graph.find_modules_directly_imported_by(a)
        if a < b and graph.direct_import_exists(importer=b, imported=a)
    )
    assert pairs == [], pairs
