"""Renderer factories for worker tests, importable in a freshly spawned process."""

from __future__ import annotations

import os
import time
from collections.abc import Callable


def make_echo(prefix: str) -> Callable[[str], bytes]:
    """Echoes text; 'hang' never answers, 'crash' kills the process, 'raise' raises."""

    def render(text: str) -> bytes:
        if text == "hang":
            time.sleep(3600)
        if text == "crash":
            os._exit(3)
        if text == "raise":
            raise ValueError("engine error")
        return f"{prefix}{text}".encode()

    return render


def make_broken() -> Callable[[str], bytes]:
    """An engine that cannot even start."""
    raise RuntimeError("no engine here")
