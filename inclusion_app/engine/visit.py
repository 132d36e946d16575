"""One visit: the forms of a bundle filled in one sitting, personal details asked once.

A `Visit` holds one `FormController` per form, each wrapped so that answering a shared
question (`inclusion:shared`) sets the same value in every other form of the visit; the
shared values themselves are kept in `shared`. A bundle row's `relevant` is worked out when
the visit reaches that form, and again before sending. Each form still finalizes into its
own submission, exactly as when filled alone. Qt-free: the window and `fill` both drive it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from inclusion_app.engine import bundle_relevance as rel
from inclusion_app.engine import visit_snapshot
from inclusion_app.engine.bundle_check import sources
from inclusion_app.engine.controller import FormController
from inclusion_app.engine.prompt import AnswerResult, Screen, ScreenKind, Status, Submission
from inclusion_app.engine.shared_keys import SharedField, shared_fields

if TYPE_CHECKING:
    from inclusion_app.engine.bundle import BundleDef
    from inclusion_app.engine.formdef import FormDef


class SharedController:
    """A form's controller as the screens see it: an answer to a shared question is handed
    to the visit, which gives it to every other form. Everything else is the controller's."""

    def __init__(self, inner: FormController, form_id: str, fields: dict[str, SharedField],
                 on_shared: Callable[[str, str, str], None]) -> None:
        self.inner, self.form_id = inner, form_id
        self._keys = {f.ref: k for k, f in fields.items()} | {f.name: k for k, f in fields.items()}
        self._refs = {k: f.ref for k, f in fields.items()}
        self._on_shared = on_shared

    def key_of(self, ref: str) -> str:
        """The shared key of a question (by path, indexed path or name), or ""."""
        return self._keys.get(ref.strip(), "")

    def answer(self, ref: str, value: object) -> AnswerResult:
        result = self.inner.answer(ref, value)
        key = self.key_of(ref)
        if key and result.status is not Status.INVALID:
            node = self.inner.node_at(self._refs[key])
            self._on_shared(key, node.value if node is not None else str(value), self.form_id)
        return result

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


@dataclass(frozen=True)
class Detail:
    """A shared detail to ask once: its key and the form whose question asks it."""

    key: str
    form_id: str
    ref: str


