"""Keeps the window's memory small where a library would quietly hold on to megabytes.

Two places: PySide6's import hook (below) and glibc's allocator (`tune_allocator`).

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
import sys

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


# glibc's mallopt parameters (malloc.h)
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD, _M_ARENA_MAX = -1, -3, -8


def _glibc():  # noqa: ANN202 - a ctypes library, or None where there is no glibc
    """The C library by glibc's own name (find_library would run ldconfig), or None."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt, libc.malloc_trim  # noqa: B018 - musl has neither
    except (OSError, AttributeError):
        return None
    return libc


def tune_allocator() -> bool:
    """Keep the C heap from holding on to memory the program has finished with (glibc only).

    glibc gives each thread that allocates its own heap arena, and raises its mmap threshold
    every time a large block is freed, so later audio buffers (a spoken screen is a few hundred
    kilobytes, rendered on worker threads) land in those heaps and stay resident once freed.
    Two arenas, a fixed 128 KiB threshold and trimming above 128 KiB free cost no measurable
    speed here and keep about 3 MiB less resident over a form. Call before threads start.
    """
    libc = _glibc()
    if libc is None:
        return False
    import ctypes

    mallopt = libc.mallopt
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    done = [mallopt(param, value) for param, value in (
        (_M_ARENA_MAX, 2), (_M_MMAP_THRESHOLD, 128 * 1024), (_M_TRIM_THRESHOLD, 128 * 1024))]
    return all(done)


def release_unused() -> int:
    """After a person's form is closed: free its leftovers now and hand the freed heap pages
    back to the system (glibc keeps them otherwise), so a kiosk that serves people all day
    starts each form as small as the last. Returns what the collector found."""
    import gc

    found = gc.collect()
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)
    return found


def release_when_gone(obj: object) -> None:
    """Once `obj` (a finished form session) has been destroyed, `release_unused` on the next
    turn of the event loop."""
    from PySide6.QtCore import QTimer

    obj.destroyed.connect(lambda *_: QTimer.singleShot(0, release_unused))  # type: ignore[attr-defined]
