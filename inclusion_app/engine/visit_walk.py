"""Walk a whole visit from one object of answers, as `inclusion-app fill BUNDLE` does.

The answers hold the shared details at the top level, keyed by shared key (`full_name`, not
a question's name), and each form's own answers under its form id. The shared details are
given once, then each form is walked in bundle order exactly as `fill` walks a form alone;
a form whose bundle `relevant` is false when reached is skipped, its answers ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from inclusion_app.engine.answer_walk import Step, WalkError, walk
from inclusion_app.engine.prompt import Status, Submission


@dataclass(frozen=True)
class VisitStep:
    form_id: str
    step: Step


def split_answers(visit: Any, answers: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Mapping[str, Any]], list[str]]:
    """(shared details, answers by form id, top-level names that are neither)."""
    keys = {key for fields in visit.fields.values() for key in fields}
    shared: dict[str, Any] = {}
    per_form: dict[str, Mapping[str, Any]] = {}
    unknown: list[str] = []
    for name, value in answers.items():
        if name in visit.forms:
            if not isinstance(value, Mapping):
                raise WalkError(f"the answers for the form '{name}' must be one JSON object of question name -> answer")
            per_form[name] = value
        elif name in keys:
            shared[name] = value
        else:
            unknown.append(name)
    return shared, per_form, unknown


def _plain(value: Any) -> Any:
    """JSON numbers for text details (a phone number written without quotes)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def walk_visit(visit: Any, answers: Mapping[str, Any],
               on_step: Callable[[VisitStep], None] | None = None) -> list[Submission]:
    """Every submission the visit makes, in bundle order; WalkError naming the form and the
    question at the first refusal."""
    shared, per_form, _unknown = split_answers(visit, answers)
    for key, value in shared.items():
        if value is None:
            continue
        result = visit.set_shared(key, _plain(value))
        if result.status is Status.INVALID:
            raise WalkError(f"shared detail '{key}': {result.message or result.status.value}", key, result.status)
    visit.stage = "forms"
    submissions: list[Submission] = []
    for form_id in visit.included():
        if not visit.relevant(form_id):
            continue
        visit.current = form_id

        def show(step: Step, form_id: str = form_id) -> None:
            if on_step is not None:
                on_step(VisitStep(form_id, step))

        try:
            submissions.append(walk(visit.controllers[form_id].inner, per_form.get(form_id, {}), show))
        except WalkError as exc:
            raise WalkError(f"form '{form_id}', {exc.message}", exc.ref, exc.status) from None
    visit.stage = "review"
    return submissions
