"""Errors raised while reading a form; a person's answers never raise."""

from __future__ import annotations


class FormDefError(Exception):
    """A form the engine cannot run: the message names the question or bind and the expression."""

    def __init__(self, message: str, source: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message
