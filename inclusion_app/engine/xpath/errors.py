"""Errors the expression language raises; callers add the question name."""

from __future__ import annotations


class XPathError(Exception):
    """An expression could not be evaluated (a plain message, never a traceback for people)."""

    def __init__(self, message: str, expression: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.expression = expression

    def __str__(self) -> str:
        if self.expression:
            return f"{self.message} in expression: {self.expression}"
        return self.message


class XPathSyntaxError(XPathError):
    """An expression is not valid XPath 1.0 or calls a function that does not exist here."""

    def __init__(self, message: str, expression: str = "", position: int = 0) -> None:
        super().__init__(message, expression)
        self.position = position

    def __str__(self) -> str:
        if self.expression:
            return f"{self.message} (at character {self.position + 1} of: {self.expression})"
        return self.message
