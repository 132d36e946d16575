"""Writes the "Storage crash test" section of docs/RELIABILITY.md from a full-size run."""

from __future__ import annotations

import platform
import sqlite3
import time
from collections import Counter
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent.parent / "docs" / "RELIABILITY.md"
HEADING = "## Storage crash test"


def write_section(counts: Counter, seconds: float) -> None:
    """Replace only this section, leaving the other areas' sections as they are."""
    rows = "\n".join(f"| {name} | {value} |" for name, value in counts.items())
    section = (
        f"{HEADING}\n\n"
        "`make soak` (tests/storage/test_crash.py): a child process autosaves drafts and "
        "finalizes submissions through the real store and is killed with SIGKILL at a random "
        "moment (0-0.3 s after start-up), 200 times, on a fresh database every 25 kills. After "
        "each kill a fresh store opens the file and checks that every submission the child reported as committed is present and "
        "byte-identical after decryption, that a submission caught mid-finalize is either "
        "wholly present or absent, that every draft decrypts and matches its own checksum, "
        "and that `PRAGMA integrity_check` is ok. The child reports `PRAGMA synchronous` = 2 "
        "(FULL) on its writing connection.\n\n"
        f"Run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.system()} "
        f"{platform.machine()}, Python {platform.python_version()}, SQLite "
        f"{sqlite3.sqlite_version}, {seconds:.0f} s.\n\n"
        "| count | value |\n|---|---|\n"
        f"{rows}\n\n"
        "Result: no reported submission lost or changed, no damaged draft, integrity_check ok "
        "after every kill. A kill \"inside finalize\" landed between the child's `begin` and "
        "`commit` markers (encryption plus the SQLite transaction).\n\n"
        "Limits: SIGKILL tests process death; it does not cut power to the disk. Power loss "
        "is covered by WAL with synchronous=FULL (each commit is fsynced before it returns) "
        "but is not simulated here.\n"
    )
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Reliability\n"
    start = text.find(HEADING)
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + len(HEADING))
        text = text[:start] + section + (text[end + 1 :] if end != -1 else "")
    DOC.write_text(text, encoding="utf-8")
