"""Broken forms: each gives one clear, located message and never a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from inclusion_app.engine.loader import MAX_FORM_BYTES, FormLoadError, load_form

BROKEN = Path(__file__).resolve().parent.parent / "forms" / "broken"

# file -> (sheet, row, column, words the message must contain)
EXPECTED = {
    "missing_survey.md": ("survey", None, None, "no 'survey' sheet"),
    "missing_choices_sheet.md": ("survey", 3, "type", "no 'choices' sheet"),
    "missing_choice_list.md": ("survey", 3, "type", "'colours' is not on the choices sheet"),
    "duplicate_names.md": ("survey", 4, "name", "'age' is used twice (first used on row 2)"),
    "unknown_type.md": ("survey", 3, "type", "unknown question type 'textbox'"),
    "unknown_type.xlsx": ("survey", 4, "type", "unknown question type 'selectone yn'"),
    "unknown_reference.md": ("survey", 3, "relevant", "${agee} does not name any question"),
    "relevant_syntax.md": ("survey", 3, "relevant", "'${age} >= = 18' is not valid"),
    "relevant_syntax.csv": ("survey", 3, "relevant", "'${age} >>= 18' is not valid"),
    "constraint_syntax.md": ("survey", 3, "constraint", "'. > 0 and (. < 130' is not valid"),
    "default_syntax.md": ("survey", 3, "default", "'today( + 1' is not valid"),
    "calculate_cycle.md": ("survey", 3, "calculation", "${total} -> ${extra} -> ${total}"),
    "empty_label.md": ("survey", 3, "label", "'age' has no label"),
    "malformed_table.md": (None, None, None, "not an XLSForm Markdown table"),
    "not_a_spreadsheet.xlsx": (None, None, None, "not a readable Excel XLSForm"),
    "xxe.xml": (None, None, None, "DOCTYPE or entities"),
    "billion_laughs.xml": (None, None, None, "DOCTYPE or entities"),
}


def _problem(path: Path, tmp_path: Path) -> tuple:
    with pytest.raises(FormLoadError) as info:
        load_form(path, cache_dir=tmp_path / "cache", source_name=path.name)
    assert len(info.value.problems) == 1, str(info.value)
    return info.value.problems[0], str(info.value)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_form_names_file_sheet_row_and_column(name: str, tmp_path: Path) -> None:
    """Each broken form is refused with its file, sheet, row and column (where knowable)."""
    (file, sheet, row, column, message), text = _problem(BROKEN / name, tmp_path)
    want_sheet, want_row, want_column, words = EXPECTED[name]
    assert (file, sheet, row, column) == (name, want_sheet, want_row, want_column), text
    assert words in message, text
    assert "Traceback" not in text and "Error:" not in text.split(": ", 1)[0]


def test_every_file_in_the_broken_folder_has_an_expectation() -> None:
    """A new broken form cannot be added without saying what it must report."""
    assert {p.name for p in BROKEN.iterdir()} == set(EXPECTED)


def test_message_line_reads_file_sheet_row_column(tmp_path: Path) -> None:
    """The printed line is exactly 'FILE: sheet, row N, column C: message'."""
    _, text = _problem(BROKEN / "unknown_type.md", tmp_path)
    assert text.startswith("unknown_type.md: survey, row 3, column type: unknown question type")


def test_markdown_problems_also_give_the_file_line(tmp_path: Path) -> None:
    """In a Markdown form the editor's line number is added, since blank lines shift rows."""
    _, text = _problem(BROKEN / "duplicate_names.md", tmp_path)
    assert "(line 5 of the file)" in text


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    """An entity bomb is refused before any expansion (loose bound: well under a second)."""
    start = time.perf_counter()
    _problem(BROKEN / "billion_laughs.xml", tmp_path)
    assert time.perf_counter() - start < 5.0


