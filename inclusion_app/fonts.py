"""A compact copy of the Chinese face, made once from the one the computer already has.

Why: Noto Sans CJK (and Source Han Sans, its twin) holds 65,535 glyphs for five regions in a
20 MB file per weight. FreeType maps the whole file, HarfBuzz copies its large layout and
character tables for every size the program uses, and each new character brings in its
neighbours' pages too: 13-14 MB of the program's memory went to two font files. The copy
keeps exactly the same drawings for the characters people here read and type: GB 2312 (its
6,763 hanzi and its symbols), Latin, CJK punctuation, and every character of the program's
own text and shipped forms. About 3.8 MB per weight. A character outside it (a rare name
typed with the input method) is drawn by the full system face, which stays listed next.

No Qt here: `inclusion-app fonts` (run by `make setup`) builds the copy; ui/theme registers it.
The fonts are under the SIL Open Font License, which allows modified copies; the copy keeps
the licence and copyright records and takes a name of its own, as the licence asks.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from inclusion_app.i18n import LOCALES_DIR
from inclusion_app.paths import shipped_forms_dir

FAMILY = "Inclusion CJK SC"
_POSTSCRIPT = FAMILY.replace(" ", "")  # the file and PostScript name: InclusionCJKSC-Bold
WEIGHTS = ("Regular", "Bold")
# Where each kind of system keeps fonts, and the names the Simplified Chinese face goes by.
_NAMES = ("NotoSansCJK-{w}.ttc", "NotoSansCJKsc-{w}.otf", "NotoSansSC-{w}.otf",
          "SourceHanSans-{w}.ttc", "SourceHanSansSC-{w}.otf")


def font_dir() -> Path:
    """Beside the installed program (a venv's share folder), not in a person's folders."""
    return Path(sys.prefix) / "share" / "inclusion-app" / "fonts"


def _system_font_dirs() -> list[Path]:
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home))
        return [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [Path("/Library/Fonts"), home / "Library" / "Fonts", Path("/System/Library/Fonts")]
    data_dirs = os.environ.get("XDG_DATA_DIRS", "/usr/local/share:/usr/share").split(":")
    return ([Path(d) / "fonts" for d in data_dirs if d]
            + [home / ".local" / "share" / "fonts", home / ".fonts"])


def find_source(weight: str, folders: Iterable[Path] | None = None) -> Path | None:
    """The system's Simplified Chinese Noto/Source Han file for a weight, if there is one."""
    wanted = {name.format(w=weight) for name in _NAMES}
    for folder in folders if folders is not None else _system_font_dirs():
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.name in wanted and path.is_file():
                return path
    return None


def characters(texts: Iterable[str] = ()) -> set[int]:
    """GB 2312, Latin, general and CJK punctuation, full-width forms, and every character of
    the program's own words and shipped forms (so nothing it says falls outside the copy)."""
    chars = set(range(0x20, 0x7F)) | set(range(0xA0, 0x250)) | set(range(0x2000, 0x2070))
    chars |= set(range(0x2190, 0x2200)) | set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0))
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes((high, low)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    own = [*LOCALES_DIR.glob("*/LC_MESSAGES/*.po"), *shipped_forms_dir().glob("*.md")]
    for text in [*texts, *(p.read_text(encoding="utf-8", errors="replace") for p in own)]:
        chars.update(ord(c) for c in text if ord(c) > 0x7E)
    return chars


def _chinese_face(source: Path):  # type: ignore[no-untyped-def]  # a fontTools TTFont
    from fontTools.ttLib import TTCollection, TTFont

    if source.suffix.lower() != ".ttc":
        return TTFont(source, lazy=True)
    faces = TTCollection(source, lazy=True).fonts
    for face in faces:
        if (face["name"].getDebugName(1) or "").endswith(" SC"):
            return face
    return faces[0]


def _rename(font, weight: str) -> None:  # type: ignore[no-untyped-def]
    """A name of its own (the licence's rule for modified copies); copyright kept."""
    names = {1: FAMILY, 3: f"{FAMILY} {weight} subset", 4: f"{FAMILY} {weight}",
             6: f"{_POSTSCRIPT}-{weight}", 16: FAMILY}
    table = font["name"]
    for record in list(table.names):
        if record.nameID in names:
            table.removeNames(nameID=record.nameID)
    for name_id, text in names.items():
        table.setName(text, name_id, 3, 1, 0x409)
        table.setName(text, name_id, 1, 0, 0)


def file_name(weight: str) -> str:
    return f"{_POSTSCRIPT}-{weight}.otf"


def build_one(source: Path, weight: str, folder: Path, chars: set[int]) -> Path:
    """Subset one weight into folder (written whole, then moved into place)."""
    from fontTools import subset

    options = subset.Options()
    options.desubroutinize = True  # each glyph self-contained: fewer pages touched to draw it
    options.layout_features = ["*"]  # same shaping (vertical forms, locl, kerning)
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    font = _chinese_face(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=chars)
    subsetter.subset(font)
    _rename(font, weight)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / file_name(weight)
    partial = target.with_suffix(".partial")
    font.save(partial)
    os.replace(partial, target)
    return target


def _stamp(source: Path, chars: set[int] | None = None) -> dict[str, object]:
    """What a copy was made from: the system file as it was, and (for `build`) which
    characters, so new words in the program's text or forms bring a new copy."""
    st = source.stat()
    stamp: dict[str, object] = {"source": str(source), "size": st.st_size,
                                "mtime_ns": st.st_mtime_ns}
    if chars is not None:
        stamp["characters"] = hashlib.sha256(
            ",".join(map(str, sorted(chars))).encode()).hexdigest()
    return stamp


def build(dest: Path | None = None, folders: Iterable[Path] | None = None,
          force: bool = False) -> list[Path]:
    """Build the copy for each weight whose system face exists; an up-to-date copy is kept."""
    dest = dest or font_dir()
    folders = list(folders) if folders is not None else None
    made: list[Path] = []
    chars = characters()
    for weight in WEIGHTS:
        source = find_source(weight, folders)
        if source is None:
            continue
        target = dest / file_name(weight)
        stamp_file = target.with_suffix(".json")
        try:
            current = json.loads(stamp_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            current = None
        if not force and target.is_file() and current == _stamp(source, chars):
            made.append(target)
            continue
        stamp_file.unlink(missing_ok=True)  # no stamp, no use: never a copy half made
        made.append(build_one(source, weight, dest, chars))
        stamp_file.write_text(json.dumps(_stamp(source, chars)), encoding="utf-8")
    return made


def built(dest: Path | None = None) -> list[Path]:
    """The copies ready to use: complete files whose source is unchanged since the build."""
    dest = dest or font_dir()
    ready = []
    for weight in WEIGHTS:
        target = dest / file_name(weight)
        try:
            stamp = json.loads(target.with_suffix(".json").read_text(encoding="utf-8"))
            made_from = _stamp(Path(str(stamp["source"])))
            if target.is_file() and all(stamp.get(k) == v for k, v in made_from.items()):
                ready.append(target)
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return ready
