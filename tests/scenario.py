"""A JavaRosa-style Scenario: drive a real FormController the way a person fills a form.

    s = Scenario.from_xlsform_md(FORM, language="en")
    s.answer("age", 70); s.next()
    assert s.screen.questions[0].name == "name"
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from pyxform.xls2xform import convert

from inclusion_app.engine.controller import FormController
from inclusion_app.engine.formdef import FormDef, parse_xform
from inclusion_app.engine.prompt import (
    AnswerResult,
    FinalizeResult,
    QuestionPrompt,
    Screen,
    ScreenKind,
    Status,
)
from inclusion_app.engine.validators import cn_id_check_digit

FIXED_NOW = dt.datetime(2025, 3, 9, 10, 30, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def fixed_clock() -> dt.datetime:
    return FIXED_NOW


def xlsform_to_xml(markdown: str) -> bytes:
    """Compile an XLSForm written as Markdown tables with pyxform, as the loader does."""
    return convert(markdown, form_name="data").xform.encode("utf-8")


class Scenario:
    def __init__(self, form: FormDef, language: str | None = None, clock=fixed_clock) -> None:
        self.form = form
        self.fc = FormController(form, language=language, clock=clock)

    @classmethod
    def from_xform(cls, xml_or_path: bytes | str | Path, language: str | None = None, **kw) -> Scenario:
        if isinstance(xml_or_path, Path) or (isinstance(xml_or_path, str) and not xml_or_path.lstrip().startswith("<")):
            path = Path(xml_or_path)
            return cls(parse_xform(path.read_bytes(), path.name, kw.pop("media_dir", None)), language, **kw)
        xml = xml_or_path.encode("utf-8") if isinstance(xml_or_path, str) else xml_or_path
        return cls(parse_xform(xml, "test", kw.pop("media_dir", None)), language, **kw)

    @classmethod
    def from_xlsform_md(cls, markdown: str, language: str | None = None, **kw) -> Scenario:
        return cls(parse_xform(xlsform_to_xml(markdown), "test.md", kw.pop("media_dir", None)), language, **kw)

    # -- a person's actions ------------------------------------------------------------------
    def answer(self, name_or_ref: str, value: object) -> AnswerResult:
        return self.fc.answer(name_or_ref, value)

    def next(self) -> AnswerResult:
        return self.fc.next()

    def back(self) -> bool:
        return self.fc.back()

    def add_repeat(self) -> None:
        self.fc.add_repeat()

    def finalize(self) -> FinalizeResult:
        return self.fc.finalize()

    def jump_to(self, name: str) -> None:
        """Go to the screen holding the question `name` (its first instance)."""
        for entry in self.fc._entries:
            if any(control.name == name for control, _node in entry.items):
                self.fc.jump(entry.key)
                return
        raise AssertionError(f"no screen holds {name}")

    def value(self, name: str) -> str:
        """The stored value of the first node called `name` in the primary instance."""
        for node in self.fc._state.root.iter():
            if node.name == name:
                return node.value
        raise AssertionError(f"no node {name}")

    @property
    def screen(self) -> Screen:
        return self.fc.screen

    @property
    def question(self) -> QuestionPrompt:
        return self.fc.screen.questions[0]

    def names(self) -> list[str]:
        return [q.name for q in self.fc.screen.questions]

    def answer_and_next(self, name: str, value: object) -> AnswerResult:
        result = self.answer(name, value)
        if not result.ok:
            return result
        return self.next()

    def answers_xml(self) -> ET.Element:
        result = self.finalize()
        assert result.ok and result.submission is not None, result.problems
        return ET.fromstring(result.submission.xml)


def valid_cn_id(first17: str = "11010519491231002") -> str:
    return first17 + cn_id_check_digit(first17)


def candidates(q: QuestionPrompt) -> list[object]:
    """Values a walker tries, in order, until one is accepted."""
    appearance = set(q.appearance.split())
    if "cn-id" in appearance:
        return [valid_cn_id()]
    if "cn-mobile" in appearance:
        return ["13800138000"]
    if "cn-postcode" in appearance:
        return ["100000"]
    choices = [c.value for c in q.choices]
    return {
        "text": ["text", "1", "yes", "abc", "6222021234567890123"],
        "integer": [1, 2, 5, 10, 0, 15, 20, 30, 37, 60, 100, 1000],
        "decimal": [1.5, 37, 1, 10, 15, 0, 100],
        # FIXED_NOW is 2025-03-09: past dates first, then days just ahead for bookings
        "date": ["2020-01-15", "2024-06-01", "2025-03-01", "2000-01-01", "1950-05-01", "2025-03-09",
                 "2025-03-10", "2025-03-20"],
        "time": ["10:30", "08:00"],
        "dateTime": ["2024-06-01T10:30:00", "2025-03-09T09:00:00"],
        "select_one": choices,
        "select_multiple": choices[:1] + [[c] for c in choices[1:]],
        "acknowledge": ["OK"],
        "image": ["photo.jpg"],
        "file": ["notes.pdf"],
    }.get(q.qtype, [])


@dataclass
class Walk:
    steps: int = 0
    screens: list[tuple[str, ...]] = field(default_factory=list)
    answered: dict[str, str] = field(default_factory=dict)  # qtype -> last value given
    stuck: AnswerResult | None = None
    fixes: int = 0  # times finalize sent the walker back to a question
    result: FinalizeResult | None = None


def walk(s: Scenario, max_screens: int = 3000, repeats: int = 1) -> Walk:
    """Answer every question it can with a valid value of its type; add `repeats` of each repeat."""
    w = Walk()
    for _ in range(max_screens):
        screen = s.screen
        if screen.kind is ScreenKind.END:
            w.result = s.finalize()
            fixable = [p for p in w.result.problems if p.status is not Status.UNSUPPORTED]
            if not fixable or w.fixes >= 20:
                return w
            # A question that became relevant after it was passed: go back to it, as Collect does.
            w.fixes += 1
            rows = {row.ref: row.index for row in s.fc.review()}
            s.fc.jump(rows[fixable[0].ref])
            continue
        w.steps += 1
        if screen.kind is ScreenKind.REPEAT_PROMPT:
            w.screens.append(("+repeat", screen.repeat_label))
            if screen.repeat_count < repeats:
                s.add_repeat()
            else:
                s.next()
            continue
        w.screens.append(tuple(q.name for q in screen.questions))
        for q in screen.questions:
            if not q.supported or q.readonly:
                continue
            for value in candidates(q):
                if q.qtype in ("image", "file"):
                    result = s.fc.attach(q.ref, str(value), b"\x89PNG fake bytes")
                else:
                    result = s.answer(q.ref, value)
                if result.status is Status.OK:
                    w.answered[q.qtype] = str(value)
                    break
        result = s.next()
        if not result.ok:
            w.stuck = result
            return w
    raise AssertionError("the walk did not reach the end")
