"""The compiled-form cache: hits skip pyxform entirely, any change recompiles, damage is harmless."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from inclusion_app.engine import loader, xlsform_compile
from inclusion_app.engine.loader import load_form

REPO = Path(__file__).resolve().parents[2]
FORM = """\
| survey |
|        | type    | name | label   |
|        | integer | age  | Age?    |
|        | text    | town | Town?   |
| settings |
|          | form_id | version | practice |
|          | cached  | 3       | yes      |
"""


@pytest.fixture
def form_file(tmp_path: Path) -> Path:
    path = tmp_path / "cached.md"
    path.write_text(FORM, encoding="utf-8")
    return path


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts calls to the pyxform compiler."""
    calls: list[str] = []
    real = xlsform_compile.compile_xlsform

    def counting(data: bytes, suffix: str, display: str, stem: str):
        calls.append(display)
        return real(data, suffix, display, stem)

    monkeypatch.setattr(xlsform_compile, "compile_xlsform", counting)
    return calls


def _entries(cache: Path) -> list[str]:
    return sorted(p.name for p in cache.iterdir()) if cache.exists() else []


def test_second_load_comes_from_the_cache(form_file: Path, tmp_path: Path, compiles: list[str]) -> None:
    """An unchanged form is compiled once; the second load is a hit with the same XForm."""
    cache = tmp_path / "cache"
    first = load_form(form_file, cache_dir=cache)
    second = load_form(form_file, cache_dir=cache)
    assert len(compiles) == 1
    assert second.xml == first.xml and second.form_hash == first.form_hash
    assert len(_entries(cache)) == 2  # <key>.xml and <key>.json


def test_cache_hit_keeps_practice_and_warnings(form_file: Path, tmp_path: Path, compiles: list[str]) -> None:
    """What pyxform drops (practice) is stored beside the XML and restored on a hit."""
    cache = tmp_path / "cache"
    load_form(form_file, cache_dir=cache)
    again = load_form(form_file, cache_dir=cache)
    assert len(compiles) == 1 and again.practice is True


def test_changing_one_byte_recompiles(form_file: Path, tmp_path: Path, compiles: list[str]) -> None:
    """Editing the form (one character) misses the cache and compiles the new content."""
    cache = tmp_path / "cache"
    load_form(form_file, cache_dir=cache)
    form_file.write_text(FORM.replace("Age?", "Agf?"), encoding="utf-8")
    changed = load_form(form_file, cache_dir=cache)
    assert len(compiles) == 2 and b"Agf?" in changed.xml
    assert len(_entries(cache)) == 4


@pytest.mark.parametrize("what", ["engine", "pyxform"])
def test_new_engine_or_pyxform_version_recompiles(what: str, form_file: Path, tmp_path: Path,
                                                  compiles: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The key includes pyxform's and the engine's versions: upgrading either recompiles."""
    cache = tmp_path / "cache"
    load_form(form_file, cache_dir=cache)
    if what == "engine":
        monkeypatch.setattr(loader, "ENGINE_VERSION", loader.ENGINE_VERSION + "-next")
    else:
        monkeypatch.setattr(loader, "_pyxform_version", lambda: "99.0")
    load_form(form_file, cache_dir=cache)
    assert len(compiles) == 2


def test_damaged_entry_is_a_miss(form_file: Path, tmp_path: Path, compiles: list[str]) -> None:
    """A truncated cached XForm is detected (hash mismatch) and recompiled, never used."""
    cache = tmp_path / "cache"
    load_form(form_file, cache_dir=cache)
    xml = next(cache.glob("*.xml"))
    xml.write_bytes(xml.read_bytes()[:100])
    form = load_form(form_file, cache_dir=cache)
    assert len(compiles) == 2 and form.form_id == "cached"


def test_garbage_metadata_is_a_miss(form_file: Path, tmp_path: Path, compiles: list[str]) -> None:
    """Unreadable cache metadata is ignored and rewritten."""
    cache = tmp_path / "cache"
    load_form(form_file, cache_dir=cache)
    meta = next(cache.glob("*.json"))
    meta.write_text("{not json", encoding="utf-8")
    load_form(form_file, cache_dir=cache)
    assert len(compiles) == 2 and json.loads(meta.read_text(encoding="utf-8"))["settings"]["practice"] == "yes"


def test_broken_form_is_not_cached(tmp_path: Path) -> None:
    """A form refused by our checks leaves nothing in the cache."""
    cache = tmp_path / "cache"
    bad = tmp_path / "bad.md"
    bad.write_text("| survey |\n| | type | name | label |\n| | text | a | |\n", encoding="utf-8")
    with pytest.raises(loader.FormLoadError):
        load_form(bad, cache_dir=cache)
    assert _entries(cache) == []


def test_no_cache_dir_writes_nothing(form_file: Path, tmp_path: Path, compiles: list[str]) -> None:
    """Without a cache folder every load compiles and no file appears beside the form."""
    before = sorted(p.name for p in tmp_path.iterdir())
    load_form(form_file)
    load_form(form_file)
    assert len(compiles) == 2 and sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores folder permissions")
def test_unwritable_cache_still_loads(form_file: Path, tmp_path: Path) -> None:
    """A cache folder that cannot be written is ignored: the form still loads."""
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o500)
    try:
        assert load_form(form_file, cache_dir=cache).form_id == "cached"
    finally:
        cache.chmod(0o700)


def test_cache_file_in_place_of_folder_still_loads(form_file: Path, tmp_path: Path) -> None:
    """A file where the cache folder should be (a broken install) is ignored, not an error."""
    cache = tmp_path / "cache"
    cache.write_text("not a folder", encoding="utf-8")
    assert load_form(form_file, cache_dir=cache).form_id == "cached"


def test_cache_hit_never_imports_pyxform(form_file: Path, tmp_path: Path) -> None:
    """In a fresh process, loading a cached form leaves pyxform unimported (a fast start-up)."""
    cache = tmp_path / "cache"
    load_form(form_file, cache_dir=cache)
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from inclusion_app.engine.loader import load_form\n"
        f"form = load_form(Path({str(form_file)!r}), cache_dir=Path({str(cache)!r}))\n"
        "assert form.form_id == 'cached' and form.practice\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pyxform', 'openpyxl', 'xlrd')))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_cache_miss_does_import_pyxform(form_file: Path, tmp_path: Path) -> None:
    """The same check sees pyxform when the cache is empty (so the test above can fail)."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from inclusion_app.engine.loader import load_form\n"
        f"load_form(Path({str(form_file)!r}), cache_dir=Path({str(tmp_path / 'empty')!r}))\n"
        "print('pyxform' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "True", out.stderr
