"""The compact copy of the Chinese face: what it holds, its name, and when it may be used."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from inclusion_app import fonts
from inclusion_app.cli import main

REPO = Path(__file__).resolve().parent.parent


def test_characters_cover_gb2312_punctuation_and_all_the_programs_own_words() -> None:
    chars = fonts.characters()
    for c in "您好办理编号是鑫龟，。：“”？（）abcXYZ0123456789":
        assert ord(c) in chars, c
    assert 6763 + 94 < len(chars) < 9000  # GB 2312's hanzi and symbols, Latin, punctuation
    own = (REPO / "locales" / "zh_CN" / "LC_MESSAGES" / "inclusion_app.po").read_text("utf-8")
    missing = {c for c in own if ord(c) > 0x7E and ord(c) not in chars}
    assert not missing
    assert ord("龘") not in chars  # a rare character: drawn by the full face instead
    assert ord("龘") in fonts.characters(["名字里有龘"])


def test_find_source_looks_for_the_simplified_chinese_face_by_its_file_names(
        tmp_path: Path) -> None:
    (tmp_path / "deep" / "noto").mkdir(parents=True)
    (tmp_path / "Other-Regular.ttc").write_bytes(b"")
    assert fonts.find_source("Regular", [tmp_path]) is None
    wanted = tmp_path / "deep" / "noto" / "NotoSansCJKsc-Bold.otf"
    wanted.write_bytes(b"x")
    assert fonts.find_source("Bold", [tmp_path, tmp_path / "missing"]) == wanted
    assert fonts.find_source("Regular", [tmp_path]) is None


@pytest.fixture(scope="module")
def system_face() -> Path:
    source = fonts.find_source("Regular")
    assert source is not None, "Noto Sans CJK is missing: sudo apt-get install fonts-noto-cjk"
    return source


def test_a_copy_keeps_the_glyphs_asked_for_under_a_name_of_its_own(
        tmp_path: Path, system_face: Path) -> None:
    wanted = {ord(c) for c in "您好，办事abc"}
    made = fonts.build_one(system_face, "Regular", tmp_path / "out", wanted)
    assert made == tmp_path / "out" / "InclusionCJKSC-Regular.otf"
    assert not list((tmp_path / "out").glob("*.partial"))
    font = TTFont(made)
    cmap = font.getBestCmap()
    assert wanted <= set(cmap)
    assert ord("龘") not in cmap and ord("的") not in cmap  # only what was asked for
    name = font["name"]
    assert name.getDebugName(1) == fonts.FAMILY and name.getDebugName(16) == fonts.FAMILY
    assert "Noto" not in (name.getDebugName(4) or "")
    assert "Adobe" in (name.getDebugName(0) or "")  # the copyright record stays
    assert "Open Font License" in (name.getDebugName(13) or "")  # and the licence
    # The same drawing: the glyph outline of 您 is the system face's, byte for byte of ink.
    original = fonts._chinese_face(system_face)
    glyph = original.getBestCmap()[ord("您")]
    pen_a, pen_b = _recording(original, glyph), _recording(font, cmap[ord("您")])
    assert pen_a == pen_b and len(pen_a) > 10


def _recording(font: TTFont, glyph: str) -> list[tuple]:
    from fontTools.pens.recordingPen import DecomposingRecordingPen

    pen = DecomposingRecordingPen(font.getGlyphSet())
    font.getGlyphSet()[glyph].draw(pen)
    return pen.value


def test_a_copy_is_used_only_while_its_source_is_unchanged(tmp_path: Path) -> None:
    source = tmp_path / "NotoSansCJK-Regular.ttc"
    source.write_bytes(b"fake face")
    out = tmp_path / "fonts"
    out.mkdir()
    (out / "InclusionCJKSC-Regular.otf").write_bytes(b"copy")
    stamp = fonts._stamp(source, {1, 2})
    (out / "InclusionCJKSC-Regular.json").write_text(json.dumps(stamp), "utf-8")
    assert fonts.built(out) == [out / "InclusionCJKSC-Regular.otf"]
    source.write_bytes(b"a newer face, another size")  # the system font was updated
    assert fonts.built(out) == []
    (out / "InclusionCJKSC-Regular.json").write_text("{not json", "utf-8")
    assert fonts.built(out) == []


def test_build_skips_an_up_to_date_copy_and_remakes_a_stale_one(
        tmp_path: Path, system_face: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "system"
    folder.mkdir()
    shutil.copy(system_face, folder / "NotoSansCJK-Regular.ttc")
    calls: list[str] = []
    real = fonts.build_one

    def small(source: Path, weight: str, dest: Path, chars: set[int]) -> Path:
        calls.append(weight)
        return real(source, weight, dest, {ord(c) for c in "您好"})

    monkeypatch.setattr(fonts, "build_one", small)
    out = tmp_path / "out"
    assert fonts.build(out, [folder]) == [out / "InclusionCJKSC-Regular.otf"]  # no Bold file
    assert fonts.build(out, [folder]) == [out / "InclusionCJKSC-Regular.otf"]
    assert calls == ["Regular"]  # the second time nothing was made
    monkeypatch.setattr(fonts, "characters", lambda texts=(): {ord("您")})
    fonts.build(out, [folder])
    assert calls == ["Regular", "Regular"]  # other characters wanted: made again
    assert fonts.built(out) == [out / "InclusionCJKSC-Regular.otf"]


def test_the_fonts_command_says_plainly_when_there_is_no_chinese_face(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "_system_font_dirs", lambda: [tmp_path])
    monkeypatch.setattr(fonts, "font_dir", lambda: tmp_path / "out")
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["fonts"]) == 1
    assert "fonts-noto-cjk" in out.getvalue()


def test_make_setup_built_the_compact_face_the_program_uses() -> None:
    """`make setup` runs `inclusion-app fonts`; without the copy the program uses ~8 MiB more."""
    ready = fonts.built()
    assert [p.name for p in ready] == ["InclusionCJKSC-Regular.otf", "InclusionCJKSC-Bold.otf"], (
        "the compact Chinese font is missing: run `make setup` (it runs `inclusion-app fonts`)")
