"""The live instance of one form being filled: values, relevance, repeats and recomputation."""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Callable, Iterable

from inclusion_app.engine.dag import Triggerable
from inclusion_app.engine.formdef import FormDef
from inclusion_app.engine.model import LOAD_EVENTS, NEW_REPEAT_EVENTS, SetValue, walk_paths
from inclusion_app.engine.navigation import find
from inclusion_app.engine.repeats import RepeatOps, inside
from inclusion_app.engine.tree import Node, document
from inclusion_app.engine.xpath import EvalContext, Expr, Host, XPathError, dates
from inclusion_app.engine.xpath.conversions import to_str


def lexical(value: object, datatype: str) -> str:
    """An XPath result as the lexical value stored in a node of `datatype`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | int) and datatype in ("int", "decimal", "string"):
        if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
            return ""
        if datatype == "int":
            return str(int(value))
        if float(value).is_integer() and abs(value) < 1e15:
            return str(int(value)) if datatype == "string" else str(value)
        return repr(float(value))
    if isinstance(value, float | int) and datatype in ("date", "dateTime"):
        # `today() + 7` is a number of days: store it as the date it means, as JavaRosa does.
        try:
            value = dates.from_days(float(value), keep_time=datatype == "dateTime")
        except XPathError:
            return ""
    if isinstance(value, list):
        return to_str(value)  # relevance-aware: a non-relevant node reads as empty
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if datatype == "date" else value.isoformat(timespec="milliseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def timestamp(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


class FormState(RepeatOps):
    """Owns the primary instance tree and keeps calculates, relevance, required and readonly current."""

    def __init__(self, form: FormDef, host: Host, clock: Callable[[], dt.datetime], root: Node | None = None) -> None:
        self.form = form
        self.host = host
        self.clock = clock
        self.root = root if root is not None else form.root.clone()
        self.doc = document(self.root)
        self.own_relevant: dict[int, bool] = {}
        self._depth = 0  # nesting of reruns caused by relevance flips
        self.errors: list[str] = []  # expression failures while filling: reported, never raised
        self.counted = [c for c in form.by_ref.values() if c.tag == "repeat" and c.count is not None]
        self.self_sized = {c.ref for c in self.counted if self._counts_itself(c.ref, c.count)}
        self.reindex()

    # -- evaluation ------------------------------------------------------------------------
    def ctx(self, node: Node, current: Node | None = None) -> EvalContext:
        return EvalContext(node, self.doc, self.form.instances, self.host, current=current)

    def note(self, exc: Exception, expr: Expr, where: str) -> None:
        message = f"{where}: {exc}"
        if message not in self.errors and len(self.errors) < 100:
            self.errors.append(message)

    def eval_bool(self, expr: Expr, node: Node, where: str, default: bool) -> bool:
        try:
            return bool(expr.eval_bool(self.ctx(node)))
        except (XPathError, ArithmeticError, ValueError, TypeError, RecursionError) as exc:
            self.note(exc, expr, where)
            return default

    def eval_str(self, expr: Expr, node: Node, where: str) -> str:
        try:
            return expr.eval_str(self.ctx(node))
        except (XPathError, ArithmeticError, ValueError, TypeError, RecursionError) as exc:
            self.note(exc, expr, where)
            return ""

    def eval_value(self, expr: Expr, node: Node, where: str) -> str:
        try:
            return lexical(expr.evaluate(self.ctx(node)), node.datatype)
        except (XPathError, ArithmeticError, ValueError, TypeError, RecursionError) as exc:
            self.note(exc, expr, where)
            return ""

    # -- structure -------------------------------------------------------------------------
    def reindex(self) -> None:
        """Rebuild path -> nodes and effective relevance after the tree's shape changed."""
        self.paths: dict[str, list[Node]] = {}
        live: set[int] = set()
        for node, path in walk_paths(self.root):
            self.paths.setdefault(path, []).append(node)
            live.add(id(node))
        # ids of removed nodes may be reused by new ones: forget them
        self.own_relevant = {k: v for k, v in self.own_relevant.items() if k in live}
        self._propagate(self.root)

    def nodes(self, path: str) -> list[Node]:
        return self.paths.get(path, [])

    def _propagate(self, top: Node) -> list[str]:
        """Effective relevance below `top`; the generic paths whose relevance flipped."""
        parent_rel = top.parent.relevant if top.parent is not None and not top.parent.is_document else True
        flipped: list[str] = []
        stack = [(top, parent_rel)]
        while stack:
            node, above = stack.pop()
            before = node.relevant
            node.relevant = above and self.own_relevant.get(id(node), True)
            if node.relevant != before:
                flipped.append(node.generic_path())
            stack.extend((child, node.relevant) for child in node.children)
        return flipped

    # -- recomputation ---------------------------------------------------------------------
    def run(self, triggerables: Iterable[Triggerable], within: Node | None = None) -> None:
        for t in triggerables:
            for node in self.nodes(t.target):
                if within is not None and not inside(node, within):
                    continue
                self.apply(t, node)

    def apply(self, t: Triggerable, node: Node) -> None:
        where = f"{t.kind} of {t.target.rsplit('/', 1)[-1]}"
        if t.kind == "calculate":
            node.value = self.eval_value(t.expr, node, where)
        elif t.kind == "relevant":
            value = self.eval_bool(t.expr, node, where, True)
            if self.own_relevant.get(id(node), True) != value:
                self.own_relevant[id(node)] = value
                flipped = self._propagate(node)
                # A non-relevant node reads as empty (JavaRosa's getRefValue): its readers rerun.
                if flipped and self._depth < 20:
                    self._depth += 1
                    try:
                        for path in dict.fromkeys(flipped):
                            self.run(self.form.dag.closure(path))
                    finally:
                        self._depth -= 1
        elif t.kind == "required":
            node.required = self.eval_bool(t.expr, node, where, False)
        elif t.kind == "readonly":
            node.readonly = self.eval_bool(t.expr, node, where, False)

    def recompute_all(self, values: bool = True) -> None:
        """Every triggerable in order; `values=False` keeps stored values (a restored draft)."""
        items = self.form.dag.triggerables
        self.run(t for t in items if values or t.kind != "calculate")

    def changed(self, node: Node, depth: int = 0) -> None:
        """A value changed: its value-changed actions, then everything that depends on it."""
        path = node.generic_path()
        for action in self.form.setvalues:
            if action.event == "xforms-value-changed" and action.trigger == path and depth < 10:
                target = self._target(action, node)
                if target is not None:
                    target.value = self._setvalue_value(action, target)
                    self.changed(target, depth + 1)
        self.run(self.form.dag.closure(path))

    # -- set-up ----------------------------------------------------------------------------
    def initialise(self) -> None:
        """A new, empty form: preloads, first-load actions, then every calculation once."""
        for bind in self.form.binds.values():
            for node in self.nodes(bind.path):
                self._preload(bind.preload, bind.preload_params, node)
        for node in self.root.iter():
            if node.generic_path().endswith("/meta/instanceID") and not node.value:
                node.value = f"uuid:{uuid.uuid4()}"
        self._fire("odk-instance-first-load", self.root)
        self.recompute_all()
        self.initial_size()
        self.size_counted_repeats()

    def reopened(self) -> None:
        """A saved draft opened again: odk-instance-load runs every time a form is opened (its
        first-load companions ran once, when the form was new), as in JavaRosa."""
        for action in self.form.setvalues:
            if action.event == "odk-instance-load":
                for target in self.nodes(action.target):
                    target.value = self._setvalue_value(action, target)
                    self.changed(target)

    def _preload(self, kind: str, params: str, node: Node) -> None:
        if kind == "uid":
            node.value = f"uuid:{uuid.uuid4()}"
        elif kind == "timestamp" and params == "start":
            node.value = timestamp(self.clock())
        elif kind == "date" and params == "today":
            node.value = self.clock().date().isoformat()
        elif kind == "property":
            node.value = self.host.property(params)

    def stamp_end(self) -> None:
        for bind in self.form.binds.values():
            if bind.preload == "timestamp" and bind.preload_params == "end":
                for node in self.nodes(bind.path):
                    node.value = timestamp(self.clock())

    def _fire(self, event: str, within: Node) -> None:
        """Run the actions of `event` inside `within`; the older names of the same moment count too
        (xforms-ready and odk-instance-load with first load, jr-insert with odk-new-repeat)."""
        names = LOAD_EVENTS if event in LOAD_EVENTS else NEW_REPEAT_EVENTS if event in NEW_REPEAT_EVENTS else {event}
        for action in self.form.setvalues:
            if action.event not in names:
                continue
            for target in self.nodes(action.target):
                if inside(target, within):
                    target.value = self._setvalue_value(action, target)

    def _setvalue_value(self, action: SetValue, target: Node) -> str:
        if action.value is None:
            return action.literal
        return self.eval_value(action.value, target, f"default of {target.name}")

    def _target(self, action: SetValue, source: Node) -> Node | None:
        """The target in the same repeat instance as the node that changed."""
        node: Node | None = source
        while node is not None and not node.is_document:
            path = node.generic_path()
            if action.target == path or action.target.startswith(path + "/"):
                return find(node, path, action.target)
            node = node.parent
        return None
