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


def test_pyttsx3_is_imported_in_one_module_only() -> None:
    """pyttsx3's traps stay behind one door."""
    importers = []
    for path in (REPO / "inclusion_app").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "pyttsx3" or n.startswith("pyttsx3.") for n in names):
                importers.append(path.relative_to(REPO).as_posix())
    assert len(set(importers)) <= 1, importers