def test_xxe_never_reads_the_referenced_file(tmp_path: Path) -> None:
    """The external entity's target never appears in the error (it was never read)."""
    _, text = _problem(BROKEN / "xxe.xml", tmp_path)
    assert "root:" not in text


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    """A file over the 10 MB limit is refused by size, naming the limit."""
    big = tmp_path / "huge.md"
    with big.open("wb") as fh:
        fh.truncate(MAX_FORM_BYTES + 1)
    (file, sheet, row, column, message), _ = _problem(big, tmp_path)
    assert file == "huge.md" and sheet is None and "at most 10 MB" in message


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("empty.md", b"", "the file is empty"),
        ("form.pdf", b"%PDF-1.4", "is not a form file"),
        ("random.xls", bytes(range(256)) * 4, "not a readable Excel 97 XLSForm"),
        ("random.csv", b"\x00\x01\x02 nothing, here", "XLSForm"),
        ("broken.xml", b"<h:html><unclosed>", "not well-formed XML"),
    ],
)
def test_odd_files_get_a_plain_message(name: str, content: bytes, words: str, tmp_path: Path) -> None:
    """Empty files, other file kinds and damaged XML each get a plain message."""
    path = tmp_path / name
    path.write_bytes(content)
    (_, _, _, _, message), text = _problem(path, tmp_path)
    assert words in message, text


def test_missing_file_and_folder(tmp_path: Path) -> None:
    """A path that does not exist, or is a folder, is reported in words."""
    assert "no such file" in _problem(tmp_path / "nope.md", tmp_path)[1]
    folder = tmp_path / "forms.md"
    folder.mkdir()
    assert "folder" in _problem(folder, tmp_path)[1]


def test_engine_refusal_of_a_spreadsheet_is_located_at_a_row(tmp_path: Path) -> None:
    """A loop our sheet check cannot see (written as an XPath path) is caught by the engine,
    and its message is still placed on a row of the survey sheet."""
    path = tmp_path / "loop.md"
    path.write_text(
        "| survey |\n| | type | name | label | calculation |\n| | integer | base | A number | |\n"
        "| | calculate | total | | /data/extra + 1 |\n| | calculate | extra | | ${total} * 2 |\n", encoding="utf-8")
    (file, sheet, row, column, message), text = _problem(path, tmp_path)
    assert (file, sheet) == ("loop.md", "survey") and row in (3, 4), text
    assert "total" in message and "extra" in message


def _fuzz_examples() -> int:
    import os

    return 400 if os.environ.get("INCLUSION_SOAK") == "1" else 40


@pytest.mark.parametrize("suffix", [".md", ".csv", ".xlsx", ".xls", ".xml"])
def test_random_bytes_never_escape_as_anything_but_form_load_error(suffix: str, tmp_path: Path) -> None:
    """Whatever the bytes, loading ends in a form or a FormLoadError, never another exception."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    table = st.lists(st.sampled_from(["| survey |", "| | type | name | label | relevant |", "| | text | a | A | ${a} = 1 |",
                                      "| | begin_group | g | G | |", "| | end_group | | | |", "| choices |", "||", "| | | |"]),
                     max_size=8).map(lambda rows: "\n".join(rows).encode())

    @settings(max_examples=_fuzz_examples(), deadline=None, suppress_health_check=list(HealthCheck))
    @given(data=st.one_of(st.binary(max_size=600), table))
    def check(data: bytes) -> None:
        path = tmp_path / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            load_form(path)
        except FormLoadError as exc:
            assert exc.problems and all(p[0] == str(path) for p in exc.problems)

    check()


def test_relevance_circle_names_row_and_column(tmp_path) -> None:
    """Two questions whose conditions read each other are refused at the row and column of the first."""
    from inclusion_app.engine.loader import FormLoadError, load_form

    form = tmp_path / "circle.md"
    form.write_text(
        "| survey |\n"
        "| | type | name | label | relevant |\n"
        "| | text | a    | A     | ${b} != 'x' |\n"
        "| | text | b    | B     | ${a} != 'x' |\n",
        encoding="utf-8",
    )
    try:
        load_form(form)
    except FormLoadError as exc:
        text = str(exc)
    else:
        raise AssertionError("a circle of conditions was accepted")
    assert "survey, row 2, column relevant" in text
    assert "${a} -> ${b} -> ${a}" in text
