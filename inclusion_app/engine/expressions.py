"""Parse every expression of a form once, at load, naming the question when one is broken."""

from __future__ import annotations

from inclusion_app.engine.errors import FormDefError
from inclusion_app.engine.xpath import Expr, XPathError, parse


class ExpressionCompiler:
    """Parses XPath text into `Expr`s, sharing one parse among identical texts (big forms repeat them)."""

    def __init__(self, source: str = "") -> None:
        self.source = source
        self._cache: dict[str, Expr] = {}

    def compile(self, text: str, where: str, what: str = "expression") -> Expr:
        """`where` names the question or bind; `what` the attribute ("relevant", "constraint", ...)."""
        key = text.strip()
        expr = self._cache.get(key)
        if expr is not None:
            return expr
        if not key:
            raise FormDefError(f"{where}: the {what} is empty", self.source)
        try:
            expr = parse(key)
        except XPathError as exc:
            raise FormDefError(
                f"{where}: the {what} cannot be read: {exc.message} (expression: {key})", self.source
            ) from None
        except RecursionError:
            raise FormDefError(
                f"{where}: the {what} is nested too deeply (expression: {key[:200]})", self.source
            ) from None
        self._cache[key] = expr
        return expr

    def functions(self) -> frozenset[str]:
        """Every function called by the expressions compiled so far (for engine.features)."""
        from inclusion_app.engine.features import calls

        return frozenset(name for expr in self._cache.values() for name in calls(expr.ast))
