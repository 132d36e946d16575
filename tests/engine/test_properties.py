"""Property tests: random use of the controller never raises, and submissions match the form."""

from __future__ import annotations

import datetime as dt
import os
from xml.etree import ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inclusion_app.engine.controller import FormController
from inclusion_app.engine.formdef import FormDef, parse_xform
from inclusion_app.engine.prompt import ScreenKind, Status
from tests.engine.forms import BASIC, CASCADE, FIELD_LIST, REPEATS
from tests.scenario import fixed_clock, xlsform_to_xml

pytestmark = pytest.mark.soak  # `make soak` runs these with 10x the examples
EXAMPLES = 400 if os.environ.get("INCLUSION_SOAK") == "1" else 40
FORMS: dict[str, FormDef] = {
    name: parse_xform(xlsform_to_xml(md), name)
    for name, md in (("basic", BASIC), ("repeats", REPEATS), ("cascade", CASCADE), ("fieldlist", FIELD_LIST))
}

values = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.times(),
    st.datetimes(timezones=st.just(dt.UTC)),
    st.lists(st.sampled_from(["yes", "no", "meals", "cleaning", "gd", "zj", "x"]), max_size=3),
    st.sampled_from(["yes", "no", "meals cleaning", "gd", "gz", "sz", "2025-03-09", "14:30", "13800138000",
                     "11010519491231002X", "0", "-1", "200", "1.5", "", "  "]),
)
actions = st.lists(
    st.one_of(
        st.tuples(st.just("answer"), st.integers(0, 5), values),
        st.tuples(st.just("answer_any"), st.integers(0, 40), values),
        st.tuples(st.just("next")),
        st.tuples(st.just("back")),
        st.tuples(st.just("add_repeat")),
        st.tuples(st.just("jump"), st.integers(0, 60)),
        st.tuples(st.just("language"), st.sampled_from(["zh", "en", "fr", ""])),
        st.tuples(st.just("restore")),
        st.tuples(st.just("finalize")),
    ),
    max_size=40,
)


def _paths(elem: ET.Element, prefix: str = "") -> set[str]:
    path = f"{prefix}/{elem.tag.rsplit('}', 1)[-1]}"
    found = {path}
    for child in elem:
        found |= _paths(child, path)
    return found


def _form_paths(form: FormDef) -> tuple[set[str], set[str]]:
    """(every path the form can have, the paths outside repeats it always has)."""
    fixed = {n.generic_path() for n in form.root.iter()}
    every = set(fixed)
    for path, tpl in form.templates.items():
        base = path.rsplit("/", 1)[0]
        every |= {base + n.generic_path() for n in tpl.node.iter()}
    inside = {p for p in fixed for r in form.templates if p == r or p.startswith(r + "/")}
    return every, fixed - inside


def _check_submission(fc: FormController, form: FormDef) -> None:
    result = fc.finalize()
    if not result.ok:
        assert result.problems and all(p.message for p in result.problems)
        assert all(p.status is not Status.OK for p in result.problems)
        return
    root = ET.fromstring(result.submission.xml)
    every, always = _form_paths(form)
    got = _paths(root)
    assert got <= every, got - every
    assert always <= got, always - got


def _flags(fc: FormController) -> list[tuple[str, bool, bool, bool]]:
    return [(n.indexed_path(), n.relevant, n.required, n.readonly) for n in fc._state.root.iter()]


def _run(form: FormDef, steps: list[tuple]) -> None:
    fc = FormController(form, language="zh", clock=fixed_clock)
    for step in steps:
        kind = step[0]
        screen = fc.screen
        if kind == "answer" and screen.questions:
            question = screen.questions[step[1] % len(screen.questions)]
            result = fc.answer(question.ref, step[2])
            assert isinstance(result.status, Status)
            assert result.ok or result.message
        elif kind == "answer_any":
            rows = fc.review()
            if rows:
                fc.answer(rows[step[1] % len(rows)].ref, step[2])
        elif kind == "next":
            before = fc.screen.index
            result = fc.next()
            if not result.ok:
                assert fc.screen.index == before and result.message
        elif kind == "back":
            fc.back()
        elif kind == "add_repeat":
            fc.add_repeat()
        elif kind == "jump":
            rows = fc.review()
            fc.jump(rows[step[1] % len(rows)].index if rows else (step[1],))
        elif kind == "language":
            fc.set_language(step[1])
        elif kind == "restore":
            blob, position = fc.snapshot(), fc.position()
            restored = FormController.restore(form, blob, position, clock=fixed_clock)
            assert restored.snapshot() == blob
            # relevance kept up incrementally equals relevance computed afresh from the answers
            assert _flags(restored) == _flags(fc)
            fc = restored
        elif kind == "finalize":
            _check_submission(fc, form)
        screen = fc.screen
        assert 0 <= screen.step <= screen.total
        assert screen.kind is ScreenKind.END or screen.questions or screen.kind is ScreenKind.REPEAT_PROMPT
    _check_submission(fc, form)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(FORMS)), steps=actions)
def test_randomUse_neverRaises_andSubmissionsMatchForm(name: str, steps: list[tuple]):
    """Any sequence of answers, moves, jumps, language changes and restores keeps the controller sound."""
    _run(FORMS[name], steps)


_REAL = ["countNonEmptyForm.xml", "jr-choice-name.xml", "three-level-cascading-select.xml",
         "twoNestedRepeatGroups.xml", "child_vaccination_VOL_tool_v12.xml", "eIMCI-by-D-Tree.xml"]
_REAL_FORMS: dict[str, FormDef] = {}


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(name=st.sampled_from(_REAL), steps=actions)
def test_randomUse_onRealForms_neverRaises(conformance_dir, name: str, steps: list[tuple]):
    """The same random use on JavaRosa's real forms (repeats, itemsets, jr:count) stays sound."""
    if name not in _REAL_FORMS:
        path = conformance_dir / "xform" / name
        _REAL_FORMS[name] = parse_xform(path.read_bytes(), name)
    _run(_REAL_FORMS[name], steps)
