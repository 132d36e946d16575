"""XPath speed: parsing every expression of the largest real forms, and evaluating them.

The engine's budget is answer + next <= 2 ms; each recomputed bind costs one evaluation,
so a single evaluation must stay in the microseconds.
"""

from __future__ import annotations

import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(HERE), str(REPO)]

from common import Result, summary, time_calls  # noqa: E402

from inclusion_app.engine.tree import Node, document  # noqa: E402
from inclusion_app.engine.xpath import DefaultHost, EvalContext, parse  # noqa: E402

CONFORMANCE = REPO.parent / "shared" / "conformance" / "xform"
_ATTRS = ("calculate", "relevant", "constraint", "readonly", "required", "nodeset", "ref", "value")


def _expressions(path: Path) -> list[str]:
    texts = []
    for element in ET.parse(path).getroot().iter():
        for key, value in element.attrib.items():
            if key.rsplit("}", 1)[-1] in _ATTRS and value.strip():
                texts.append(value.strip())
    return list(dict.fromkeys(texts))


def _flat_form(questions: int) -> tuple[Node, Node]:
    """A 300-question flat instance like pyxform makes, typed as integers."""
    data = Node("data")
    main = document(data)
    for i in range(questions):
        node = data.append(Node(f"q{i}", str(i)))
        node.datatype = "int"
    return main, data


def _parse_result(name: str) -> Result:
    path = CONFORMANCE / name
    if not path.exists():
        return Result("engine", f"xpath: parse all expressions of {name}", float("nan"), "ms", 500.0,
                      detail="conformance form absent")
    texts = _expressions(path)
    samples = []
    for _ in range(5):
        parse.cache_clear()
        t0 = time.perf_counter()
        for text in texts:
            parse(text)
        samples.append((time.perf_counter() - t0) * 1000.0)
    median, p95 = summary(samples)
    return Result("engine", f"xpath: parse all {len(texts)} distinct expressions of {name}",
                  median, "ms", 500.0, p95, detail=f"{median / len(texts) * 1000:.1f} µs each")


def run() -> list[Result]:
    results = [_parse_result("whova_form.xml"), _parse_result("eIMCI-by-D-Tree.xml")]
    main, data = _flat_form(300)
    host = DefaultHost()
    typical = [parse(t) for t in (
        "/data/q150 > 60 and selected(/data/q5, 'a')",
        ". >= 0 and . <= 120",
        "if(/data/q10 = '', 0, /data/q10 * 2) + /data/q11",
        "string-length(/data/q200) = 18 and regex(/data/q200, '^[0-9]+$')",
        "format-date(today(), '%Y-%m-%d')",
    )]
    ctx_node = data.children[42]

    def evaluate_all() -> None:
        for expr in typical:
            expr.evaluate(EvalContext(ctx_node, main, None, host))

    samples = [s / len(typical) for s in time_calls(evaluate_all, repeat=2000, warmup=50)]
    median, p95 = summary(samples)
    results.append(Result("engine", "xpath: one typical bind expression on a 300-question form",
                          median, "ms", 0.05, p95))
    return results


if __name__ == "__main__":
    for r in run():
        print(f"{r.name}: {r.value:.4f} {r.unit} (p95 {r.p95}) target {r.target} met={r.met} {r.detail}")
