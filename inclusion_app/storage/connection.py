"""Opening the database safely: durable pragmas, an integrity check, and moving a damaged file aside.

A damaged database is never deleted: it is renamed (with its -wal and -shm files) to
`inclusion.sqlite3.damaged-<time>` so a volunteer or an expert can still recover from it, and
the program starts on a fresh file. The notice for the volunteer is returned to the caller.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from inclusion_app.i18n import _
from inclusion_app.storage.api import StorageError, StorageFullError

BUSY_TIMEOUT_S = 10.0


def full_message() -> str:
    """What a person reads when the disk is full (in the current language, so not a constant)."""
    return _("The computer's disk is full, so this could not be saved. Everything saved before "
             "is safe. Please ask a volunteer to free some space, then try again.")


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the settings every writer needs; usable from one worker thread at a time."""
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
    )
    # quick_check first: a damaged header fails here instead of in a pragma below
    row = conn.execute("PRAGMA quick_check").fetchone()
    if row is None or row[0] != "ok":
        conn.close()
        raise sqlite3.DatabaseError("quick_check failed")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")  # per connection: every commit reaches the disk
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA secure_delete=ON")  # purged payload pages are zeroed, not left behind
    conn.execute("PRAGMA temp_store=MEMORY")  # sorts and temporary tables never hit the disk
    return conn


def is_damage(exc: sqlite3.DatabaseError) -> bool:
    """Damage, as opposed to a locked, missing or read-only file (which must not be moved)."""
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc).lower()
        return "malformed" in text or "not a database" in text
    return True


def move_aside(path: Path, now: float | None = None) -> Path:
    """Rename the damaged database and its -wal/-shm beside it; returns the new main name."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    path.rename(target)
    return target


def open_checked(path: Path) -> tuple[sqlite3.Connection, str | None]:
    """Open the database; when damaged, move it aside, start fresh and say so."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return connect(path), None
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise StorageError(
                _("The database could not be opened ({reason}). Close other copies of the program "
                  "and check that the data folder can be written.").format(reason=exc)
            ) from None
    moved = move_aside(path)
    notice = _(
        "The saved data was damaged and could not be read safely. It was kept as {name} "
        "in the data folder (not deleted) and the program started with an empty one. "
        "Please tell a volunteer: drafts and unsent submissions may be in the damaged file."
    ).format(name=moved.name)
    return connect(path), notice


def raise_plain(exc: sqlite3.Error) -> None:
    """Turn a SQLite error into a message a person can read (never with answer values)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code == sqlite3.SQLITE_FULL or "full" in str(exc).lower():
        raise StorageFullError(full_message()) from None
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        raise StorageError(
            _("The database is busy in another window. Please wait a moment and try again.")
        ) from None
    raise StorageError(
        _("The saved data could not be read or written ({kind}). Nothing was changed by this "
          "step; please tell a volunteer if it happens again.").format(kind=type(exc).__name__)
    ) from None
