"""Keeps the window's memory small where a library would quietly hold on to megabytes.

PySide6 replaces `builtins.__import__` with its `__feature__` hook, which, for every module
imported afterwards, reads the module's whole source through `inspect.getsource` to see
whether it mentions PySide6. The sources stay in `linecache` for the life of the process:
about 10 MB for the program's ~480 modules. The program uses no `__feature__` option
(snake_case, true_property), so the hook can step aside and the plain import stays.
"""

from __future__ import annotations

import builtins
import linecache
import logging

log = logging.getLogger(__name__)


def drop_feature_import_hook() -> bool:
    """Give imports back to the import PySide6 wrapped; True if the hook was removed.

    Safe to call more than once; does nothing if PySide6 changes how it hooks imports.
    """
    current = builtins.__import__
    previous = getattr(builtins, "__orig_import__", None)
    if previous is None or getattr(current, "__name__", "") != "__feature_import__":
        return False
    builtins.__import__ = previous
    linecache.clearcache()  # what the hook read before it stepped aside
    log.debug("PySide6 __feature__ import hook removed")
    return True
