"""The step counter a person sees never grows while they walk forward (review finding 04, 20:
"of 9 -> of 10 -> of 11"), and "check your answers" is the last step of the same count."""

from __future__ import annotations

from pathlib import Path

import pytest

from inclusion_app.engine.answer_walk import walk
from inclusion_app.engine.controller import FormController
from inclusion_app.engine.loader import load_form
from tests.data.service_answers import answers_for

FORMS = sorted((Path(__file__).resolve().parents[2] / "assets" / "forms").glob("*.md"))


@pytest.mark.parametrize("path", FORMS, ids=[p.stem for p in FORMS])
def test_the_total_never_grows_and_review_is_the_last_step(path: Path, tmp_path: Path) -> None:
    form = load_form(path, cache_dir=tmp_path)
    controller = FormController(form, language="zh")
    seen: list[tuple[int, int, bool]] = []

    def on_step(_step: object) -> None:
        screen = controller.screen
        seen.append((*controller.steps(), screen.kind.name == "REPEAT_PROMPT"))

    walk(controller, answers_for(form.form_id), on_step)
    # the walk finalizes; back to the review's position for the last count
    while controller.screen.kind.name != "END":
        controller.next()
    last = controller.steps()
    steps = [s for s, _t, _r in seen]
    totals = [t for _s, t, repeat in seen]
    assert steps == sorted(steps) and steps[0] == 1, seen
    grew = [(a, b) for a, b in zip(totals, totals[1:], strict=False) if b > a]
    # Only adding another repeat instance may add screens (the person asked for them).
    assert not grew or any(r for _s, _t, r in seen), seen
    assert last[0] == last[1] and last[1] <= totals[-1], (last, seen)
    assert all(s <= t for s, t, _r in seen)


def test_a_branch_that_grows_the_engine_total_keeps_the_shown_total() -> None:
    """The raw relevant count grows when a "yes" opens follow-up questions; steps() does not."""
    form = load_form(Path(__file__).resolve().parents[2] / "assets" / "forms" / "pension_check.md")
    controller = FormController(form, language="en")
    raw, bound = [], []
    answers = answers_for("pension_check")

    def on_step(_step: object) -> None:
        raw.append(controller.screen.total)
        bound.append(controller.steps()[1])

    walk(controller, answers, on_step)
    assert any(b > a for a, b in zip(raw, raw[1:], strict=False)), raw  # the finding: it grew
    assert all(b <= a for a, b in zip(bound, bound[1:], strict=False)), bound
