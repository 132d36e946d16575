"""Generate a 300-question bilingual XLSForm (Markdown) for the engine benchmarks.

Mixed the way real service forms are: ten groups of text, numbers, dates and choices, with
relevance on earlier answers, constraints, running calculations, and a repeat. Every
constraint accepts the plain answers the benchmark walk gives (see `answer_for`).

    python benchmarks/make_large_form.py OUT.md [QUESTIONS]
"""

from __future__ import annotations

import sys
from pathlib import Path

HEADER = ("type", "name", "label::English (en)", "label::中文 (zh)", "hint::English (en)",
          "relevant", "constraint", "constraint_message::English (en)", "required", "calculation")
# One cycle of question kinds; a section repeats it until it has its share of questions.
CYCLE = ("select_one yn", "integer", "text", "decimal", "date", "select_multiple colours",
         "text", "integer", "calculate", "note", "select_one size", "text")


def _row(cells: dict[str, str]) -> str:
    return "| | " + " | ".join(cells.get(h, "") for h in HEADER) + " |"


def _question(kind: str, name: str, section: int, prev: dict[str, str]) -> dict[str, str]:
    cells = {"type": kind, "name": name, "label::English (en)": f"Question {name}?",
             "label::中文 (zh)": f"问题 {name}？", "hint::English (en)": "A short hint."}
    if kind == "integer":
        cells["constraint"] = ". >= 0 and . <= 1000"
        cells["constraint_message::English (en)"] = "From 0 to 1000"
        cells["required"] = "yes"
    elif kind == "decimal":
        cells["constraint"] = ". > 0"
    elif kind == "date":
        cells["constraint"] = ". <= today()"
    elif kind == "select_one yn":
        cells["required"] = "yes"
    elif kind == "calculate":
        cells.pop("label::English (en)"), cells.pop("label::中文 (zh)"), cells.pop("hint::English (en)")
        a, b = prev.get("integer", ""), prev.get("decimal", "")
        cells["calculation"] = f"coalesce(${{{a}}}, 0) + coalesce(${{{b}}}, 0)" if a and b else "1 + 1"
    elif kind == "note":
        cells.pop("hint::English (en)")
    if kind.startswith("text") and prev.get("select_one yn"):
        cells["relevant"] = f"${{{prev['select_one yn']}}} = 'yes'"
    if kind == "select_one size" and prev.get("select_multiple colours"):
        cells["relevant"] = f"selected(${{{prev['select_multiple colours']}}}, 'red') or {section} > 4"
    return cells


def build_markdown(questions: int = 300, sections: int = 10, repeat_questions: int = 12) -> str:
    """The form as an XLSForm Markdown table with exactly `questions` question rows."""
    rows: list[str] = ["| survey |", "| | " + " | ".join(HEADER) + " |"]
    main = questions - repeat_questions
    per_section = [main // sections + (1 if s < main % sections else 0) for s in range(sections)]
    made = 0
    for s, count in enumerate(per_section):
        rows.append(_row({"type": "begin_group", "name": f"sec{s}", "label::English (en)": f"Part {s + 1}",
                          "label::中文 (zh)": f"第{s + 1}部分"}))
        prev: dict[str, str] = {}
        for i in range(count):
            kind = CYCLE[i % len(CYCLE)]
            name = f"q{made:03d}"
            rows.append(_row(_question(kind, name, s, prev)))
            prev[kind] = name
            made += 1
        rows.append(_row({"type": "end_group"}))
    rows.append(_row({"type": "begin_repeat", "name": "member", "label::English (en)": "Household member",
                      "label::中文 (zh)": "家庭成员"}))
    prev = {}
    for i in range(repeat_questions):
        kind = CYCLE[i % len(CYCLE)]
        name = f"r{i:02d}"
        rows.append(_row(_question(kind, name, 0, prev)))
        prev[kind] = name
    rows.append(_row({"type": "end_repeat"}))
    choices = ["| choices |", "| | list_name | name | label::English (en) | label::中文 (zh) |"]
    for list_name, items in (("yn", ("yes", "no")), ("colours", ("red", "green", "blue", "black")),
                             ("size", ("small", "medium", "large"))):
        choices += [f"| | {list_name} | {item} | {item.title()} | {item} |" for item in items]
    settings = ["| settings |", "| | form_id | version | form_title | default_language |",
                "| | bench_large | 1 | Benchmark form | English (en) |"]
    return "\n".join(rows + [""] + choices + [""] + settings) + "\n"


def answer_for(qtype: str, choices: tuple[str, ...] = ()) -> str | None:
    """A value every constraint in this form (and most real forms) accepts, by question type."""
    if qtype in ("select_one", "select_multiple"):
        return choices[0] if choices else None
    return {"text": "abc", "integer": "5", "decimal": "2.5", "date": "2020-01-01",
            "time": "10:30:00.000", "dateTime": "2020-01-01T10:30:00.000"}.get(qtype)


def write(path: Path, questions: int = 300) -> Path:
    path.write_text(build_markdown(questions), encoding="utf-8")
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("large_form.md")
    write(target, int(sys.argv[2]) if len(sys.argv) > 2 else 300)
    print(target)