class Visit:
    def __init__(self, bundle: BundleDef, forms: Mapping[str, FormDef], language: str | None = None,
                 clock: Callable[[], dt.datetime] | None = None) -> None:
        self.bundle = bundle
        self.forms = {fid: forms[fid] for fid in bundle.form_ids}
        self.language = language
        self.fields = {fid: shared_fields(form) for fid, form in self.forms.items()}
        self.shared: dict[str, str] = {}
        self.left_out: set[str] = set()  # services the person chose to leave out
        self.stage = "overview"  # overview, details, forms, review: where the window resumes
        self.current: str | None = None  # the form being filled
        self.sent: dict[str, tuple[str, str]] = {}  # form id -> (reference, instanceID) once queued
        self.consented = False  # agreed, once for the visit, to give ID or bank details
        self._clock = clock
        self.controllers = {fid: self._wrap(fid, FormController(form, language=language, clock=clock))
                            for fid, form in self.forms.items()}

    def _wrap(self, form_id: str, inner: FormController) -> SharedController:
        return SharedController(inner, form_id, self.fields[form_id], self._shared_changed)

    # -- shared details ------------------------------------------------------------------
    def _shared_changed(self, key: str, value: str, source: str) -> None:
        self.shared[key] = value
        for form_id, fields in self.fields.items():
            found = fields.get(key)
            if form_id != source and found is not None:
                self.controllers[form_id].inner.answer(found.ref, value)

    def set_shared(self, key: str, value: object) -> AnswerResult:
        """Give a shared detail to every form that has it; the result is the first form's."""
        holders = [fid for fid in self.form_ids if key in self.fields[fid]]
        if not holders:
            return AnswerResult(Status.INVALID, f"no form of this visit has the shared detail '{key}'", key)
        owner = next((fid for fid in holders if fid not in self.left_out), holders[0])
        return self.controllers[owner].answer(self.fields[owner][key].ref, value)

    def shared_keys(self) -> list[str]:
        """Every shared key of the included forms, in the order the forms first ask them."""
        keys: list[str] = []
        for form_id in self.included():
            keys += [k for k in self.fields[form_id] if k not in keys]
        return keys

    def details(self) -> list[Detail]:
        """The shared details to ask before the forms: each where it is first a question to
        answer now (a detail no form asks yet is asked inside the form that later needs it)."""
        out: list[Detail] = []
        for key in self.shared_keys():
            for form_id in self.included():
                found = self.fields[form_id].get(key)
                if found is not None and self._shown(form_id, found.ref):
                    out.append(Detail(key, form_id, found.ref))
                    break
        return out

    def _shown(self, form_id: str, ref: str) -> bool:
        return any(row.ref == ref and row.supported for row in self.controllers[form_id].inner.review())

    def detail_screen(self, detail: Detail, step: int = 0, total: int = 0) -> Screen | None:
        """The detail's question as its form shows it, alone on a screen."""
        fc = self.controllers[detail.form_id].inner
        row = next((r for r in fc.review() if r.ref == detail.ref), None)
        if row is None:
            return None
        saved = fc.position()
        fc.jump(row.index)
        screen = fc.screen
        fc.jump(tuple(int(k) for k in saved.split(".")))
        question = next((q for q in screen.questions if q.ref == detail.ref), None)
        if question is None:
            return None
        return replace(screen, questions=(question,), group_label="", step=step, total=total)

    # -- which forms ---------------------------------------------------------------------
    @property
    def form_ids(self) -> list[str]:
        return self.bundle.form_ids

    def leave_out(self, form_id: str, out: bool = True) -> None:
        if out:
            self.left_out.add(form_id)
        else:
            self.left_out.discard(form_id)
            for key, value in self.shared.items():  # it missed the details given meanwhile
                found = self.fields[form_id].get(key)
                if found is not None:
                    self.controllers[form_id].inner.answer(found.ref, value)

    def relevant(self, form_id: str) -> bool:
        """The bundle row's `relevant` with the values as they are now."""
        position = self.form_ids.index(form_id)
        text = self.bundle.forms[position].relevant
        if not text.strip():
            return True
        found, _refused = sources(self.bundle, self.forms, position)
        values: dict[str, tuple[str, str]] = {}
        for name, source in found.items():
            if source.key:
                values[name] = (self.shared.get(source.key, ""), source.datatype)
            elif source.form_id not in self.left_out and self.relevant(source.form_id):
                # a form that makes no submission reads as empty (sources are earlier forms)
                node = self.controllers[source.form_id].inner.node_at(source.path)
                value = node.value if node is not None and node.relevant else ""
                values[name] = (value, source.datatype)
        return rel.evaluate(text, values)

    def included(self) -> list[str]:
        """The forms the person has not left out (relevance aside), in bundle order."""
        return [fid for fid in self.form_ids if fid not in self.left_out]

    def next_form(self, after: str | None = None) -> str | None:
        """The next form to fill after `after` (None: the first), whose relevant holds now."""
        ids = self.included()
        start = ids.index(after) + 1 if after in ids else 0
        return next((fid for fid in ids[start:] if self.relevant(fid)), None)

    def to_send(self) -> list[str]:
        """The forms that become submissions: included and relevant with the final answers."""
        return [fid for fid in self.included() if self.relevant(fid)]

    # -- inside a form -------------------------------------------------------------------
    def skip_answered(self, form_id: str) -> None:
        """Move past screens holding only shared questions already answered (or asked and
        left empty, where this form accepts that) and accepted by this form."""
        fc = self.controllers[form_id]
        for _ in range(len(fc.inner.review()) + 1):
            screen = fc.inner.screen
            if screen.kind is not ScreenKind.QUESTIONS or not screen.questions:
                return
            for q in screen.questions:
                key = fc.key_of(q.ref)
                given = bool(q.answer) or key in self.shared  # an optional detail left empty counts
                if not key or not given or not fc.inner.answer(q.ref, q.answer).ok:
                    return
            if not fc.inner.next().ok:
                return

    def finalize(self) -> tuple[list[Submission], tuple[str, tuple[AnswerResult, ...]] | None]:
        """(a submission per form to send, None) or ([], (form id, problems)) for the first
        form that cannot be finished."""
        subs: list[Submission] = []
        for form_id in self.to_send():
            result = self.controllers[form_id].inner.finalize()
            if not result.ok or result.submission is None:
                return [], (form_id, result.problems)
            subs.append(result.submission)
        return subs, None

    def set_language(self, code: str) -> None:
        self.language = code
        for fc in self.controllers.values():
            fc.inner.set_language(code)

    # -- drafts --------------------------------------------------------------------------
    def snapshot(self) -> bytes:
        return visit_snapshot.dumps(self)

    @classmethod
    def restore(cls, bundle: BundleDef, forms: Mapping[str, FormDef], blob: bytes,
                language: str | None = None, clock: Callable[[], dt.datetime] | None = None) -> Visit:
        """The visit exactly as saved; raises SnapshotError when the draft cannot be read."""
        saved = visit_snapshot.loads(blob, bundle.bundle_id)
        visit = cls(bundle, forms, language or saved.language, clock)
        visit.stage, visit.current = saved.stage, saved.current
        visit.left_out = set(saved.left_out) & set(visit.form_ids)
        visit.shared = dict(saved.shared)
        visit.sent = dict(saved.sent)
        visit.consented = saved.consented
        for form_id, (snap, position) in saved.forms.items():
            if form_id in visit.forms:
                inner = FormController.restore(visit.forms[form_id], snap, position,
                                               language=visit.language, clock=clock)
                visit.controllers[form_id] = visit._wrap(form_id, inner)
        return visit
