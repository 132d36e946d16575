"""What expressions ask of the outside while a form is filled: the clock, translations, choices."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from inclusion_app.engine.tree import Node

if TYPE_CHECKING:
    from inclusion_app.engine.controller import FormController


class ControllerHost:
    """The XPath `Host` of one FormController."""

    def __init__(self, controller: FormController) -> None:
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
