"""FormController: answer, move, review and finalize one form, as JavaRosa's FormEntryController.

A person's input never raises: every call answers with a status and a message in the form's
current language. Relevance is a pure function of the answers; after each answer only what
depends on it is recomputed (see `dag.py`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from inclusion_app.engine import snapshot as snap
from inclusion_app.engine.body import Control
from inclusion_app.engine.checks import MSG_NO_QUESTION, Checker
from inclusion_app.engine.choice_lists import search
from inclusion_app.engine.formdef import FormDef
from inclusion_app.engine.host import ControllerHost
from inclusion_app.engine.navigation import Entry, build_entries, find_instance, instance_key
from inclusion_app.engine.prompt import (
    AnswerResult,
    Choice,
    FinalizeResult,
    ReviewRow,
    Screen,
    ScreenKind,
    Status,
    Submission,
)
from inclusion_app.engine.render import APP_LANGUAGE, Renderer
from inclusion_app.engine.state import FormState
from inclusion_app.engine.submission import build_submission, mark_assisted
from inclusion_app.engine.tree import Node
from inclusion_app.i18n import LANGUAGES, translate_to
from inclusion_app.i18n import _ as gettext_


class FormController:
    """One person filling one form: the only way the UI and the command line change an answer."""

    def __init__(
        self,
        form: FormDef,
        language: str | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        *,
        _root: Node | None = None,
    ) -> None:
        self.form = form
        self._clock = clock or (lambda: dt.datetime.now().astimezone())
        self.language = self._pick_language(language)
        self._attachments: dict[str, bytes] = {}
        self._state = FormState(form, ControllerHost(self), self._clock, _root)
        self._renderer = Renderer(self._state, self.language)
        self._checker = Checker(form, self._state, self._renderer, self._msg)
        self._submission: Submission | None = None
        self._fallback_id = f"uuid:{uuid.uuid4()}"  # for a form without meta/instanceID
        self.assisted = False  # a volunteer helped: the submission says so (submission.mark_assisted)
        if _root is None:
            self._state.initialise()
        else:
            self._state.recompute_all(values=False)
            self._state.reopened()
        self._rebuild()
        self._pos = 0
        self._pos = self._forward_from(0)

    # -- language --------------------------------------------------------------------------
    def _pick_language(self, code: str | None) -> str | None:
        langs = self.form.languages
        if not langs:
            return code
        if code in langs:
            return code
        return self.form.default_language

    def set_language(self, code: str) -> None:
        """Change the language mid-form; answers are kept."""
        picked = self._pick_language(code)
        self.language = picked if self.form.languages else code
        self._renderer.language = self.language

    def _msg(self, msgid: str) -> str:
        """An engine message in the form's current language when the program has that catalog."""
        code = APP_LANGUAGE.get((self.language or "").lower(), (self.language or "").split("-")[0].split("_")[0].lower())
        return translate_to(code, msgid) if code in LANGUAGES else gettext_(msgid)

    # -- structure -------------------------------------------------------------------------
    def _rebuild(self) -> None:
        key = self._entries[self._pos].key if hasattr(self, "_entries") else None
        self._entries: list[Entry] = build_entries(self.form.controls, self._state.root, self.form.templates.keys())
        self._keys = {e.key: i for i, e in enumerate(self._entries)}
        if key is not None:
            self._pos = self._locate(key)

    def _locate(self, key: tuple[int, ...]) -> int:
        found = self._keys.get(key)
        if found is not None:
            return found
        for i, entry in enumerate(self._entries):
            if entry.key >= key:
                return i
        return len(self._entries) - 1

    def _relevant(self, entry: Entry) -> bool:
        if entry.kind is ScreenKind.END:
            return True
        if not entry.shown:
            return False
        if entry.kind is ScreenKind.REPEAT_PROMPT:
            return self._prompt_relevant(entry)
        return any(
            node.relevant and (control.supported or node.required) for control, node in entry.items
        )

    def _prompt_relevant(self, entry: Entry) -> bool:
        parent, repeat = entry.parent, entry.repeat
        if parent is None or repeat is None or not parent.relevant:
            return False
        bind = self.form.binds.get(repeat.ref)
        if bind is None or bind.relevant is None:
            return True
        instances = parent.children_named(repeat.name)
        if instances:
            return instances[-1].relevant  # kept current by the dependency graph
        return self._state.eval_bool(bind.relevant, parent, f"relevant of {repeat.name}", True)

    def _forward_from(self, i: int) -> int:
        while i < len(self._entries) - 1 and not self._relevant(self._entries[i]):
            i += 1
        return i

    # -- reading ---------------------------------------------------------------------------
    @property
    def screen(self) -> Screen:
        entry = self._entries[self._pos]
        relevant = [self._relevant(e) for e in self._entries[:-1]]
        total = sum(relevant)
        step = sum(relevant[: self._pos]) + (1 if self._pos < len(relevant) and relevant[self._pos] else 0)
        if entry.kind is ScreenKind.END:
            step = total
        return self._renderer.screen(entry, step, total)

    @staticmethod
    def _answerable(entry: Entry) -> bool:
        """Could this screen ever be asked here, whatever the answers (relevance aside)?"""
        if entry.kind is ScreenKind.REPEAT_PROMPT:
            return True
        return any(control.supported or node.required for control, node in entry.items)

    def steps(self) -> tuple[int, int]:
        """(this step, the most steps there can be, "check your answers" included).

        Screens behind count when they were shown; every screen ahead that could still be
        asked counts, relevant now or not, so the total never grows while the person walks
        forward (it shrinks as branches are passed by). Adding a repeat adds its screens."""
        relevant = [self._relevant(e) for e in self._entries[:-1]]
        here = min(self._pos, len(relevant))
        step = sum(relevant[:here]) + (1 if here < len(relevant) and relevant[here] else 0)
        ahead = sum(1 for e in self._entries[here + 1:-1] if self._answerable(e))
        if self._entries[self._pos].kind is ScreenKind.END:
            return step + 1, step + 1
        return step, step + ahead + 1

    def search_choices(self, ref: str, text: str, limit: int | None = None) -> tuple[Choice, ...]:
        """The choices of a select question whose label or value contains `text` (case, width and
        accents ignored), those starting with it first: what a search box over a long list shows.
        Empty text gives every choice; an unknown question gives none."""
        found = self._find(ref)
        if found is None or found[0].tag not in ("select1", "select"):
            return ()
        return search(self._renderer.choices(*found), text, limit)

    def node_at(self, path: str) -> Node | None:
        """The instance node at a generic path (first of any repeat), for a bundle's reads."""
        steps = [s for s in path.strip("/").split("/") if s]
        node: Node | None = self._state.root
        if not steps or node is None or steps[0] != node.name:
            return None
        for step in steps[1:]:
            node = node.child(step) if node is not None else None
        return node

    # -- answering -------------------------------------------------------------------------
    def _find(self, ref: str) -> tuple[Control, Node] | None:
        ref = ref.strip()
        current = self._entries[self._pos].items
        for entries in (current, [item for e in self._entries for item in e.items]):
            for control, node in entries:
                if ref in (node.indexed_path(), control.name, control.ref):
                    return control, node
        return None

    def answer(self, ref: str, value: object) -> AnswerResult:
        """Store a value of the question's type (even one that fails its constraint) and say how it is."""
        found = self._find(ref)
        if found is None:
            return AnswerResult(Status.INVALID, self._msg(MSG_NO_QUESTION), ref)
        control, node = found
        lexical, refusal = self._checker.prepare(control, node, value, self._clock().tzinfo)
        if refusal is not None:
            return refusal
        if lexical != node.value:
            node.value = lexical
            self._changed(node)
        return self._checker.check(control, node)

    def attach(self, ref: str, filename: str, data: bytes) -> AnswerResult:
        """Answer an image/file question with a file's name and keep its bytes for the submission."""
        result = self.answer(ref, filename)
        if result.status is not Status.INVALID and result.status is not Status.UNSUPPORTED:
            found = self._find(ref)
            if found is not None and found[1].value:
                self._attachments[found[1].value] = bytes(data)
        return result

    def _changed(self, node: Node) -> None:
        self._submission = None
        self._state.changed(node)
        if self._state.counted and self._state.size_counted_repeats():
            self._rebuild()

    # -- moving ----------------------------------------------------------------------------
    def next(self) -> AnswerResult:
        """Validate this screen; move to the next relevant one only when every answer is OK."""
        entry = self._entries[self._pos]
        if entry.kind is ScreenKind.END:
            return AnswerResult(Status.OK)
        if entry.kind is ScreenKind.QUESTIONS:
            for control, node in entry.items:
                result = self._checker.check(control, node)
                if not result.ok:
                    return result
        self._pos = self._forward_from(self._pos + 1)
        if self._state.self_sized:
            self._grow_self_sized(entry)
        return AnswerResult(Status.OK)

    def _grow_self_sized(self, left: Entry) -> None:
        """Leaving the last instance of a self-counting repeat: evaluate its count now."""
        if self._state.grow_on_leave(left.within, self._entries[self._pos].within):
            self._rebuild()
            self._pos = self._forward_from(self._locate(left.key) + 1)

    def back(self) -> bool:
        i = self._pos - 1
        while i >= 0 and not self._relevant(self._entries[i]):
            i -= 1
        if i < 0:
            return False
        self._pos = i
        return True

    def add_repeat(self) -> None:
        """At a repeat's "add another?" screen: add one and move to its first question."""
        entry = self._entries[self._pos]
        if entry.kind is not ScreenKind.REPEAT_PROMPT or entry.repeat is None or entry.parent is None:
            return
        self._submission = None
        if self._state.add_instance(entry.repeat.ref, entry.parent) is None:
            return
        self._rebuild()
        self._pos = self._forward_from(self._locate(entry.key))

    def remove_repeat(self, ref: str | None = None) -> bool:
        """Remove a repeat instance added by mistake ("/data/member[2]", Screen.removable or
        ReviewRow.removable; None: the one the current screen is in). Everything that depends on
        it is recomputed; the person lands on what now takes its place (the next instance, else
        the "add another?" screen). False, and nothing changes, for a jr:count or noAddRemove
        repeat, or a path that is not a removable instance."""
        wanted = self._renderer.removable(self._entries[self._pos]) if ref is None else ref
        instance = find_instance(self._entries, wanted)
        if instance is None or self._renderer.removable_instance(instance) is None:
            return False
        key = instance_key(self._entries, instance)
        if key is None:
            return False
        self._submission = None
        self._state.remove_instance(instance)
        self._rebuild()
        self._pos = self._forward_from(self._locate(key))
        return True

    def jump(self, index: tuple[int, ...] | list[int]) -> None:
        """Go to a screen (from Screen.index or ReviewRow.index); a stale one moves on to the next shown."""
        try:
            key = tuple(int(k) for k in index)
        except (TypeError, ValueError):
            return
        self._pos = self._forward_from(self._locate(key))

    def position(self) -> str:
        return ".".join(str(k) for k in self._entries[self._pos].key)

    # -- the end ---------------------------------------------------------------------------
    def review(self) -> list[ReviewRow]:
        """Check your answers: every relevant question, answered or not, in form order."""
        return self._renderer.review_rows(e for e in self._entries if self._relevant(e))

    def problems(self) -> list[AnswerResult]:
        """Every relevant answer that stops finalization, in form order."""
        found: list[AnswerResult] = []
        for entry in self._entries:
            if entry.kind is ScreenKind.QUESTIONS and entry.shown:
                for control, node in entry.items:
                    result = self._checker.check(control, node, final=True)
                    if not result.ok:
                        found.append(result)
        return found

    def finalize(self) -> FinalizeResult:
        """The submission, once every relevant required answer is given and every constraint holds."""
        problems = self.problems()
        if problems:
            return FinalizeResult(False, tuple(problems), None)
        if self._submission is None:
            self._state.stamp_end()
            if self.assisted:
                mark_assisted(self._state.root)
            self._state.recompute_all()
            self._submission = build_submission(
                self.form, self._state.root, self._used_attachments(), self.language, self._fallback_id
            )
        return FinalizeResult(True, (), self._submission)

    def _used_attachments(self) -> dict[str, bytes]:
        names = {
            node.value
            for entry in self._entries
            for control, node in entry.items
            if control.qtype in ("image", "file") and node.relevant and node.value
        }
        return {name: blob for name, blob in self._attachments.items() if name in names}

    # -- drafts ----------------------------------------------------------------------------
    def snapshot(self) -> bytes:
        return snap.dumps(self._state.root, self._entries[self._pos].key, self.language, self._attachments,
                          self.form.form_hash, assisted=self.assisted)

    @classmethod
    def restore(
        cls,
        form: FormDef,
        snapshot: bytes,
        position: str | None = None,
        language: str | None = None,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> FormController:
        """A controller exactly where the draft was; raises SnapshotError for a damaged draft."""
        saved = snap.loads(form, snapshot)
        fc = cls(form, language or saved.language, clock, _root=saved.root)
        fc._attachments = dict(saved.attachments)
        fc.assisted = saved.assisted
        key = saved.key
        if position:
            try:
                key = tuple(int(k) for k in position.split("."))
            except ValueError:
                pass
        fc._pos = fc._forward_from(fc._locate(key))
        return fc
