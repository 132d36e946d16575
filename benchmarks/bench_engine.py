"""Engine benchmarks: loading from the cache, cold compile, and answer + next over full walks.

Targets (issue 2, on the 2-core CI machine): a 300-question form loads from the cache in
<= 30 ms median; one answer plus next (with relevance re-evaluation) takes <= 2 ms median on
that form and on the conformance set's largest real forms. The conformance forms must be
present: without them this benchmark fails rather than report a partial picture.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(HERE), str(REPO)]

from common import Result, summary, time_calls  # noqa: E402
from make_large_form import write as write_large_form  # noqa: E402

from inclusion_app.engine.controller import FormController  # noqa: E402
from inclusion_app.engine.loader import load_form  # noqa: E402
from inclusion_app.engine.prompt import ScreenKind  # noqa: E402

CONFORMANCE = REPO.parent / "shared" / "conformance" / "xform"
REAL_FORMS = ("eIMCI-by-D-Tree.xml", "whova_form.xml")
LOAD_TARGET_MS = 30.0
STEP_TARGET_MS = 2.0


def _candidates(question) -> list[object]:  # noqa: ANN001
    """Answers to try in turn until the question accepts one (real forms have constraints)."""
    today = dt.date.today()
    choices = [c.value for c in question.choices]
    by_type: dict[str, list[object]] = {
        "text": ["abc", "1"],
        "integer": ["5", "1", "0", "10", "30", "100", "2000"],
        "decimal": ["2.5", "1", "0", "37.5", "100"],
        "date": [(today - dt.timedelta(days=400)).isoformat(), today.isoformat(), "2000-01-01"],
        "time": ["10:30:00.000"],
        "dateTime": [f"{today.isoformat()}T10:30:00.000"],
        "select_one": choices[:6],
        "select_multiple": [[c] for c in choices[:6]],
        "acknowledge": ["OK"],
    }
    return by_type.get(question.qtype, [])


def walk_timed(form, language: str | None = None) -> tuple[list[float], int, str]:  # noqa: ANN001
    """Walk a form to its end answering every question. Each sample is one screen's answer(s)
    + next() + reading the new screen (what the window does per step), in milliseconds.
    Also returns the number of screens and why the walk stopped early (or "")."""
    fc = FormController(form, language=language)
    samples: list[float] = []
    stopped = ""
    screen = fc.screen
    for _ in range(20_000):
        if screen.kind is ScreenKind.END:
            break
        t0 = time.perf_counter()
        if screen.kind is ScreenKind.REPEAT_PROMPT:
            result = fc.add_repeat() if screen.repeat_count == 0 else fc.next()
        else:
            for question in screen.questions:
                if question.readonly or not question.supported:
                    continue
                for value in _candidates(question):
                    if fc.answer(question.ref, value).ok:
                        break
            result = fc.next()
        after = fc.screen
        samples.append((time.perf_counter() - t0) * 1000.0)
        if result is not None and not result.ok:
            stopped = f"stopped at step {screen.step}: {result.status.value}"
            break
        screen = after
    return samples, len(samples), stopped


def _load_results(large: Path, cache: Path) -> list[Result]:
    load_form(large, cache_dir=cache)  # fill the cache
    hits = time_calls(lambda: load_form(large, cache_dir=cache), repeat=40)
    med, p95 = summary(hits)
    cold = time_calls(lambda: load_form(large, cache_dir=None), repeat=5, warmup=1)
    cold_med, cold_p95 = summary(cold)
    return [
        Result("engine", "load 300-question form from cache", med, "ms", LOAD_TARGET_MS, p95,
               "load_form(): read + hash + cached XForm + parse (40 runs)"),
        Result("engine", "cold compile of 300-question form (pyxform + checks + parse)", cold_med, "ms", None,
               cold_p95, "load_form() without a cache (5 runs)"),
    ]


def _walk_result(name: str, form, language: str | None = None) -> Result:  # noqa: ANN001
    samples, steps, stopped = walk_timed(form, language)
    samples += walk_timed(form, language)[0]  # a second walk: steadier figures on small forms
    med, p95 = summary(samples)
    detail = f"{steps} screens per walk, 2 walks" + (f"; {stopped}" if stopped else "")
    return Result("engine", f"answer + next (+ new screen), full walk: {name}", med, "ms", STEP_TARGET_MS, p95, detail)


def run() -> list[Result]:
    missing = [n for n in REAL_FORMS if not (CONFORMANCE / n).is_file()]
    if missing:
        raise RuntimeError(f"conformance forms absent ({', '.join(missing)}): expected in ../shared/conformance/xform")
    with tempfile.TemporaryDirectory(prefix="bench-engine-") as tmp:
        folder = Path(tmp)
        large = write_large_form(folder / "large_form.md")
        results = _load_results(large, folder / "cache")
        results.append(_walk_result("300-question form", load_form(large, cache_dir=folder / "cache")))
    for name in REAL_FORMS:
        results.append(_walk_result(name, load_form(CONFORMANCE / name)))
    return results


if __name__ == "__main__":
    for r in run():
        p95 = "" if r.p95 is None else f", p95 {r.p95:.3g}"
        print(f"{r.name}: {r.value:.3g} {r.unit}{p95} (target {r.target}) {r.detail}")
