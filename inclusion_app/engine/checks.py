"""Is a stored answer acceptable? Required, appearance checks, range bounds and constraints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from inclusion_app.engine.body import Control
from inclusion_app.engine.formdef import FormDef
from inclusion_app.engine.prompt import AnswerResult, Status
from inclusion_app.engine.render import Renderer
from inclusion_app.engine.state import FormState
from inclusion_app.engine.tree import Node
from inclusion_app.engine.validators import (
    MSG_CHOICE,
    MSG_RANGE,
    appearance_problem,
    coerce,
    normalise_appearance_value,
    outside_bounds,
)
from inclusion_app.i18n import N_

MSG_REQUIRED = N_("This question needs an answer.")
MSG_CONSTRAINT = N_("This answer is not accepted. Please check it.")
MSG_UNSUPPORTED = N_("This question cannot be answered on this computer.")
MSG_READONLY = N_("This answer cannot be changed.")
MSG_NO_QUESTION = N_("There is no such question in this form.")


class Checker:
    """Checks answers in the form's current language (`msg` translates an engine msgid)."""

    def __init__(self, form: FormDef, state: FormState, renderer: Renderer, msg: Callable[[str], str]) -> None:
        self.form = form
        self.state = state
        self.renderer = renderer
        self.msg = msg

    def check(self, control: Control, node: Node, final: bool = False) -> AnswerResult:
        """The status of one stored answer: required, appearance checks, constraint."""
        path = node.indexed_path()
        if not node.relevant:
            return AnswerResult(Status.OK, "", path)
        if not control.supported:
            if final and node.required:
                return AnswerResult(Status.UNSUPPORTED, self.msg(MSG_UNSUPPORTED), path)
            return AnswerResult(Status.OK, "", path)
        bind = self.form.binds.get(control.ref)
        if not node.value:
            # a read-only question the person cannot fill never blocks them
            if node.required and not (node.readonly or control.qtype == "note"):
                custom = self.renderer.text(bind.required_msg, node) if bind and bind.required_msg else ""
                return AnswerResult(Status.REQUIRED_BUT_EMPTY, custom or self.msg(MSG_REQUIRED), path)
            return AnswerResult(Status.OK, "", path)
        problem = appearance_problem(control.appearance, node.value)
        if problem:
            return AnswerResult(Status.CONSTRAINT_VIOLATED, self.msg(problem), path)
        if control.bounds is not None and outside_bounds(node.value, control.bounds):
            start, end = control.bounds
            message = self.msg(MSG_RANGE).format(start=start, end=end)
            return AnswerResult(Status.CONSTRAINT_VIOLATED, message, path)
        if bind is not None and bind.constraint is not None:
            ok = self.state.eval_bool(bind.constraint, node, f"constraint of {control.name}", True)
            if not ok:
                custom = self.renderer.text(bind.constraint_msg, node) if bind.constraint_msg else ""
                return AnswerResult(Status.CONSTRAINT_VIOLATED, custom or self.msg(MSG_CONSTRAINT), path)
        return AnswerResult(Status.OK, "", path)

    def prepare(
        self, control: Control, node: Node, value: object, tz: dt.tzinfo | None
    ) -> tuple[str, AnswerResult | None]:
        """(lexical value, None) when the value may be stored; ("", refusal) when it may not."""
        path = node.indexed_path()
        if not control.supported:
            return "", AnswerResult(Status.UNSUPPORTED, self.msg(MSG_UNSUPPORTED), path)
        if node.readonly or control.qtype == "note":
            return "", AnswerResult(Status.INVALID, self.msg(MSG_READONLY), path)
        if isinstance(value, list | tuple | set) and control.qtype != "select_multiple":
            value = " ".join(str(v) for v in value)
        lexical, problem = coerce(control.qtype, value, tz)
        if lexical is None:
            return "", AnswerResult(Status.INVALID, self.msg(problem), path)
        if control.qtype in ("select_one", "select_multiple") and lexical:
            allowed = {c.value for c in self.renderer.choices(control, node)}
            given = lexical.split(" ") if control.qtype == "select_multiple" else [lexical]
            if any(v not in allowed for v in given):
                return "", AnswerResult(Status.INVALID, self.msg(MSG_CHOICE), path)
        return normalise_appearance_value(control.appearance, lexical), None
