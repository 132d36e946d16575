"""Form text for the current language: labels, hints, messages, choices and question prompts.

Numbers a person reads (integer and decimal answers in check-your-answers, numbers that
`<output>`s show, such as a claim's computed total) are formatted by `number_text` for the
form's language, so every screen shows the same `1,250` for the stored `1250`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import replace

from inclusion_app import number_text
from inclusion_app.engine.body import Control, Itemset
from inclusion_app.engine.choice_lists import ChoiceCache, fast_reader
from inclusion_app.engine.itext import Label, media_path, render
from inclusion_app.engine.navigation import Entry
from inclusion_app.engine.prompt import Choice, QuestionPrompt, ReviewRow, Screen, ScreenKind
from inclusion_app.engine.state import FormState
from inclusion_app.engine.tree import Node, gc_paused
from inclusion_app.engine.xpath import EvalContext, Expr, XPathError
from inclusion_app.engine.xpath.lookup import is_static
from inclusion_app.i18n import LANGUAGES, N_, format_date, translate_to

# Forms often name languages without a code ("English", "Chinese"): map the common ones.
CONFIRMED = N_("I confirm")  # an acknowledgement's answer: the words on its button
APP_LANGUAGE = {"english": "en", "chinese": "zh", "中文": "zh", "简体中文": "zh", "mandarin": "zh"}
# A computed value shown as a number: no leading zero (so codes such as "0571" stay text).
_COMPUTED_NUMBER = re.compile(r"^-?(0|[1-9]\d{0,14})(\.\d+)?$")


class Renderer:
    """Turns labels and choices into text in one language, evaluating `<output>`s in context."""

    def __init__(self, state: FormState, language: str | None) -> None:
        self.state = state
        self.form = state.form
        self.language = language
        # Set when a text just made quoted the form's data (an <output> or a label expression):
        # such text may hold a person's answers, so speech must never cache it on disk.
        self.quoted = False
        self._lists = ChoiceCache()  # choices made from lists beside the form, reused

    def text(self, label: Label | None, node: Node, form: str = "") -> str:
        if label is None:
            return ""
        if label.itext_id is not None:
            found = self.form.itext.get(label.itext_id, self.language, form)
            if found is None:
                return ""
            return render(found, lambda e: self._quote(e, node))
        if form:
            return ""
        if label.expr is not None:
            return self._quote(label.expr, node, as_output=False)
        return render(label.text, lambda e: self._quote(e, node))

    def _quote(self, expr: Expr, node: Node, as_output: bool = True) -> str:
        self.quoted = True
        if as_output:
            return self.output(expr, node)
        return self.state.eval_str(expr, node, "label")

    def itext(self, text_id: str) -> str:
        found = self.form.itext.get(text_id, self.language)
        if found is None:
            return ""
        return render(found, lambda e: self.output(e, self.state.root))

    def output(self, expr: Expr, node: Node) -> str:
        """An `<output>`'s text: a number (computed, or an integer, decimal or calculated
        node's value) formatted for the language; anything else as XPath's string."""
        text = self.state.eval_str(expr, node, "label")
        if not text:
            return text
        try:
            value = expr.evaluate(self.state.ctx(node))
        except (XPathError, ArithmeticError, ValueError, TypeError, RecursionError):
            return text
        if isinstance(value, bool):
            return text
        numeric = isinstance(value, float | int)
        if isinstance(value, list) and len(value) == 1 and isinstance(value[0], Node):
            source = value[0]
            bind = self.form.bind(source.generic_path())
            numeric = source.datatype in ("int", "decimal") or (
                bind is not None and bind.calculate is not None
                and _COMPUTED_NUMBER.match(text) is not None)
        return number_text.display(text, self._app_language()) if numeric else text

    def _app_language(self) -> str | None:
        code = (self.language or "").lower()
        lang = APP_LANGUAGE.get(code, code[:2])
        return lang if lang in LANGUAGES else None

    def media(self, label: Label | None, kind: str) -> str | None:
        if label is None or label.itext_id is None or self.form.media_dir is None:
            return None
        found = self.form.itext.get(label.itext_id, self.language, kind)
        if not found:
            return None
        return media_path(render(found, lambda _e: ""), self.form.media_dir)

    def _media_id(self, text_id: str, kind: str) -> str | None:
        if self.form.media_dir is None:
            return None
        return self.media(Label(itext_id=text_id), kind)

    def choices(self, control: Control, node: Node) -> tuple[Choice, ...]:
        """Inline items, or the itemset filtered with current() = this question's node."""
        out: list[Choice] = []
        for item in control.items:
            out.append(
                Choice(
                    item.value,
                    self.text(item.label, node) or item.value,
                    self.media(item.label, "image"),
                    self.media(item.label, "audio"),
                )
            )
        itemset = control.itemset
        if itemset is None:
            return tuple(out)
        ctx = self.state.ctx(node, current=node)
        try:
            items = itemset.nodeset.eval_nodes(ctx)
        except (XPathError, ArithmeticError, ValueError, TypeError) as exc:
            self.state.note(exc, itemset.nodeset, f"choices of {control.name}")
            return tuple(out)
        static = bool(items) and self._lists.reusable(itemset) and all(
            is_static(n, ctx) for n in (items[0], items[-1]))
        if static:
            kept = self._lists.get(itemset, self.language, items)
            if kept is None:
                with gc_paused():  # tens of thousands of choices: no collections while they are made
                    kept = self._item_choices(control, itemset, items, ctx)
                self._lists.put(itemset, self.language, items, kept)
            return tuple(out) + kept if out else kept
        return tuple(out) + self._item_choices(control, itemset, items, ctx)

    def _item_choices(self, control: Control, itemset: Itemset, items: list[Node], ctx: EvalContext) -> tuple[Choice, ...]:
        out: list[Choice] = []
        read = fast_reader(itemset)
        if read is not None:  # value and label are plain child names: no expression to evaluate
            for item in items:
                value, label = read(item)
                out.append(Choice(value, label or value))
            return tuple(out)
        size = len(items)
        for position, item in enumerate(items, 1):
            item_ctx = ctx.at(item, position, size)
            try:
                value = itemset.value.eval_str(item_ctx) if itemset.value else item.string_value()
                label = itemset.label.eval_str(item_ctx) if itemset.label else value
                text_id = itemset.label_id.eval_str(item_ctx) if itemset.label_id else ""
            except (XPathError, ArithmeticError, ValueError, TypeError) as exc:
                self.state.note(exc, itemset.nodeset, f"choices of {control.name}")
                continue
            image = self._media_id(text_id, "image") if text_id else None
            audio = self._media_id(text_id, "audio") if text_id else None
            out.append(Choice(value, label or value, image, audio))
        return tuple(out)

    def choice_label(self, control: Control, node: Node, value: str) -> str:
        for choice in self.choices(control, node):
            if choice.value == value:
                return choice.label
        return ""

    def prompt(self, control: Control, node: Node) -> QuestionPrompt:
        self.quoted = False
        choices = self.choices(control, node) if control.tag in ("select1", "select", "rank") else ()
        prompt = QuestionPrompt(
            ref=node.indexed_path(),
            name=control.name,
            qtype=control.qtype,
            label=self.text(control.label, node),
            hint=self.text(control.hint, node),
            guidance_hint=self.text(control.hint, node, "guidance"),
            required=node.required,
            readonly=node.readonly or control.qtype == "note",
            appearance=control.appearance,
            choices=choices,
            answer=node.value,
            image=self.media(control.label, "image"),
            audio=self.media(control.label, "audio"),
            supported=control.supported,
            mediatype=control.mediatype,
        )
        return replace(prompt, quotes_answers=True) if self.quoted else prompt

    def _app_language(self) -> str:
        """The program's code for the form's language ("zh" for "chinese" too)."""
        lang = (self.language or "").lower()
        return APP_LANGUAGE.get(lang, lang[:2])

    def display(self, control: Control, node: Node) -> str:
        """An answer as a person reads it: choice labels rather than codes, an acknowledgement
        in the words of its button, several answers joined as the language does (、)."""
        value = node.value
        if not value:
            return ""
        lang = self._app_language()
        if control.qtype in ("acknowledge", "trigger"):
            return translate_to(lang, CONFIRMED) if lang in LANGUAGES else value
        if control.qtype == "select_one":
            return self.choice_label(control, node, value) or value
        if control.qtype == "select_multiple":
            labels = {c.value: c.label for c in self.choices(control, node)}
            joiner = "、" if lang == "zh" else ", "
            return joiner.join(labels.get(v, v) for v in value.split())
        if control.qtype in ("date", "dateTime", "time"):
            return self._when(control.qtype, value)
        if control.qtype in number_text.NUMERIC_TYPES:
            return number_text.display(value, self._app_language())
        return value

    def _when(self, qtype: str, value: str) -> str:
        """Dates the way the person's language writes them (2025年3月9日, 9 March 2025); times as 14:30."""
        lang = self._app_language()
        try:
            if qtype == "time":
                return value[:5]
            day = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
        text = format_date(day, "long", lang) if lang in LANGUAGES else day.isoformat()
        return f"{text} {value[11:16]}" if qtype == "dateTime" and len(value) >= 16 else text

    def review_rows(self, entries: Iterable[Entry]) -> list[ReviewRow]:
        """Rows for the relevant screens given: notes and skipped unanswerable questions left out."""
        rows: list[ReviewRow] = []
        for entry in entries:
            if entry.kind is not ScreenKind.QUESTIONS:
                continue
            group = self.text(entry.group[0].label, entry.group[1]) if entry.group else ""
            for control, node in entry.items:
                if not node.relevant or control.qtype == "note" or not (control.supported or node.required):
                    continue
                rows.append(
                    ReviewRow(
                        ref=node.indexed_path(),
                        label=self.text(control.label, node) or control.name,
                        answer=self.display(control, node),
                        answered=bool(node.value),
                        index=entry.key,
                        qtype=control.qtype,
                        appearance=control.appearance,
                        group_label=group,
                        supported=control.supported,
                        removable=self.removable(entry),
                    )
                )
        return rows

    def screen(self, entry: Entry, step: int, total: int) -> Screen:
        """The frozen view of one screen for the UI and speech."""
        self.quoted = False
        group_label = self.text(entry.group[0].label, entry.group[1]) if entry.group is not None else ""
        if entry.kind is ScreenKind.REPEAT_PROMPT and entry.repeat is not None and entry.parent is not None:
            label = self.text(entry.repeat.label, entry.parent) or group_label
            parent = entry.parent.indexed_path() if not entry.parent.is_document else ""
            ref = f"{parent}/{entry.repeat.name}"
            return Screen(entry.kind, entry.key, (), group_label, label, entry.count, step, total, ref,
                          quotes_answers=self.quoted, removable=self.removable(entry))
        group_quotes = self.quoted
        shown = [(c, n) for c, n in entry.items if n.relevant and (c.supported or n.required)]
        # An answer that made its own screen not apply: keep showing it until the person moves on.
        questions = tuple(self.prompt(c, n) for c, n in shown or entry.items)
        return Screen(entry.kind, entry.key, questions, group_label, step=step, total=total,
                      quotes_answers=group_quotes, removable=self.removable(entry))

    def removable_instance(self, instance: Node) -> Node | None:
        control = self.form.by_ref.get(instance.generic_path())
        return instance if control is not None and control.tag == "repeat" and control.user_repeat else None

    def removable(self, entry: Entry) -> str:
        """The innermost repeat instance around a screen that a person may remove: one they added
        themselves (not a jr:count or noAddRemove repeat), as ODK Collect offers it."""
        for instance in reversed(entry.within):
            control = self.form.by_ref.get(instance.generic_path())
            if control is not None and control.tag == "repeat":
                return instance.indexed_path() if control.user_repeat else ""
        return ""
