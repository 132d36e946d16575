"""Real forms written elsewhere render on the question screen, every type, without a crash."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from inclusion_app.engine.loader import load_form
from inclusion_app.engine.prompt import ScreenKind
from inclusion_app.ui.resident.form_page import FormPage
from inclusion_app.ui.resident.form_session import FormSessionView

pytestmark = [pytest.mark.gui, pytest.mark.conformance]

CONFORMANCE = Path(__file__).resolve().parents[3] / "shared" / "conformance"
FILES = sorted(p for p in CONFORMANCE.glob("*/*") if p.suffix in (".xml", ".xls", ".xlsx", ".md"))
SMALL = [p for p in FILES if p.stat().st_size < 400_000]  # the two big benchmark forms are slow here


@pytest.mark.parametrize("path", SMALL, ids=[p.name for p in SMALL])
def test_every_screen_of_a_conformance_form_renders(
    qtbot: Any, app_services: Any, path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Each relevant screen (found through the review's jump targets) builds its inputs; a
    question this computer cannot answer shows the plain sentence instead of an input."""
    monkeypatch.setattr(FormPage, "settle_ms", 0)
    form = load_form(path, cache_dir=tmp_path / "cache")
    services = app_services(store=None)
    session = FormSessionView(services, form)
    qtbot.addWidget(session)
    session.resize(1366, 768)
    session.show()
    page = session.page
    targets: list[tuple[int, ...]] = [session.controller.screen.index]  # notes have no rows
    for row in session.controller.review():
        if row.index not in targets:
            targets.append(row.index)
    shown = 0
    for index in targets:
        session.controller.jump(index)
        screen = session.controller.screen
        if screen.kind is not ScreenKind.QUESTIONS:
            continue
        page.show_screen(screen, can_go_back=True)
        shown += 1
        for block in page.blocks:
            prompt = block.prompt
            if not prompt.supported:
                assert block.input is None
            elif prompt.qtype != "note":
                assert block.input is not None, f"no input for {prompt.qtype}"
                if prompt.qtype not in ("time", "dateTime"):  # times gain this PC's UTC offset
                    assert block.input.value() == prompt.answer, prompt.ref
    kinds = {session.controller.screen.kind}
    assert shown >= 1 or kinds == {ScreenKind.REPEAT_PROMPT}
