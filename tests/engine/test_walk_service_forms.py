"""The shipped service forms walk to a submission in both languages through the real engine."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from inclusion_app.engine.loader import load_form
from tests.scenario import Scenario, walk

FORMS = sorted((Path(__file__).resolve().parents[2] / "assets" / "forms").glob("*.md"))


@pytest.mark.skipif(not FORMS, reason="no shipped forms yet")
@pytest.mark.parametrize("path", FORMS, ids=[p.stem for p in FORMS])
def test_serviceForm_walksInBothLanguages(path: Path, tmp_path: Path):
    """Each shipped form reaches a submission in zh and in en with the same answers."""
    form = load_form(path, cache_dir=tmp_path)
    assert {"zh", "en"} <= set(form.languages)
    bodies = []
    for lang in ("zh", "en"):
        s = Scenario(form, language=lang)
        w = walk(s)
        assert w.stuck is None, (lang, w.stuck)
        assert w.result.ok, (lang, w.result.problems)
        assert not s.fc._state.errors, s.fc._state.errors
        root = ET.fromstring(w.result.submission.xml)
        bodies.append({e.tag: e.text for e in root.iter() if e.tag not in ("instanceID", "start", "end")})
    assert bodies[0] == bodies[1]
