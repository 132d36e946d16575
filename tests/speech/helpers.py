"""Screens and rows built by hand, so speech tests do not depend on the engine's controller."""

from __future__ import annotations

from inclusion_app.engine.prompt import Choice, QuestionPrompt, ReviewRow, Screen, ScreenKind


def question(label: str = "Are you over 60?", **kw: object) -> QuestionPrompt:
    base: dict[str, object] = dict(ref="/data/q", name="q", qtype="select_one", label=label)
    if "choices" not in kw and base["qtype"] == kw.get("qtype", "select_one"):
        base["choices"] = (Choice("yes", "Yes"), Choice("no", "No"))
    base.update(kw)
    return QuestionPrompt(**base)  # type: ignore[arg-type]


def screen(*questions: QuestionPrompt, index: int = 0) -> Screen:
    return Screen(kind=ScreenKind.QUESTIONS, index=(index,), questions=questions or (question(),))


def row(label: str, answer: str, appearance: str = "") -> ReviewRow:
    return ReviewRow(ref="/data/x", label=label, answer=answer, answered=bool(answer),
                     index=(0,), appearance=appearance)
