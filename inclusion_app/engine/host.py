"""What expressions ask of the outside while a form is filled: the clock, translations, choices."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Protocol

from inclusion_app.engine.tree import Node


class Hosted(Protocol):
    """What the host reads of its controller (a protocol, so the two never import each other)."""

    form: Any
    _clock: Callable[[], dt.datetime]
    _renderer: Any


class ControllerHost:
    """The XPath `Host` of one FormController."""

    def __init__(self, controller: Hosted) -> None:
        self.c = controller

    def now(self) -> dt.datetime:
        return self.c._clock()

    def itext(self, text_id: str) -> str:
        return self.c._renderer.itext(text_id)

    def choice_name(self, value: str, ref_node: Node) -> str:
        control = self.c.form.by_ref.get(ref_node.generic_path())
        if control is None:
            return ""
        return self.c._renderer.choice_label(control, ref_node, value)

    def property(self, name: str) -> str:
        return ""  # deviceid, username, phonenumber, email: nothing to tell about this computer
