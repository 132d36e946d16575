"""Walk a form as a person would, taking each answer from a JSON-like object of answers.

Used by `inclusion-app fill` and by tests: answers are keyed by question name; a
select_multiple takes a list; a repeat takes a list of objects, one per instance (at the
"add another?" question another is added while the list has more). Groups need no nesting,
but a group's name may hold an object of its questions' answers. Answers for questions that
are not relevant are never asked for, so they are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from inclusion_app import number_text
from inclusion_app.engine.prompt import AnswerResult, ScreenKind, Status, Submission
from inclusion_app.i18n import LANGUAGES

_STEP = re.compile(r"^(?P<name>[^\[\]]+)(?:\[(?P<index>\d+)\])?$")
_MISSING = object()
MAX_SCREENS = 100_000  # far beyond any real form: a guard against a controller that never ends


class WalkError(Exception):
    """The walk stopped: an answer was refused or a required one is missing."""

    def __init__(self, message: str, ref: str = "", status: Status | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.ref = ref
        self.status = status


@dataclass(frozen=True)
class Step:
    number: int  # 1-based step among the relevant screens
    total: int
    texts: tuple[str, ...]  # the question texts shown on this screen (never the answers)
    kind: ScreenKind


def lookup(answers: Mapping[str, Any], ref: str) -> Any:
    """The answer for an indexed path such as '/data/grp/member[2]/age', or _MISSING."""
    steps = [s for s in ref.strip("/").split("/") if s][1:]  # drop the instance root
    ctx: Any = answers
    in_repeat = False
    for step in steps[:-1]:
        m = _STEP.match(step)
        name, index = (m.group("name"), int(m.group("index") or 1)) if m else (step, 1)
        value = ctx.get(name, _MISSING) if isinstance(ctx, Mapping) else _MISSING
        if isinstance(value, list):
            if index - 1 >= len(value) or not isinstance(value[index - 1], Mapping):
                return _MISSING
            ctx, in_repeat = value[index - 1], True
        elif isinstance(value, Mapping):
            ctx = value
    leaf = _STEP.match(steps[-1]).group("name") if steps else ""
    if isinstance(ctx, Mapping) and leaf in ctx:
        return ctx[leaf]
    if not in_repeat and leaf in answers:
        return answers[leaf]
    return _MISSING


def _plain(value: Any, qtype: str, lang: str | None = None) -> Any:
    """JSON's own types where a form wants words: true for an acknowledge, a number for text.
    A number written as text ("1,250") is read as the window reads it (number_text): exactly,
    or refused (NumberRefused) with a message saying how to write it."""
    if qtype == "acknowledge" and value is True:
        return "OK"
    if qtype == "text" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if qtype in number_text.NUMERIC_TYPES and isinstance(value, str):
        return number_text.read(value, qtype, _app_language(lang))
    return value


def _app_language(lang: str | None) -> str | None:
    code = (lang or "")[:2].lower()
    return code if code in LANGUAGES else None


def _failure(result: AnswerResult, fallback_ref: str, label: str) -> WalkError:
    name = (result.ref or fallback_ref).rstrip("/").split("/")[-1].split("[")[0]
    about = f"question '{name}'" + (f" ({label})" if label else "")
    return WalkError(f"{about}: {result.message or result.status.value}", result.ref or fallback_ref, result.status)


def walk(controller: Any, answers: Mapping[str, Any], on_step: Callable[[Step], None] | None = None) -> Submission:
    """Answer and move screen by screen to the end, then finalize; WalkError on the first refusal."""
    labels: dict[str, str] = {}
    for _ in range(MAX_SCREENS):
        screen = controller.screen
        if screen.kind is ScreenKind.END:
            break
        if screen.kind is ScreenKind.REPEAT_PROMPT:
            _repeat_prompt(controller, screen, answers, on_step)
            continue
        if on_step:
            on_step(Step(screen.step, screen.total, tuple(q.label for q in screen.questions), screen.kind))
        for question in screen.questions:
            labels[question.ref] = question.label
            if question.readonly or not question.supported:
                continue
            value = lookup(answers, question.ref)
            if value is _MISSING or value is None:
                continue
            try:
                plain = _plain(value, question.qtype, controller.language)
            except number_text.NumberRefused as exc:
                result = AnswerResult(Status.INVALID, str(exc), question.ref)
                raise _failure(result, question.ref, question.label) from None
            result = controller.answer(question.ref, plain)
            if not result.ok and result.status is not Status.REQUIRED_BUT_EMPTY:
                raise _failure(result, question.ref, question.label)
        moved = controller.next()
        if not moved.ok:
            ref = moved.ref or (screen.questions[0].ref if screen.questions else "")
            raise _failure(moved, ref, labels.get(moved.ref, ""))
    else:
        raise WalkError("the form did not reach its end (it may loop forever)")
    done = controller.finalize()
    if not done.ok:
        first = done.problems[0] if done.problems else AnswerResult(Status.INVALID, "the form could not be finished")
        raise _failure(first, first.ref, labels.get(first.ref, ""))
    return done.submission


def _repeat_prompt(controller: Any, screen: Any, answers: Mapping[str, Any], on_step: Callable[[Step], None] | None) -> None:
    """Add another instance while the answers' list for this repeat has more items."""
    if on_step:
        on_step(Step(screen.step, screen.total, (screen.repeat_label,), screen.kind))
    ref = getattr(screen, "repeat_ref", "") or _repeat_ref_fallback(controller)
    items = lookup(answers, ref) if ref else _MISSING
    wanted = len(items) if isinstance(items, list) else 0
    if wanted > screen.repeat_count:
        controller.add_repeat()
    else:
        result = controller.next()
        if not result.ok:
            raise _failure(result, ref, screen.repeat_label)


def _repeat_ref_fallback(controller: Any) -> str:
    """Until every controller fills Screen.repeat_ref: ask its current entry (private, guarded)."""
    try:
        entry = controller._entries[controller._pos]
        name = entry.repeat.ref.rsplit("/", 1)[-1]
        return f"{entry.parent.indexed_path()}/{name}"
    except (AttributeError, IndexError, TypeError):
        return ""
