"""`fill --assisted` marks the submission; `fill --practice` stores and queues nothing."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from inclusion_app import paths
from inclusion_app.engine.submission import INCLUSION_NS
from inclusion_app.storage.factory import open_store
from tests.cli.test_forms_cli import _answers, run


def _outbox_count() -> int:
    store = open_store(paths.resolve())
    try:
        return len(store.list_outbox()) + len(store.list_drafts())
    finally:
        store.close()


def test_fill_assisted_marks_meta(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--assisted: meta/inclusion:assisted is true; without it there is no such element."""
    helped, alone = tmp_path / "helped.xml", tmp_path / "alone.xml"
    answers = _answers(tmp_path, "pension_check")
    assert run(capsys, "fill", "pension_check", "--answers", answers, "--out", str(helped), "--assisted")[0] == 0
    assert run(capsys, "fill", "pension_check", "--answers", answers, "--out", str(alone))[0] == 0
    meta = next(e for e in ET.fromstring(helped.read_bytes()) if e.tag.split("}")[-1] == "meta")
    assert meta.findtext(f"{{{INCLUSION_NS}}}assisted") == "true"
    assert ET.fromstring(alone.read_bytes()).find(f".//{{{INCLUSION_NS}}}assisted") is None


def test_fill_practice_queue_exits_0_and_queues_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--practice --queue: exit 0, says practice is never queued, no 'queued' line, outbox untouched."""
    before = _outbox_count()
    code, out, err = run(capsys, "fill", "pension_check", "--answers", _answers(tmp_path, "pension_check"),
                         "--practice", "--queue")
    assert code == 0, err
    assert "never queued" in err
    assert not any(line.startswith("queued") for line in out.splitlines())
    assert _outbox_count() == before


def test_fill_practice_still_checks_answers(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Practice is the real form: a wrong answer is refused just the same (exit 1)."""
    bad = _answers(tmp_path, "pension_check", id_number="123")
    code, _out, err = run(capsys, "fill", "pension_check", "--answers", bad, "--practice", "--queue")
    assert code == 1 and err.strip()
